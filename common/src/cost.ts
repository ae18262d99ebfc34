import type { ApolloServerPlugin } from '@apollo/server';
import {
  getArgumentValues,
  getNamedType,
  GraphQLError,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { coercedVariables, isIncluded } from './access.ts';
import { REFUSALS } from './limits.ts';
import { DEFAULT_PAGE_SIZE } from './page-size.ts';

/**
 * What a query may cost at most, on the gateway and every subgraph: about the number of values it
 * can resolve. A field costs 1 plus what it selects, and a page that times its size: the coerced
 * `first` however it is written (`first: 100` and `first: $n` with n = 100 cost the same), or the
 * default page when none is given, as `readPage` does. Fragments are costed where they are spread,
 * a branch that `@include`/`@skip` drops costs nothing, and so does introspection. graphql-armor's
 * cost rule is a validation rule, run before the variables are known, so it could not do this.
 */
export const MAX_COST = 100_000;

const FIELD_COST = 1;

export function queryCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
  return costOf(schema, document, operation, variables).cost;
}

/** The cost, and whether it read the variables (a directive, or a page size given by a variable). */
function costOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): { cost: number; readVariables: boolean } {
  let readVariables = false;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  // A fragment costs the same wherever it is spread: counted once, so a document of fragments
  // spreading fragments is costed in linear time, however much it multiplies.
  const fragmentCosts = new Map<string, number>();

  const selectionsCost = (selectionSet: SelectionSetNode, type: GraphQLNamedType | undefined): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.directives?.length) readVariables = true;
      if (!isIncluded(selection, variables)) continue;
      if (selection.kind === Kind.FIELD) {
        cost += fieldCost(selection, type);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += selectionsCost(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type);
      } else {
        const name = selection.name.value;
        if (!fragmentCosts.has(name)) {
          fragmentCosts.set(name, 0); // validation refuses cycles; this only stops a loop
          const fragment = fragments.get(name);
          if (fragment) fragmentCosts.set(name, selectionsCost(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value)));
        }
        cost += fragmentCosts.get(name)!;
      }
    }
    return cost;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLNamedType | undefined): number => {
    const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[node.name.value] : undefined;
    // Leaves, __typename and introspection (__schema, __type are no fields of the root type).
    if (!field || !node.selectionSet) return FIELD_COST;
    const inner = selectionsCost(node.selectionSet, getNamedType(field.type));
    let size = 1;
    if (field.args.some((arg) => arg.name === 'first')) {
      if (node.arguments?.some((arg) => arg.name.value === 'first' && arg.value.kind === Kind.VARIABLE)) readVariables = true;
      const { first } = getArgumentValues(field, node, variables);
      size = typeof first === 'number' ? Math.max(first, 1) : DEFAULT_PAGE_SIZE;
    }
    return (FIELD_COST + inner) * size;
  };

  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  const cost = selectionsCost(operation.selectionSet, root ?? undefined);
  return { cost, readVariables };
}

/**
 * The operations found within the limit whatever their variables, by schema: Apollo hands every
 * request with the same text the same parsed document, so such an operation is costed once, not
 * on every request.
 */
const withinLimit = new WeakMap<GraphQLSchema, WeakSet<OperationDefinitionNode>>();

/** Refuses a costly operation with QUERY_TOO_COSTLY once its variables are known. */
export function costLimitPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operation }) {
          if (!operation) return;
          let fits = withinLimit.get(schema);
          if (!fits) withinLimit.set(schema, (fits = new WeakSet()));
          if (fits.has(operation)) return;
          const variables = coercedVariables(schema, operation, request.variables ?? {});
          // Variables that do not coerce: execution refuses them with its own error.
          if (!variables) return;
          const { cost, readVariables } = costOf(schema, document, operation, variables);
          if (cost > MAX_COST) {
            // 400, as when graphql-armor refused it as a validation rule.
            throw new GraphQLError(REFUSALS.QUERY_TOO_COSTLY, { extensions: { code: 'QUERY_TOO_COSTLY', http: { status: 400 } } });
          }
          if (!readVariables) fits.add(operation);
        },
      };
    },
  };
}
