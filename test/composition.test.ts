import { readdirSync, readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { RECORD_TYPES } from '@hoi/common/access';
import { CLIENT_GENERATED_DIR } from '../scripts/codegen.ts';
import { composeFromCode, operationProblem, ROOT_DIR, SCHEMA_DIR } from '../scripts/composition.ts';
import { PARTNER_DIR } from '../scripts/schema-files.ts';
import { SUBGRAPHS } from '../scripts/services.ts';

describe('committed SDL', () => {
  it('is exactly what the code produces, with the example client\'s generated code (run `npm run compose` and commit the change)', async () => {
    const { files, client } = await composeFromCode();
    const partnerFiles = SUBGRAPHS.map(({ definition }) => `${PARTNER_DIR}/${definition.name}.graphql`);
    expect(Object.keys(files).sort()).toEqual(
      ['api.graphql', 'elderly.graphql', 'emulation.graphql', 'places.graphql', 'red-cross.graphql', 'supergraph.graphql', 'trusted-documents.json', ...partnerFiles].sort(),
    );
    // Nothing stale beside them: a subgraph that is gone leaves no partner schema behind.
    expect(readdirSync(new URL(`${PARTNER_DIR}/`, SCHEMA_DIR)).map((file) => `${PARTNER_DIR}/${file}`).sort()).toEqual([...partnerFiles].sort());
    for (const [name, sdl] of Object.entries(files)) {
      expect(readFileSync(new URL(name, SCHEMA_DIR), 'utf8'), `schema/${name}`).toBe(sdl);
    }
    // graphql-codegen's client preset over api.graphql and operations/ (its manifest is trusted-documents.json).
    expect(Object.keys(client).sort()).toEqual(['gql.ts', 'graphql.ts', 'index.ts'].map((name) => `${CLIENT_GENERATED_DIR}${name}`));
    for (const [path, code] of Object.entries(client)) expect(readFileSync(new URL(path, ROOT_DIR), 'utf8'), path).toBe(code);
  });

  const MACHINERY = ['join__', 'link__', '_entities', '_service', '_Any', '_Entity', '@inaccessible', '@key', '@link', '@external', '@requires', 'directive @'];

  it.each(SUBGRAPHS.map(({ definition }) => definition.name))('gives partners of %s a schema without federation machinery, mutations or records', (name) => {
    const partner = readFileSync(new URL(`${PARTNER_DIR}/${name}.graphql`, SCHEMA_DIR), 'utf8');
    for (const machinery of MACHINERY) expect(partner, machinery).not.toContain(machinery);
    const schema = buildSchema(partner);
    expect(schema.getQueryType()?.getFields()).not.toEqual({});
    expect(schema.getMutationType()).toBeUndefined();
    for (const record of RECORD_TYPES) expect(schema.getType(record), record).toBeUndefined();
  });

  it('gives clients a schema without federation machinery or inaccessible fields', () => {
    const api = readFileSync(new URL('api.graphql', SCHEMA_DIR), 'utf8');
    const supergraph = readFileSync(new URL('supergraph.graphql', SCHEMA_DIR), 'utf8');
    for (const machinery of MACHINERY) {
      expect(api, machinery).not.toContain(machinery);
    }
    // What the supergraph hides from clients (the subgraphs' own plumbing) stays hidden.
    const hidden = [...supergraph.matchAll(/^\s+(\w+)\b.*@inaccessible/gm)].map(([, field]) => field);
    expect(hidden.length).toBeGreaterThan(0);
    for (const field of hidden) expect(api).not.toMatch(new RegExp(`^\\s+${field}\\b`, 'm'));
    expect(api).toContain('type Query {');
    expect(api).toContain('"""The emulation year (năm thi đua)."""');
  });

  it('takes an operation as a trusted document only when its normal form means what it says', () => {
    const api = buildSchema(readFileSync(new URL('api.graphql', SCHEMA_DIR), 'utf8'));
    const find = (search: string) => `query Find {\n  administrativeUnits(search: ${search}, first: 1) { totalCount }\n}`;
    expect(operationProblem(api, find('"Lai Chau"'))).toBeNull();
    expect(operationProblem(api, find('"Lai  Chau"'))).toMatch(/folds the white space in a string/);
    expect(operationProblem(api, find('"""Lai\n  Chau"""'))).toMatch(/folds the white space in a string/);
    expect(operationProblem(api, '{ noSuchField }')).toMatch(/does not fit the API: Cannot query field "noSuchField"/);
  });
});
