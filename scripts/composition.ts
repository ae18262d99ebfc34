import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildSchema, parse, validate } from 'graphql';
import { documentHash, normalDocument, type TrustedDocuments } from '@hoi/common/trusted-documents';
import { SUBGRAPHS } from './services.ts';

export const SCHEMA_DIR = new URL('../schema/', import.meta.url);

export interface Composition {
  /** File name in `schema/` → its SDL. */
  files: Record<string, string>;
}

/** Prints each subgraph's SDL and composes the supergraph, from code alone (no database). */
export async function composeFromCode(): Promise<Composition> {
  const subgraphs = [];
  for (const { definition, port } of SUBGRAPHS) {
    const sdl = printSubgraphSchema(await definition.buildSchema());
    subgraphs.push({ name: definition.name, url: `http://localhost:${port}/graphql`, sdl });
  }
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((error) => error.message).join('\n')}`);
  }
  const files: Record<string, string> = {};
  for (const { name, sdl } of subgraphs) files[`${name}.graphql`] = `${sdl.trim()}\n`;
  files['supergraph.graphql'] = `${result.supergraphSdl.trim()}\n`;
  files['trusted-documents.json'] = `${JSON.stringify(trustedDocuments(result.schema.toAPISchema().toGraphQLJSSchema()), null, 2)}\n`;
  return { files };
}

export const OPERATIONS_DIR = new URL('../operations/', import.meta.url);

/** Each committed client operation, checked against the API schema: hash → printed document. */
function trustedDocuments(apiSchema: ReturnType<typeof buildSchema>): TrustedDocuments {
  const entries: TrustedDocuments = {};
  for (const file of readdirSync(OPERATIONS_DIR).filter((name) => name.endsWith('.graphql')).sort()) {
    const text = readFileSync(new URL(file, OPERATIONS_DIR), 'utf8');
    const errors = validate(apiSchema, parse(text));
    if (errors.length) throw new Error(`operations/${file} does not fit the API: ${errors.map((error) => error.message).join('; ')}`);
    entries[documentHash(text)] = normalDocument(text);
  }
  return entries;
}

export function readTrustedDocuments(): TrustedDocuments {
  return JSON.parse(readFileSync(new URL('trusted-documents.json', SCHEMA_DIR), 'utf8')) as TrustedDocuments;
}

export function writeComposition({ files }: Composition): void {
  for (const [name, sdl] of Object.entries(files)) writeFileSync(new URL(name, SCHEMA_DIR), sdl);
}

export function readSupergraph(): string {
  return readFileSync(new URL('supergraph.graphql', SCHEMA_DIR), 'utf8');
}
