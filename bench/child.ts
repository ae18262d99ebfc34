/**
 * A benchmarked process that is not one of ours: Hive Gateway or the raw-SQL floor. The subgraphs
 * and @apollo/gateway run as production runs them, compiled (bench/processes.ts). Each runs as its
 * own child, so that CPU time and resident memory are measured per process. The child tells its
 * parent its URL over IPC and runs until the parent disconnects.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
// Memory and CPU profiles on the bench's request, as for the compiled services.
import './service-hooks.ts';

const [role, name] = process.argv.slice(2);
const databaseUrl = process.env.DATABASE_URL!;
const subgraphUrls: Record<string, string> = JSON.parse(process.env.BENCH_SUBGRAPH_URLS ?? '{}');
const SCHEMA_DIR = new URL('../schema/', import.meta.url);
const readSupergraph = () => readFileSync(new URL('supergraph.graphql', SCHEMA_DIR), 'utf8');

async function start(): Promise<{ url: string; stop: () => Promise<void> }> {
  switch (role) {
    case 'hive':
      return startHive(name === 'hive-dedup');
    case 'floor':
      return startFloor();
    default:
      throw new Error(`unknown role ${role}`);
  }
}

/**
 * Hive Gateway on the same supergraph, from the committed routers/gateway.config.ts, given the
 * environment the README's recipe gives it: each subgraph's URL and gateway key. By default it
 * merges identical subgraph fetches in flight; `dedup` keeps that default, otherwise every client
 * request makes its own fetches, as with @apollo/gateway.
 */
async function startHive(dedup: boolean) {
  const { gatewayKeyFor } = await import('@hoi/common/identity');
  const { gatewayKeyVariable, subgraphUrlVariable } = await import('../routers/environment.ts');
  for (const [subgraph, url] of Object.entries(subgraphUrls)) {
    process.env[subgraphUrlVariable(subgraph)] = url;
    process.env[gatewayKeyVariable(subgraph)] = gatewayKeyFor(process.env.HOI_GATEWAY_SECRET!, subgraph);
  }
  const { createGatewayRuntime } = await import('@graphql-hive/gateway');
  const { gatewayConfig } = await import('../routers/gateway.config.ts');
  const gateway = createGatewayRuntime({
    ...(gatewayConfig as Parameters<typeof createGatewayRuntime>[0]),
    supergraph: readSupergraph(),
    logging: 'warn',
    ...(dedup ? {} : { transportEntries: { ...gatewayConfig.transportEntries, '*.http': { options: { deduplicateInflightRequests: false } } } }),
  });
  const server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      server.close();
      await gateway.dispose();
    },
  };
}

/**
 * The floor: each scenario's single hand-written SQL statement through `pg`, in a bare Node
 * `http` handler. POST /<scenario> with a JSON array of parameters; the rows come back as JSON.
 */
async function startFloor() {
  const { default: pg } = await import('pg');
  const { FLOOR_QUERIES } = await import('./floor.ts');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const sql = FLOOR_QUERIES[(req.url ?? '').slice(1)];
      if (!sql) {
        res.writeHead(404).end();
        return;
      }
      try {
        const params: unknown[] = JSON.parse(Buffer.concat(chunks).toString('utf8') || '[]');
        const { rows } = await pool.query(sql, params);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rows));
      } catch (error) {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(error) }));
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.close();
      await pool.end();
    },
  };
}

const service = await start();
process.send!({ ready: true, url: service.url, pid: process.pid });
process.on('disconnect', () => {
  service.stop().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 5_000).unref();
});
