import { readFileSync } from 'node:fs';
import {
  buildASTSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  parse,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MAX_REPRESENTATIONS, RECORD_TYPES } from '@hoi/common/access';
import { stableId } from '@hoi/common/ids';
import type { Role } from '@hoi/common/identity';
import { seedChapterTree } from '../subgraphs/red-cross/src/chapter/chapter.seed.ts';
import { withDatabase } from './database.ts';
import { graphql, subgraphUrl, tokenFor, type GraphQLResponse } from './graphql.ts';

/**
 * The access rules, tried every way a document can be written: every protected field (derived
 * from the committed subgraph schemas) × every document shape × every role × every path. The
 * expected outcome of each case follows from the README's rules (the role table and the
 * record-type rules, written out below), never from a per-case table.
 */

// ---------------------------------------------------------------------------------------------
// The rules, as the README states them.

/** "Individual records — … — are for the officer roles only." */
const README_RECORD_TYPES = ['ClubMember', 'FundEntry', 'ReliefActivity', 'BloodUnitReceipt', 'BloodDonationAwarenessRound'];
const OFFICER_ROLES: Role[] = ['national_admin', 'chapter_officer', 'association_officer', 'club_manager', 'cluster_secretary'];

interface Caller {
  name: string;
  role: Role | null;
  scope: () => string[];
  /** For a partner: whether its token is for the subgraph that owns the field. */
  partnerOf?: 'own' | 'other';
}

const isOfficer = (caller: Caller) => caller.role !== null && OFFICER_ROLES.includes(caller.role);

/** "A club member's birth date, ethnic group and poverty status resolve only for the club's club_manager or an association_officer of its unit or one above." */
const readsPersonalData = (caller: Caller) =>
  (caller.role === 'club_manager' && caller.scope().includes(CLUB))
  || (caller.role === 'association_officer' && CLUB_MANAGING_UNITS.some((unit) => caller.scope().includes(unit)));

/** "chapter_officer: Red Cross writes in its subtree"; national_admin: anything. */
const writesToChapter = (caller: Caller, chain: string[]) =>
  caller.role === 'national_admin' || (caller.role === 'chapter_officer' && chain.some((id) => caller.scope().includes(id)));

// ---------------------------------------------------------------------------------------------
// The demo data the cases read, and a chapter tree of this test's own that the write-only records
// are written to.

const LAO_CAI = stableId('red-cross:lao-cai');
const BAC_GIANG = stableId('red-cross:bac-giang');
const LAI_CHAU = stableId('elderly:lai-chau');
const THAI_NGUYEN = stableId('elderly:thai-nguyen');
/** Club 02 of Lai Châu: members, and a fund ledger with loans. */
const CLUB = stableId('elderly:lai-chau:club:02');
const OTHER_CLUB = stableId('elderly:lai-chau:club:03');
const CLUB_MANAGING_UNITS = [LAI_CHAU];
const CLUSTER = stableId('emulation:red-cross-midland-northern-mountain-2022');
const OTHER_CLUSTER = stableId('emulation:binh-thuan-bloc-8-2024');
const ENTITY_IDS: Record<string, string> = {
  Club: CLUB,
  Chapter: LAO_CAI,
  ElderlyAssociation: LAI_CHAU,
  EmulationCluster: CLUSTER,
  Campaign: stableId('red-cross:campaign:tet-nhan-ai'),
  AdministrativeUnit: 'CURRENT:01',
};
let writeChain: string[] = [];
const writeChapter = () => writeChain[0];

/** Inputs of the mutations that are the only way to a record type. */
const MUTATION_INPUTS: Record<string, () => Record<string, unknown>> = {
  recordBloodUnitsReceived: () => ({ chapterId: writeChapter(), receivedOn: '2024-06-01', units: 3, kind: 'PLANNED', note: 'authz matrix' }),
  recordBloodDonationAwarenessRound: () => ({ chapterId: writeChapter(), heldOn: '2024-06-01', note: 'authz matrix' }),
};

const CALLERS: Caller[] = [
  { name: 'anonymous', role: null, scope: () => [] },
  { name: 'analyst', role: 'analyst', scope: () => [] },
  { name: 'partner of the subgraph', role: 'partner', scope: () => [], partnerOf: 'own' },
  { name: 'partner of another subgraph', role: 'partner', scope: () => [], partnerOf: 'other' },
  { name: 'national_admin', role: 'national_admin', scope: () => [] },
  { name: 'chapter_officer in scope', role: 'chapter_officer', scope: () => [LAO_CAI, writeChain.at(-1)!] },
  { name: 'chapter_officer out of scope', role: 'chapter_officer', scope: () => [BAC_GIANG] },
  { name: 'association_officer in scope', role: 'association_officer', scope: () => [LAI_CHAU] },
  { name: 'association_officer out of scope', role: 'association_officer', scope: () => [THAI_NGUYEN] },
  { name: 'club_manager in scope', role: 'club_manager', scope: () => [CLUB] },
  { name: 'club_manager out of scope', role: 'club_manager', scope: () => [OTHER_CLUB] },
  { name: 'cluster_secretary in scope', role: 'cluster_secretary', scope: () => [CLUSTER] },
  { name: 'cluster_secretary out of scope', role: 'cluster_secretary', scope: () => [OTHER_CLUSTER] },
];

// ---------------------------------------------------------------------------------------------
// The protected fields, from the committed schema of each subgraph.

const SUBGRAPHS = ['places', 'red-cross', 'elderly', 'emulation'];
const schemas = new Map<string, GraphQLSchema>(
  SUBGRAPHS.map((name) => [name, buildASTSchema(parse(readFileSync(new URL(`../schema/${name}.graphql`, import.meta.url), 'utf8')), { assumeValid: true, assumeValidSDL: true })]),
);

/** One field of a selection: the name, its arguments (written as literals or as variables), and the type it is selected on. */
interface Level {
  name: string;
  parent: string;
  args: { name: string; type: GraphQLInputType; value: unknown }[];
  /** The named type of the field. */
  type: GraphQLNamedType;
  /** For `_entities`: the type its selections are on, or each leaf on its own type. */
  on?: string;
  /** The response key, when the field is always aliased. */
  alias?: string;
}

/** `on` of an `_entities` level whose leaves are each on their own type. */
const EACH_LEAF = 'each leaf';

type TargetKind = 'record' | 'personal data' | '_entities' | '_service';
interface Target {
  kind: TargetKind;
  subgraph: string;
  label: string;
  /** Protected fields reached the same way, asked for in one request where every one is allowed. */
  group: string;
  /** From the root field to the type of the protected field. */
  prefix: Level[];
  /** The protected field. */
  leaf: Level;
  /** The entity type the record is reached from, for the `_entities` paths; none when only a mutation reaches it. */
  entity?: string;
  /** Written by a mutation: the chapters whose officers may write it. */
  writes?: true;
}

const fieldLevel = (schema: GraphQLSchema, parent: string, name: string, values: Record<string, unknown> = {}): Level => {
  const type = schema.getType(parent);
  if (!isObjectType(type)) throw new Error(`${parent} is not an object type`);
  const field = type.getFields()[name];
  return {
    name,
    parent,
    type: getNamedType(field.type),
    args: field.args.filter((arg) => arg.name in values).map((arg) => ({ name: arg.name, type: arg.type, value: values[arg.name] })),
  };
};

/** The root field that reads an entity by id (`club(id:)`), if the subgraph has one. */
const readById = (schema: GraphQLSchema, entity: string) =>
  Object.values(schema.getQueryType()!.getFields()).find(
    (field) => getNamedType(field.type).name === entity && field.args.length === 1 && field.args[0].name === 'id' && isNonNullType(field.args[0].type),
  );

/**
 * The shortest way from `from` to `to` through single objects and Relay connections (one node a
 * page), by fields that need no argument but a page size.
 */
function chainTo(schema: GraphQLSchema, from: string, to: string): { parent: string; name: string }[] | null {
  const queue: { type: string; chain: { parent: string; name: string }[] }[] = [{ type: from, chain: [] }];
  const seen = new Set([from]);
  while (queue.length) {
    const { type, chain } = queue.shift()!;
    if (type === to) return chain;
    const named = schema.getType(type);
    if (!isObjectType(named)) continue;
    for (const field of Object.values(named.getFields())) {
      if (field.args.some((arg) => isNonNullType(arg.type) && arg.name !== 'first')) continue;
      if (isListType(getNullableType(field.type)) && !field.args.some((arg) => arg.name === 'first') && !type.endsWith('Connection')) continue;
      const next = getNamedType(field.type).name;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push({ type: next, chain: [...chain, { parent: type, name: field.name }] });
    }
  }
  return null;
}

const withPage = (schema: GraphQLSchema, step: { parent: string; name: string }) => {
  const type = schema.getType(step.parent);
  const paged = isObjectType(type) && type.getFields()[step.name].args.some((arg) => arg.name === 'first');
  return fieldLevel(schema, step.parent, step.name, paged ? { first: 1 } : {});
};

/** The protected field itself, with a selection of its own when it is an object. */
const leafLevel = (schema: GraphQLSchema, parent: string, name: string) => fieldLevel(schema, parent, name);

function protectedTargets(): Target[] {
  const targets: Target[] = [];
  for (const [subgraph, schema] of schemas) {
    const query = schema.getQueryType()!;
    for (const recordType of RECORD_TYPES) {
      const type = schema.getType(recordType);
      if (!isObjectType(type)) continue;
      // From an entity the subgraph reads by id (so `_entities` reaches it too), or else from the mutation that writes it.
      const anchors = Object.keys(ENTITY_IDS)
        .filter((entity) => readById(schema, entity) && schema.getType(entity))
        .map((entity) => ({ entity, chain: chainTo(schema, entity, recordType) }))
        .filter((anchor): anchor is { entity: string; chain: { parent: string; name: string }[] } => anchor.chain !== null)
        .sort((a, b) => a.chain.length - b.chain.length);
      let prefix: Level[];
      let entity: string | undefined;
      if (anchors.length) {
        entity = anchors[0].entity;
        prefix = [fieldLevel(schema, query.name, readById(schema, entity)!.name, { id: ENTITY_IDS[entity] }), ...anchors[0].chain.map((step) => withPage(schema, step))];
      } else {
        const mutation = Object.values(schema.getMutationType()?.getFields() ?? {}).find((field) => getNamedType(field.type).name === recordType && MUTATION_INPUTS[field.name]);
        if (!mutation) throw new Error(`no read, and no mutation with an input here, reaches ${recordType}: add one to the matrix`);
        prefix = [fieldLevel(schema, schema.getMutationType()!.name, mutation.name, { input: MUTATION_INPUTS[mutation.name]() })];
      }
      for (const field of Object.values(type.getFields())) {
        const personal = recordType === 'ClubMember' && /Personal data/.test(field.description ?? '');
        targets.push({
          kind: personal ? 'personal data' : 'record',
          subgraph,
          label: `${recordType}.${field.name}`,
          group: `${subgraph} ${recordType}`,
          prefix,
          leaf: leafLevel(schema, recordType, field.name),
          entity,
          writes: anchors.length ? undefined : true,
        });
      }
    }
    // One representation of every entity type of the subgraph; each type's __typename under a key of its own.
    const entities = schema.getType('_Entity');
    const entityTypes = isUnionType(entities) ? entities.getTypes() : [];
    for (const entity of entityTypes) if (!ENTITY_IDS[entity.name]) throw new Error(`no id for the entity type ${entity.name}: add one to the matrix`);
    const representations = entityTypes.map((entity) => ({ __typename: entity.name, id: ENTITY_IDS[entity.name] }));
    const root = { ...fieldLevel(schema, query.name, '_entities', { representations }), on: EACH_LEAF };
    for (const entity of entityTypes) {
      const leaf = { name: '__typename', alias: `typename${entity.name}`, parent: entity.name, args: [], type: schema.getType('String')! };
      targets.push({ kind: '_entities', subgraph, label: `_entities of ${entity.name}`, group: `${subgraph} _entities`, prefix: [root], leaf });
    }
    targets.push({ kind: '_service', subgraph, label: '_service', group: `${subgraph} _service`, prefix: [fieldLevel(schema, query.name, '_service')], leaf: fieldLevel(schema, '_Service', 'sdl') });
  }
  return targets;
}

// ---------------------------------------------------------------------------------------------
// Document shapes.

const SHAPES = ['plain', 'aliased', 'named fragment', 'inline fragment', 'nested fragments', 'fragment on the root type', '@include(if: $yes)', '@skip(if: $no)', 'variables'] as const;
type Shape = (typeof SHAPES)[number];

interface Document {
  query: string;
  variables: Record<string, unknown>;
  /** Where each case's protected field is in `data`, case by case. */
  paths: string[][];
}

/** A value written into the document (astFromValue cannot write `_Any` objects). */
function literal(value: unknown, type: GraphQLInputType): string {
  const nullable = getNullableType(type);
  const named = getNamedType(type);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((item) => literal(item, isListType(nullable) ? nullable.ofType : type)).join(', ')}]`;
  if (isEnumType(named)) return String(value);
  if (typeof value === 'object') {
    return `{ ${Object.entries(value).map(([key, item]) => `${key}: ${literal(item, isInputObjectType(named) ? named.getFields()[key].type : named)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

/** Protected fields of one type, reached the same way: `leaves` at the end of `prefix`. */
interface Part {
  prefix: Level[];
  leaves: Level[];
}

/**
 * One operation selecting every part at its root, written in `shape`; each leaf separately (its
 * own fragment, directive, alias). `paths[p][k]`: where leaf k of part p is in `data`.
 */
function render(parts: Part[], shape: Shape, operation: 'query' | 'mutation'): { query: string; variables: Record<string, unknown>; paths: string[][][] } {
  const variables: Record<string, unknown> = {};
  const definitions = new Set<string>();
  const fragments: string[] = [];
  const selections: string[] = [];
  const paths = parts.map(({ prefix, leaves }, p) => {
    const depth = prefix.length;
    const levelAt = (i: number, k: number) => (i === depth ? leaves[k] : prefix[i]);
    const key = (i: number, k: number) => (shape === 'aliased' ? `${i === depth ? `l${k}` : `a${p}_${i}`}_${levelAt(i, k).name}` : (levelAt(i, k).alias ?? levelAt(i, k).name));
    const args = (level: Level, i: number) => {
      if (!level.args.length) return '';
      const written = level.args.map((arg) => {
        if (shape === 'variables') {
          const name = `v${p}_${i}_${arg.name}`;
          variables[name] = arg.value;
          definitions.add(`$${name}: ${String(arg.type)}`);
          return `${arg.name}: $${name}`;
        }
        return `${arg.name}: ${literal(arg.value, arg.type)}`;
      });
      return `(${written.join(', ')})`;
    };
    const selection = (i: number, k: number): string => {
      const level = levelAt(i, k);
      const name = key(i, k) === level.name ? level.name : `${key(i, k)}: ${level.name}`;
      let directive = '';
      if (i === depth && shape === '@include(if: $yes)') {
        variables.yes = true;
        definitions.add('$yes: Boolean!');
        directive = ' @include(if: $yes)';
      }
      if (i === depth && shape === '@skip(if: $no)') {
        variables.no = false;
        definitions.add('$no: Boolean!');
        directive = ' @skip(if: $no)';
      }
      let body = '';
      if (i < depth) {
        let inner: string;
        if (i + 1 < depth) inner = spread(i + 1, 0);
        else if (level.on === EACH_LEAF) inner = leaves.map((leaf, leafIndex) => `... on ${leaf.parent} { ${spread(depth, leafIndex)} }`).join(' ');
        else inner = leaves.map((_, leafIndex) => spread(depth, leafIndex)).join(' ');
        if (level.on && level.on !== EACH_LEAF) inner = `... on ${level.on} { ${inner} }`;
        body = ` { ${inner} }`;
      } else if (!isLeafType(level.type)) {
        body = ' { __typename }';
      }
      return `${name}${args(level, i)}${directive}${body}`;
    };
    /** How the selection of level i is written into its parent's selection set. */
    const spread = (i: number, k: number): string => {
      const level = levelAt(i, k);
      // Nested: the leaf's fragment inside its parent's, inside its grandparent's (deeper would pass the depth limit).
      if ((shape === 'nested fragments' && i >= depth - 2 && i > 0) || (i === 0 && shape === 'fragment on the root type') || (i === depth && shape === 'named fragment')) {
        const fragment = `F${p}_${i}_${k}`;
        fragments.push(`fragment ${fragment} on ${level.parent} { ${selection(i, k)} }`);
        return `...${fragment}`;
      }
      if (i === depth && shape === 'inline fragment') return `... on ${level.parent} { ${selection(i, k)} }`;
      return selection(i, k);
    };
    selections.push(spread(0, 0));
    return leaves.map((_, k) => [...prefix.map((_, i) => key(i, k)), key(depth, k)]);
  });
  const head = definitions.size ? `${operation} (${[...definitions].join(', ')})` : operation;
  const query = [`${head} { ${selections.join(' ')} }`, ...fragments.reverse()].join('\n');
  return { query, variables, paths };
}

/** Every value at `path` in `data`, through lists. */
function valuesAt(data: unknown, path: string[]): unknown[] {
  let values: unknown[] = [data];
  for (const key of path) {
    values = values.flatMap((value) => (Array.isArray(value) ? value : [value])).flatMap((value) => (value && typeof value === 'object' && key in value ? [(value as Record<string, unknown>)[key]] : []));
  }
  return values.flatMap((value) => (Array.isArray(value) ? value : [value]));
}

// ---------------------------------------------------------------------------------------------
// Paths, and the outcome the rules give.

const PATHS = ['gateway', 'subgraph', '_entities with the gateway key', '_entities without the key'] as const;
type Path = (typeof PATHS)[number];

const pathsOf = (target: Target): Path[] => {
  if (target.kind === '_entities' || target.kind === '_service') return ['gateway', '_entities with the gateway key', '_entities without the key'];
  return target.entity ? [...PATHS] : ['gateway', 'subgraph'];
};

/** Reaches the protected field from `_entities` of the entity the target's chain starts from. */
function throughEntities(target: Target): Level[] {
  const schema = schemas.get(target.subgraph)!;
  const [, ...rest] = target.prefix;
  const root = fieldLevel(schema, schema.getQueryType()!.name, '_entities', { representations: [{ __typename: target.entity, id: ENTITY_IDS[target.entity!] }] });
  return [{ ...root, on: target.entity }, ...rest];
}

type Expected =
  | { outcome: 'value' }
  /** Refused whole; `field` for a write refused by the mutation's own scope check, as it runs. */
  | { outcome: 'refused'; code: 'FORBIDDEN' | 'GRAPHQL_VALIDATION_FAILED'; field?: string }
  /** Refused on the field while the rest of the answer comes back (a person's data). */
  | { outcome: 'field refused'; field: string };

function expected(target: Target, caller: Caller, path: Path): Expected {
  const federation = target.kind === '_entities' || target.kind === '_service';
  if (path === 'gateway' && federation) return { outcome: 'refused', code: 'GRAPHQL_VALIDATION_FAILED' };
  // A partner calls its one subgraph directly, never the gateway.
  if (caller.role === 'partner' && (path === 'gateway' || caller.partnerOf === 'other')) return { outcome: 'refused', code: 'FORBIDDEN' };
  // _entities and _service answer only the gateway.
  if (path === '_entities without the key') return { outcome: 'refused', code: 'FORBIDDEN' };
  if (federation) return { outcome: 'value' };
  // Individual records are for the officers.
  if (!isOfficer(caller)) return { outcome: 'refused', code: 'FORBIDDEN' };
  if (target.writes && !writesToChapter(caller, writeChain)) return { outcome: 'refused', code: 'FORBIDDEN', field: 'chapterId' };
  if (target.kind === 'personal data' && !readsPersonalData(caller)) return { outcome: 'field refused', field: target.label.split('.')[1] };
  return { outcome: 'value' };
}

// ---------------------------------------------------------------------------------------------
// Running the cases.

interface Case {
  target: Target;
  shape: Shape;
  caller: Caller;
  path: Path;
}

const tokens = new Map<string, Promise<string | null>>();
const tokenOf = (caller: Caller, subgraph: string) => {
  const partnerSubgraph = caller.partnerOf === 'own' ? subgraph : caller.partnerOf === 'other' ? SUBGRAPHS.find((name) => name !== subgraph)! : undefined;
  const key = `${caller.name}:${partnerSubgraph ?? ''}`;
  if (!tokens.has(key)) {
    tokens.set(key, caller.role === null ? Promise.resolve(null) : tokenFor({ role: caller.role, scope: caller.scope(), subgraph: partnerSubgraph, subject: `matrix-${caller.name}` }));
  }
  return tokens.get(key)!;
};

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

interface Failure {
  case: string;
  expected: Expected;
  got: GraphQLResponse;
}

/**
 * The cases asked in one request: the protected fields of one type (or `_entities` of every
 * entity type of a subgraph) reached the same way, for one shape, caller and path; each field is
 * judged on its own value and errors in the answer.
 */
const isFederation = (target: Target) => target.kind === '_entities' || target.kind === '_service';

/**
 * `_entities` and `_service` of a subgraph share one rule, and one request; on the gateway, which
 * has neither, those of every subgraph.
 */
const requestGroup = ({ target, path }: Case) => {
  if (!isFederation(target)) return target.group;
  return path === 'gateway' ? 'gateway federation' : `${target.subgraph} federation`;
};

function requestsOf(cases: Case[]): Case[][] {
  const together = new Map<string, Case[]>();
  for (const item of cases) {
    const key = `${requestGroup(item)}|${item.shape}|${item.caller.name}|${item.path}`;
    together.set(key, [...(together.get(key) ?? []), item]);
  }
  return [...together.values()];
}

const documentOf = (cases: Case[]): Document => {
  const { target, shape, path } = cases[0];
  const groups = [...new Set(cases.map((item) => item.target.group))];
  const parts = groups.map((group) => {
    const members = cases.filter((item) => item.target.group === group);
    const first = members[0].target;
    return { prefix: path.startsWith('_entities') && first.entity ? throughEntities(first) : first.prefix, leaves: members.map((item) => item.target.leaf), members };
  });
  const operation = parts[0].prefix[0].parent === schemas.get(target.subgraph)!.getMutationType()?.name ? 'mutation' : 'query';
  const { query, variables, paths } = render(parts, shape, operation);
  const pathOf = new Map(parts.flatMap((part, p) => part.members.map((item, k) => [item, paths[p][k]] as const)));
  return { query, variables, paths: cases.map((item) => pathOf.get(item)!) };
};

/** The request id of every request the gateway must refuse itself: no subgraph may see it. */
const REFUSED_AT_GATEWAY = `authz-refused-at-gateway-${Date.now()}`;

const send = async (cases: Case[], document: Document, url: string) => {
  const { target, caller, path } = cases[0];
  const want = expected(target, caller, path);
  const refusedAtGateway = path === 'gateway' && want.outcome === 'refused' && !want.field;
  return graphql(url, document.query, document.variables, refusedAtGateway ? REFUSED_AT_GATEWAY : undefined, {
    token: await tokenOf(caller, target.subgraph),
    asGatewayTo: path === '_entities with the gateway key' ? target.subgraph : undefined,
  });
};

const present = (value: unknown) => value !== null && value !== undefined;

async function runRequest(cases: Case[], urls: { gateway: string; subgraph: (name: string) => string }): Promise<Failure[]> {
  const document = documentOf(cases);
  const result = await send(cases, document, cases[0].path === 'gateway' ? urls.gateway : urls.subgraph(cases[0].target.subgraph));
  const wants = cases.map((item) => expected(item.target, item.caller, item.path));
  const refusedKeys = new Set(cases.flatMap((_, k) => (wants[k].outcome === 'field refused' ? [document.paths[k].at(-1)] : [])));
  const errorsAt = (key: string | undefined) => (result.errors ?? []).filter((error) => error.path?.at(-1) === key);
  const failures: Failure[] = [];
  cases.forEach((item, k) => {
    const want = wants[k];
    const key = document.paths[k].at(-1);
    const values = valuesAt(result.data, document.paths[k]);
    let ok: boolean;
    if (want.outcome === 'value') {
      const parent = schemas.get(item.target.subgraph)!.getType(item.target.leaf.parent);
      const field = isObjectType(parent) ? parent.getFields()[item.target.leaf.name] : undefined;
      const required = item.target.kind === 'personal data' || !field || isNonNullType(field.type);
      const stray = (result.errors ?? []).filter((error) => !refusedKeys.has(String(error.path?.at(-1))));
      ok = stray.length === 0 && values.length > 0 && (!required || values.every(present));
    } else if (want.outcome === 'field refused') {
      ok = values.length > 0 && !values.some(present) && errorsAt(key).length > 0
        && errorsAt(key).every((error) => error.extensions?.code === 'FORBIDDEN' && error.extensions?.field === want.field);
    } else {
      ok = !present(result.data) && !values.some(present) && result.errors?.[0]?.extensions?.code === want.code && (!want.field || result.errors[0].extensions?.field === want.field);
    }
    if (!ok) failures.push({ case: `${item.target.subgraph} ${item.target.label} | ${item.shape} | ${item.caller.name} | ${item.path}`, expected: want, got: result });
  });
  return failures;
}

function allCases(targets: Target[]): Case[] {
  return targets.flatMap((target) => SHAPES.flatMap((shape) => CALLERS.flatMap((caller) => pathsOf(target).map((path) => ({ target, shape, caller, path })))));
}

let targets: Target[];

/**
 * The system of this test's own, in its worker (the same code, database and keys as the run's):
 * thousands of requests would otherwise starve the services the other test files share. The
 * subgraphs twice: as they run, behind a gateway, and without the document check.
 */
const services: { stop(): Promise<void> }[] = [];
const checked = new Map<string, string>();
const unchecked = new Map<string, string>();
let gateway: string;

beforeAll(async () => {
  const ids = await withDatabase((client) =>
    seedChapterTree(client, { name: 'Hội CTĐ thử ma trận quyền', level: 'NATIONAL', children: [{ name: 'Hội CTĐ tỉnh thử ma trận quyền', level: 'PROVINCE' }] }),
  );
  // The chapter written to, then the chapters above it.
  writeChain = [ids.get('Hội CTĐ tỉnh thử ma trận quyền')!, ids.get('Hội CTĐ thử ma trận quyền')!];
  targets = protectedTargets();

  process.env.HOI_JWT_SECRET = inject('jwtSecret');
  process.env.HOI_GATEWAY_SECRET = inject('gatewaySecret');
  process.env.HOI_STATEMENT_STATS = '1';
  const { runSubgraph } = await import('@hoi/common/service');
  const { createLogger } = await import('@hoi/common/logger');
  const { startGateway } = await import('@hoi/gateway');
  const { readSupergraph } = await import('../scripts/composition.ts');
  const { SUBGRAPHS: DEFINITIONS } = await import('../scripts/services.ts');
  for (const { definition } of DEFINITIONS) {
    for (const [urls, checkBeforeExecution] of [[checked, true], [unchecked, false]] as const) {
      const service = await runSubgraph(definition, { url: inject('databaseUrl'), port: 0, checkBeforeExecution, logger: createLogger('authz-matrix') });
      services.push(service);
      urls.set(service.name, service.url);
    }
  }
  const running = await startGateway({
    supergraphSdl: readSupergraph(),
    subgraphUrls: Object.fromEntries(checked),
    port: 0,
    logger: createLogger('authz-matrix'),
    gatewaySecret: inject('gatewaySecret'),
    rateLimitPerMinute: 1_000_000,
  });
  services.push(running);
  gateway = running.url;
}, 120_000);

afterAll(async () => {
  await Promise.all(services.map((service) => service.stop()));
});

describe('the access rules, whatever the document looks like', () => {
  it('knows the record types the README names, and finds every protected field in the schemas', () => {
    expect([...RECORD_TYPES].sort()).toEqual([...README_RECORD_TYPES].sort());
    const labels = new Set(targets.map((target) => `${target.subgraph} ${target.label}`));
    for (const expectedLabel of ['elderly ClubMember.fullName', 'elderly ClubMember.birthDate', 'elderly FundEntry.amountVnd', 'red-cross ReliefActivity.valueVnd', 'red-cross BloodUnitReceipt.units', 'red-cross _entities of EmulationCluster', 'places _service']) {
      expect(labels, expectedLabel).toContain(expectedLabel);
    }
    expect(targets.filter((target) => target.kind === 'personal data').map((target) => target.label).sort()).toEqual(['ClubMember.birthDate', 'ClubMember.ethnicGroup', 'ClubMember.povertyStatus']);
  });

  it('holds for every protected field × shape × role × path', { timeout: 300_000 }, async () => {
    const cases = allCases(targets);
    const requests = requestsOf(cases);
    const failures: Failure[] = [];
    const started = Date.now();
    await pool(requests, 8, async (request) => {
      failures.push(...(await runRequest(request, { gateway, subgraph: (name) => checked.get(name)! })));
    });
    const outcomes = cases.reduce<Record<string, number>>((counts, item) => {
      const want = expected(item.target, item.caller, item.path);
      counts[want.outcome] = (counts[want.outcome] ?? 0) + 1;
      return counts;
    }, {});
    console.info(`authz matrix: ${cases.length} cases in ${requests.length} requests (${targets.length} protected fields × ${SHAPES.length} shapes × ${CALLERS.length} roles × their paths), ${JSON.stringify(outcomes)}, ${failures.length} failed, ${Date.now() - started} ms`);
    const kinds = new Map<string, string>();
    for (const failure of failures) {
      const [, label, shape, caller, path] = /^(\S+ \S+) \| (.*) \| (.*) \| (.*)$/.exec(failure.case) ?? [];
      kinds.set(`${label.split('.')[0]} ${path} ${failure.expected.outcome} got ${failure.got.errors?.[0]?.extensions?.code ?? 'data'}`, `${shape} ${caller} ${JSON.stringify(failure.got).slice(0, 400)}`);
    }
    expect([...kinds].slice(0, 12)).toEqual([]);
    // The gateway refused those documents itself, before calling any subgraph (but for the writes a
    // mutation refuses as it runs).
    for (const url of checked.values()) {
      const seen = (await (await fetch(url.replace(/\/graphql$/, `/debug/statements/${REFUSED_AT_GATEWAY}`))).json()) as { operations: number };
      expect(seen.operations, url).toBe(0);
    }
  });
});

describe('the field-level rules alone', () => {
  // The subgraphs again, without the check of the document before execution: what a query shape
  // that check did not foresee would meet. No record, no person's data, no _entities without the key.
  it('let no protected value through, on every subgraph path', { timeout: 300_000 }, async () => {
    // The cases the rules refuse, but for a partner's token for another subgraph on _entities and
    // _service signed by the gateway: the document check alone refuses that token.
    const cases = allCases(targets).filter(({ target, caller, path }) => path !== 'gateway'
      && expected(target, caller, path).outcome !== 'value'
      && !(caller.partnerOf === 'other' && (target.kind === '_entities' || target.kind === '_service') && path === '_entities with the gateway key'));
    const leaks: string[] = [];
    await pool(requestsOf(cases), 8, async (request) => {
      const document = documentOf(request);
      const result = await send(request, document, unchecked.get(request[0].target.subgraph)!);
      const forbidden = result.errors?.some((error) => error.extensions?.code === 'FORBIDDEN');
      request.forEach(({ target, shape, caller, path }, k) => {
        const values = valuesAt(result.data, document.paths[k]).filter(present);
        if (values.length || !forbidden) leaks.push(`${target.subgraph} ${target.label} | ${shape} | ${caller.name} | ${path}: ${JSON.stringify(result).slice(0, 300)}`);
      });
    });
    console.info(`field-level rules alone: ${cases.length} cases`);
    expect(leaks.slice(0, 5)).toEqual([]);
  });
});

describe('_entities representations', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'AdministrativeUnit', id: `CURRENT:${i}` }));
  const call = (query: string, variables: Record<string, unknown> = {}) => graphql(subgraphUrl('elderly'), query, variables, undefined, { token: null, asGatewayTo: 'elderly' });

  // (A list written out in the document cannot get there: the token limit refuses it first.)
  it(`takes ${MAX_REPRESENTATIONS} in a request, and refuses one more however the list is written`, async () => {
    const selection = '{ __typename }';
    const fits = await call(`query ($r: [_Any!]!) { _entities(representations: $r) ${selection} }`, { r: many(MAX_REPRESENTATIONS) });
    expect(fits.errors).toBeUndefined();
    const over = MAX_REPRESENTATIONS + 1;
    const documents: [string, Record<string, unknown>][] = [
      [`query ($r: [_Any!]!) { _entities(representations: $r) ${selection} }`, { r: many(over) }],
      [`query ($r: [_Any!]!) { ...Q } fragment Q on Query { _entities(representations: $r) ${selection} }`, { r: many(over) }],
      [`query ($r: [_Any!]!, $s: [_Any!]!) { a: _entities(representations: $r) ${selection} b: _entities(representations: $s) ${selection} }`, { r: many(1_001), s: many(1_000) }],
      [`query ($one: _Any!) { _entities(representations: [${'$one, '.repeat(over - 1)}$one]) ${selection} }`, { one: many(1)[0] }],
    ];
    for (const [query, variables] of documents) {
      const result = await call(query, variables);
      expect(result.errors?.[0].extensions, query.slice(0, 80)).toMatchObject({ code: 'FORBIDDEN', field: '_entities' });
      expect(result.data?._entities ?? null).toBeNull();
    }
  });

  it('cannot carry forged @requires data without the gateway key, in a fragment or not', async () => {
    const forged = { __typename: 'EmulationCluster', id: CLUSTER, memberChapterIds: [LAO_CAI, stableId('made-up')] };
    for (const query of [
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on EmulationCluster { redCrossTotals(period: { type: YEAR, year: 2022 }) { chapters } } } }`,
      `query ($r: [_Any!]!) { ...Q } fragment Q on Query { _entities(representations: $r) { ...C } } fragment C on EmulationCluster { redCrossTotals(period: { type: YEAR, year: 2022 }) { chapters } }`,
    ]) {
      const result = await graphql(subgraphUrl('red-cross'), query, { r: [forged] }, undefined, { token: null });
      expect(result.errors?.[0].extensions, query).toMatchObject({ code: 'FORBIDDEN', field: '_entities' });
      expect(result.data).toBeUndefined();
    }
  });
});
