import { parseArgs } from 'node:util';
import { dropDatabase, ensureDatabase, withDatabase } from '@hoi/common/database';
import { createLogger } from '@hoi/common/logger';
import { seedScale, SeedRefused } from './scale/seed.ts';
import { openDatabaseServer, SCALE_DATABASE } from './scale/server.ts';

const USAGE = `npm run seed:scale -- [--years 5] [--scale 1] [--database ${SCALE_DATABASE}] [--reset]

Fills a separate database with national-size generated data (generate_series, insert … select):
--years    how many calendar years of activity, ending today (default 5)
--scale    1 is the national size (about 18 million rows); 0.001–0.01 for development (default 1)
--database the database to fill, on DATABASE_URL's server or the embedded one (default ${SCALE_DATABASE})
--reset    drop and recreate that database first (fund ledgers are append-only: nothing is deleted)`;

const { values } = parseArgs({
  options: {
    years: { type: 'string', default: '5' },
    scale: { type: 'string', default: '1' },
    database: { type: 'string', default: SCALE_DATABASE },
    reset: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const logger = createLogger('seed-scale');
logger.level = process.env.LOG_LEVEL ?? 'warn';
const years = Number(values.years);
const scale = Number(values.scale);
const database = values.database!;
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) {
  console.error(`--database must be a plain lower-case identifier\n\n${USAGE}`);
  process.exit(2);
}

const server = await openDatabaseServer(logger);
let exitCode = 0;
try {
  if (values.reset) await dropDatabase(server.adminUrl, database);
  await ensureDatabase(server.adminUrl, database);
  const url = withDatabase(server.adminUrl, database);
  console.log(`seed:scale → database ${database} (${server.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'}), scale ${scale}, ${years} year(s)`);
  const report = await seedScale({ url, years, scale, logger, print: (line) => console.log(line) });
  console.log(`\nperiod ${report.period.start} … ${report.period.today}`);
  console.log('table                              rows');
  let total = 0;
  for (const [table, rows] of Object.entries(report.rows)) {
    total += rows;
    console.log(`${table.padEnd(32)} ${rows.toLocaleString('en-US').padStart(12)}`);
  }
  console.log(`${'total generated'.padEnd(32)} ${total.toLocaleString('en-US').padStart(12)}`);
  for (const [table, rows] of Object.entries(report.reference)) {
    console.log(`${table.padEnd(32)} ${rows.toLocaleString('en-US').padStart(12)}   (reference data, from the places migration)`);
  }
  console.log(`\n${report.statements} SQL statements, ${(report.ms / 1000).toFixed(1)} s`);
} catch (error) {
  if (error instanceof SeedRefused) {
    console.error(error.message);
    exitCode = 2;
  } else {
    console.error(error);
    exitCode = 1;
  }
} finally {
  await server.stop();
}
process.exit(exitCode);
