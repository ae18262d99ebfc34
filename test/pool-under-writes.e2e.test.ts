import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '@hoi/common/logger';
import { openOrm, prepared, requestManager, rowsByIds, sql, type MikroORM } from '@hoi/common/orm';
import { writeTransaction } from '@hoi/common/writes';
import { elderly } from '@hoi/elderly';
import { ClubEntity } from '../subgraphs/elderly/src/club/club.entity.ts';
import { seedAssociationWithClubs } from '../subgraphs/elderly/src/club/club.seed.ts';
import { seedChapterTree } from '../subgraphs/red-cross/src/chapter/chapter.seed.ts';
import { withDatabase } from './database.ts';
import { subgraphUrl, tokenFor } from './graphql.ts';

/**
 * A mutation holds its transaction's connection; a read it makes through the request's loaders
 * (a scope check, a prepared hot read) must run on that same connection, never wait for a second
 * one: otherwise as many concurrent mutations as the pool has connections each hold one and wait
 * for another, forever, and PostgreSQL shows them all "idle in transaction".
 */

/** Fails instead of hanging the run: a starved pool never answers. */
const within = <T>(ms: number, work: Promise<T>) =>
  Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms: the pool is starved`)), ms))]);

/** Sessions of this run's database left inside a transaction with nothing running. */
async function idleInTransaction(): Promise<number> {
  return withDatabase(async (client) => {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%' and pid <> pg_backend_pid()`,
    );
    return rows[0].n;
  });
}

describe('one pool connection per request, even inside a transaction', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await openOrm({ url: inject('databaseUrl'), schema: elderly.schemaName, entities: elderly.entities, migrations: [], logger: createLogger('pool-test'), poolSize: 1 });
  });
  afterAll(() => orm?.close());

  it('reads through the request manager inside its transaction on the transaction\'s connection (a pool of one)', async () => {
    const request = requestManager(orm, 'pool-test');
    const seen = await within(
      10_000,
      writeTransaction(request, async (tx) => {
        // Only the transaction's own session sees a transaction-local setting.
        await sql(tx, `select set_config('hoi.pool_probe', 'in-transaction', true)`);
        const probe = `select current_setting('hoi.pool_probe', true) as value`;
        return {
          prepared: (await prepared<{ value: string }>(request, probe))[0].value,
          sql: (await sql<{ value: string }>(request, probe))[0].value,
          // A list bound as one array, as the hot loaders do.
          byIds: await rowsByIds(request, 'elderly.club', 'id', ['00000000-0000-4000-8000-000000000000']),
          // An ORM read through the request's manager (as the entity loaders make) joins it too.
          found: await request.find(ClubEntity, { id: '00000000-0000-4000-8000-000000000000' }),
        };
      }),
    );
    expect(seen).toEqual({ prepared: 'in-transaction', sql: 'in-transaction', byIds: [null], found: [] });
    // After the commit the same reads take the pool's connection again, and give it back.
    const after = await within(10_000, Promise.all(Array.from({ length: 20 }, () => prepared<{ value: string | null }>(request, `select current_setting('hoi.pool_probe', true) as value`))));
    expect(after.map(([row]) => row.value ?? '')).toEqual(Array(20).fill(''));
    const pool = (await orm.em.getConnection().getNativeClient()) as pg.Pool;
    expect(pool.idleCount).toBe(pool.totalCount);
  });
});

/** As many concurrent mutations as three pools, mixed with the hot reads, against the real subgraphs. */
const BURST = 30;

interface BurstCase {
  subgraph: 'red-cross' | 'elderly';
  /** Seeds the parent; the mutation and read of request i, and the SQL that counts what landed. */
  prepare(tag: string): Promise<{ write: (i: number) => [string, Record<string, unknown>]; read: [string, Record<string, unknown>]; landed: [string, unknown[]] }>;
}

const CASES: Record<string, BurstCase> = {
  recordReliefActivity: {
    subgraph: 'red-cross',
    async prepare(tag) {
      const name = `Hội CTĐ dồn dập ${tag}`;
      const chapterId = (await withDatabase((client) => seedChapterTree(client, { name, level: 'PROVINCE', children: [{ name: `${name} con`, level: 'DISTRICT' }] }))).get(name)!;
      return {
        write: (i) => [
          `mutation ($input: ReliefActivityInput!) { recordReliefActivity(input: $input) { id } }`,
          { input: { chapterId, kind: 'GIFT_PACKAGES', quantity: 1 + i, peopleReached: 1, valueVnd: 100_000, occurredOn: '2024-03-05' } },
        ],
        read: [`query ($id: ID!) { chapter(id: $id) { id name children(first: 5) { totalCount } reliefActivities(first: 5) { totalCount } } }`, { id: chapterId }],
        landed: [`select count(*)::int as n from red_cross.relief_activity where chapter_id = $1`, [chapterId]],
      };
    },
  },
  recordFundEntry: {
    subgraph: 'elderly',
    async prepare(tag) {
      const clubName = `CLB dồn dập ${tag}`;
      const clubId = (await withDatabase((client) => seedAssociationWithClubs(client, { name: `Hội NCT dồn dập ${tag}`, level: 'COMMUNE' }, [{ name: clubName, foundedOn: '2015-01-01' }]))).clubIds.get(clubName)!;
      return {
        write: (i) => [
          `mutation ($input: RecordFundEntryInput!) { recordFundEntry(input: $input) { id } }`,
          { input: { clubId, kind: 'MEMBER_CONTRIBUTION', amountVnd: 10_000 + i, occurredOn: '2024-03-05', note: `Đóng góp ${i}` } },
        ],
        read: [`query ($id: ID!) { club(id: $id) { id name fund { balance totalFund } } }`, { id: clubId }],
        landed: [`select count(*)::int as n from elderly.club_fund_entry where club_id = $1`, [clubId]],
      };
    },
  },
};

describe.each(Object.entries(CASES))('a burst of %s beside hot reads', (mutation, burstCase) => {
  it(`lands all ${BURST} writes, answers every read, and leaves no session idle in a transaction`, async () => {
    const tag = `${mutation}-${Date.now()}`;
    const { write, read, landed } = await burstCase.prepare(tag);
    const token = await tokenFor({ role: 'national_admin' });
    const call = async ([query, variables]: [string, Record<string, unknown>]) => {
      const response = await fetch(subgraphUrl(burstCase.subgraph), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] } };
    };
    const requests = Array.from({ length: BURST }, (_, i) => [call(write(i)), call(read)]).flat();
    const answers = await within(40_000, Promise.all(requests));
    expect(answers.filter((answer) => answer.status !== 200 || answer.body.errors)).toEqual([]);
    const [{ n }] = await withDatabase(async (client) => (await client.query<{ n: number }>(landed[0], landed[1])).rows);
    expect(n).toBe(BURST);
    // Other test files may be mid-transaction for a moment; a leaked session stays.
    let idle = await idleInTransaction();
    for (let wait = 0; idle > 0 && wait < 20; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      idle = await idleInTransaction();
    }
    expect(idle).toBe(0);
  }, 60_000);
});
