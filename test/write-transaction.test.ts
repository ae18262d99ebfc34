import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '@hoi/common/logger';
import { openOrm, sql, type MikroORM } from '@hoi/common/orm';
import { writeTransaction } from '@hoi/common/writes';
import { elderly } from '@hoi/elderly';

/**
 * A deadlock (PostgreSQL undoes one of two transactions that wait for each other) or a
 * serialization failure is retried by writeTransaction, and one that persists is WRITE_CONFLICT.
 */
describe('writeTransaction', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await openOrm({ url: inject('databaseUrl'), schema: elderly.schemaName, entities: elderly.entities, migrations: [], logger: createLogger('write-transaction-test') });
  });
  afterAll(() => orm?.close());

  it('retries the transaction PostgreSQL undid to break a deadlock, and both writes land', async () => {
    const attempts = { a: 0, b: 0 };
    const crossed = (name: 'a' | 'b', first: number, second: number) =>
      writeTransaction(orm.em.fork(), async (em) => {
        attempts[name]++;
        await sql(em, 'select pg_advisory_xact_lock(?)', [first]);
        await sleep(300);
        await sql(em, 'select pg_advisory_xact_lock(?)', [second]);
        return name;
      });
    const keys = [Date.now(), Date.now() + 1];
    expect(await Promise.all([crossed('a', keys[0], keys[1]), crossed('b', keys[1], keys[0])])).toEqual(['a', 'b']);
    expect(attempts.a + attempts.b).toBe(3);
  });

  it('gives up with WRITE_CONFLICT, not an internal error, when the failure persists', async () => {
    let attempts = 0;
    const failing = writeTransaction(orm.em.fork(), async (em) => {
      attempts++;
      await sql(em, `do $$ begin raise exception 'could not serialize access' using errcode = '40001'; end $$`);
    });
    await expect(failing).rejects.toMatchObject({ extensions: { code: 'WRITE_CONFLICT' } });
    expect(attempts).toBe(4);
  });
});
