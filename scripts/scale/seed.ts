import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import type { Logger } from 'pino';
import { migrateSubgraph } from '@hoi/common/service';
import { SUBGRAPHS } from '../services.ts';
import { CITIES, CITY_FACTOR, EXTERNAL_ORGANISATIONS, INSTITUTIONS, NAMES, nfcAll, PROVINCES, REGIONS, RELIEF_NOTES } from './params.ts';
import { ELDERLY_REPORT_STEPS, RED_CROSS_REPORT_STEPS } from './reports.ts';
import { ELDERLY_STEPS, EMULATION_STEPS, FILLED_TABLES, RED_CROSS_STEPS, REFERENCE_TABLES, SESSION_SETUP, SESSION_TABLES, type Step } from './sql.ts';

export interface SeedOptions {
  /** The database to fill (it must exist; its migrations are applied first). */
  url: string;
  years: number;
  scale: number;
  /** The last day data may carry; today in Vietnam if omitted. */
  today?: string;
  logger: Logger;
  /** One line per step; silent if omitted. */
  print?: (line: string) => void;
}

export interface SeedReport {
  rows: Record<string, number>;
  reference: Record<string, number>;
  steps: { label: string; rows: number; ms: number }[];
  /** SQL statements the generator sent: a few per step, whatever the scale. */
  statements: number;
  ms: number;
  period: { start: string; today: string; firstYear: number; lastYear: number };
}

export class SeedRefused extends Error {}

export function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}

/** A pg client that counts what it sends. */
export class CountingClient {
  statements = 0;
  constructor(readonly client: pg.Client) {}
  query(text: string, params: unknown[] = []): Promise<pg.QueryResult> {
    this.statements++;
    return this.client.query(text.normalize('NFC'), params);
  }
}

const count = (n: number) => n.toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Fills an empty, migrated database with the national data set. Red Cross and Elderly are
 * generated on two connections at once (two cores); emulation follows, since its blocs name
 * chapters and associations of both.
 */
export async function seedScale(options: SeedOptions): Promise<SeedReport> {
  const started = performance.now();
  const print = options.print ?? (() => {});
  if (!(options.scale > 0) || !Number.isFinite(options.scale)) throw new SeedRefused('--scale must be a positive number');
  if (!Number.isInteger(options.years) || options.years < 1 || options.years > 30) throw new SeedRefused('--years must be an integer from 1 to 30');

  for (const { definition } of SUBGRAPHS) {
    const applied = await migrateSubgraph(definition, options.url, options.logger);
    if (applied.length) print(`migrated ${definition.name}: ${applied.length} migration(s)`);
  }

  const today = options.today ?? todayInVietnam();
  const lastYear = Number(today.slice(0, 4));
  const firstYear = lastYear - options.years + 1;
  const period = { start: `${firstYear}-01-01`, today, firstYear, lastYear };

  const connect = async () => {
    const client = new pg.Client({ connectionString: options.url });
    await client.connect();
    return new CountingClient(client);
  };
  const a = await connect();
  const b = await connect();
  const steps: SeedReport['steps'] = [];
  try {
    const { rows } = await a.query(`select (select count(*) from red_cross.chapter) + (select count(*) from elderly.association)
                                         + (select count(*) from emulation.cluster) as n`);
    if (Number(rows[0].n) > 0) {
      throw new SeedRefused('the database already holds chapters, associations or clusters; generate into an empty one (seed:scale --reset drops and recreates it)');
    }
    for (const client of [a, b]) await setUpSession(client, options.scale, period);

    const run = async (client: CountingClient, prefix: string, list: Step[]) => {
      for (const step of list) {
        if (step.onlyIf && !(await client.query(step.onlyIf)).rows[0].yes) continue;
        const stepStarted = performance.now();
        let rows = 0;
        for (const params of await chunks(client, step)) rows += (await client.query(step.sql, params)).rowCount ?? 0;
        const ms = performance.now() - stepStarted;
        steps.push({ label: step.label, rows, ms });
        print(`${prefix} ${step.label.padEnd(46)} ${count(rows).padStart(11)} rows ${seconds(ms).padStart(8)}`);
      }
    };
    await Promise.all([run(a, '[red-cross]', [...RED_CROSS_STEPS, ...RED_CROSS_REPORT_STEPS]), run(b, '[elderly]  ', [...ELDERLY_STEPS, ...ELDERLY_REPORT_STEPS])]);
    await run(a, '[emulation]', EMULATION_STEPS.map((step) => (step.label === 'temp em_region' ? { ...step, params: [regionsJson()] } : step)));

    // Statistics and visibility maps now, as autovacuum would later: the benchmark reads plans on them.
    const vacuumStarted = performance.now();
    const halves = [FILLED_TABLES.filter((table) => !table.startsWith('elderly.')), FILLED_TABLES.filter((table) => table.startsWith('elderly.'))];
    await Promise.all(halves.map(async (tables, index) => {
      for (const table of tables) await [a, b][index].query(`vacuum (analyze) ${table}`);
    }));
    print(`vacuum (analyze) of ${FILLED_TABLES.length} tables ${seconds(performance.now() - vacuumStarted)}`);

    const counted: Record<string, number> = {};
    const reference: Record<string, number> = {};
    for (const table of FILLED_TABLES) counted[table] = Number((await a.query(`select count(*) as n from ${table}`)).rows[0].n);
    for (const table of REFERENCE_TABLES) reference[table] = Number((await a.query(`select count(*) as n from ${table}`)).rows[0].n);
    const report = { rows: counted, reference, steps, statements: a.statements + b.statements, ms: performance.now() - started, period };
    await recordSeed(a, { scale: options.scale, years: options.years, period, seconds: Math.round(report.ms / 100) / 10, rows: Object.values(counted).reduce((sum, n) => sum + n, 0), seededAt: new Date().toISOString(), machine: machine() });
    return report;
  } finally {
    await Promise.allSettled([a.client.end(), b.client.end()]);
  }
}

/** What the benchmark reports of the data it ran on: how it was generated, how long it took, where. */
export interface SeedRecord {
  scale: number;
  years: number;
  period: SeedReport['period'];
  seconds: number;
  rows: number;
  seededAt: string;
  machine: string;
}

export const machine = () => `${cpus().length} CPU cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GB RAM`;

/** Kept as the database's comment: it goes with the data, outside every subgraph's schema. */
async function recordSeed(client: CountingClient, record: SeedRecord): Promise<void> {
  const { rows } = await client.query('select current_database() as name');
  await client.query(`comment on database ${client.client.escapeIdentifier(rows[0].name)} is ${client.client.escapeLiteral(JSON.stringify(record))}`);
}

/** The seed record of the database a client is connected to; null for data not made by seed:scale (or before it kept one). */
export async function seedRecordOf(client: pg.Client): Promise<SeedRecord | null> {
  const { rows } = await client.query(`select shobj_description(oid, 'pg_database') as comment from pg_database where datname = current_database()`);
  try {
    const record = JSON.parse(rows[0]?.comment ?? 'null') as SeedRecord | null;
    return record && typeof record.scale === 'number' ? record : null;
  } catch {
    return null;
  }
}

export async function setUpSession(client: CountingClient, scale: number, period: SeedReport['period']): Promise<void> {
  for (const statement of SESSION_SETUP) await client.query(statement);
  const [cfg, provinces, words] = SESSION_TABLES;
  await client.query(cfg, [period.start, period.today, scale, period.firstYear, period.lastYear]);
  await client.query(provinces, [
    JSON.stringify(PROVINCES.map(({ code, population, minority, groups, poor, nearPoor }) => ({
      code, population, minority, groups: nfcAll(groups), poor, near_poor: nearPoor, city: CITIES.includes(code),
    }))),
    CITY_FACTOR,
  ]);
  // Weighted lists become arrays with repeats, so that one uniform pick follows the weights.
  const families = NAMES.families.flatMap(([name, weight]) => Array.from({ length: Math.max(1, Math.round(weight * 2)) }, () => name));
  await client.query(words, [
    JSON.stringify({
      families: nfcAll(families),
      minority_families: nfcAll(NAMES.minorityFamilies),
      female_middle: nfcAll(NAMES.femaleMiddle),
      male_middle: nfcAll(NAMES.maleMiddle),
      female_given: nfcAll(NAMES.femaleGiven),
      male_given: nfcAll(NAMES.maleGiven),
      institutions: nfcAll(INSTITUTIONS),
      relief_notes: nfcAll(RELIEF_NOTES),
      externals: nfcAll(EXTERNAL_ORGANISATIONS),
    }),
  ]);
}

function regionsJson(): string {
  return JSON.stringify(REGIONS.map((region, index) => ({ n: index + 1, name: region.name.normalize('NFC'), codes: region.codes })));
}

/** The parameter sets a step runs with: once, or once per range of keys holding about `rowsPerChunk` rows. */
async function chunks(client: CountingClient, step: Step): Promise<unknown[][]> {
  if (!step.chunked) return [step.params ?? []];
  const { table, key, count: rowsOf, rowsPerChunk } = step.chunked;
  const { rows } = await client.query(`select ${key} as key, ${rowsOf} as rows from ${table} order by ${key}`);
  const ranges: unknown[][] = [];
  let from: number | null = null;
  let held = 0;
  for (const row of rows) {
    const value = Number(row.key);
    from ??= value;
    held += Number(row.rows);
    if (held >= rowsPerChunk) {
      ranges.push([from, value + 1]);
      from = null;
      held = 0;
    }
  }
  if (from !== null) ranges.push([from, Number(rows.at(-1)!.key) + 1]);
  return ranges;
}
