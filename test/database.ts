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

/**
 * Runs work again when PostgreSQL gives up a REPEATABLE READ transaction because another test file
 * wrote the same rows meanwhile (40001): the work is one snapshot, so a fresh start is the answer.
 */
export async function retryOnSerializationFailure<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if ((error as { code?: string }).code !== '40001' || attempt >= attempts) throw error;
    }
  }
}
