import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { parse, type OperationDefinitionNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { stableId } from '@hoi/common/ids';
import { createLogger } from '@hoi/common/logger';
import type { RunningService } from '@hoi/common/server';
import { documentHash, normalDocument, sha256 } from '@hoi/common/trusted-documents';
import { startGateway } from '@hoi/gateway';
import { createClient, documentHashOf, GraphQLRequestError, type Execute } from '../examples/client/client.ts';
import * as generated from '../examples/client/generated/graphql.ts';
import { clusterMembers, reliefByProvince } from '../examples/client/reports.ts';
import { OPERATIONS_DIR, readSupergraph, readTrustedDocuments } from '../scripts/composition.ts';
import { gatewayUrl, graphql, tokenFor } from './graphql.ts';

/**
 * The frontend path end to end: the example client (examples/client) sends only the hash codegen
 * put in each generated document, and gets what the same operation sent as text gets — for every
 * operation in operations/, on the test system's gateway and on one that enforces trusted documents.
 */

/** Each committed operation, by its name: its text and its generated document. */
const OPERATIONS = readdirSync(OPERATIONS_DIR)
  .filter((file) => file.endsWith('.graphql'))
  .sort()
  .map((file) => {
    const text = readFileSync(new URL(file, OPERATIONS_DIR), 'utf8');
    const name = (parse(text).definitions[0] as OperationDefinitionNode).name!.value;
    const document = (generated as Record<string, unknown>)[`${name}Document`] as TypedDocumentNode<unknown, never> | undefined;
    return { file, name, text, document };
  });

/** Variables for each operation, typed by codegen: an operation added without its line here fails below. */
const VARIABLES: {
  ClusterWithMembers: generated.ClusterWithMembersQueryVariables;
  FindPlaces: generated.FindPlacesQueryVariables;
  ReliefSummaryByProvince: generated.ReliefSummaryByProvinceQueryVariables;
} = {
  ClusterWithMembers: { id: stableId('emulation:binh-thuan-bloc-8-2024') },
  FindPlaces: { search: 'Lao Cai', first: 3 },
  ReliefSummaryByProvince: { chapterId: stableId('red-cross:national'), period: { type: 'YEAR', year: 2022 }, unitEdition: 'CURRENT' },
};
const variablesOf = (name: string) => (VARIABLES as Record<string, Record<string, unknown>>)[name];

describe('the generated documents carry the manifest\'s hashes', () => {
  const manifest = readTrustedDocuments();

  it.each(OPERATIONS.map((operation) => [operation.file, operation] as const))('%s: its generated hash is its key in schema/trusted-documents.json', (_file, { text, document }) => {
    expect(document, 'a generated document (npm run compose)').toBeDefined();
    const hash = documentHashOf(document!);
    expect(hash).toBe(documentHash(text));
    expect(manifest[hash]).toBe(normalDocument(text));
    // The gateway re-normalises what it runs: the manifest's text is already in normal form.
    expect(normalDocument(manifest[hash])).toBe(manifest[hash]);
    expect(sha256(manifest[hash])).toBe(hash);
  });

  it('holds exactly the committed operations, and the test has variables for each', () => {
    expect(Object.keys(manifest).sort()).toEqual(OPERATIONS.map(({ text }) => documentHash(text)).sort());
    expect(Object.keys(VARIABLES).sort()).toEqual(OPERATIONS.map(({ name }) => name).sort());
  });
});

const started: RunningService[] = [];
afterAll(async () => {
  for (const service of started) await service.stop();
});

/** Each way to reach a gateway: the test system's (development), and one enforcing trusted documents. */
const GATEWAYS = ['development', 'production'] as const;

describe.each(GATEWAYS)('the example client on the %s gateway', (mode) => {
  let url = '';
  beforeAll(async () => {
    if (mode === 'development') {
      url = gatewayUrl();
      return;
    }
    const gateway = await startGateway({
      supergraphSdl: readSupergraph(),
      subgraphUrls: inject('subgraphUrls'),
      port: 0,
      logger: createLogger('client-example-test'),
      gatewaySecret: inject('gatewaySecret'),
      trustedDocuments: readTrustedDocuments(),
      enforceSafelist: true,
    });
    started.push(gateway);
    url = gateway.url;
  });

  /** Anonymous in production (trusted documents are all it may run), staff in development. */
  const client = async (): Promise<{ execute: Execute; token: string | null }> => {
    const token = mode === 'production' ? null : await tokenFor({ role: 'national_admin', subject: 'client-example' });
    return { execute: createClient({ url, token: token ?? undefined }), token };
  };

  it.each(OPERATIONS.map((operation) => [operation.name, operation] as const))('%s by hash gets what its text gets', async (name, { text, document }) => {
    const { execute, token } = await client();
    const byHash = await execute(document!, variablesOf(name) as never);
    // The same query as text, on the development gateway (text runs there for anyone).
    const byText = await graphql(gatewayUrl(), text, variablesOf(name), undefined, { token });
    expect(byText.errors).toBeUndefined();
    expect(byHash).toEqual(byText.data);
    // An answer with something in it: each operation's root field resolved, not null.
    expect(Object.values(byHash as object).every((value) => value !== null)).toBe(true);
  });

  it('runs the example program\'s reports, typed from the generated code', async () => {
    const { execute } = await client();
    const provinces = await reliefByProvince(execute, VARIABLES.ReliefSummaryByProvince.chapterId as string, 2022, 'CURRENT');
    expect(provinces.map(({ province }) => province).sort()).toEqual(['Tỉnh Bắc Ninh', 'Tỉnh Lào Cai', 'Tỉnh Phú Thọ', 'Tỉnh Thái Nguyên', 'Tỉnh Tuyên Quang']);
    expect(provinces.every(({ valueVnd }, i) => i === 0 || valueVnd <= provinces[i - 1].valueVnd)).toBe(true);
    const cluster = await clusterMembers(execute, VARIABLES.ClusterWithMembers.id as string);
    expect(cluster?.members.length).toBeGreaterThan(0);
    expect(cluster?.members.some(({ kind, unit }) => kind === 'Chapter' && unit)).toBe(true);
  });

  // Once, where it matters most: anonymous, where only trusted documents run.
  if (mode === 'production') it('runs examples/client/main.ts, as the README shows, anonymously', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/client/main.ts', url], { env: { ...process.env, HOI_TOKEN: '' } });
    expect(stdout).toMatch(/^Relief in 2022 by province, on the current map:\n {2}Tỉnh /);
    expect(stdout).toContain('Tỉnh Tuyên Quang');
    expect(stdout).toMatch(/\n {2}Chapter +\S.* — /);
  });

  it('gets PERSISTED_QUERY_NOT_FOUND for a hash that is not registered', async () => {
    const { execute } = await client();
    const unregistered = { __meta__: { hash: sha256('query NotRegistered { __typename }') } } as unknown as TypedDocumentNode<{ __typename: string }, Record<string, never>>;
    const refusal = await execute(unregistered, {}).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(GraphQLRequestError);
    expect({ status: (refusal as GraphQLRequestError).status, codes: (refusal as GraphQLRequestError).codes }).toEqual({ status: 404, codes: ['PERSISTED_QUERY_NOT_FOUND'] });
  });
});
