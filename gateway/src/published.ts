import { readFile } from 'node:fs/promises';
import type { SupergraphSdlHook } from '@apollo/gateway';
import { Supergraph } from '@apollo/federation-internals';
import { Kind, parse } from 'graphql';
import type { Logger } from 'pino';
import { sha256, type TrustedDocuments } from '@hoi/common/trusted-documents';
import { GATEWAY_KEY_HEADER } from '@hoi/common/identity';

/**
 * What the gateway serves from the schema's publication: the supergraph (HOI_SUPERGRAPH) and the
 * trusted documents (HOI_TRUSTED_DOCUMENTS), each a file or an http(s) URL, read again every
 * HOI_SUPERGRAPH_POLL_MS. A new version replaces the old one whole, or not at all: one that cannot
 * be read, parsed or served is rejected, the old one goes on serving, and /ready says which version
 * is served and which was rejected and why (README, "Schema changes without downtime").
 */

/** How often the published files are read again: a deploy is served within this time. */
export const DEFAULT_POLL_MS = 10_000;
/** How long reading a published URL, or asking a subgraph for its SDL, may take. */
const FETCH_TIMEOUT_MS = 5_000;

/** Where one published input lives, and how often it is read again (0: only at start). */
export interface PublishedLocation {
  location: string;
  pollMs: number;
}

/** What /ready and /health say of one published input: no address, as the rest of /ready (the log has it). */
export interface PublishedState {
  /** The hex SHA-256 of the text served: the version the publisher wrote. */
  sha256: string;
  loadedAt: string;
  /** The last version refused, while the publication still holds it. */
  rejected?: { sha256: string | null; at: string; error: string };
}

export async function readPublished(location: string): Promise<string> {
  if (!/^https?:\/\//i.test(location)) return readFile(location, 'utf8');
  const response = await fetch(location, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`answered HTTP ${response.status}`);
  return response.text();
}

/**
 * One published input, polled: each version whose hash differs from the one served is handed to
 * `accept`, which throws to refuse it. Polls never overlap; a version refused is tried again on the
 * next poll (a subgraph it needs may have come up), its error logged once.
 */
export class PublishedInput {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private current: PublishedState | null = null;

  constructor(
    private readonly name: 'supergraph' | 'trusted documents',
    private readonly where: PublishedLocation,
    private readonly logger: Logger,
    private readonly accept: (text: string) => Promise<void> | void,
  ) {}

  get state(): PublishedState {
    if (!this.current) throw new Error(`the ${this.name} is not loaded`);
    return this.current;
  }

  /** The first version, read before the gateway serves: a failure stops the start. */
  async load(): Promise<string> {
    const text = await readPublished(this.where.location);
    this.current = { sha256: sha256(text), loadedAt: new Date().toISOString() };
    return text;
  }

  startPolling(): void {
    if (this.where.pollMs <= 0 || this.stopped) return;
    this.timer = setTimeout(() => void this.poll().finally(() => this.startPolling()), this.where.pollMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async poll(): Promise<void> {
    const started = performance.now();
    let hash: string | null = null;
    try {
      const text = await readPublished(this.where.location);
      hash = sha256(text);
      if (hash === this.state.sha256) {
        delete this.state.rejected;
        return;
      }
      await this.accept(text);
      const previous = this.state.sha256;
      this.current = { sha256: hash, loadedAt: new Date().toISOString() };
      this.logger.info({ published: this.name, sha256: hash, previous, durationMs: Math.round(performance.now() - started) }, `${this.name} swapped`);
    } catch (error) {
      const message = reason(error);
      const known = this.state.rejected;
      this.state.rejected = { sha256: hash, at: new Date().toISOString(), error: message };
      if (known?.sha256 === hash && known?.error === message) return;
      const detail = error instanceof Error ? error.message : String(error);
      this.logger.error({ published: this.name, location: this.where.location, sha256: hash, served: this.state.sha256, error: message, detail }, `${this.name} rejected: the one served stays`);
    }
  }
}

type RoutedFields = Map<string, { url: string; fields: Set<string> }>;

/** Why a version was refused, in words that name no address or path (a file not found, a server down). */
function reason(error: unknown): string {
  const { code, name, message } = (error ?? {}) as { code?: string; name?: string; message?: string };
  if (code === 'ENOENT') return 'not found';
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return `cannot be read (${code})`;
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  if (error instanceof TypeError && message === 'fetch failed') return 'unreachable';
  return message ?? String(error);
}

/** Each subgraph of a supergraph: its URL there and the fields the supergraph asks of it (`Type.field`). */
export function routedFields(supergraphSdl: string): RoutedFields {
  const routed: RoutedFields = new Map();
  for (const subgraph of Supergraph.build(supergraphSdl).subgraphs().values()) {
    const fields = new Set<string>();
    for (const type of subgraph.schema.types()) {
      if (type.isBuiltIn || (type.kind !== 'ObjectType' && type.kind !== 'InterfaceType')) continue;
      for (const field of type.fields()) {
        // Another subgraph resolves an external field; `_entities` and `_service` are the library's.
        if (!field.hasAppliedDirective('external') && !field.name.startsWith('_')) fields.add(field.coordinate);
      }
    }
    routed.set(subgraph.name, { url: subgraph.url, fields });
  }
  return routed;
}

export interface SubgraphCheckOptions {
  /** The URL each subgraph runs at here, by name; overrides the supergraph's. */
  subgraphUrls: Record<string, string>;
  /** The key the gateway signs its calls to a subgraph with (`_service` answers only the gateway). */
  gatewayKey: (name: string) => string | null;
}

/**
 * Whether every subgraph a new supergraph routes to differently from the served one (a new
 * subgraph, a new URL, a field more) serves every field the supergraph asks of it: its `_service`
 * SDL is read and compared. A supergraph published before its subgraph was deployed is refused so,
 * rather than failing each query that asks for the new field. Apollo's own `healthCheck` callback
 * goes through the data sources, whose fetcher answers for a subgraph that is down (./outage.ts),
 * so it would pass anything. A subgraph left as it was is not asked: an outage elsewhere does not
 * hold a deploy back.
 */
export async function checkSubgraphs(next: RoutedFields, before: RoutedFields, options: SubgraphCheckOptions): Promise<void> {
  const problems: string[] = [];
  await Promise.all(
    [...next].map(async ([name, { url, fields }]) => {
      const old = before.get(name);
      if (old && old.url === url && [...fields].every((field) => old.fields.has(field))) return;
      const missing = await missingFields(name, options.subgraphUrls[name] ?? url, fields, options.gatewayKey(name)).catch((error: Error) => error.message);
      if (typeof missing === 'string') problems.push(`${name}: ${missing}`);
      else if (missing.length) problems.push(`${name} does not serve ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}`);
    }),
  );
  if (problems.length) throw new Error(`subgraph check failed: ${problems.sort().join('; ')}`);
}

async function missingFields(name: string, url: string, fields: Set<string>, gatewayKey: string | null): Promise<string[]> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(gatewayKey ? { [GATEWAY_KEY_HEADER]: gatewayKey } : {}) },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  }).catch((error: Error) => {
    throw new Error(error.name === 'TimeoutError' ? 'timeout' : 'unreachable');
  });
  const body = (await response.json().catch(() => null)) as { data?: { _service?: { sdl?: string } } } | null;
  const sdl = body?.data?._service?.sdl;
  if (typeof sdl !== 'string') throw new Error(`no SDL (HTTP ${response.status})`);
  const served = new Set<string>();
  for (const definition of parse(sdl).definitions) {
    if (!('fields' in definition) || !definition.fields || !('name' in definition) || !definition.name) continue;
    if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION || definition.kind === Kind.INPUT_OBJECT_TYPE_EXTENSION) continue;
    for (const field of definition.fields) served.add(`${definition.name.value}.${field.name.value}`);
  }
  return [...fields].filter((field) => !served.has(field)).sort();
}

/**
 * The supergraph as @apollo/gateway's `supergraphSdl` hook: `update` swaps the schema and query
 * planner at once, for the next request; a request already executing keeps the plan, schema and
 * data sources it started with and ends on the old graph.
 */
export function publishedSupergraph(where: PublishedLocation, logger: Logger, check: SubgraphCheckOptions): { hook: SupergraphSdlHook; state: () => PublishedState } {
  let input: PublishedInput | null = null;
  let served: RoutedFields = new Map();
  const hook: SupergraphSdlHook = async ({ update }) => {
    input = new PublishedInput('supergraph', where, logger, async (text) => {
      // Throws on a supergraph that does not parse; the served one stays then.
      const next = routedFields(text);
      await checkSubgraphs(next, served, check);
      // Throws on one that does not validate.
      update(text);
      served = next;
    });
    const first = await input.load();
    served = routedFields(first);
    input.startPolling();
    return { supergraphSdl: first, cleanup: async () => input?.stop() };
  };
  return { hook, state: () => input!.state };
}

/** The trusted documents, polled: a manifest whose hashes do not match their documents is refused. */
export async function publishedTrustedDocuments(where: PublishedLocation, logger: Logger): Promise<{ documents: () => TrustedDocuments; input: PublishedInput }> {
  let documents: TrustedDocuments = {};
  const input = new PublishedInput('trusted documents', where, logger, (text) => {
    documents = trustedDocumentsFrom(text);
  });
  documents = trustedDocumentsFrom(await input.load());
  input.startPolling();
  return { documents: () => documents, input };
}

function trustedDocumentsFrom(text: string): TrustedDocuments {
  const manifest = JSON.parse(text) as unknown;
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) throw new Error('trusted documents: not an object of hash → document');
  for (const [hash, document] of Object.entries(manifest)) {
    if (typeof document !== 'string' || sha256(document) !== hash) throw new Error(`trusted documents: ${hash} is not the SHA-256 of its document`);
  }
  return manifest as TrustedDocuments;
}
