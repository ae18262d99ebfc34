import { readFileSync, writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
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
  return { files };
}

export function writeComposition({ files }: Composition): void {
  for (const [name, sdl] of Object.entries(files)) writeFileSync(new URL(name, SCHEMA_DIR), sdl);
}

export function readSupergraph(): string {
  return readFileSync(new URL('supergraph.graphql', SCHEMA_DIR), 'utf8');
}
