import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { sortExecutableDocument } from '@graphql-tools/documents';
import { buildSchema, type GraphQLSchema, parse, print, printSchema, validate } from 'graphql';
import { normalDocument, type TrustedDocuments } from '@hoi/common/trusted-documents';
import { printPartnerSchema } from './partner-schema.ts';
import { PARTNER_DIR } from './schema-files.ts';
import { SUBGRAPHS } from './services.ts';

export const SCHEMA_DIR = new URL('../schema/', import.meta.url);

export interface Composition {
  /** File name in `schema/` → its SDL. */
  files: Record<string, string>;
  /** Path from the repository's root → the example client's generated code (graphql-codegen). */
  client: Record<string, string>;
}

/** Each subgraph's SDL as its code prints it (no database), by subgraph name. */
export const subgraphSdlsFromCode = async (): Promise<Record<string, string>> => subgraphSdls(await subgraphSchemasFromCode());

const subgraphSdls = (schemas: Record<string, GraphQLSchema>) =>
  Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, `${printSubgraphSchema(schema).trim()}\n`]));

async function subgraphSchemasFromCode(): Promise<Record<string, GraphQLSchema>> {
  const schemas: Record<string, GraphQLSchema> = {};
  for (const { definition } of SUBGRAPHS) schemas[definition.name] = await definition.buildSchema();
  return schemas;
}

export type ComposeResult = ReturnType<typeof composeServices>;

/** Composes subgraph SDLs (by name) into the supergraph, each subgraph at its default local URL. */
export function composeSdls(sdls: Record<string, string>): ComposeResult {
  const port = (name: string) => SUBGRAPHS.find(({ definition }) => definition.name === name)?.port ?? 0;
  return composeServices(
    Object.entries(sdls).map(([name, sdl]) => ({ name, url: `http://localhost:${port(name)}/graphql`, typeDefs: parse(sdl) })),
  );
}

/** The schema a client generates from: the supergraph's API schema, with no federation machinery. */
export function printApiSchema(apiSchema: GraphQLSchema): string {
  return `${printSchema(apiSchema).trim()}\n`;
}

/** Prints each subgraph's SDL and composes the supergraph, from code alone (no database). */
export async function composeFromCode(): Promise<Composition> {
  const schemas = await subgraphSchemasFromCode();
  const sdls = subgraphSdls(schemas);
  const result = composeSdls(sdls);
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((error) => error.message).join('\n')}`);
  }
  const apiSchema = result.schema.toAPISchema().toGraphQLJSSchema();
  const files: Record<string, string> = {};
  for (const [name, sdl] of Object.entries(sdls)) files[`${name}.graphql`] = sdl;
  files['supergraph.graphql'] = `${result.supergraphSdl.trim()}\n`;
  files['api.graphql'] = printApiSchema(apiSchema);
  for (const [name, schema] of Object.entries(schemas)) files[`${PARTNER_DIR}/${name}.graphql`] = printPartnerSchema(schema, name);
  checkOperations(apiSchema);
  // The manifest is codegen's persisted documents: the hashes the generated client sends. Imported
  // here, not at the top: codegen is a dev tool, and `npm start` and the image read this module.
  const { generateClient } = await import('./codegen.ts');
  const codegen = await generateClient(files['api.graphql']);
  files['trusted-documents.json'] = codegen.trustedDocuments;
  return { files, client: codegen.files };
}

export const OPERATIONS_DIR = new URL('../operations/', import.meta.url);

/** Each committed client operation can be a trusted document (named, before codegen reads them). */
function checkOperations(apiSchema: GraphQLSchema): void {
  for (const file of readdirSync(OPERATIONS_DIR).filter((name) => name.endsWith('.graphql')).sort()) {
    const problem = operationProblem(apiSchema, readFileSync(new URL(file, OPERATIONS_DIR), 'utf8'));
    if (problem) throw new Error(`operations/${file} ${problem}`);
  }
}

/**
 * Why a document cannot be a trusted document, or null. It must fit the API, and its normal form
 * (what the manifest stores and the gateway runs) must mean what it says: that form folds runs of
 * white space, also inside a string, so `"Lai  Chau"` would run as `"Lai Chau"`.
 */
export function operationProblem(apiSchema: GraphQLSchema, text: string): string | null {
  const document = parse(text);
  const errors = validate(apiSchema, document);
  if (errors.length) return `does not fit the API: ${errors.map((error) => error.message).join('; ')}`;
  if (print(parse(normalDocument(text))) !== print(sortExecutableDocument(document))) {
    return 'would run otherwise than written: its normal form folds the white space in a string; pass that value as a variable';
  }
  return null;
}

export function readTrustedDocuments(): TrustedDocuments {
  return JSON.parse(readFileSync(new URL('trusted-documents.json', SCHEMA_DIR), 'utf8')) as TrustedDocuments;
}

export const ROOT_DIR = new URL('../', import.meta.url);

export function writeComposition({ files, client }: Composition): void {
  mkdirSync(new URL(`${PARTNER_DIR}/`, SCHEMA_DIR), { recursive: true });
  for (const [name, sdl] of Object.entries(files)) writeFileSync(new URL(name, SCHEMA_DIR), sdl);
  for (const [path, code] of Object.entries(client)) {
    mkdirSync(new URL('.', new URL(path, ROOT_DIR)), { recursive: true });
    writeFileSync(new URL(path, ROOT_DIR), code);
  }
}

export function readSupergraph(): string {
  return readFileSync(new URL('supergraph.graphql', SCHEMA_DIR), 'utf8');
}
