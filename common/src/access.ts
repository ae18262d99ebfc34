import type { ApolloServerPlugin } from '@apollo/server';
import {
  defaultFieldResolver,
  getArgumentValues,
  getDirectiveValues,
  getVariableValues,
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  getNamedType,
  isObjectType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  type InlineFragmentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { ErrorCode } from './errors.ts';
import type { Caller, Role } from './identity.ts';

/**
 * Who may ask for what. Checked twice, by the same rules:
 * - before anything runs, on the whole operation and every fragment it reaches (`checkOperation`),
 *   on the gateway and again on each subgraph;
 * - where the data is resolved, on each subgraph (`protectSchema`): every field of a record type,
 *   their reference resolvers, and `_entities`/`_service`. A document shape the first check does
 *   not foresee still reaches no record.
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

/** Federation's own root fields: the gateway's alone. */
export const GATEWAY_ONLY_FIELDS = new Set(['_entities', '_service']);

export const isOfficer = (caller: Caller) => caller.role !== null && OFFICERS.includes(caller.role);

const forbidden = (field: string, message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN, field } });

const recordRefusal = (type: string, field: string) =>
  forbidden(`${type}.${field}`, `${type} records are for the officers of the organisation; aggregates are public`);
const gatewayOnlyRefusal = (field: string) => forbidden(field, `${field} answers only the gateway`);
const tooManyRepresentations = () => forbidden('_entities', 'too many representations in one request');

export interface AccessOptions {
  /** The subgraph this server is, or null for the gateway. */
  subgraph: string | null;
  /** Whether the request carries the gateway's key for this subgraph. */
  signedByGateway?: (context: unknown) => boolean;
}

/**
 * The decisions already taken, by schema and parsed document: Apollo hands every request with the
 * same text the same DocumentNode from its document store (a bounded LRU), so these entries live
 * as long as that store keeps the document and a new schema starts afresh. Per document, the
 * (operation, role, partner's subgraph, signed) combinations found allowed whatever the variables;
 * a refusal, or a decision that read the variables, is taken again on each request.
 */
const allowedDecisions = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Set<string>>>();

export function accessPlugin<Context extends { caller: Caller }>(options: AccessOptions): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document, schema, request }) {
          if (!operation) return;
          const signed = options.signedByGateway?.(contextValue) ?? false;
          const { caller } = contextValue;
          let byDocument = allowedDecisions.get(schema);
          if (!byDocument) allowedDecisions.set(schema, (byDocument = new WeakMap()));
          const key = `${operation.name?.value ?? ''}\0${caller.role ?? ''}\0${caller.role === 'partner' ? caller.subgraph : ''}\0${signed}`;
          if (byDocument.get(document)?.has(key)) return;
          const { readVariables } = checkOperation(schema, document, operation, caller, options, signed, request.variables ?? {});
          if (readVariables) return;
          let allowed = byDocument.get(document);
          if (!allowed) byDocument.set(document, (allowed = new Set()));
          allowed.add(key);
        },
      };
    },
  };
}

/**
 * The operation's variables as execution will see them (defaults applied, values coerced), so
 * that `@include`/`@skip` and `_entities` are judged on what will run; null when they do not
 * coerce, and execution will not run either.
 */
export function coercedVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, raw: Record<string, unknown>): Record<string, unknown> | null {
  const { coerced, errors } = getVariableValues(schema, operation.variableDefinitions ?? [], raw);
  return errors?.length ? null : (coerced ?? null);
}

/** Whether execution will select `node` (graphql-js's own rule); when unsure, it will. */
export function isIncluded(node: FieldNode | InlineFragmentNode | FragmentSpreadNode, variables: Record<string, unknown> | null): boolean {
  if (!node.directives?.length) return true;
  try {
    const vars = variables ?? {};
    if (getDirectiveValues(GraphQLSkipDirective, node, vars)?.if === true) return false;
    if (getDirectiveValues(GraphQLIncludeDirective, node, vars)?.if === false) return false;
  } catch {
    // A directive that does not coerce fails execution anyway: judge the node as selected.
  }
  return true;
}

/**
 * Visits the operation and every fragment it reaches (named, inline, nested, on any type,
 * root types included), each once, with `TypeInfo`, calling `onField` with every field that
 * execution may select and the type it is selected on.
 */
export function visitSelectedFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | null,
  onField: (node: FieldNode, parentType: string, typeInfo: TypeInfo) => void,
): { readVariables: boolean } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const typeInfo = new TypeInfo(schema);
  const pending: ASTNode[] = [operation];
  const reached = new Set<string>();
  let readVariables = false;
  const included = (node: FieldNode | InlineFragmentNode | FragmentSpreadNode) => {
    if (node.directives?.length) readVariables = true;
    return isIncluded(node, variables);
  };
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      if (!included(node)) return false;
      onField(node, typeInfo.getParentType()?.name ?? '', typeInfo);
      return undefined;
    },
    InlineFragment(node) {
      return included(node) ? undefined : false;
    },
    FragmentSpread(node) {
      const name = node.name.value;
      const fragment = fragments.get(name);
      if (fragment && !reached.has(name) && included(node)) {
        reached.add(name);
        pending.push(fragment);
      }
    },
  });
  for (let next = pending.pop(); next; next = pending.pop()) visit(next, visitor);
  return { readVariables };
}

export function checkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  caller: Caller,
  options: AccessOptions,
  signed: boolean,
  rawVariables: Record<string, unknown>,
): { readVariables: boolean } {
  const refused = callerRefusal(caller, options);
  if (refused) throw refused;
  const variables = coercedVariables(schema, operation, rawVariables);
  let representations = 0;
  let countedRepresentations = false;
  const visited = visitSelectedFields(schema, document, operation, variables, (node, parent, typeInfo) => {
    const name = node.name.value;
    const refusal = fieldRefusal(schema, parent, name, caller, options, signed);
    if (refusal) throw refusal;
    if (name === '_entities' && options.subgraph !== null && parent === schema.getQueryType()?.name) {
      countedRepresentations = true;
      representations += representationCount(node, typeInfo, variables);
      if (representations > MAX_REPRESENTATIONS) throw tooManyRepresentations();
    }
  });
  // Whether the decision rests on the variables, and so holds for this request only.
  return { readVariables: visited.readVariables || countedRepresentations };
}

/** Why this caller may send nothing at all to this service (a partner anywhere but its subgraph); null when it may. */
export function callerRefusal(caller: Caller, options: AccessOptions): GraphQLError | null {
  if (caller.role !== 'partner') return null;
  if (options.subgraph === null) return forbidden('', 'a partner calls its subgraph directly, not the gateway');
  if (caller.subgraph !== options.subgraph) return forbidden('', 'this partner token is for another subgraph');
  return null;
}

/**
 * Why this caller may not select `field` on `parentType` here, whatever its arguments; null when
 * it may. The one copy of the field rules: `checkOperation` applies it to each selected field, and
 * `npm run compose` to every field of a subgraph, to print what a partner may query there.
 */
/**
 * Root fields whose every answer is for officers: an audit trail (common/src/audit-trail.ts) lists
 * who changed what, so not even its page of cursors goes to another caller. The resolver still
 * checks the officer's scope.
 */
const OFFICERS_ONLY_RESULTS = new Set(['AuditEntryConnection']);

function officersOnlyResult(schema: GraphQLSchema, field: string): boolean {
  const definition = schema.getQueryType()?.getFields()[field];
  return definition !== undefined && OFFICERS_ONLY_RESULTS.has(getNamedType(definition.type).name);
}

export function fieldRefusal(schema: GraphQLSchema, parentType: string, field: string, caller: Caller, options: AccessOptions, signed: boolean): GraphQLError | null {
  const officer = isOfficer(caller);
  if (!officer && parentType === schema.getMutationType()?.name) return forbidden(field, 'only an officer of the organisation may write to it');
  if (!officer && RECORD_TYPES.has(parentType)) return recordRefusal(parentType, field);
  if (!officer && parentType === schema.getQueryType()?.name && officersOnlyResult(schema, field)) return forbidden(field, 'only officers and national administrators read who changed what');
  if (options.subgraph !== null && !signed && parentType === schema.getQueryType()?.name && GATEWAY_ONLY_FIELDS.has(field)) return gatewayOnlyRefusal(field);
  return null;
}

/** The length of the coerced `representations` argument, however it is written. */
function representationCount(node: FieldNode, typeInfo: TypeInfo, variables: Record<string, unknown> | null): number {
  const field = typeInfo.getFieldDef();
  if (!field) return 0;
  try {
    const value = getArgumentValues(field, node, variables ?? {}).representations;
    return Array.isArray(value) ? value.length : 0;
  } catch {
    return 0; // an argument that does not coerce fails execution, and the resolver counts too
  }
}

interface ResolveContext {
  caller: Caller;
  signedByGateway?: boolean;
}

const PROTECTED = Symbol('hoi.protected');
type Resolver = GraphQLFieldResolver<unknown, ResolveContext> & { [PROTECTED]?: true };

/** Representations resolved so far in each request (keyed by the request's context object). */
const representationsSeen = new WeakMap<object, number>();

/**
 * The same rules where the data is resolved, on a subgraph's schema (in place, once): every field
 * of a record type and its reference resolver refuse a caller who is not an officer; `_entities`
 * and `_service` answer only a request signed by the gateway, and `_entities` resolves at most
 * `MAX_REPRESENTATIONS` per request, counted on the arguments it really receives. Only these
 * fields are wrapped: the public ones keep their resolvers as they are.
 */
export function protectSchema(schema: GraphQLSchema): GraphQLSchema {
  for (const typeName of RECORD_TYPES) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      field.resolve = guard(field.resolve, (context) => {
        if (!isOfficer(context.caller)) throw recordRefusal(typeName, field.name);
      });
    }
    const subgraph = (type.extensions as { apollo?: { subgraph?: { resolveReference?: (reference: unknown, context: ResolveContext, info: unknown) => unknown } } }).apollo?.subgraph;
    const resolveReference = subgraph?.resolveReference;
    if (subgraph && resolveReference && !(resolveReference as Resolver)[PROTECTED]) {
      subgraph.resolveReference = Object.assign(
        (reference: unknown, context: ResolveContext, info: unknown) => {
          if (!isOfficer(context.caller)) throw recordRefusal(typeName, '__resolveReference');
          return resolveReference(reference, context, info);
        },
        { [PROTECTED]: true as const },
      );
    }
  }
  const queryFields = schema.getQueryType()?.getFields() ?? {};
  for (const name of GATEWAY_ONLY_FIELDS) {
    const field = queryFields[name];
    if (!field) continue;
    field.resolve = guard(field.resolve, (context, args) => {
      if (context.signedByGateway !== true) throw gatewayOnlyRefusal(name);
      if (name !== '_entities') return;
      const count = (representationsSeen.get(context) ?? 0) + (Array.isArray(args.representations) ? args.representations.length : 0);
      representationsSeen.set(context, count);
      if (count > MAX_REPRESENTATIONS) throw tooManyRepresentations();
    });
  }
  return schema;
}

function guard(resolve: Resolver | undefined, check: (context: ResolveContext, args: Record<string, unknown>) => void): Resolver {
  const inner: Resolver = resolve ?? defaultFieldResolver;
  if (inner[PROTECTED]) return inner;
  const guarded: Resolver = (source, args, context, info) => {
    check(context, args);
    return inner(source, args, context, info);
  };
  guarded[PROTECTED] = true;
  return guarded;
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
