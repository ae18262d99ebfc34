import { loadSecretFiles } from '@hoi/common/config';
import { createLogger } from '@hoi/common/logger';
import { loadDemoData, migrateSubgraph } from '@hoi/common/service';
import { SUBGRAPHS } from './services.ts';

/**
 * The explicit migration step for a deployment (`npm run migrate -- --demo-data`): every
 * subgraph's pending migrations, in order, against DATABASE_URL (or DATABASE_URL_FILE); with
 * `--demo-data`, then the demo data (docker-compose.yml's `demo` profile only).
 */
loadSecretFiles();
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required: migrations run against an explicit database');
const logger = createLogger('migrate');
for (const { definition } of SUBGRAPHS) {
  const applied = await migrateSubgraph(definition, url, logger);
  logger.info({ subgraph: definition.name, applied }, applied.length ? 'migrations applied' : 'up to date');
}
if (process.argv.includes('--demo-data')) {
  for (const { definition } of SUBGRAPHS) await loadDemoData(definition, url, logger);
  logger.info('demo data loaded');
}
