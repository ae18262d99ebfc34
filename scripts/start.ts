import { createLogger } from '@hoi/common/logger';
import { loadOrCreateSecret } from '@hoi/common/identity';
import { stopOnSignal } from '@hoi/common/service';
import { startSystem } from './system.ts';

const logger = createLogger('hoi-graph');
// Demo keys, made at first start in the git-ignored data folder; a deployment sets its own.
process.env.HOI_JWT_SECRET ||= loadOrCreateSecret('.data/keys/jwt-secret');
process.env.HOI_GATEWAY_SECRET ||= loadOrCreateSecret('.data/keys/gateway-secret');
const started = Date.now();
const system = await startSystem({
  dataDir: process.env.HOI_DATA_DIR ?? '.data/postgres',
  embeddedPort: Number(process.env.HOI_EMBEDDED_PG_PORT ?? 54329),
  database: process.env.DATABASE_URL ? undefined : 'hoi',
  portBase: process.env.HOI_FREE_PORTS === '1' ? 0 : 'default',
  demoData: true,
  logger,
});

const where = system.database.embedded ? `embedded PostgreSQL, data in ${process.env.HOI_DATA_DIR ?? '.data/postgres'}` : 'DATABASE_URL';
console.log(`database   ${where}`);
for (const service of system.subgraphs) console.log(`${service.name.padEnd(10)} ${service.url}`);
console.log(`${'gateway'.padEnd(10)} ${system.gateway.url}   (explorer: open it in a browser)`);
console.log(`ready in ${Date.now() - started} ms; Ctrl-C stops everything; \`npm run tokens\` prints demo tokens`);

stopOnSignal(system, logger, () => console.log('stopped'));
