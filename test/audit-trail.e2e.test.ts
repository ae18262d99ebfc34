import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { getNamedType, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REDACTED, UNAUDITED_WRITE_SQLSTATE } from '@hoi/common/audit';
import type { Role } from '@hoi/common/identity';
import { ELDERLY_AUDIT_TRAIL } from '../subgraphs/elderly/src/audit/audit-trail.access.ts';
import { EMULATION_AUDIT_TRAIL } from '../subgraphs/emulation/src/audit/audit-trail.access.ts';
import { RED_CROSS_AUDIT_TRAIL } from '../subgraphs/red-cross/src/audit/audit-trail.access.ts';
import { withDatabase } from './database.ts';
import { introspect, mutationOwners, withFreshNames } from './fuzz/cases.ts';
import type { FuzzClass } from './fuzz/values.ts';
import { createFixtures, validInputs, type Fixtures } from './fuzz/fixtures.ts';
import { gatewayUrl, graphql, statementsFor, tokenFor, type GraphQLResponse } from './graphql.ts';

/**
 * The audit trail, for EVERY mutation of the API (enumerated from the gateway's schema, so a new
 * mutation is covered or fails here for want of a valid input in test/fuzz/fixtures.ts): run by an
 * authorised officer through the gateway, it writes exactly its rows' entries (who, role, request
 * id, mutation, entity, id, before/after, redaction); refused, or failing after its writes, it
 * writes none. The entries refuse UPDATE, DELETE and TRUNCATE; a serving connection that writes
 * outside writeTransaction is refused; every table is audited or declared derived. Then each
 * subgraph's trail field, per role, and its paging (one statement per page).
 */
const READERS = { 'red-cross': RED_CROSS_AUDIT_TRAIL, elderly: ELDERLY_AUDIT_TRAIL, emulation: EMULATION_AUDIT_TRAIL } as const;
type Audited = keyof typeof READERS;
const FIELD: Record<Audited, string> = { 'red-cross': 'redCrossAuditTrail', elderly: 'elderlyAuditTrail', emulation: 'emulationAuditTrail' };
// The spreadsheet tables are the import's own bookkeeping (which rows a file already wrote, the
// state of an asynchronous import); the records an import writes are audited, one entry per row.
const INFRASTRUCTURE = new Set(['mikro_orm_migrations', 'idempotency_key', 'audit_entry', 'spreadsheet_import', 'spreadsheet_row', 'spreadsheet_job']);

interface EntryRow {
  subject: string;
  role: string;
  request_id: string;
  operation: string;
  action: string;
  entity: string;
  entity_id: string;
  organisation_id: string | null;
  at: Date;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** What each audited table's trigger was given: entity, id and organisation expressions, sensitive columns. */
interface Plugged {
  schema: string;
  table: string;
  entity: string;
  id: string;
  sensitive: string[];
}

let fixtures: Fixtures;
let schema: GraphQLSchema;
let plugged: Plugged[];
const officers: Record<Audited, { role: Role; scope: () => string[] }> = {
  'red-cross': { role: 'chapter_officer', scope: () => [fixtures.province] },
  elderly: { role: 'association_officer', scope: () => [fixtures.associationId] },
  emulation: { role: 'cluster_secretary', scope: () => Object.values(fixtures.clusters) },
};

/** A period report is sent up by its own organisation's officer (the district's), and approved, returned or reopened by the one above. */
const OWN_OFFICER: Record<string, { role: Role; scope: () => string[] }> = {
  submitPeriodReport: { role: 'chapter_officer', scope: () => [fixtures.district] },
  submitElderlyPeriodReport: { role: 'club_manager', scope: () => [fixtures.clubId] },
};

/** Posts without a request id: the service makes one and answers with it in x-request-id. */
async function post(query: string, variables: Record<string, unknown>, token: string | null): Promise<{ requestId: string; body: GraphQLResponse }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(gatewayUrl(), { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { requestId: response.headers.get('x-request-id')!, body: (await response.json()) as GraphQLResponse };
}

const schemaOf = (subgraph: Audited) => READERS[subgraph].schema;

/** One connection for the checks of the whole file (pg queues its queries). */
let db: pg.Client;

async function entriesOf(subgraph: Audited, requestId: string): Promise<EntryRow[]> {
  return (await db.query<EntryRow>(`select * from ${schemaOf(subgraph)}.audit_entry where request_id = $1 order by id`, [requestId])).rows;
}

function mutationDocument(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  const selection = isObjectType(type) && type.getFields().id ? '__typename id' : '__typename';
  return `mutation ($input: ${field.args[0].type.toString()}) { ${field.name}(input: $input) { ${selection} } }`;
}

/** The mutations in the order of their valid inputs (a repayment after its loan), each with its owner. */
function mutations(): { field: GraphQLField<unknown, unknown>; subgraph: Audited; input: Record<string, unknown> }[] {
  const owners = mutationOwners();
  const valid = validInputs(fixtures);
  const fields = schema.getMutationType()!.getFields();
  for (const name of Object.keys(fields)) if (!valid[name]) throw new Error(`no valid input for ${name}: add one to test/fuzz/fixtures.ts`);
  // A fund's entries are dated in order: the reversal (dated the day after the fixture's entry) goes first.
  const names = Object.keys(valid).sort((a, b) => Number(b === 'reverseFundEntry') - Number(a === 'reverseFundEntry'));
  return names.map((name, index) => ({
    field: fields[name],
    subgraph: owners[name] as Audited,
    input: withFreshNames({ operation: name, subgraph: owners[name], query: '', variables: { input: valid[name] }, path: '', variant: { cls: 'shape' as FuzzClass, label: '', value: null, mustRefuse: false } }, 9000 + index).variables.input as Record<string, unknown>,
  }));
}

afterAll(() => db?.end());

beforeAll(async () => {
  db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
  fixtures = await createFixtures(`nhật ký ${randomUUID().slice(0, 6)}`);
  schema = await introspect(gatewayUrl());
  plugged = await withDatabase(async (client) =>
    (await client.query<{ schema: string; table: string; args: string }>(
      `select n.nspname as schema, c.relname as table, encode(t.tgargs, 'escape') as args
         from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
         join pg_proc p on p.oid = t.tgfoid where p.proname = 'audit_row'`,
    )).rows.map((row) => {
      const [entity, id, , sensitive] = row.args.split('\\000');
      return { schema: row.schema, table: row.table, entity, id, sensitive: sensitive.replace(/[{}]/g, '').split(',').filter(Boolean) };
    }),
  );
}, 120_000);

const STATE_REFUSALS = new Set(['RULE_VIOLATION', 'CONFLICT', 'INVALID_TRANSITION', 'PERIOD_LOCKED', 'CHILDREN_NOT_APPROVED']);

/** A request that a deferred trigger (set up by the test) fails at commit, after every write and entry of it. */
const failing = `audit-fails-${randomUUID()}`;

/** Refused, failing at commit, then done: false when the done one is refused by a rule (try it later). */
async function checkMutation({ field, subgraph, input }: ReturnType<typeof mutations>[number]): Promise<boolean> {
  const officer = OWN_OFFICER[field.name] ?? officers[subgraph];
  const document = mutationDocument(field);
  // Refused: an officer of the same kind whose scope covers something else.
  const outsider = await tokenFor({ role: officer.role, scope: [randomUUID()] });
  const refused = await post(document, { input }, outsider);
  expect(refused.body.errors?.[0]?.extensions?.code, field.name).toBe('FORBIDDEN');
  expect(await entriesOf(subgraph, refused.requestId), field.name).toEqual([]);

  // Failing at commit, after all its writes: nothing stays, entries neither.
  const failingToken = await tokenFor({ role: officer.role, scope: officer.scope(), subject: failing });
  const failed = await post(document, { input }, failingToken);
  expect(failed.body.errors?.length, field.name).toBeGreaterThan(0);
  expect(await entriesOf(subgraph, failed.requestId), field.name).toEqual([]);

  // Done: every entry says who, in which request, by which mutation, and holds the row as written.
  const subject = `audit-officer-${randomUUID()}`;
  const token = await tokenFor({ role: officer.role, scope: officer.scope(), subject });
  const started = Date.now();
  const done = await post(document, { input }, token);
  // Refused by the state of the data (a rule, a report's state, a period locked by an approval): tried again after the others.
  if (STATE_REFUSALS.has(String(done.body.errors?.[0]?.extensions?.code))) {
    expect(await entriesOf(subgraph, done.requestId), field.name).toEqual([]);
    return false;
  }
  expect(done.body.errors, field.name).toBeUndefined();
  const result = done.body.data![field.name] as { __typename: string; id?: string };
  const entries = await entriesOf(subgraph, done.requestId);
  if (entries.length === 0) failures.push(`${field.name} wrote no audit entry`);
  for (const entry of entries) {
    expect(entry, field.name).toMatchObject({ subject, role: officer.role, request_id: done.requestId, operation: field.name });
    expect(entry.at.getTime(), field.name).toBeGreaterThanOrEqual(started - 5_000);
    expect(entry.at.getTime(), field.name).toBeLessThanOrEqual(Date.now() + 5_000);
    expect(entry.organisation_id, `${field.name} ${entry.entity}`).not.toBeNull();
    const table = plugged.find((p) => p.schema === schemaOf(subgraph) && p.entity === entry.entity)!;
    expect(table, entry.entity).toBeDefined();
    expect(entry.before === null, field.name).toBe(entry.action === 'INSERT');
    expect(entry.after === null, field.name).toBe(entry.action === 'DELETE');
    for (const column of table.sensitive) {
      for (const values of [entry.before, entry.after]) if (values && values[column] !== null) expect(values[column], column).toBe(REDACTED);
    }
    if (entry.after && table.id === 'r.id') {
      // The row as it stands now (nothing else writes to these organisations), redacted: the entry's "after".
      const [row] = (await db.query(`select to_jsonb(t) as row from ${table.schema}.${table.table} t where id::text = $1`, [entry.entity_id])).rows;
      const expected = { ...row.row };
      for (const column of table.sensitive) if (expected[column] !== null) expected[column] = REDACTED;
      expect(entry.after, `${field.name} ${entry.entity}`).toEqual(expected);
    }
  }
  // The record the mutation answers with, when it is a row it wrote, has its entry.
  const own = entries.filter((entry) => entry.entity === result.__typename);
  if (own.length && result.id) expect(own.map((entry) => entry.entity_id), field.name).toContain(result.id);
  return true;
}

const failures: string[] = [];

describe('every mutation writes its audit entries in its own transaction', () => {
  it('covers every mutation of the API', () => {
    expect(mutations().length).toBe(Object.keys(schema.getMutationType()!.getFields()).length);
    expect(new Set(mutations().map((m) => m.subgraph))).toEqual(new Set(Object.keys(READERS)));
  });

  it('each mutation, refused or failing after its writes, writes no entry; done by an authorised officer, exactly its rows\' entries', async () => {
    await withDatabase(async (client) => {
      for (const subgraph of Object.keys(READERS) as Audited[]) {
        const s = schemaOf(subgraph);
        await client.query(`create or replace function ${s}.audit_test_fail_commit() returns trigger language plpgsql as $$
          begin if new.subject = '${failing}' then raise exception 'the test fails this commit'; end if; return null; end $$`);
        await client.query(`drop trigger if exists audit_test_fail_commit on ${s}.audit_entry`);
        await client.query(`create constraint trigger audit_test_fail_commit after insert on ${s}.audit_entry deferrable initially deferred for each row execute function ${s}.audit_test_fail_commit()`);
      }
    });
    try {
      // Some valid inputs hold only in an order (a fund's entries are dated in order): a mutation
      // refused by a rule is tried again after the others, until a round makes no progress.
      // The subgraphs' organisations are apart: their mutations run side by side, each subgraph's in turn.
      const lanes = Map.groupBy(mutations(), (mutation) => mutation.subgraph);
      const left = await Promise.all([...lanes.values()].map(async (lane) => {
        let pending = lane;
        for (let round = 0; pending.length > 0 && round < 5; round++) {
          const later: typeof pending = [];
          for (const mutation of pending) if (!(await checkMutation(mutation))) later.push(mutation);
          if (later.length === pending.length) break;
          pending = later;
        }
        return pending;
      }));
      const pending = left.flat();
      for (const { field } of pending) failures.push(`${field.name}: its valid input was refused in every order`);
    } finally {
      await withDatabase(async (client) => {
        for (const subgraph of Object.keys(READERS) as Audited[]) {
          await client.query(`drop trigger if exists audit_test_fail_commit on ${schemaOf(subgraph)}.audit_entry`);
          await client.query(`drop function if exists ${schemaOf(subgraph)}.audit_test_fail_commit()`);
        }
      });
    }
    expect(failures).toEqual([]);
  }, 180_000);
});

describe('the database keeps the trail whole', () => {
  it.each(Object.keys(READERS) as Audited[])('%s: UPDATE, DELETE and TRUNCATE of audit_entry are refused', async (subgraph) => {
    const s = schemaOf(subgraph);
    await withDatabase(async (client) => {
      const [{ n }] = (await client.query<{ n: number }>(`select count(*)::int as n from ${s}.audit_entry`)).rows;
      expect(n).toBeGreaterThan(0);
      for (const statement of [`update ${s}.audit_entry set role = 'x'`, `delete from ${s}.audit_entry`, `truncate ${s}.audit_entry`]) {
        await expect(client.query(statement), statement).rejects.toThrow(/append-only/);
      }
      expect((await client.query<{ n: number }>(`select count(*)::int as n from ${s}.audit_entry`)).rows[0].n).toBeGreaterThanOrEqual(n);
    });
  });

  it.each(Object.keys(READERS) as Audited[])('%s: every table is audited, or declared derived', async (subgraph) => {
    const s = schemaOf(subgraph);
    const tables = await withDatabase(async (client) =>
      (await client.query<{ table: string }>(`select table_name as table from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'`, [s])).rows.map((row) => row.table),
    );
    const audited = new Set(plugged.filter((p) => p.schema === s).map((p) => p.table));
    const derived = Object.keys(READERS[subgraph].derivedTables);
    for (const table of tables.filter((name) => !INFRASTRUCTURE.has(name))) expect(audited.has(table) || derived.includes(table), `${s}.${table}`).toBe(true);
    for (const table of derived) expect(audited.has(table), `${s}.${table} is derived, not audited`).toBe(false);
  });

  it('a serving connection (hoi.audit=required) that writes outside a mutation\'s writeTransaction is refused, on every audited table', async () => {
    const client = new pg.Client({ connectionString: inject('databaseUrl'), options: '-c hoi.audit=required' });
    await client.connect();
    let checked = 0;
    try {
      for (const { schema: s, table } of plugged) {
        const [{ n }] = (await client.query<{ n: number }>(`select count(*)::int as n from ${s}.${table}`)).rows;
        if (n === 0) continue;
        const [column] = (await client.query<{ column: string }>(`select column_name as column from information_schema.columns where table_schema = $1 and table_name = $2 order by ordinal_position limit 1`, [s, table])).rows;
        const update = `update ${s}.${table} set ${column.column} = ${column.column} where ctid = (select ctid from ${s}.${table} limit 1)`;
        await client.query('begin');
        const code = await client.query(update).then(() => null, (error: { code: string }) => error.code);
        await client.query('rollback');
        if (code === UNAUDITED_WRITE_SQLSTATE) {
          checked++;
          continue;
        }
        // Only a table that refuses such a write whatever the connection (a ledger that is never changed) may answer otherwise.
        const own = await withDatabase(async (plain) => {
          await plain.query('begin');
          const refusal = await plain.query(update).then(() => null, (error: { code: string }) => error.code);
          await plain.query('rollback');
          return refusal;
        });
        expect(own, `${s}.${table}`).not.toBeNull();
        expect(code, `${s}.${table}`).toBe(own);
      }
    } finally {
      await client.end();
    }
    expect(checked).toBeGreaterThan(plugged.length / 2);
  });
});

const TRAIL = (field: string) => `query ($organisationId: ID!, $first: Int, $after: String, $from: LocalDate, $to: LocalDate) {
  ${field}(organisationId: $organisationId, first: $first, after: $after, from: $from, to: $to) {
    edges { cursor node { id at subject role requestId operation action entity entityId organisationId before after } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface TrailPage {
  edges: { cursor: string; node: { id: string; at: string; organisationId: string; operation: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('the audit trail, read', () => {
  /** Per subgraph: an organisation, one under it, one outside it, and the scopes that cover each. */
  const cases = () => ({
    'red-cross': { top: fixtures.province, under: fixtures.district, topScope: [fixtures.province], underScope: [fixtures.district] },
    elderly: { top: fixtures.associationId, under: fixtures.clubId, topScope: [fixtures.associationId], underScope: [fixtures.clubId] },
    emulation: { top: fixtures.clusters.ranked, under: fixtures.clusters.ranked, topScope: [fixtures.clusters.ranked], underScope: [fixtures.clusters.registration] },
  });
  const roleOf: Record<Audited, Role> = { 'red-cross': 'chapter_officer', elderly: 'club_manager', emulation: 'cluster_secretary' };

  it.each(Object.keys(READERS) as Audited[])('%s: officers over the subtree and national administrators read it; officers elsewhere, analysts and anonymous callers are FORBIDDEN', async (subgraph) => {
    const c = cases()[subgraph];
    const field = FIELD[subgraph];
    const read = async (token: string | null, organisationId: string) => graphql<Record<string, TrailPage>>(gatewayUrl(), TRAIL(field), { organisationId, first: 100 }, randomUUID(), { token });
    const topOfficer = await tokenFor({ role: subgraph === 'elderly' ? 'association_officer' : roleOf[subgraph], scope: c.topScope });
    const underOfficer = await tokenFor({ role: roleOf[subgraph], scope: c.underScope });
    const admin = await tokenFor({ role: 'national_admin' });

    const national = await read(admin, c.top);
    expect(national.errors).toBeUndefined();
    const all = national.data![field].edges.map((edge) => edge.node);
    expect(all.length).toBeGreaterThan(0);
    const atUnder = await read(topOfficer, c.under);
    expect(atUnder.errors).toBeUndefined();
    expect(atUnder.data![field].edges.length).toBeGreaterThan(0);
    // The subtree of the organisation below is part of the organisation's.
    const ids = new Set(all.map((node) => node.id));
    expect(atUnder.data![field].edges.every((edge) => ids.has(edge.node.id)) || atUnder.data![field].edges.length === 100).toBe(true);
    expect((await read(topOfficer, c.top)).data![field].edges.map((edge) => edge.node.id)).toEqual(all.map((node) => node.id));

    // An officer below (or elsewhere) asking for the organisation above: FORBIDDEN, not an error 500.
    for (const [label, token] of [['officer outside', underOfficer], ['analyst', await tokenFor({ role: 'analyst' })], ['anonymous', null]] as const) {
      const refused = await read(token, c.top);
      expect(refused.data?.[field] ?? null, label).toBeNull();
      expect(refused.errors?.[0]?.extensions?.code, label).toBe('FORBIDDEN');
    }
    // An organisation the subgraph does not know.
    const unknown = await read(admin, randomUUID());
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'organisationId' });
  });

  it.each(Object.keys(READERS) as Audited[])('%s: newest first, page by page, one SQL statement per page, the pages making the whole list', async (subgraph) => {
    const c = cases()[subgraph];
    const field = FIELD[subgraph];
    const whole = await graphql<Record<string, TrailPage>>(gatewayUrl(), TRAIL(field), { organisationId: c.top, first: 100 });
    const all = whole.data![field].edges.map((edge) => edge.node);
    for (let i = 1; i < all.length; i++) expect(all[i - 1].at >= all[i].at, 'newest first').toBe(true);
    const paged: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const requestId = `audit-page-${randomUUID()}`;
      const result: GraphQLResponse<Record<string, TrailPage>> = await graphql<Record<string, TrailPage>>(gatewayUrl(), TRAIL(field), { organisationId: c.top, first: 2, after }, requestId);
      expect(result.errors).toBeUndefined();
      expect((await statementsFor(requestId))[subgraph], 'statements per page').toBe(1);
      paged.push(...result.data![field].edges.map((edge) => edge.node.id));
      if (!result.data![field].pageInfo.hasNextPage) break;
      after = result.data![field].pageInfo.endCursor;
    }
    expect(paged).toEqual(all.map((node) => node.id).slice(0, paged.length));
    if (all.length < 100) expect(paged.length).toBe(all.length);
    // A day range: today (Vietnam time) holds them all; a day long past holds none.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    const past = await graphql<Record<string, TrailPage>>(gatewayUrl(), TRAIL(field), { organisationId: c.top, first: 100, from: '2001-01-01', to: '2001-12-31' });
    expect(past.data![field].edges).toEqual([]);
    const bad = await graphql(gatewayUrl(), TRAIL(field), { organisationId: c.top, from: today, to: '2001-01-01' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const badCursor = await graphql(gatewayUrl(), TRAIL(field), { organisationId: c.top, after: 'not-a-cursor' });
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_CURSOR' });
  });
});


