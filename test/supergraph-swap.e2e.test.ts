import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '@hoi/common/logger';
import { documentHash, normalDocument, sha256 } from '@hoi/common/trusted-documents';
import { gatewayKeyFor } from '@hoi/common/identity';
import { startGateway } from '@hoi/gateway';
import { checkSubgraphs, routedFields } from '../gateway/src/published.ts';
import { readSupergraph, SCHEMA_DIR } from '../scripts/composition.ts';
import { SUBGRAPHS } from '../scripts/services.ts';
import { tokenFor } from './graphql.ts';
import { freePort } from './ports.ts';
import { ServiceProcess } from './service-process.ts';

/**
 * A schema change deployed under load, with no restart: the gateway runs as its own process
 * (`gateway/src/main.ts`) on the run's four subgraphs and a fixture organisation's subgraph at
 * version 1, with HOI_SUPERGRAPH a file. Ten clients query it without pause. Version 2 of the
 * fixture subgraph, which adds a field, starts beside version 1 (blue/green); the new supergraph,
 * composed as `npm run compose` does, is written atomically (a temporary file, then a rename);
 * version 1 is stopped once the gateway serves version 2. Then two broken supergraphs are
 * published. Not one request may fail throughout.
 */

const POLL_MS = 200;
const CLIENTS = 10;

/** The fixture organisation's subgraph: a hotline for each administrative unit (v1), its hours too (v2); v3, a fax number, is never deployed. */
function fixtureSubgraph(version: 1 | 2 | 3) {
  const typeDefs = parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type AdministrativeUnit @key(fields: "id") {
      id: ID!
      "Đường dây nóng: the unit's hotline."
      hotline: String!
      ${version >= 2 ? '"Giờ trực: when the hotline answers."\n      hotlineHours: String!' : ''}
      ${version >= 3 ? 'hotlineFax: String' : ''}
    }
  `);
  const resolvers = {
    AdministrativeUnit: {
      __resolveReference: (reference: { id: string }) => reference,
      hotline: (unit: { id: string }) => hotlineOf(unit.id),
      hotlineHours: () => '7:00–21:00',
    },
  };
  return { typeDefs, resolvers };
}
const hotlineOf = (id: string) => `1900 ${sha256(id).slice(0, 4)}`;

async function startFixture(version: 1 | 2): Promise<{ url: string; typeDefs: ReturnType<typeof parse>; stop: () => Promise<void> }> {
  const { typeDefs, resolvers } = fixtureSubgraph(version);
  const server = new ApolloServer({ schema: buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]) });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, typeDefs, stop: () => server.stop() };
}

/** The supergraph of the run's subgraphs (their committed SDL, at their test URLs) and the fixture's. */
function compose(fixture: { url: string; typeDefs: ReturnType<typeof parse> }): string {
  const urls = inject('subgraphUrls');
  const result = composeServices([
    ...SUBGRAPHS.map(({ definition: { name } }) => ({ name, url: urls[name], typeDefs: parse(readFileSync(new URL(`${name}.graphql`, SCHEMA_DIR), 'utf8')) })),
    { name: 'hotlines', url: fixture.url, typeDefs: fixture.typeDefs },
  ]);
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

/** Publishes atomically, as a deploy must: readers see the old file or the new one, never half of one. */
function publish(file: string, text: string) {
  const temporary = `${file}.${randomUUID()}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

const UNITS = `{ administrativeUnits(search: "Hoa Binh", level: PROVINCE) { edges { node { id name hotline } } } }`;
const UNITS_WITH_HOURS = `{ administrativeUnits(search: "Hoa Binh", level: PROVINCE) { edges { node { id name hotline hotlineHours } } } }`;
/** Every one of the run's subgraphs, through entity references. */
const CLUSTERS = `{
  emulationClusters(first: 2) { edges { node {
    name year
    members(first: 4) { totalCount edges { node { organisation {
      __typename
      ... on Chapter { name unit { name } }
      ... on ElderlyAssociation { name }
      ... on ExternalOrganisation { name }
    } } } }
  } } }
}`;

/**
 * One HTTP exchange on a connection of its own. fetch reuses idle keep-alive connections, and on a
 * machine so loaded that timers run seconds late it sends on one the server has just closed at its
 * keep-alive timeout ("other side closed"): a failure of the client's pool, not of the gateway.
 */
function exchange(url: string, body?: object, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: body ? 'POST' : 'GET', agent: false, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        try {
          resolve({ status: response.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        } catch (error) {
          reject(error);
        }
      });
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body ? JSON.stringify(body) : undefined);
  });
}

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

describe('a new supergraph is served without a restart', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hoi-swap-'));
  const supergraphFile = path.join(dir, 'supergraph.graphql');
  const documentsFile = path.join(dir, 'trusted-documents.json');
  let gateway: ServiceProcess;
  let v1: Awaited<ReturnType<typeof startFixture>>;
  let v2: Awaited<ReturnType<typeof startFixture>> | undefined;
  let token: string;

  const post = async (url: string, body: object): Promise<Answer> => {
    const { status, json } = await exchange(url, body, { authorization: `Bearer ${token}` });
    return { status, body: json };
  };
  const ask = (query: string) => post(gateway.url, { query });
  const health = async () => (await exchange(gateway.url.replace(/\/graphql$/, '/health'))).json;

  beforeAll(async () => {
    token = await tokenFor({ role: 'national_admin' });
    v1 = await startFixture(1);
    publish(supergraphFile, compose(v1));
    publish(documentsFile, readFileSync(new URL('trusted-documents.json', SCHEMA_DIR), 'utf8'));
    gateway = new ServiceProcess('gateway', 'gateway/src/main.ts', await freePort(), {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      HOI_LOG_FILE: path.join(dir, 'gateway.json.log'),
      HOI_JWT_SECRET: inject('jwtSecret'),
      HOI_GATEWAY_SECRET: inject('gatewaySecret'),
      HOI_SUPERGRAPH: supergraphFile,
      HOI_TRUSTED_DOCUMENTS: documentsFile,
      HOI_SUPERGRAPH_POLL_MS: String(POLL_MS),
      HOI_RATE_LIMIT_PER_MINUTE: '100000000',
    }, dir);
    await gateway.start();
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop();
    await Promise.allSettled([v1?.stop(), v2?.stop()]);
  });

  it('under steady load: v2 of a subgraph with a new field, then two broken supergraphs, not one failed request', async () => {
    // The expected answers, from the graph served before the change (warm: the first is slow).
    const expected = new Map<string, unknown>();
    for (const query of [UNITS, CLUSTERS]) {
      const answer = await ask(query);
      expect(answer.body.errors, query).toBeUndefined();
      expected.set(query, answer.body.data);
    }
    const units = (expected.get(UNITS) as { administrativeUnits: { edges: { node: { id: string; name: string; hotline: string } }[] } }).administrativeUnits.edges;
    expect(units.length).toBeGreaterThan(0);
    for (const { node } of units) expect(node.hotline).toBe(hotlineOf(node.id));
    const served = await health();
    expect(served.supergraph.sha256).toBe(sha256(readFileSync(supergraphFile, 'utf8')));

    // Ten clients, each asking again as soon as it has its answer; every answer checked whole.
    let running = true;
    let requests = 0;
    const failures: string[] = [];
    let phase = 'v1';
    /** When each request was sent and answered (ms since the epoch, as the gateway's `loadedAt`). */
    const spans: [number, number][] = [];
    const client = async (index: number) => {
      for (let turn = index; running; turn++) {
        const query = turn % 2 ? UNITS : CLUSTERS;
        requests++;
        const sent = Date.now();
        try {
          const answer = await ask(query);
          spans.push([sent, Date.now()]);
          if (answer.status !== 200 || answer.body.errors || JSON.stringify(answer.body.data) !== JSON.stringify(expected.get(query))) {
            failures.push(`${phase}: HTTP ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
          }
        } catch (error) {
          failures.push(`${phase}: ${String(error)} ${(error as { cause?: unknown }).cause}`);
        }
      }
    };
    const load = Array.from({ length: CLIENTS }, (_, index) => client(index));
    let next = '';
    const started = performance.now();
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_000));

      // The deploy: v2 beside v1, then the supergraph that routes to v2 and has its new field.
      v2 = await startFixture(2);
      next = compose(v2);
      const published = performance.now();
      phase = 'swap';
      publish(supergraphFile, next);
      let withHours: Answer;
      for (;;) {
        withHours = await ask(UNITS_WITH_HOURS);
        if (!withHours.body.errors) break;
        // Until the swap the field is unknown: a validation error, nothing else.
        expect(withHours.body.errors[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(performance.now() - published, 'served within a few poll intervals').toBeLessThan(30_000);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const swapMs = Math.round(performance.now() - published);
      const edges = (withHours.body.data as { administrativeUnits: { edges: { node: { id: string; name: string; hotline: string; hotlineHours: string } }[] } }).administrativeUnits.edges;
      expect(edges.map(({ node }) => node.name)).toEqual(units.map(({ node }) => node.name));
      for (const { node } of edges) expect(node).toMatchObject({ hotline: hotlineOf(node.id), hotlineHours: '7:00–21:00' });
      const swapped = (await health()).supergraph;
      expect(swapped).toMatchObject({ sha256: sha256(next) });
      expect((await health()).supergraph.rejected).toBeUndefined();

      // v1 retires: the gateway no longer routes to it, and the load goes on.
      phase = 'v2';
      await new Promise((resolve) => setTimeout(resolve, 500));
      phase = 'v1 stopped';
      await v1.stop();
      await new Promise((resolve) => setTimeout(resolve, 1_000));

      // A supergraph cut short in the writing, and one published before its subgraph (v3) was deployed.
      const broken = [
        { text: next.slice(0, Math.floor(next.length / 2)), error: /Syntax Error/ },
        { text: compose({ url: v2.url, typeDefs: fixtureSubgraph(3).typeDefs }), error: /^subgraph check failed: hotlines does not serve AdministrativeUnit\.hotlineFax$/ },
      ];
      for (const { text, error } of broken) {
        phase = `broken: ${error}`;
        publish(supergraphFile, text);
        let rejected: { sha256: string | null; error: string } | undefined;
        for (const deadline = Date.now() + 30_000; !rejected && Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
          const state = (await health()).supergraph;
          if (state.rejected?.sha256 === sha256(text)) rejected = state.rejected;
          expect(state.sha256).toBe(sha256(next));
        }
        expect(rejected?.error).toMatch(error);
        expect((await ask(UNITS_WITH_HOURS)).body.errors).toBeUndefined();
      }
      // And no file at all.
      phase = 'no file';
      rmSync(supergraphFile);
      let state = (await health()).supergraph;
      for (const deadline = Date.now() + 30_000; state.rejected?.error !== 'not found' && Date.now() < deadline; state = (await health()).supergraph) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(state).toMatchObject({ sha256: sha256(next), rejected: { sha256: null, error: 'not found' } });
      await new Promise((resolve) => setTimeout(resolve, 500));
      running = false;
      await Promise.all(load);
      const seconds = (performance.now() - started) / 1_000;
      // Requests sent on the old graph and answered after the swap: in flight across it, and answered whole.
      const swappedAt = Date.parse(swapped.loadedAt);
      const across = spans.filter(([sent, answered]) => sent < swappedAt && answered > swappedAt).length;
      const swapLine = readFileSync(path.join(dir, 'gateway.json.log'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)).find((line) => line.msg === 'supergraph swapped');
      console.log(
        `supergraph swap under load: ${requests} requests from ${CLIENTS} clients in ${seconds.toFixed(1)} s, ${failures.length} failed, ${across} in flight across the swap; ` +
          `the gateway swapped in ${swapLine?.durationMs} ms (read, parse, subgraph check, update); the new field answered ${swapMs} ms after the rename (poll ${POLL_MS} ms)`,
      );
      expect(failures.slice(0, 5)).toEqual([]);
      expect(across, 'requests in flight across the swap').toBeGreaterThan(0);
      expect(swapLine).toMatchObject({ sha256: sha256(next), previous: served.supergraph.sha256 });
    } finally {
      running = false;
      await Promise.all(load);
    }

    // Each refusal is one error line of the JSON log, naming the version refused.
    const log = readFileSync(path.join(dir, 'gateway.json.log'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
    const refusals = log.filter((line) => line.msg === 'supergraph rejected: the one served stays');
    expect(refusals.map((line) => line.sha256)).toEqual(expect.arrayContaining([sha256(next.slice(0, Math.floor(next.length / 2)))]));
    expect(refusals.every((line) => line.level === 50)).toBe(true);
  }, 120_000);

  it('reloads the trusted documents: a document published with the new field runs by its hash; a forged manifest is refused', async () => {
    const manifest = JSON.parse(readFileSync(documentsFile, 'utf8')) as Record<string, string>;
    const hash = documentHash(UNITS_WITH_HOURS);
    const byHash = () => post(gateway.url, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect((await byHash()).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const published = { ...manifest, [hash]: normalDocument(UNITS_WITH_HOURS) };
    publish(documentsFile, JSON.stringify(published));
    let answer = await byHash();
    for (const deadline = Date.now() + 10_000; answer.body.errors && Date.now() < deadline; answer = await byHash()) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toMatchObject({ administrativeUnits: { edges: expect.arrayContaining([expect.objectContaining({ node: expect.objectContaining({ hotlineHours: '7:00–21:00' }) })]) } });

    // A manifest whose hash is not its document's: refused, the served one stays.
    const forged = JSON.stringify({ ...published, [hash]: normalDocument(UNITS) });
    publish(documentsFile, forged);
    let state = (await health()).trustedDocuments;
    for (const deadline = Date.now() + 10_000; state.rejected?.sha256 !== sha256(forged) && Date.now() < deadline; state = (await health()).trustedDocuments) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(state).toMatchObject({ sha256: sha256(JSON.stringify(published)), rejected: { sha256: sha256(forged), error: expect.stringMatching(/not the SHA-256 of its document/) } });
    expect((await byHash()).body.data).toEqual(answer.body.data);
  });
});

describe('HOI_SUPERGRAPH as an http(s) URL', () => {
  let publisher: Server;
  let published: { status: number; text: string };
  let v2: Awaited<ReturnType<typeof startFixture>>;
  let gateway: Awaited<ReturnType<typeof startGateway>>;

  afterAll(async () => {
    await gateway?.stop();
    await v2?.stop();
    publisher?.close();
  });

  it('polls the URL: a new version is served, an error answer or a dead server keeps the old one', async () => {
    const v1 = await startFixture(1);
    v2 = await startFixture(2);
    published = { status: 200, text: compose(v1) };
    publisher = createServer((_req, res) => res.writeHead(published.status, { 'content-type': 'text/plain' }).end(published.text));
    await new Promise<void>((resolve) => publisher.listen(0, '127.0.0.1', resolve));
    const location = `http://127.0.0.1:${(publisher.address() as AddressInfo).port}/supergraph.graphql`;
    const logger = createLogger('supergraph-url-test').child({}, { level: 'silent' });
    gateway = await startGateway({ supergraphSdl: { location, pollMs: POLL_MS }, subgraphUrls: {}, port: 0, logger, gatewaySecret: inject('gatewaySecret'), rateLimitPerMinute: 1_000_000 });
    const token = await tokenFor({ role: 'national_admin' });
    const ask = async (query: string) =>
      (await exchange(gateway.url, { query }, { authorization: `Bearer ${token}` })).json;
    const health = async () => (await exchange(gateway.url.replace(/\/graphql$/, '/ready'))).json.supergraph;
    const until = async (done: () => Promise<boolean>) => {
      for (const deadline = Date.now() + 10_000; !(await done()) && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
    };

    expect((await ask(UNITS)).errors).toBeUndefined();

    published = { status: 200, text: compose(v2) };
    await until(async () => !(await ask(UNITS_WITH_HOURS)).errors);
    expect((await ask(UNITS_WITH_HOURS)).data.administrativeUnits.edges[0].node.hotlineHours).toBe('7:00–21:00');
    expect((await health()).sha256).toBe(sha256(published.text));
    await v1.stop();

    const good = published.text;
    published = { status: 503, text: 'down for maintenance' };
    await until(async () => /HTTP 503/.test((await health()).rejected?.error ?? ''));
    expect(await health()).toMatchObject({ sha256: sha256(good), rejected: { sha256: null, error: 'answered HTTP 503' } });
    expect((await ask(UNITS_WITH_HOURS)).errors).toBeUndefined();

    const closed = new Promise<void>((resolve) => publisher.close(() => resolve()));
    publisher.closeAllConnections();
    await closed;
    await until(async () => (await health()).rejected?.error === 'unreachable');
    expect(await health()).toMatchObject({ sha256: sha256(good), rejected: { sha256: null, error: 'unreachable' } });
    // As the rest of /ready, the refusal names no address: the log has it.
    expect(JSON.stringify(await health())).not.toMatch(/127\.0\.0\.1|http:/);
    expect((await ask(UNITS_WITH_HOURS)).errors).toBeUndefined();
  });
});

describe('the subgraph check', () => {
  it('passes each of the run\'s subgraphs against the committed supergraph, and names what an unsigned call cannot read', async () => {
    const supergraph = routedFields(readSupergraph());
    expect([...supergraph.keys()].sort()).toEqual(SUBGRAPHS.map(({ definition }) => definition.name).sort());
    const subgraphUrls = inject('subgraphUrls');
    await checkSubgraphs(supergraph, new Map(), { subgraphUrls, gatewayKey: (name) => gatewayKeyFor(inject('gatewaySecret'), name) });
    // Only the gateway reads a subgraph's SDL: unsigned, each one is refused, by name.
    await expect(checkSubgraphs(supergraph, new Map(), { subgraphUrls, gatewayKey: () => null })).rejects.toThrow(/elderly: no SDL.*emulation: no SDL.*places: no SDL.*red-cross: no SDL/);
    // Nothing routed differently: nothing asked, even of a subgraph that is away.
    await checkSubgraphs(supergraph, supergraph, { subgraphUrls: {}, gatewayKey: () => null });
  });
});
