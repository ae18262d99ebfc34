import { randomUUID } from 'node:crypto';
import {
  getNamedType,
  getNullableType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { withDatabase } from './database.ts';
import { cursorCases, introspect, mutationCases, pick, sample, withFreshNames, type CursorTarget, type FuzzCase } from './fuzz/cases.ts';
import { createFixtures, idsByKind, validInputs, type Fixtures } from './fuzz/fixtures.ts';
import { groupFailures, runCases, type RunReport } from './fuzz/run.ts';
import { gatewayUrl, graphql, tokenFor } from './graphql.ts';

/**
 * Bad input for every argument of every mutation, generated from the API's schema, sent through
 * the gateway and straight to the owning subgraph as a national administrator (so access is not
 * what refuses). `npm run fuzz -- --cases N --seed S` runs a longer campaign.
 */
const SEED = Number(process.env.HOI_FUZZ_SEED ?? Date.now() % 2 ** 31);
/** Cases, each sent twice (gateway and subgraph): 1,000 make 2,000 requests, about a minute on two cores. */
const CASES = Number(process.env.HOI_FUZZ_CASES ?? 2000);
const CONCURRENCY = 4;

let schema: GraphQLSchema;
let fixtures: Fixtures;
let cases: FuzzCase[];
let report: RunReport;

const selectionOf = (type: GraphQLObjectType, depth: number): string => {
  const fields = Object.values(type.getFields()).filter((field) => field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined));
  const parts = fields.flatMap((field) => {
    const named = getNamedType(field.type);
    if (isLeafType(named)) return [field.name];
    if (depth > 0 && isObjectType(named)) return [`${field.name} { __typename ${selectionOf(named, depth - 1)} }`];
    return [];
  });
  return parts.join(' ');
};

/** Real cursors of every list reachable from a root field or an entity fetched by id. */
async function cursorTargets(): Promise<CursorTarget[]> {
  const ids: Record<string, string> = {};
  const first = async (query: string) => ((await graphql<Record<string, { edges: { node: { id: string } }[] }>>(gatewayUrl(), query)).data ?? {});
  ids.Chapter = (await first(`{ l: chapters(first: 1, level: NATIONAL) { edges { node { id } } } }`)).l?.edges[0]?.node.id;
  ids.ElderlyAssociation = (await first(`{ l: elderlyAssociations(first: 1) { edges { node { id } } } }`)).l?.edges[0]?.node.id;
  ids.Club = (await first(`{ l: clubs(first: 1) { edges { node { id } } } }`)).l?.edges[0]?.node.id;
  ids.EmulationCluster = (await first(`{ l: emulationClusters(first: 1) { edges { node { id } } } }`)).l?.edges[0]?.node.id;
  ids.Term = fixtures.termId;
  const targets: CursorTarget[] = [];
  const query = schema.getQueryType()!;
  const paged = (type: GraphQLObjectType) => Object.values(type.getFields()).filter((field) => field.args.some((arg) => arg.name === 'after'));
  const candidates: { name: string; document: string; variables: Record<string, unknown>; path: string[] }[] = [];
  for (const field of paged(query)) {
    candidates.push({ name: `Query.${field.name}`, document: `query ($after: String) { l: ${field.name}(first: 1, after: $after) { pageInfo { endCursor } } }`, variables: {}, path: ['l'] });
  }
  for (const root of Object.values(query.getFields())) {
    const type = getNullableType(root.type);
    if (!isObjectType(type) || root.args.length !== 1 || root.args[0].name !== 'id' || !ids[type.name]) continue;
    for (const field of paged(type)) {
      candidates.push({
        name: `${type.name}.${field.name}`,
        document: `query ($id: ID!, $after: String) { e: ${root.name}(id: $id) { l: ${field.name}(first: 1, after: $after) { pageInfo { endCursor } } } }`,
        variables: { id: ids[type.name] },
        path: ['e', 'l'],
      });
    }
  }
  for (const candidate of candidates) {
    const result = await graphql<Record<string, unknown>>(gatewayUrl(), candidate.document, candidate.variables);
    let value: unknown = result.data;
    for (const key of candidate.path) value = (value as Record<string, unknown> | null)?.[key];
    const cursor = (value as { pageInfo?: { endCursor?: string } } | null)?.pageInfo?.endCursor;
    if (!cursor) continue;
    const subgraph = subgraphOf(candidate.document);
    targets.push({ name: candidate.name, subgraph, query: candidate.document, variables: candidate.variables, cursor });
  }
  return targets;
}

const SUBGRAPH_OF_ROOT: Record<string, string> = {
  chapter: 'red-cross', chapters: 'red-cross', campaigns: 'red-cross', bloodDonationProgrammes: 'red-cross', term: 'red-cross',
  club: 'elderly', clubs: 'elderly', elderlyAssociation: 'elderly', elderlyAssociations: 'elderly',
  emulationCluster: 'emulation', emulationClusters: 'emulation', administrativeUnits: 'places',
};
const subgraphOf = (document: string) => SUBGRAPH_OF_ROOT[/: (\w+)\(/.exec(document)![1]];

interface ReadFailure {
  read: string;
  errors: { extensions?: Record<string, unknown>; path?: readonly (string | number)[] }[];
}

/** A person's sensitive fields are refused to a national administrator by design (FORBIDDEN), not a broken read. */
const brokenReads = (failures: ReadFailure[]) =>
  failures
    .map((failure) => ({ ...failure, errors: failure.errors.filter((error) => error.extensions?.code !== 'FORBIDDEN') }))
    .filter((failure) => failure.errors.length);

beforeAll(async () => {
  schema = await introspect(gatewayUrl());
  fixtures = await createFixtures(randomUUID().slice(0, 8));
  const generated = [
    ...mutationCases(schema, validInputs(fixtures), idsByKind(fixtures)),
    ...cursorCases(await cursorTargets()),
  ];
  cases = sample(generated, CASES, SEED).map((fuzzCase, id) => ({ ...withFreshNames(fuzzCase, id), id }));
  // Distinct subjects: the gateway limits requests per caller and minute.
  const tokens = await Promise.all(Array.from({ length: 40 }, (_, index) => tokenFor({ role: 'national_admin', subject: `fuzz-${SEED}-${index}` })));
  const order = pick(cases, cases.length, SEED);
  report = await runCases(order, { gateway: gatewayUrl(), subgraphs: inject('subgraphUrls') }, tokens, CONCURRENCY);
  const groups = groupFailures(report.failures);
  console.log(
    `fuzz: seed ${SEED}, ${cases.length} of ${generated.length} generated cases, ${report.sent} requests (gateway and subgraph) in ${(report.ms / 1000).toFixed(1)} s; ` +
      `${report.refused} refused (${report.otherField} on another field than the one fuzzed), ${report.accepted} accepted; failures by class:\n` +
      JSON.stringify(groups, null, 2),
  );
  if (process.env.HOI_FUZZ_VERBOSE) console.log(report.otherFieldExamples.join('\n'));
}, Math.max(600_000, CASES * 300));

describe(`fuzzing every argument of every mutation (seed ${SEED})`, () => {
  it('covers every mutation and every cursor, with at least 2,000 cases through both paths', () => {
    const fuzzed = new Set(cases.map((fuzzCase) => fuzzCase.operation));
    for (const name of Object.keys(schema.getMutationType()!.getFields())) expect(fuzzed, name).toContain(name);
    expect(cases.filter((fuzzCase) => fuzzCase.variant.cls === 'cursor').length).toBeGreaterThan(100);
    expect(report.sent).toBeGreaterThanOrEqual(2 * CASES);
    expect(report.sent).toBeGreaterThanOrEqual(2000);
  });

  it('answers no INTERNAL_SERVER_ERROR and no HTTP 5xx; every refusal has a stable code and names a field', () => {
    expect(groupFailures(report.failures)).toEqual({});
  });

  it('reads back every list and summary of the organisations it wrote to, through the gateway, without an error', async () => {
    const f = fixtures;
    const entities: [string, string, string][] = [
      ['chapter', 'Chapter', f.province], ['chapter', 'Chapter', f.district], ['chapter', 'Chapter', f.grassroots], ['term', 'Term', f.termId],
      ['elderlyAssociation', 'ElderlyAssociation', f.associationId], ['club', 'Club', f.clubId],
      ...Object.values(f.clusters).map((id): [string, string, string] => ['emulationCluster', 'EmulationCluster', id]),
    ];
    // One read per field of each entity (small enough for the cost limit), every list at its largest page.
    const reads: [string, string, Record<string, unknown>][] = entities.flatMap(([root, typeName, id]) =>
      Object.values((schema.getType(typeName) as GraphQLObjectType).getFields())
        .filter((field) => field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined))
        .map((field): [string, string, Record<string, unknown>] => {
          const named = getNamedType(field.type);
          const selection = isLeafType(named) ? '' : `{ __typename ${isObjectType(named) ? selectionOf(named, 2) : ''} }`;
          const page = field.args.some((arg) => arg.name === 'first') ? '(first: 100)' : '';
          return [`${typeName}.${field.name}`, `query ($id: ID!) { e: ${root}(id: $id) { ${field.name}${page} ${selection} } }`, { id }];
        }),
    );
    const summaries: [string, Record<string, unknown>][] = [
      [`query ($id: ID!) { reliefSummary(chapterId: $id, period: { type: YEAR, year: 2024 }, groupBy: [KIND, CAMPAIGN, CHILD_CHAPTER, MONTH, PROVINCE]) { total { activities quantity peopleReached valueVnd } rows { kind month quantity valueVnd } } }`, { id: f.province }],
      [`query ($id: ID!) { reliefByMonth(chapterId: $id, period: { type: YEAR, year: 2024 }) { month quantity peopleReached valueVnd } }`, { id: f.grassroots }],
      [`query ($id: ID!) { fundStatistics(associationId: $id) { __typename ${selectionOf(schema.getType('FundStatistics') as GraphQLObjectType, 2)} } }`, { id: f.associationId }],
      [`query ($id: ID) { clubStatistics(associationId: $id, period: { type: YEAR, year: 2024 }) { __typename ${selectionOf(schema.getType('ClubStatistics') as GraphQLObjectType, 2)} } }`, { id: f.associationId }],
    ];
    reads.push(...summaries.map(([query, variables]): [string, string, Record<string, unknown>] => [query.slice(0, 60), query, variables]));
    const failures: ReadFailure[] = [];
    let next = 0;
    const reader = async () => {
      while (next < reads.length) {
        const [read, query, variables] = reads[next++];
        const result = await graphql(gatewayUrl(), query, variables);
        if (result.errors) failures.push({ read, errors: result.errors });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, reader));
    expect(brokenReads(failures)).toEqual([]);
  }, 180_000);

  it('wrote nothing invalid: no stored text with U+FFFD, control characters or non-NFC, no date out of range', async () => {
    const found = await withDatabase(async (client) => {
      const { rows: columns } = await client.query<{ schema: string; table: string; column: string; type: string }>(
        `select c.table_schema as schema, c.table_name as table, c.column_name as column, c.data_type as type
           from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
          where c.table_schema in ('red_cross', 'elderly', 'emulation') and t.table_type = 'BASE TABLE'
            -- roll-ups kept by triggers hold derived rows (and a 0001-01-01 start for "before every period"), not input
            and c.table_name not in ('club_statistics_change', 'club_fund_month', 'association_fund_month', 'relief_rollup', 'relief_rollup_month', 'report_completeness_expected', 'report_completeness_rollup')
            and c.data_type in ('text', 'character varying', 'date')`,
      );
      const problems: string[] = [];
      for (const { schema: s, table, column, type } of columns) {
        const col = `"${column}"`;
        const condition = type === 'date'
          ? `${col} < date '1900-01-01' or ${col} > date '2100-12-31'`
          : `${col} ~ '[\\x01-\\x08\\x0B-\\x1F\\x7F-\\x9F\\uFFFD\\u202A-\\u202E\\u2066-\\u2069]' or ${col} is not nfc normalized or btrim(${col}, E' \\t\\n') = ''`;
        const { rows } = await client.query(`select ${col}::text as value from "${s}"."${table}" where ${condition} limit 3`);
        for (const row of rows) problems.push(`${s}.${table}.${column}: ${JSON.stringify(row.value).slice(0, 80)}`);
      }
      return problems;
    });
    expect(found).toEqual([]);
  });
});
