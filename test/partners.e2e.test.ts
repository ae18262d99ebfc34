import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '@hoi/common/logger';
import type { RunningService } from '@hoi/common/server';
import { runSubgraph } from '@hoi/common/service';
import { stableId } from '@hoi/common/ids';
import { startGateway } from '@hoi/gateway';
import { readSupergraph, readTrustedDocuments, SCHEMA_DIR } from '../scripts/composition.ts';
import { PARTNER_DIR } from '../scripts/schema-files.ts';
import { SUBGRAPH_PORTS } from '../scripts/service-ports.ts';
import { SUBGRAPHS } from '../scripts/services.ts';
import { tokenFor } from './graphql.ts';

/**
 * A partner organisation in production (NODE_ENV=production): its token calls its own subgraph
 * directly with its own (ad hoc) documents, every root field of `schema/partners/<subgraph>.graphql`
 * answers it, any other subgraph and the gateway refuse it with FORBIDDEN, and it has a rate limit
 * of its own. The four subgraphs and a gateway run in production mode here, on free ports.
 */

const NAMES = SUBGRAPHS.map(({ definition }) => definition.name);
/** Requests a minute here: anyone 2, partners 4, analysts 6 (HOI_RATE_LIMIT_PER_MINUTE, HOI_RATE_LIMITS). */
const LIMITS = { base: 2, partner: 4, analyst: 6 };

/**
 * The arguments a partner must give although the schema makes them optional: the field is refused
 * without them, as its description says (national figures are for administrators and analysts).
 */
const REFUSED_WITHOUT: Record<string, Record<string, unknown>> = {
  'elderly.clubStatistics': { associationId: stableId('elderly:lai-chau') },
};

const urls: Record<string, string> = {};
let gatewayUrl = '';
const started: RunningService[] = [];
const saved = { ...process.env };

beforeAll(async () => {
  const logger = createLogger('partners-test');
  // As a container in production reads them; the services read the environment when they start.
  Object.assign(process.env, {
    NODE_ENV: 'production',
    HOI_JWT_SECRET: inject('jwtSecret'),
    HOI_GATEWAY_SECRET: inject('gatewaySecret'),
    HOI_RATE_LIMITS: `partner=${LIMITS.partner},analyst=${LIMITS.analyst}`,
  });
  try {
    const subgraphs = await Promise.all(
      SUBGRAPHS.map(({ definition }) => runSubgraph(definition, { url: inject('databaseUrl'), port: 0, logger, rateLimitPerMinute: LIMITS.base })),
    );
    started.push(...subgraphs);
    for (const subgraph of subgraphs) urls[subgraph.name] = subgraph.url;
    const gateway = await startGateway({
      supergraphSdl: readSupergraph(),
      subgraphUrls: urls,
      port: 0,
      logger,
      gatewaySecret: inject('gatewaySecret'),
      trustedDocuments: readTrustedDocuments(),
      rateLimitPerMinute: LIMITS.base,
    });
    started.push(gateway);
    gatewayUrl = gateway.url;
  } finally {
    process.env = saved;
  }
}, 120_000);

afterAll(async () => {
  for (const service of started) await service.stop();
});

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function post(url: string, query: string, token: string | null, variables?: Record<string, unknown>): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const partnerToken = (subgraph: string | undefined, subject: string) => tokenFor({ role: 'partner', subgraph, subject });

const partnerSchema = (name: string): GraphQLSchema => buildSchema(readFileSync(new URL(`${PARTNER_DIR}/${name}.graphql`, SCHEMA_DIR), 'utf8'));

/** A GraphQL literal for an argument of this type: enums their first value, ids by the argument's name. */
function literal(type: GraphQLInputType, name: string, ids: (argument: string) => string | undefined): string {
  if (isNonNullType(type)) return literal(type.ofType, name, ids);
  if (isListType(type)) return `[${literal(type.ofType, name, ids)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((field) => isNonNullType(field.type));
    return `{ ${required.map((field) => `${field.name}: ${literal(field.type, field.name, ids)}`).join(', ')} }`;
  }
  switch (type.name) {
    case 'ID':
      return JSON.stringify(ids(name) ?? '00000000-0000-4000-8000-000000000000');
    case 'Int':
      return name === 'year' ? '2025' : '1';
    case 'LocalDate':
      return '"2025-06-30"';
    case 'Boolean':
      return 'false';
    default:
      return '"a"';
  }
}

/** One root field with its required arguments and every leaf of its type that needs none. */
function minimalQuery(subgraph: string, field: GraphQLField<unknown, unknown>, ids: (argument: string) => string | undefined, extra: Record<string, unknown> = {}): string {
  const args = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined).map((arg) => `${arg.name}: ${literal(arg.type, arg.name, ids)}`);
  for (const [name, value] of Object.entries(extra)) args.push(`${name}: ${JSON.stringify(value)}`);
  const type = getNamedType(field.type);
  const leaves = isObjectType(type) ? Object.values(type.getFields()).filter((leaf) => isLeafType(getNamedType(leaf.type)) && !leaf.args.some((arg) => isNonNullType(arg.type))) : [];
  const selection = isLeafType(type) ? '' : ` { ${leaves.map((leaf) => leaf.name).join(' ') || '__typename'} }`;
  return `query Partner_${subgraph.replace('-', '_')}_${field.name} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
}

/** An id a partner can find on its subgraph, by type: the first node of each root connection, asked as the partner. */
async function findIds(subgraph: string, schema: GraphQLSchema): Promise<Record<string, string>> {
  const byType: Record<string, string> = {};
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    const node = getNamedType(field.type);
    const nodeType = isObjectType(node) ? node.getFields().edges && getNamedType(node.getFields().edges.type) : null;
    const item = isObjectType(nodeType) ? getNamedType(nodeType.getFields().node?.type) : null;
    if (!item) continue;
    const answer = await post(urls[subgraph], `{ ${field.name}(first: 1) { edges { node { id } } } }`, await partnerToken(subgraph, `partner-ids-${subgraph}-${field.name}`));
    const id = (answer.body.data?.[field.name] as { edges: { node: { id: string } }[] } | undefined)?.edges[0]?.node.id;
    if (id) byType[item.name] = id;
  }
  return byType;
}

describe('a partner in production', () => {
  it.each(NAMES)('of %s: every root field of its partner schema answers its ad hoc document, without FORBIDDEN', async (subgraph) => {
    const schema = partnerSchema(subgraph);
    const byType = await findIds(subgraph, schema);
    const fields = Object.values(schema.getQueryType()!.getFields());
    let answeredWithData = 0;
    for (const field of fields) {
      // `id` is one of the field's own type; `chapterId`, `associationId`: of the type whose name ends so.
      const ids = (argument: string) =>
        argument === 'id' ? byType[getNamedType(field.type).name] : Object.entries(byType).find(([type]) => `${type.toLowerCase()}id`.endsWith(argument.toLowerCase()))?.[1];
      const query = minimalQuery(subgraph, field, ids, REFUSED_WITHOUT[`${subgraph}.${field.name}`]);
      // A subject per document: the sweep is not what the rate limit is about.
      const answer = await post(urls[subgraph], query, await partnerToken(subgraph, `partner-sweep-${subgraph}-${field.name}`));
      expect({ status: answer.status, errors: answer.body.errors }, query).toEqual({ status: 200, errors: undefined });
      expect(answer.body.data, query).toHaveProperty(field.name);
      if (answer.body.data?.[field.name] !== null) answeredWithData++;
    }
    // Unknown ids answer null; the lists and the records found by their ids answer data.
    expect(answeredWithData, `${subgraph}: fields that answered data`).toBeGreaterThanOrEqual(Math.ceil(fields.length / 2));
  });

  it.each(Object.entries(REFUSED_WITHOUT))('%s without %j: FORBIDDEN on that argument, as its description says', async (where, required) => {
    const [subgraph, fieldName] = where.split('.');
    const field = partnerSchema(subgraph).getQueryType()!.getFields()[fieldName];
    const answer = await post(urls[subgraph], minimalQuery(subgraph, field, () => undefined), await partnerToken(subgraph, `partner-refused-${fieldName}`));
    // Refused where the data is resolved: the field null, the answer 200.
    expect(answer.status).toBe(200);
    expect(answer.body.errors?.map((error) => error.extensions)).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: Object.keys(required)[0] })]);
  });

  const ELSEWHERE = NAMES.flatMap((own) => [...NAMES.filter((other) => other !== own), 'gateway'].map((where) => [own, where]));

  it(`is refused, 403 FORBIDDEN with the reason, everywhere but its own subgraph (${ELSEWHERE.length + NAMES.length} cases)`, async () => {
    const cases = [...ELSEWHERE, ...NAMES.map((where) => ['(no subgraph claim)', where])];
    for (const [own, where] of cases) {
      const token = await partnerToken(own.startsWith('(') ? undefined : own, `partner-elsewhere-${own}-${where}`);
      const answer = await post(where === 'gateway' ? gatewayUrl : urls[where], '{ __typename }', token);
      const reason = where === 'gateway' ? 'a partner calls its subgraph directly, not the gateway' : 'this partner token is for another subgraph';
      expect({ status: answer.status, code: answer.body.errors?.[0]?.extensions?.code, message: answer.body.errors?.[0]?.message }, `${own} → ${where}`).toEqual({
        status: 403,
        code: 'FORBIDDEN',
        message: reason,
      });
      expect(answer.body.errors?.[0]?.extensions?.requestId, `${own} → ${where}`).toEqual(expect.any(String));
    }
  });

  it(`runs README's examples, one per subgraph, as that subgraph's partner`, async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## For partner organisations'));
    const examples = [...section.matchAll(/curl -s http:\/\/127\.0\.0\.1:(\d+)\/graphql .*\n\s*-d '([^']+)'/g)];
    const byPort = Object.fromEntries(Object.entries(SUBGRAPH_PORTS).map(([name, port]) => [String(port), name]));
    expect(examples.map(([, port]) => byPort[port]).sort()).toEqual([...NAMES].sort());
    for (const [, port, body] of examples) {
      const subgraph = byPort[port];
      const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
      const answer = await post(urls[subgraph], query, await partnerToken(subgraph, `partner-readme-${subgraph}`), variables);
      expect({ status: answer.status, errors: answer.body.errors }, subgraph).toEqual({ status: 200, errors: undefined });
      for (const value of Object.values(answer.body.data ?? {})) expect(value, subgraph).not.toBeNull();
    }
  });

  // Who may send a document to a subgraph directly in production; the anonymous go through the gateway.
  const DIRECT = NAMES.flatMap((subgraph) =>
    (['anonymous', 'partner', 'analyst', 'national_admin'] as const).map((role) => [subgraph, role, role === 'anonymous' ? 403 : 200] as const),
  );

  it(`direct callers of a subgraph: the anonymous refused, partners and staff answered (${DIRECT.length} cases)`, async () => {
    for (const [subgraph, role, status] of DIRECT) {
      const token = role === 'anonymous' ? null : await tokenFor({ role, subgraph: role === 'partner' ? subgraph : undefined, subject: `direct-${role}-${subgraph}` });
      const answer = await post(urls[subgraph], '{ __typename }', token);
      const error = answer.body.errors?.[0];
      expect({ status: answer.status, code: error?.extensions?.code, requestId: typeof error?.extensions?.requestId }, `${role} → ${subgraph}`).toEqual(
        status === 200 ? { status, code: undefined, requestId: 'undefined' } : { status, code: 'OPERATION_NOT_SAFELISTED', requestId: 'string' },
      );
    }
  });

  it.each(NAMES)('of %s: no introspection in production (its schema is published in schema/partners/)', async (subgraph) => {
    const answer = await post(urls[subgraph], '{ __schema { queryType { name } } }', await partnerToken(subgraph, `partner-introspection-${subgraph}`));
    expect({ status: answer.status, code: answer.body.errors?.[0]?.extensions?.code }).toEqual({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it.each(NAMES)('of %s: its own rate limit (partner, not analyst, not the base) on its subgraph', async (subgraph) => {
    for (const [role, limit] of [['partner', LIMITS.partner], ['analyst', LIMITS.analyst]] as const) {
      const token = await tokenFor({ role, subgraph: role === 'partner' ? subgraph : undefined, subject: `limit-${role}-${subgraph}` });
      for (let i = 1; i <= limit; i++) expect((await post(urls[subgraph], '{ __typename }', token)).status, `${role} request ${i}`).toBe(200);
      const over = await post(urls[subgraph], '{ __typename }', token);
      expect({ status: over.status, code: over.body.errors?.[0]?.extensions?.code }, `${role} over ${limit}`).toEqual({ status: 429, code: 'RATE_LIMITED' });
    }
  });
});
