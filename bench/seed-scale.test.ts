import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase, ensureDatabase, withDatabase } from '@hoi/common/database';
import { createLogger } from '@hoi/common/logger';
import { foldVietnamese } from '@hoi/common/text';
import { runScaleChecks } from '../scripts/scale/checks.ts';
import { seedScale, SeedRefused, type SeedReport } from '../scripts/scale/seed.ts';
import { FILLED_TABLES } from '../scripts/scale/sql.ts';

/**
 * The generator at a tiny scale, into a throwaway database next to the tests' one: every table
 * filled, every rule the API enforces on writes holding for the generated rows.
 */
describe('seed:scale', () => {
  const serverUrl = inject('databaseUrl');
  const database = `hoi_scale_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const url = withDatabase(serverUrl, database);
  const logger = createLogger('seed-scale-test');
  let report: SeedReport;
  let client: pg.Client;

  beforeAll(async () => {
    await ensureDatabase(serverUrl, database);
    report = await seedScale({ url, years: 2, scale: 0.0005, today: '2026-06-30', logger });
    client = new pg.Client({ connectionString: url });
    await client.connect();
  }, 60_000);

  afterAll(async () => {
    await client?.end();
    await dropDatabase(serverUrl, database);
  });

  it('fills every table, in a number of statements that does not depend on the scale', async () => {
    for (const table of FILLED_TABLES) expect(report.rows[table], table).toBeGreaterThan(0);
    const generated = Object.values(report.rows).reduce((sum, rows) => sum + rows, 0);
    expect(generated).toBeGreaterThan(5_000);
    // A fixed script of set-based statements (chunked ones run once per million rows), never one per row.
    expect(report.statements).toBeLessThan(170);
    expect(report.period).toEqual({ start: '2025-01-01', today: '2026-06-30', firstYear: 2025, lastYear: 2026 });
    for (const [table, rows] of Object.entries(report.rows)) {
      expect(Number((await client.query(`select count(*) as n from ${table}`)).rows[0].n), table).toBe(rows);
    }
  });

  it('builds the whole chapter and association skeleton whatever the scale', async () => {
    const levels = async (query: string) => Object.fromEntries((await client.query(query)).rows.map((row) => [row.level, Number(row.n)]));
    const units = await levels(`select level, count(*) as n from places.administrative_unit where edition = 'BEFORE_2025' group by level`);
    const chapters = await levels(`select level, count(*) as n from red_cross.chapter group by level`);
    const associations = await levels(`select level, count(*) as n from elderly.association group by level`);
    expect(chapters.NATIONAL).toBe(1);
    expect(chapters.PROVINCE).toBe(units.PROVINCE);
    expect(chapters.DISTRICT).toBe(units.DISTRICT);
    expect(associations.PROVINCE).toBe(63);
    expect(associations.DISTRICT).toBe(units.DISTRICT);
  });

  it('keeps every rule: chapter paths, ledgers that never go negative, repayments within what is owed', async () => {
    const violations = await runScaleChecks(client, report.period.start, report.period.today);
    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((name) => [name, 0])));
  });

  it('folds names in SQL exactly as the API folds search keys', async () => {
    const { rows } = await client.query(`
      select name, name_folded from red_cross.chapter union all select name, name_folded from elderly.association
      union all select name, name_folded from elderly.club`);
    const differing = rows.filter((row) => row.name_folded !== foldVietnamese(row.name));
    expect(differing.slice(0, 5)).toEqual([]);
    expect(rows.every((row) => row.name === row.name.normalize('NFC'))).toBe(true);
  });

  it('refuses to generate into a database that already holds data', async () => {
    await expect(seedScale({ url, years: 2, scale: 0.0005, today: '2026-06-30', logger })).rejects.toBeInstanceOf(SeedRefused);
  });
});
