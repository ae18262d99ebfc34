import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase, ensureDatabase, withDatabase } from '@hoi/common/database';
import { createLogger } from '@hoi/common/logger';
import { foldVietnamese } from '@hoi/common/text';
import { runScaleChecks, snapshotMismatches } from '../scripts/scale/checks.ts';
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

  it('files period reports in every state, some late, with snapshots equal to what the subgraphs\' approvals compute', async () => {
    for (const schema of ['red_cross', 'elderly']) {
      const { rows } = await client.query(`select state, count(*)::int as n from ${schema}.period_report group by state`);
      const states = Object.fromEntries(rows.map((row) => [row.state, row.n]));
      const total = Object.values(states).reduce((sum: number, n) => sum + (n as number), 0);
      // Mostly approved; every other state present. Periods: the halves of 2025 and the year 2025.
      expect(states.APPROVED / total, schema).toBeGreaterThan(0.8);
      for (const state of ['DRAFT', 'SUBMITTED', 'RETURNED']) expect(states[state], `${schema} ${state}`).toBeGreaterThan(0);
      const periods = (await client.query(`select distinct period_type || ' ' || period_start as p from ${schema}.period_report order by 1`)).rows.map((row) => row.p);
      expect(periods, schema).toEqual(['HALF_YEAR 2025-01-01', 'HALF_YEAR 2025-07-01', 'YEAR 2025-01-01']);
      const organisations = Number((await client.query(schema === 'red_cross' ? `select count(*) as n from red_cross.chapter`
        : `select (select count(*) from elderly.association) + (select count(*) from elderly.club) as n`)).rows[0].n);
      // Some never filed (missing).
      expect(total, schema).toBeLessThan(3 * organisations);
    }
    const late = Number((await client.query(`select count(*) as n from red_cross.period_report
      where submitted_at > (period_end + 1 + case period_type when 'YEAR' then 30 else 20 end)::timestamp at time zone 'Asia/Ho_Chi_Minh'`)).rows[0].n);
    expect(late).toBeGreaterThan(0);
    const { compared, mismatches } = await snapshotMismatches(client, 4);
    expect(compared).toBeGreaterThan(10);
    expect(mismatches.slice(0, 2)).toEqual([]);
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
