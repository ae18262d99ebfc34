import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { stableId } from '@hoi/common/ids';
import { DEMO_TOKENS } from '../scripts/demo-tokens.ts';

/** `npm run tokens` names what each token covers: every name and id it prints is the demo data's. */
describe('the demo tokens name what they cover', () => {
  const CASES = DEMO_TOKENS.flatMap((token) => token.covers.map((covered) => [token.role, covered] as const));

  it('scoped roles name at least one organisation', () => {
    expect(DEMO_TOKENS.filter((token) => token.covers.length).map((token) => token.role).sort()).toEqual(['association_officer', 'chapter_officer', 'club_manager', 'cluster_secretary']);
  });

  it.each(CASES)('%s: %o', async (_role, { slug, name, table }) => {
    const db = new pg.Client({ connectionString: inject('databaseUrl') });
    await db.connect();
    try {
      const { rows } = await db.query(`select name from ${table} where id = $1`, [stableId(slug)]);
      expect(rows).toEqual([{ name }]);
    } finally {
      await db.end();
    }
  });
});
