import { createHash } from 'node:crypto';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { Migrator } from '@mikro-orm/migrations';
import { TransactionContext, type Constructor } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import type { Logger } from 'pino';
import { StatementCounter, StatementLogger } from './statements.ts';

export interface OrmOptions {
  url: string;
  /** The subgraph's own PostgreSQL schema: it holds the subgraph's tables and its migrations table. */
  schema: string;
  entities: Constructor[];
  migrations: Constructor<Migration>[];
  logger: Logger;
  counter?: StatementCounter;
  poolSize?: number;
  /** A serving process: its writes to audited tables must come with an audit scope (common/src/audit.ts). */
  audited?: boolean;
}

export async function openOrm(options: OrmOptions): Promise<MikroORM> {
  const counter = options.counter ?? new StatementCounter();
  return MikroORM.init({
    clientUrl: options.url,
    schema: options.schema,
    entities: options.entities,
    extensions: [Migrator],
    migrations: {
      tableName: 'mikro_orm_migrations',
      schema: options.schema,
      migrationsList: options.migrations.map((migration) => ({ name: migration.name, class: migration })),
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      silent: true,
    },
    pool: { min: 0, max: options.poolSize ?? 10 },
    // No JIT: these are short statements whose estimated cost grows with the tables, and JIT
    // compiling one (an elderly cluster's totals over a large ledger) took 8 s of a 9 s query.
    driverOptions: { options: `-c jit=off${options.audited ? ' -c hoi.audit=required' : ''}` },
    loggerFactory: () => new StatementLogger(options.logger, counter),
    debug: true,
    ensureDatabase: false,
  });
}

/** Applies the subgraph's pending migrations: an explicit step, never done by a serving process. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  await orm.em.getConnection().execute(`create schema if not exists "${orm.config.get('schema')}"`);
  const applied = await orm.migrator.up();
  return applied.map((migration) => migration.name);
}

/**
 * The entity manager whose open transaction a statement given `em` must run in, if any: `em`'s own
 * (the forked manager `em.transactional` hands its callback, or a request manager that began one),
 * else the transaction this code runs inside through MikroORM's async context (`writeTransaction`
 * on the request's manager, while a scope check or a DataLoader reads through that same request
 * manager). The request's manager is a fork without the async context, so MikroORM itself would
 * send such a read to the pool: a mutation would hold its transaction's connection while waiting for
 * a second one, and as many concurrent mutations as the pool has connections would wait forever
 * (every session "idle in transaction"). A transaction already finished (a batch dispatched after
 * its commit) is no longer one to join.
 */
export function transactionManager(em: EntityManager): EntityManager | undefined {
  if (em.getTransactionContext()) return em;
  const current = TransactionContext.getEntityManager(em.name) as EntityManager | undefined;
  return current && current.getDriver() === em.getDriver() && current.getTransactionContext() ? current : undefined;
}

/**
 * A request's entity manager: a fork of its own (its own identity map, its statements counted
 * against the request id) that follows MikroORM's async context, so that an ORM read through it
 * (a loader's `em.find`) inside a mutation's transaction runs in that transaction, as `sql` and
 * `prepared` do, not on a second pool connection.
 */
export function requestManager(orm: MikroORM, requestId: string) {
  return orm.em.fork({ loggerContext: { requestId }, useContext: true });
}

/**
 * Runs raw SQL so that it counts against the request: on the transaction it runs inside, if any
 * (`transactionManager`), else on a pool connection taken for the statement and released after it.
 */
export function sql<T = Record<string, unknown>>(em: EntityManager, query: string, params: unknown[] = []): Promise<T[]> {
  // MikroORM inlines parameters; an undefined one would become the bare word "undefined".
  const values = params.map((value) => (value === undefined ? null : value));
  return (transactionManager(em) ?? em).execute<T[]>(query, values, { loggerContext: em.getLoggerContext() });
}

/** A statement with `$n` placeholders and the name it is prepared under on each connection. */
const preparedStatements = new Map<string, { name: string; text: string }>();

function preparedStatement(query: string): { name: string; text: string } {
  let statement = preparedStatements.get(query);
  if (!statement) {
    let index = 0;
    const text = query.replace(/\?/g, () => `$${++index}`);
    statement = { name: `hoi_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`, text };
    preparedStatements.set(query, statement);
  }
  return statement;
}

/** A list as PostgreSQL's array literal (`{"a","b"}`), what pg sends for a bound array. */
function arrayLiteral(values: unknown[]): string {
  return `{${values.map((value) => (value === null || value === undefined ? 'NULL' : `"${String(value).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}

/**
 * A hot read as a named prepared statement (pg's extended protocol): PostgreSQL parses and plans it
 * once per connection instead of once per request, and the values travel apart from the text.
 * The query is written as for `sql`, with `?` placeholders, but a list is bound as one array value
 * (`= any(?::uuid[])`, `unnest(?::uuid[])`, never `in (?)`), so that its text, and so its name, is
 * the same for one id or a thousand: the statements a process prepares are the few the code has.
 * Outside a transaction `pool.query` takes a connection for this one statement and releases it as
 * soon as the rows are read. In a transaction (`transactionManager`: the manager's own or the one
 * this code runs inside) it runs through the ORM on the transaction's connection, the lists written
 * as array literals (a write's reads are not the hot ones). Counted against the request either way.
 */
export async function prepared<T = Record<string, unknown>>(em: EntityManager, query: string, params: unknown[] = []): Promise<T[]> {
  // In a transaction (its own or the async context's), on that transaction's connection: never a
  // second connection while the transaction holds one.
  if (transactionManager(em)) return sql<T>(em, query, params.map((value) => (Array.isArray(value) ? arrayLiteral(value) : value)));
  const { name, text } = preparedStatement(query);
  const values = params.map((value) => (value === undefined ? null : value));
  const started = performance.now();
  const pool = (await em.getConnection().getNativeClient()) as pg.Pool;
  const { rows } = await pool.query({ name, text, values });
  em.config.getLogger().logQuery({ query: text, took: Math.round(performance.now() - started), ...em.getLoggerContext() });
  return rows as T[];
}

export type { MikroORM, EntityManager };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an id can name a row at all: anything else names nothing, without asking the database. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/**
 * Rows by primary key for a DataLoader, in key order (null for an unknown id), as plain objects:
 * hot reads skip the ORM's hydration and identity map, a third of the CPU of a lookup by id, and
 * run prepared.
 */
export async function rowsByIds<T>(em: EntityManager, table: string, select: string, ids: readonly string[]): Promise<(T | null)[]> {
  const wellFormed = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  const rows = wellFormed.length === 0 ? [] : await prepared<T & { id: string }>(em, `select ${select} from ${table} where id = any(?::uuid[])`, [wellFormed]);
  const byId = new Map(rows.map((row) => [row.id, row as T]));
  return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
}

/** A WHERE clause built from optional filters, with its parameters in order. */
export class Conditions {
  private readonly parts: string[] = [];
  readonly params: unknown[] = [];

  add(condition: string, ...values: unknown[]): this {
    this.parts.push(condition);
    this.params.push(...values);
    return this;
  }

  get where(): string {
    return this.parts.length ? this.parts.join(' and ') : 'true';
  }
}

/**
 * Inserts rows given as objects keyed by column name, skipping those already there: demo data
 * loads on every start and must neither fail nor duplicate.
 */
export async function insertMissing(em: EntityManager, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]).join(', ');
  await em.execute(
    `insert into ${table} (${columns}) select ${columns} from jsonb_populate_recordset(null::${table}, ?::jsonb) on conflict do nothing`,
    [JSON.stringify(rows)],
  );
}
