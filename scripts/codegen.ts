import { readdirSync, readFileSync } from 'node:fs';
import { codegen } from '@graphql-codegen/core';
import { preset } from '@graphql-codegen/client-preset';
import { createNoopProfiler, type Types } from '@graphql-codegen/plugin-helpers';
import { buildSchema, parse } from 'graphql';
import { documentHash } from '@hoi/common/trusted-documents';

/** Where the example client's generated code lives, from the repository's root. */
export const CLIENT_GENERATED_DIR = 'examples/client/generated/';
const OPERATIONS_DIR = new URL('../operations/', import.meta.url);

export interface ClientCodegen {
  /** Path from the repository's root → generated TypeScript (committed, type-checked by `npm test`). */
  files: Record<string, string>;
  /** The trusted documents (hash → document): the client preset's persisted documents. */
  trustedDocuments: string;
}

/** The client preset's options: what a frontend team would put in its own codegen.ts. */
const PRESET_CONFIG = {
  fragmentMasking: false,
  // Each generated document carries only its hash (no text in an app's bundle), made by common's
  // `documentHash`: the rule the gateway matches documents by.
  persistedDocuments: { mode: 'replaceDocumentWithHash', hashAlgorithm: documentHash },
} as const;
const CONFIG = {
  useTypeImports: true,
  importExtension: '.ts',
  enumsAsTypes: true,
  // As each scalar travels in JSON (schema/api.graphql describes them).
  scalars: { LocalDate: 'string', Vnd: 'number', VndTotal: 'string', WholeNumber: 'string' },
};

/**
 * graphql-codegen's client preset over the client schema and `operations/`, run as its CLI runs a
 * preset (`preset.buildGeneratesSection`, then `codegen` per file) but without the CLI, whose
 * loaders take seconds to import (measured: about twice the rest), so that the drift test stays
 * cheap. Unlike the CLI's default, types keep the schema's order (YEAR, HALF_YEAR, QUARTER, MONTH).
 */
export async function generateClient(apiSdl: string): Promise<ClientCodegen> {
  const schemaAst = buildSchema(apiSdl);
  const documents: Types.DocumentFile[] = readdirSync(OPERATIONS_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => {
      const rawSDL = readFileSync(new URL(file, OPERATIONS_DIR), 'utf8');
      return { location: `operations/${file}`, document: parse(rawSDL), rawSDL };
    });
  const outputs = await preset.buildGeneratesSection({
    baseOutputDir: CLIENT_GENERATED_DIR,
    presetConfig: PRESET_CONFIG,
    plugins: [],
    pluginMap: {},
    schema: parse(apiSdl),
    schemaAst,
    documents,
    config: { ...CONFIG, emitLegacyCommonJSImports: true },
    profiler: createNoopProfiler(),
    documentTransforms: [],
  });
  const files: Record<string, string> = {};
  let trustedDocuments: string | undefined;
  await Promise.all(
    outputs.map(async (output) => {
      const content = await codegen({ ...output, schemaAst, profiler: createNoopProfiler() } as Types.GenerateOptions);
      if (output.filename.endsWith('persisted-documents.json')) trustedDocuments = `${JSON.stringify(JSON.parse(content), null, 2)}\n`;
      else files[output.filename] = content;
    }),
  );
  if (trustedDocuments === undefined) throw new Error('codegen wrote no persisted documents');
  return { files, trustedDocuments };
}
