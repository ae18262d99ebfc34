import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '@hoi/common/ids';
import { createLogger } from '@hoi/common/logger';
import { startGateway } from '@hoi/gateway';
import { inject } from 'vitest';
import { OPERATIONS_DIR, readSupergraph } from '../scripts/composition.ts';
import { gatewayUrl, graphql, subgraphUrl, tokenFor, type GraphQLResponse } from './graphql.ts';

/**
 * A subgraph's refusal reaches the gateway's client as the subgraph said it (message, code, field),
 * not as INTERNAL_SERVER_ERROR; what no subgraph means to say stays masked.
 */

const RECORD = `mutation ($input: ReliefActivityInput!) { recordReliefActivity(input: $input) { id } }`;
const FUND = `query ($asOf: LocalDate, $id: ID!) { fundStatistics(asOf: $asOf, associationId: $id) { __typename } }`;
const relief = (override: Record<string, unknown>) => ({
  input: { chapterId: stableId('red-cross:lao-cai'), kind: 'GIFT_PACKAGES', quantity: 1, peopleReached: 1, valueVnd: 1_000, occurredOn: '2024-02-01', ...override },
});

/**
 * Bad custom scalars: the gateway now checks them with the subgraphs' own rules (giveScalarRules),
 * so it refuses them itself, in the same words, before any fetch.
 */
const BAD_VND = [2 ** 53 + 2, 1.5, '100', -1.25, true];
const BAD_DATES = ['2025-02-30', '', '99999-01-01', '2024-13-01', 20240101];
const CASES: [string, string, string, Record<string, unknown>][] = [
  ...BAD_VND.map((value) => [`valueVnd ${JSON.stringify(value)}`, 'red-cross', RECORD, relief({ valueVnd: value })] as [string, string, string, Record<string, unknown>]),
  ...BAD_DATES.map((value) => [`occurredOn ${JSON.stringify(value)}`, 'red-cross', RECORD, relief({ occurredOn: value })] as [string, string, string, Record<string, unknown>]),
  ...BAD_DATES.map((value) => [`fundStatistics asOf ${JSON.stringify(value)}`, 'elderly', FUND, { asOf: value, id: stableId('elderly:lai-chau') }] as [string, string, string, Record<string, unknown>]),
];

const first = (result: GraphQLResponse) => result.errors?.[0];

describe('a subgraph\'s refusal through the gateway', () => {
  it.each(CASES)('%s: the subgraph\'s own error, not INTERNAL_SERVER_ERROR', async (_name, subgraph, query, variables) => {
    const direct = first(await graphql(subgraphUrl(subgraph), query, variables));
    expect(direct?.extensions?.code).toBe('BAD_USER_INPUT');
    const requestId = `passthrough-${Math.random().toString(36).slice(2)}`;
    const through = await graphql(gatewayUrl(), query, variables, requestId);
    expect(through.errors).toHaveLength(1);
    expect(first(through)?.message).toBe(direct?.message);
    expect(first(through)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', requestId });
    expect(first(through)?.extensions?.field).toBe(direct?.extensions?.field);
  });

  describe('a gateway that does not hold the subgraphs\' key', () => {
    let url = '';
    let stop: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      const subgraphUrls = { ...inject('subgraphUrls'), places: subgraphUrl('places').replace(/\/graphql$/, '/no-such-path') };
      const gateway = await startGateway({ supergraphSdl: readSupergraph(), subgraphUrls, port: 0, logger: createLogger('unsigned-gateway-test') });
      url = gateway.url;
      stop = gateway.stop;
    });
    afterAll(async () => stop?.());

    it.each([
      ['anonymous (the subgraph answers 401)', null],
      ['an analyst (the subgraph answers 403)', 'analyst'],
    ] as const)('passes on the subgraph\'s FORBIDDEN on _entities, %s', async (_name, role) => {
      const token = role ? await tokenFor({ role }) : null;
      const query = readFileSync(new URL('ClusterWithMembers.graphql', OPERATIONS_DIR), 'utf8');
      const result = await graphql(url, query, { id: stableId('emulation:binh-thuan-bloc-8-2024') }, undefined, { token });
      expect(result.data).toHaveProperty('emulationCluster'); // executed: what the outage rules make of the rest
      const codes = new Set(result.errors?.map((error) => `${error.extensions?.code} ${error.extensions?.field} ${error.extensions?.serviceName}`));
      expect([...codes].every((code) => /^FORBIDDEN _entities (red-cross|elderly)$/.test(code)), [...codes].join()).toBe(true);
      expect(result.errors?.[0].message).toBe('_entities answers only the gateway');
    });

    it('masks what a subgraph did not mean to say (a 404 page)', async () => {
      const result = await graphql(url, `{ administrativeUnit(id: "CURRENT:01") { name } }`);
      expect(result.errors?.[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      // Less the request id: random hex, which holds "404" about once in 150 runs.
      const requestId = String(result.errors?.[0]?.extensions?.requestId);
      expect(JSON.stringify(result).replaceAll(requestId, '')).not.toMatch(/404|no-such-path|127\.0\.0\.1/);
    });
  });
});
