import { setTimeout as sleep } from 'node:timers/promises';
import { DeadlockException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode } from './errors.ts';
import { sql } from './orm.ts';
import { enterAuditScope } from './audit.ts';

/**
 * Rules that read before they write ("at most five", "one head at a time", "no overlapping term",
 * "enough cash") hold under concurrent writers only if the writers of one rule's parent take
 * turns. Each such rule calls `lockRule` inside its transaction, BEFORE its check: a
 * transaction-scoped advisory lock on (rule, parent key), released at commit or rollback.
 *
 * Why an advisory lock and not SERIALIZABLE: every write here is a short transaction on one
 * parent (a club, a term, a cluster), so making its writers queue costs nothing, needs no retry
 * loop and cannot fail a client; SERIALIZABLE would fail and retry every transaction whose reads
 * merely overlap (range scans, sums over a ledger). And why not `select … for update` on the parent
 * row: it also blocks every insert of a child row elsewhere (a foreign key takes a share lock on
 * the parent), and a check written in the same statement as the lock reads a snapshot taken
 * BEFORE the wait, which is how eight parallel additions all counted none of the others.
 *
 * Under READ COMMITTED each later statement sees what the previous holder committed, so the
 * check must be a statement of its own after this call.
 */
export async function lockRule(em: EntityManager, rule: string, parentKey: string): Promise<void> {
  if (!em.isInTransaction()) throw new Error(`lockRule(${rule}) outside a transaction would release the lock at once`);
  await sql(em, 'select pg_advisory_xact_lock(hashtext(?), hashtext(?))', [rule, parentKey]);
}

const ATTEMPTS = 4;

/**
 * One mutation, one transaction: all of it is written or none. A deadlock or a serialization
 * failure (PostgreSQL chose this transaction to undo) is retried a few times after a short random
 * wait; if it persists the client gets WRITE_CONFLICT, a stable code that says "send it again",
 * never INTERNAL_SERVER_ERROR. Its first statement tells the audit trail who writes (common/src/audit.ts).
 */
export async function writeTransaction<T>(em: EntityManager, write: (em: EntityManager) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await em.transactional(async (tx) => {
        await enterAuditScope(em, tx);
        return write(tx);
      });
    } catch (error) {
      if (!(error instanceof DeadlockException)) throw error;
      if (attempt === ATTEMPTS) throw new DomainError(ErrorCode.WRITE_CONFLICT, 'the write met a concurrent one and was undone; send it again');
      await sleep(10 * attempt + Math.random() * 20 * attempt);
    }
  }
}
