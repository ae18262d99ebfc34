import { createLogger } from '@hoi/common/logger';
import { loadOrCreateSecret } from '@hoi/common/identity';
import { stopOnSignal } from '@hoi/common/service';
import { portsTaken, type WantedPort } from './port-check.ts';
import { GATEWAY_PORT, SUBGRAPH_PORTS } from './service-ports.ts';

// The service table on stdout, the JSON log on stderr: `npm start 2>>.data/start.log` keeps them apart.
const logger = createLogger('hoi-graph', 2);
// Demo keys, made at first start in the git-ignored data folder; a deployment sets its own.
process.env.HOI_JWT_SECRET ||= loadOrCreateSecret('.data/keys/jwt-secret');
process.env.HOI_GATEWAY_SECRET ||= loadOrCreateSecret('.data/keys/gateway-secret');
const started = Date.now();
const embeddedPort = Number(process.env.HOI_EMBEDDED_PG_PORT ?? 54329);
const freePorts = process.env.HOI_FREE_PORTS === '1';
const wanted: WantedPort[] = [
  ...(process.env.DATABASE_URL ? [] : [{ port: embeddedPort, what: 'embedded PostgreSQL', move: 'set HOI_EMBEDDED_PG_PORT to another port (or DATABASE_URL to a server of your own)' }]),
  ...(freePorts ? [] : [...Object.entries(SUBGRAPH_PORTS).map(([name, port]) => ({ port, what: `the ${name} subgraph` })), { port: GATEWAY_PORT, what: 'the gateway' }]
    .map((entry) => ({ ...entry, move: 'set HOI_FREE_PORTS=1 to start every service on a free port' }))),
];
const taken = await portsTaken(wanted);
if (taken) {
  console.error(taken);
  process.exit(1);
}
// Loaded after the check: the subgraphs' code takes seconds to load, and a taken port is said at once.
const { startSystem } = await import('./system.ts');
const system = await startSystem({
  dataDir: process.env.HOI_DATA_DIR ?? '.data/postgres',
  embeddedPort,
  database: process.env.DATABASE_URL ? undefined : 'hoi',
  portBase: freePorts ? 0 : 'default',
  demoData: true,
  logger,
});

const where = system.database.embedded ? `embedded PostgreSQL, data in ${process.env.HOI_DATA_DIR ?? '.data/postgres'}` : 'DATABASE_URL';
console.log(`database   ${where}`);
for (const service of system.subgraphs) console.log(`${service.name.padEnd(10)} ${service.url}`);
console.log(`${'gateway'.padEnd(10)} ${system.gateway.url}   (explorer: open it in a browser)`);
console.log(`logs       JSON lines on stderr (npm start 2>>.data/start.log keeps them apart)`);
console.log(`ready in ${Date.now() - started} ms; Ctrl-C stops everything; \`npm run tokens\` prints demo tokens`);

stopOnSignal(system, logger, () => console.log('stopped'));
