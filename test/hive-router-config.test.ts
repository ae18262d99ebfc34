import { readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { signToken } from '@hoi/common/identity';
import { ARMOR_SETTINGS, MAX_TOKENS } from '@hoi/common/limits';
import { composedSubgraphNames, GATEWAY_KEY_HEADER, gatewayKeyVariable, PROPAGATED_HEADERS, SUBGRAPH_NAMES, subgraphUrlVariable } from '../routers/environment.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');

/** Hive Router cannot be installed here: its file is held to the rules the routers that run here follow. */
describe('routers/hive-router.yaml', () => {
  const config = parseYaml(read('routers/hive-router.yaml'));
  const composed = composedSubgraphNames(read('schema/supergraph.graphql'));

  it('routes every subgraph of the supergraph to its URL variable, signed with its own key variable', () => {
    expect(Object.keys(config.override_subgraph_urls.subgraphs).sort()).toEqual(composed.sort());
    for (const subgraph of SUBGRAPH_NAMES) {
      expect(config.override_subgraph_urls.subgraphs[subgraph].url).toMatchObject({ from_env: subgraphUrlVariable(subgraph), default: expect.stringMatching(/^http:\/\//) });
      // No default: a router without a subgraph's key must not start.
      expect(config.headers.subgraphs[subgraph].request).toEqual([{ insert: { name: GATEWAY_KEY_HEADER, value: { from_env: gatewayKeyVariable(subgraph) } } }]);
    }
  });

  it('passes on every header @apollo/gateway passes on, with the gateway\'s limits, its errors unmasked', () => {
    expect(config.supergraph).toEqual({ source: 'file', path: 'schema/supergraph.graphql' });
    expect(config.headers.all.request).toEqual(PROPAGATED_HEADERS.map((named) => ({ propagate: { named } })));
    expect(config.limits).toMatchObject({ max_depth: { n: ARMOR_SETTINGS.maxDepth.n }, max_aliases: { n: ARMOR_SETTINGS.maxAliases.n }, max_directives: { n: ARMOR_SETTINGS.maxDirectives.n }, max_tokens: { n: MAX_TOKENS } });
    expect(config.error_masking).toEqual({ enabled: false });
    expect(config.persisted_documents.storage).toEqual({ type: 'file', path: 'schema/trusted-documents.json' });
    // The manifest the router reads is the hash → text map the gateway serves.
    const manifest = JSON.parse(read('schema/trusted-documents.json')) as Record<string, string>;
    expect(Object.keys(manifest).length).toBeGreaterThan(0);
    for (const [hash, text] of Object.entries(manifest)) expect({ hash, text: typeof text }).toEqual({ hash: expect.stringMatching(/^[0-9a-f]{64}$/), text: 'string' });
  });

  it('verifies the services\' tokens with the key set `npm run jwks` prints, for their issuer and audience', async () => {
    const secret = Buffer.alloc(32, 7).toString('base64url');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/jwks.ts'], { cwd: ROOT, env: { ...process.env, HOI_JWT_SECRET: secret } });
    const jwks = JSON.parse(stdout);
    // jose's key-set reader takes public keys only; the one key, read as a JWK, is what a router reads.
    expect(jwks.keys).toHaveLength(1);
    const key = await importJWK(jwks.keys[0], 'HS256');
    const token = await signToken(secret, { subject: 'officer', role: 'national_admin' });
    const { payload } = await jwtVerify(token, key, { issuer: config.jwt.issuers[0], audience: config.jwt.audiences[0], algorithms: config.jwt.allowed_algorithms });
    expect(payload.sub).toBe('officer');
    const forged = await signToken(Buffer.alloc(32, 8).toString('base64url'), { subject: 'officer', role: 'national_admin' });
    await expect(jwtVerify(forged, key, { issuer: 'hoi-graph', audience: 'hoi-graph' })).rejects.toThrow();
    expect(config.jwt.require_authentication).toBe(false);
  });
});
