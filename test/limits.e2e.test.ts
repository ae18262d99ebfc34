import { createServer, type Server } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { stableId } from '@hoi/common/ids';
import { createLogger } from '@hoi/common/logger';
import { startGateway } from '@hoi/gateway';
import { readSupergraph } from '../scripts/composition.ts';
import { gatewayUrl, graphql, subgraphUrl } from './graphql.ts';
import { overAliased as aliases, overCostly, overDeep } from './over-limit.ts';

const endpoints = () => [
  ['gateway', gatewayUrl()],
  ['places subgraph', subgraphUrl('places')],
] as const;

describe('abuse limits, on the gateway and on each subgraph alike', () => {
  it.each([
    ['an over-deep query', overDeep, 'QUERY_TOO_DEEP'],
    ['an alias bomb', aliases, 'TOO_MANY_ALIASES'],
    ['an over-costly query', overCostly, 'QUERY_TOO_COSTLY'],
  ])('refuses %s with its code, without telling the limit', async (_name, query, code) => {
    for (const [where, url] of endpoints()) {
      const result = await graphql(url, query);
      expect(result.data, where).toBeUndefined();
      expect(result.errors?.[0].extensions?.code, where).toBe(code);
      expect(result.errors?.[0].message, where).not.toMatch(/\d/);
    }
  });

  it('costs a page by its size however it is written: a literal, a variable, a default, in a fragment', async () => {
    const pages = (first: string) => `clubs(first: ${first}) { edges { node { id members(first: ${first}) { edges { node { id joinedOn } } } } } }`;
    const three = (first: string) => ['a', 'b', 'c'].map((alias) => `${alias}: ${pages(first)}`).join(' ');
    const writings: [string, (n: number) => [string, Record<string, unknown>]][] = [
      ['a literal', (n) => [`{ ${three(String(n))} }`, {}]],
      ['a variable', (n) => [`query ($n: Int) { ${three('$n')} }`, { n }]],
      ['a variable\'s default', (n) => [`query ($n: Int = ${n}) { ${three('$n')} }`, {}]],
      ['a variable in a fragment on Query', (n) => [`query ($n: Int!) { ...Pages } fragment Pages on Query { ${three('$n')} }`, { n }]],
    ];
    // Three pages of n clubs with n members each, by the README's weights: 3n(4 + 5n) values, at most 100,000.
    for (const [where, url] of [['gateway', gatewayUrl()], ['elderly subgraph', subgraphUrl('elderly')]] as const) {
      for (const [writing, document] of writings) {
        for (const n of [50, 100]) {
          const [query, variables] = document(n);
          const result = await graphql(url, query, variables);
          const code = result.errors?.[0]?.extensions?.code;
          expect(code ?? 'ok', `${where}, first: ${n} as ${writing}`).toBe(3 * n * (4 + 5 * n) > 100_000 ? 'QUERY_TOO_COSTLY' : 'ok');
          if (code) expect(result.data, where).toBeUndefined();
        }
      }
    }
  });

  it('does not suggest field names to a prober', async () => {
    for (const [where, url] of endpoints()) {
      const result = await graphql(url, `{ administrativeUnit(id: "CURRENT:01") { nam } }`);
      expect(result.errors?.[0].extensions?.code, where).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(result.errors?.[0].message, where).not.toMatch(/Did you mean/);
    }
  });

  it('refuses an oversized page, naming the argument', async () => {
    for (const [where, url] of endpoints()) {
      const result = await graphql(url, `{ administrativeUnits(first: 500) { totalCount } }`);
      expect(result.errors?.[0].extensions, where).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    }
  });

  it('refuses batched HTTP requests and requests a browser could forge across sites', async () => {
    for (const [where, url] of endpoints()) {
      const batch = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
      });
      expect(batch.status, where).toBe(400);
      const simple = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json' } });
      expect(simple.status, where).toBe(400); // CSRF prevention: a GET without a preflight-forcing header
    }
  });

  describe('a slow subgraph', () => {
    let silent: Server;
    let stop: (() => Promise<void>) | undefined;
    afterAll(async () => {
      await stop?.();
      silent?.closeAllConnections();
      await new Promise((resolve) => silent?.close(resolve));
    });

    it('does not hold the gateway: the fetch gives up and the rest of the answer comes back', async () => {
      // A red-cross stand-in that accepts the request and never answers.
      silent = createServer(() => {});
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const { port } = silent.address() as { port: number };
      const gateway = await startGateway({
        supergraphSdl: readSupergraph(),
        subgraphUrls: { 'red-cross': `http://127.0.0.1:${port}/graphql`, emulation: subgraphUrl('emulation'), places: subgraphUrl('places'), elderly: subgraphUrl('elderly') },
        port: 0,
        logger: createLogger('slow-test'),
        subgraphTimeoutMs: 500,
      });
      stop = gateway.stop;
      const started = Date.now();
      const result = await graphql(gateway.url, `query ($cluster: ID!, $chapter: ID!) { emulationCluster(id: $cluster) { name } chapter(id: $chapter) { name } }`, {
        cluster: stableId('emulation:binh-thuan-bloc-8-2024'),
        chapter: stableId('red-cross:bac-giang'),
      });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(result.data).toEqual({ emulationCluster: { name: 'Khối thi đua 8 tỉnh Bình Thuận' }, chapter: null });
      expect(result.errors).toEqual([
        expect.objectContaining({ path: ['chapter'], extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', service: 'red-cross' }) }),
      ]);
    });
  });
});
