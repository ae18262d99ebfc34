import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { GatewayPlugin } from '@graphql-hive/gateway';
import { getOperationAST, GraphQLError, type ExecutionResult } from 'graphql';
import { coercedVariables } from '../common/src/access.ts';
import { MAX_COST, queryCost } from '../common/src/cost.ts';
import { ARMOR_SETTINGS, limitRefusal, MAX_TOKENS, REFUSALS } from '../common/src/limits.ts';

/**
 * @apollo/gateway's own limits, as Hive Gateway plugins, from the same rules: graphql-armor's
 * settings, graphql-js's token limit, the cost of an operation once its variables are known, and
 * each refusal's stable code. Without them each subgraph still refuses its own fetch, but field by
 * field, where @apollo/gateway refuses the whole operation before planning it.
 */
export function gatewayLimits(): GatewayPlugin[] {
  return [
    EnvelopArmorPlugin(ARMOR_SETTINGS) as GatewayPlugin,
    {
      onParse({ parseFn, setParseFn }) {
        setParseFn((source, options) => parseFn(source, { ...options, maxTokens: MAX_TOKENS }));
      },
    },
    {
      onExecute({ args, setResultAndStopExecution }) {
        const operation = getOperationAST(args.document, args.operationName);
        if (!operation) return;
        const variables = coercedVariables(args.schema, operation, args.variableValues ?? {});
        if (variables && queryCost(args.schema, args.document, operation, variables) > MAX_COST) {
          setResultAndStopExecution({ errors: [new GraphQLError(REFUSALS.QUERY_TOO_COSTLY, { extensions: { code: 'QUERY_TOO_COSTLY', http: { status: 400 } } })] });
        }
      },
    },
    {
      onResultProcess({ result, setResult }) {
        const single = result as ExecutionResult;
        if (Array.isArray(result) || !single?.errors?.length) return;
        const errors = single.errors.map((error) => {
          const refusal = limitRefusal({ message: error.message });
          return refusal ? new GraphQLError(refusal.message, { nodes: error.nodes, extensions: { ...refusal.extensions, http: { status: 400 } } }) : error;
        });
        setResult({ ...single, errors });
      },
    },
  ];
}
