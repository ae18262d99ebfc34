import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '@hoi/common/logger';
import type { RunningService } from '@hoi/common/server';
import { startGateway } from '@hoi/gateway';
import { readSupergraph } from '../scripts/composition.ts';
import { seedAssociationWithClubs } from '../subgraphs/elderly/src/club/club.seed.ts';
import { seedCycleClusters } from '../subgraphs/emulation/src/cycle/cycle.seed.ts';
import { seedChapterTree } from '../subgraphs/red-cross/src/chapter/chapter.seed.ts';
import { withDatabase } from './database.ts';
import { gatewayUrl, subgraphUrl, tokenFor } from './graphql.ts';
import { errorCode, post, type HttpAnswer } from './http.ts';

type Answer = HttpAnswer<Record<string, { id: string } | null>>;

/** Posts a mutation as a client would, with an Idempotency-Key when given one. */
async function send(url: string, query: string, variables: Record<string, unknown>, options: { key?: string; token?: string } = {}): Promise<Answer> {
  return post(url, query, variables, { token: options.token ?? (await admin), headers: options.key === undefined ? {} : { 'idempotency-key': options.key } });
}

const code = errorCode;

let admin: Promise<string>;
let ids: { clubId: string; chapterId: string; clusterId: string };

/** One write per subgraph that may be repeated at will, and how to count what it wrote. */
const WRITES = [
  {
    subgraph: 'elderly',
    field: 'recordClubActivity',
    query: `mutation ($note: String) { recordClubActivity(input: { clubId: "CLUB", kind: HEALTH_CHECK, heldOn: "2024-03-01", participants: 12, note: $note }) { id } }`,
    count: `select count(*)::int as n from elderly.club_activity where note = $1`,
  },
  {
    subgraph: 'red-cross',
    field: 'recordReliefActivity',
    query: `mutation ($note: String) { recordReliefActivity(input: { chapterId: "CHAPTER", kind: GIFT_PACKAGES, quantity: 1, peopleReached: 1, valueVnd: 500000, occurredOn: "2024-03-01", note: $note }) { id } }`,
    count: `select count(*)::int as n from red_cross.relief_activity where note = $1`,
  },
  {
    subgraph: 'emulation',
    field: 'recordClusterMeeting',
    query: `mutation ($note: String) { recordClusterMeeting(input: { clusterId: "CLUSTER", kind: SEMINAR, theme: $note }) { id } }`,
    count: `select count(*)::int as n from emulation.cluster_meeting where theme = $1`,
  },
] as const;

const withIds = (query: string) => query.replace('CLUB', ids.clubId).replace('CHAPTER', ids.chapterId).replace('CLUSTER', ids.clusterId);
const rows = (sql: string, note: string) => withDatabase(async (client) => (await client.query<{ n: number }>(sql, [note])).rows[0].n);
const idOf = (answer: Answer, field: string) => answer.body.data?.[field]?.id;

/** Every case on every path: each subgraph's write through the gateway and directly. */
const PATHS = WRITES.flatMap((write) => [
  { name: `${write.field} through the gateway`, url: () => gatewayUrl(), write },
  { name: `${write.field} on ${write.subgraph} directly`, url: () => subgraphUrl(write.subgraph), write },
]);

beforeAll(async () => {
  admin = tokenFor({ role: 'national_admin', subject: 'idempotency-admin' });
  ids = await withDatabase(async (client) => {
    const { clubIds } = await seedAssociationWithClubs(client, { name: 'Hội Người cao tuổi xã Một Lần', level: 'COMMUNE' }, [{ name: 'CLB Một Lần', foundedOn: '2015-01-01' }]);
    const chapters = await seedChapterTree(client, { name: 'Hội CTĐ tỉnh Một Lần', level: 'PROVINCE' });
    const [cluster] = await seedCycleClusters(client, { year: 2024, count: 1, namePrefix: 'Cụm Một Lần', members: 2 });
    return { clubId: clubIds.get('CLB Một Lần')!, chapterId: chapters.get('Hội CTĐ tỉnh Một Lần')!, clusterId: cluster.clusterId };
  });
});

describe.each(PATHS)('Idempotency-Key: $name', ({ name, url, write }) => {
  const sendNote = (note: string, key?: string, token?: string) => send(url(), withIds(write.query), { note }, { key, token });

  it('replays the first answer to a retry and writes once', async () => {
    const note = `retry ${randomUUID()}`;
    const key = randomUUID();
    const first = await sendNote(note, key);
    expect(first.status).toBe(200);
    expect(idOf(first, write.field)).toEqual(expect.any(String));
    for (let retry = 0; retry < 2; retry++) {
      const again = await sendNote(note, key);
      expect(again.body).toEqual(first.body);
      expect(again.status).toBe(200);
      // A subgraph says it replayed; the gateway answers as for any operation.
      if (!name.includes('gateway')) expect(again.headers.get('idempotent-replayed')).toBe('true');
    }
    expect(await rows(write.count, note)).toBe(1);
  });

  it('writes once when the same key is sent many times at once; the others replay or are told it is running', async () => {
    const note = `parallel ${randomUUID()}`;
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 8 }, () => sendNote(note, key)));
    const written = answers.filter((answer) => idOf(answer, write.field));
    expect(new Set(written.map((answer) => idOf(answer, write.field))).size).toBe(1);
    for (const answer of answers.filter((candidate) => !idOf(candidate, write.field))) {
      expect(code(answer)).toBe('IDEMPOTENCY_KEY_IN_USE');
      expect(answer.status).toBe(409);
    }
    expect(await rows(write.count, note)).toBe(1);
  });

  it('refuses the same key with another body, writing nothing', async () => {
    const key = randomUUID();
    const note = `first ${randomUUID()}`;
    const other = `other ${randomUUID()}`;
    await sendNote(note, key);
    const reused = await sendNote(other, key);
    expect(reused.status).toBe(422);
    expect(reused.body.errors?.[0].extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' });
    expect(await rows(write.count, other)).toBe(0);
  });

  it('keeps callers apart: another caller\'s same key is a write of its own', async () => {
    const key = randomUUID();
    const note = `callers ${randomUUID()}`;
    const mine = await sendNote(note, key);
    const theirs = await sendNote(note, key, await tokenFor({ role: 'national_admin', subject: `other-${randomUUID()}` }));
    expect(idOf(theirs, write.field)).toEqual(expect.any(String));
    expect(idOf(theirs, write.field)).not.toBe(idOf(mine, write.field));
    expect(await rows(write.count, note)).toBe(2);
  });

  it('lets identical writes without a key all land', async () => {
    const note = `no key ${randomUUID()}`;
    await Promise.all([sendNote(note), sendNote(note), sendNote(note)]);
    expect(await rows(write.count, note)).toBe(3);
  });

  it('forgets a key once it expired, and purges expired keys', async () => {
    const key = randomUUID();
    const note = `expiry ${randomUUID()}`;
    const first = await sendNote(note, key);
    const schema = write.subgraph.replace('-', '_');
    // The gateway records `<key>#1`; a direct call, the key itself.
    const age = (client: pg.Client) => client.query(`update ${schema}.idempotency_key set expires_at = now() - interval '1 second' where key like $1`, [`${key}%`]);
    await withDatabase(age);
    const second = await sendNote(note, key);
    expect(idOf(second, write.field)).not.toBe(idOf(first, write.field));
    expect(await rows(write.count, note)).toBe(2);
    await withDatabase(age);
    await sendNote(`purge ${randomUUID()}`, randomUUID());
    const left = await withDatabase(async (client) => (await client.query(`select count(*)::int as n from ${schema}.idempotency_key where key like $1`, [`${key}%`])).rows[0].n);
    expect(left).toBe(0);
  });

  it('refuses a malformed key before anything runs', async () => {
    const note = `malformed ${randomUUID()}`;
    for (const key of ['', 'with space', 'x'.repeat(201), 'ký']) {
      const answer = await sendNote(note, key);
      expect(answer.status, JSON.stringify(key)).toBe(400);
      expect(code(answer), JSON.stringify(key)).toBe('IDEMPOTENCY_KEY_INVALID');
    }
    expect(await rows(write.count, note)).toBe(0);
  });
});

describe('Idempotency-Key through the gateway, over several subgraphs', () => {
  it('replays an operation that writes on two subgraphs, one of them twice, and writes each part once', async () => {
    const note = `several ${randomUUID()}`;
    const [club, relief] = WRITES;
    const field = (query: string, alias: string) => withIds(query).replace(/^mutation \(\$note: String\) \{ /, `${alias}: `).replace(/ \}$/, '');
    const query = `mutation ($note: String) { ${field(club.query, 'a')} ${field(relief.query, 'b')} ${field(club.query, 'c')} }`;
    const key = randomUUID();
    const first = await send(gatewayUrl(), query, { note }, { key });
    expect(first.body.errors).toBeUndefined();
    const retry = await send(gatewayUrl(), query, { note }, { key });
    expect(retry.body).toEqual(first.body);
    expect(await rows(club.count, note)).toBe(2);
    expect(await rows(relief.count, note)).toBe(1);
    // Another body with this key is refused at the first subgraph that saw it.
    const reused = await send(gatewayUrl(), query, { note: `${note} changed` }, { key });
    expect(code(reused)).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await rows(club.count, `${note} changed`)).toBe(0);
  });
});

describe('a write the gateway gave up on', () => {
  let gateway: RunningService;
  let blocker: pg.Client;
  const TIMEOUT_MS = 1000;

  beforeAll(async () => {
    process.env.HOI_JWT_SECRET ??= inject('jwtSecret');
    gateway = await startGateway({
      supergraphSdl: readSupergraph(),
      subgraphUrls: inject('subgraphUrls'),
      port: 0,
      logger: createLogger('idempotency-timeout-test'),
      subgraphTimeoutMs: TIMEOUT_MS,
      gatewaySecret: inject('gatewaySecret'),
    });
    blocker = new pg.Client({ connectionString: inject('databaseUrl') });
    await blocker.connect();
  });
  afterAll(async () => {
    await blocker?.query('rollback').catch(() => {});
    await blocker?.end();
    await gateway?.stop();
  });

  it('commits once, and the client\'s retry with the same key gets the first answer', async () => {
    const [write] = WRITES;
    const note = `timeout ${randomUUID()}`;
    const key = randomUUID();
    // Hold the club's row: the activity's insert waits for it (its foreign key shares the row).
    await blocker.query('begin');
    await blocker.query('select id from elderly.club where id = $1 for update', [ids.clubId]);
    const started = Date.now();
    const gaveUp = await send(gateway.url, withIds(write.query), { note }, { key });
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(idOf(gaveUp, write.field)).toBeUndefined();
    expect(await rows(write.count, note)).toBe(0);
    // Still running: a retry now is told so, and runs nothing.
    const early = await send(gateway.url, withIds(write.query), { note }, { key });
    expect(code(early)).toBe('IDEMPOTENCY_KEY_IN_USE');
    expect(early.status).toBe(409);
    await blocker.query('commit');
    let committed = 0;
    for (let wait = 0; wait < 50 && committed === 0; wait++) {
      committed = await rows(write.count, note);
      if (committed === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(committed).toBe(1);
    const [{ id }] = await withDatabase(async (client) => (await client.query<{ id: string }>(`select id from elderly.club_activity where note = $1`, [note])).rows);
    const retry = await send(gateway.url, withIds(write.query), { note }, { key });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ data: { [write.field]: { id } } });
    expect(await rows(write.count, note)).toBe(1);
  });
});
