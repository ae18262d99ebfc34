import pg from 'pg';
import { inject } from 'vitest';

/** A direct connection to the run's database, for seed builders: tests write rows, then read them over HTTP. */
export async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
