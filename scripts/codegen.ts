import { generate } from '@graphql-codegen/cli';
import { documentHash } from '@hoi/common/trusted-documents';

/** Where the example client's generated code lives, from the repository's root. */
export const CLIENT_GENERATED_DIR = 'examples/client/generated/';
const ROOT = new URL('../', import.meta.url);

export interface ClientCodegen {
  /** Path from the repository's root → generated TypeScript (committed, type-checked by `npm test`). */
  files: Record<string, string>;
  /** The trusted documents (hash → document) that codegen's persisted-documents output holds. */
  trustedDocuments: string;
}

/**
 * graphql-codegen's client preset over the client schema and `operations/`: typed documents that
 * carry only their hash (the text stays out of an app's bundle), and the manifest of those hashes.
 * Its hash is common's `documentHash`, the rule the gateway matches documents by.
 */
export async function generateClient(apiSdl: string): Promise<ClientCodegen> {
  const outputs = await generate(
    {
      cwd: ROOT.pathname,
      schema: apiSdl,
      documents: 'operations/*.graphql',
      silent: true,
      generates: {
        [CLIENT_GENERATED_DIR]: {
          preset: 'client',
          presetConfig: {
            fragmentMasking: false,
            persistedDocuments: { mode: 'replaceDocumentWithHash', hashAlgorithm: documentHash },
          },
          config: {
            useTypeImports: true,
            importExtension: '.ts',
            enumsAsTypes: true,
            // As each scalar travels in JSON (schema/api.graphql describes them).
            scalars: { LocalDate: 'string', Vnd: 'number', VndTotal: 'string', WholeNumber: 'string' },
          },
        },
      },
    },
    false,
  );
  const files: Record<string, string> = {};
  let trustedDocuments: string | undefined;
  for (const { filename, content } of outputs) {
    const path = filename.startsWith(ROOT.pathname) ? filename.slice(ROOT.pathname.length) : filename;
    if (path.endsWith('persisted-documents.json')) trustedDocuments = `${JSON.stringify(JSON.parse(content), null, 2)}\n`;
    else files[path] = content;
  }
  if (trustedDocuments === undefined) throw new Error('codegen wrote no persisted documents');
  return { files, trustedDocuments };
}
