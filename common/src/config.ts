import { readFileSync } from 'node:fs';
import { cleanEnv, num, port, str } from 'envalid';

/** The settings that are secrets: each may come from a file (`<NAME>_FILE`, a Docker/Compose secret). */
export const SECRET_VARIABLES = ['DATABASE_URL', 'HOI_JWT_SECRET', 'HOI_GATEWAY_SECRET'] as const;

/**
 * For each secret setting given as `<NAME>_FILE`, reads the file (its content, surrounding
 * whitespace and the final newline removed) into `<NAME>`. Both set at once is refused: which wins
 * would be a guess. Called by every entry point before it reads its settings.
 */
export function loadSecretFiles(env: NodeJS.ProcessEnv = process.env): void {
  for (const name of SECRET_VARIABLES) {
    const file = env[`${name}_FILE`];
    if (!file) continue;
    if (env[name]) throw new Error(`${name} and ${name}_FILE are both set: set one`);
    let value: string;
    try {
      value = readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new Error(`${name}_FILE names ${file}, which cannot be read: ${(error as Error).message}`);
    }
    if (!value) throw new Error(`${name}_FILE names ${file}, which is empty`);
    env[name] = value;
  }
}

/** Settings of one service process, read once from the environment and checked (envalid). */
export function serviceConfig(defaultPort: number) {
  loadSecretFiles();
  return cleanEnv(process.env, {
    NODE_ENV: str({ choices: ['development', 'test', 'production'], default: 'development' }),
    PORT: port({ default: defaultPort }),
    HOST: str({ default: '127.0.0.1', desc: 'Interface to listen on; 0.0.0.0 in a container.' }),
    DATABASE_URL: str({ desc: 'PostgreSQL connection string of the database that holds every subgraph schema.' }),
    LOG_LEVEL: str({ choices: ['trace', 'debug', 'info', 'warn', 'error', 'fatal'], default: 'info' }),
  });
}

export function gatewayConfig() {
  loadSecretFiles();
  return cleanEnv(process.env, {
    NODE_ENV: str({ choices: ['development', 'test', 'production'], default: 'development' }),
    PORT: port({ default: 4000 }),
    HOST: str({ default: '127.0.0.1' }),
    HOI_SUPERGRAPH: str({ default: 'schema/supergraph.graphql', desc: 'The composed supergraph: a file or an http(s) URL, polled; a new version is served without a restart.' }),
    HOI_TRUSTED_DOCUMENTS: str({ default: 'schema/trusted-documents.json', desc: 'Trusted documents (hash → document), a file or an http(s) URL, polled: all that anonymous callers may run when NODE_ENV=production.' }),
    HOI_SUPERGRAPH_POLL_MS: num({ default: 10_000, desc: 'How often HOI_SUPERGRAPH and HOI_TRUSTED_DOCUMENTS are read again; 0 reads them only at start.' }),
    PLACES_URL: str({ default: undefined }),
    RED_CROSS_URL: str({ default: undefined }),
    ELDERLY_URL: str({ default: undefined }),
    EMULATION_URL: str({ default: undefined }),
  });
}
