import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Constructor } from '@mikro-orm/core';
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

/** Runs raw SQL on the request's entity manager so that it counts against the request. */
export function sql<T = Record<string, unknown>>(em: EntityManager, query: string, params: unknown[] = []): Promise<T[]> {
  // MikroORM inlines parameters; an undefined one would become the bare word "undefined".
  const values = params.map((value) => (value === undefined ? null : value));
  return em.execute<T[]>(query, values, { loggerContext: em.getLoggerContext() });
}

export type { MikroORM, EntityManager };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an id can name a row at all: anything else names nothing, without asking the database. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/**
 * Rows by primary key for a DataLoader, in key order (null for an unknown id), as plain objects:
 * hot reads skip the ORM's hydration and identity map, a third of the CPU of a lookup by id.
 */
export async function rowsByIds<T>(em: EntityManager, table: string, select: string, ids: readonly string[]): Promise<(T | null)[]> {
  const wellFormed = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  const rows = wellFormed.length === 0 ? [] : await sql<T & { id: string }>(em, `select ${select} from ${table} where id in (?)`, [wellFormed]);
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
