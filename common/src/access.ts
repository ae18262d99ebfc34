import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, TypeInfo, visit, visitWithTypeInfo, type FieldNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { ErrorCode } from './errors.ts';
import type { Caller, Role } from './identity.ts';

/**
 * Who may ask for what, checked on the whole operation before anything runs — on the gateway and
 * again on each subgraph, where `_entities` selections are checked like any other field, so a
 * reference cannot reach what a root query could not.
 *
 * - Anyone, without a token: the public fields — every type but the individual records below.
 * - analyst (all units) and partner (its one subgraph, called directly): the same, read-only.
 * - The officers: everything; each mutation then checks that the caller's scope covers the
 *   organisation it writes to, and a person's sensitive fields check the club's managers.
 */
export const OFFICERS: readonly Role[] = ['national_admin', 'chapter_officer', 'association_officer', 'club_manager', 'cluster_secretary'];

/** Individual records, about a person or one transaction: not aggregates, so officers only. */
export const RECORD_TYPES = new Set(['ClubMember', 'FundEntry', 'ReliefActivity', 'BloodUnitReceipt', 'BloodDonationAwarenessRound']);

/** Representations a subgraph resolves in one request, at most: a gateway plan never needs more. */
export const MAX_REPRESENTATIONS = 2_000;

export const isOfficer = (caller: Caller) => caller.role !== null && OFFICERS.includes(caller.role);

const forbidden = (field: string, message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN, field } });

interface AccessOptions {
  /** The subgraph this server is, or null for the gateway. */
  subgraph: string | null;
  /** Whether the request carries the gateway's key for this subgraph. */
  signedByGateway?: (context: unknown) => boolean;
}

export function accessPlugin<Context extends { caller: Caller }>(options: AccessOptions): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, schema, request }) {
          if (!operation) return;
          checkOperation(schema, operation, contextValue.caller, options, options.signedByGateway?.(contextValue) ?? false, request.variables ?? {});
        },
      };
    },
  };
}

function checkOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  caller: Caller,
  options: AccessOptions,
  signed: boolean,
  variables: Record<string, unknown>,
): void {
  if (caller.role === 'partner') {
    if (options.subgraph === null) throw forbidden('', 'a partner calls its subgraph directly, not the gateway');
    if (caller.subgraph !== options.subgraph) throw forbidden('', 'this partner token is for another subgraph');
  }
  const officer = isOfficer(caller);
  if (operation.operation === 'mutation' && !officer) {
    const first = operation.selectionSet.selections.find((selection): selection is FieldNode => selection.kind === Kind.FIELD);
    throw forbidden(first?.name.value ?? '', 'only an officer of the organisation may write to it');
  }
  const typeInfo = new TypeInfo(schema);
  visit(
    operation,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType()?.name ?? '';
        const name = node.name.value;
        if (options.subgraph !== null && (name === '_entities' || name === '_service') && parent === schema.getQueryType()?.name) {
          if (!signed) throw forbidden(name, `${name} answers only the gateway`);
          if (name === '_entities') checkRepresentations(node, variables);
        }
        if (!officer && RECORD_TYPES.has(parent)) {
          throw forbidden(`${parent}.${name}`, `${parent} records are for the officers of the organisation; aggregates are public`);
        }
      },
    }),
  );
}

function checkRepresentations(node: FieldNode, variables: Record<string, unknown>): void {
  const argument = node.arguments?.find((arg) => arg.name.value === 'representations');
  let count = 0;
  if (argument?.value.kind === Kind.VARIABLE) {
    const value = variables[argument.value.name.value];
    count = Array.isArray(value) ? value.length : 0;
  } else if (argument?.value.kind === Kind.LIST) {
    count = argument.value.values.length;
  }
  if (count > MAX_REPRESENTATIONS) throw forbidden('_entities', 'too many representations in one request');
}

/**
 * A write is allowed to a national administrator, or to a caller holding one of `roles` over the
 * target organisation or one above it (`covering`: the target and its ancestors, nearest first).
 * Refused with FORBIDDEN on `field`, the input field that names the target.
 */
export function requireWriteScope(caller: Caller, roles: readonly Role[], covering: readonly string[], field: string): void {
  if (caller.role === 'national_admin') return;
  if (caller.role && roles.includes(caller.role) && covering.some((id) => caller.scopeIds.includes(id))) return;
  throw forbidden(field, 'the caller\'s scope does not cover this organisation');
}
