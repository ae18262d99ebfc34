import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Request as HttpRequest, Response as HttpResponse } from 'express';
import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Logger } from 'pino';

/** The code of the error put on every field that a subgraph which did not answer should have resolved. */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/** A load balancer's answers for a backend that is down or did not answer in time. */
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

export interface OutageOptions {
  /** How long a subgraph fetch may take, the answer's body included (HOI_SUBGRAPH_TIMEOUT_MS). */
  fetchTimeoutMs: number;
  /** How long a readiness probe waits for a subgraph's `/health` (HOI_READY_TIMEOUT_MS, 1 s). */
  probeTimeoutMs?: number;
  /** How long a readiness report is reused, so that a flood of probes does not reach the subgraphs (HOI_READY_CACHE_MS, 2 s). */
  probeCacheMs?: number;
}

const PROBE_TIMEOUT_MS = Number(process.env.HOI_READY_TIMEOUT_MS ?? 1_000);
const PROBE_CACHE_MS = Number(process.env.HOI_READY_CACHE_MS ?? 2_000);

export interface SubgraphState {
  status: 'ok' | 'unavailable';
  latencyMs: number;
  /** Why it is unavailable, in words that name no address: timeout, unreachable, unhealthy. */
  reason?: string;
}

export interface Readiness {
  status: 'ready' | 'unavailable';
  /** When the subgraphs were probed: reports within the cache time share it. */
  checkedAt: string;
  subgraphs: Record<string, SubgraphState>;
}

/**
 * What the gateway does when a subgraph is down (connection refused or reset), frozen (no answer
 * within the fetch timeout) or behind a proxy that says so (502/503/504). @apollo/gateway would
 * throw, drop the whole fetch and answer errors with no path. Instead the fetcher answers in the
 * subgraph's place: `data: null` (or a null for every entity asked for) and one error per field the
 * fetch should have resolved, with its path, the code SUBGRAPH_UNAVAILABLE and the subgraph's name.
 * The query plan goes on, the fields of the live subgraphs answer, and the missing ones are null
 * up to the nearest nullable field. Each fetch tries again, so a subgraph that comes back serves
 * the next request: recovery needs no restart.
 */
export class SubgraphOutages {
  private readonly healthUrls = new Map<string, string>();
  private report: { at: number; readiness: Promise<Readiness> } | null = null;

  constructor(
    private readonly logger: Logger,
    private readonly options: OutageOptions,
  ) {}

  /** The fetcher of one subgraph's data source; it also puts the subgraph on the readiness report. */
  fetcher(service: string, url: string): Fetcher {
    this.healthUrls.set(service, new URL('/health', url).href);
    const fetcher = async (input: string, init?: RequestInit) => {
      let reason: string;
      let detail: unknown;
      try {
        const response = await fetch(input, { ...init, signal: AbortSignal.timeout(this.options.fetchTimeoutMs) });
        // The body is read here, under the same timeout: a subgraph that freezes mid-answer is down too.
        const body = await response.arrayBuffer();
        if (!UNAVAILABLE_STATUSES.has(response.status)) return new Response(body, response);
        reason = `HTTP ${response.status}`;
      } catch (error) {
        reason = failureReason(error);
        // The operator's log gets the cause (ECONNREFUSED…); the client's error never does.
        detail = (error as { cause?: { code?: string } })?.cause?.code ?? (error as Error)?.message;
      }
      this.logger.warn({ subgraph: service, reason, detail }, 'subgraph unavailable');
      const answer = unavailableAnswer(service, typeof init?.body === 'string' ? init.body : '');
      return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    return fetcher as unknown as Fetcher;
  }

  /** Every subgraph's `/health`, probed in parallel with a short timeout; reused for a short while. */
  readiness(): Promise<Readiness> {
    const now = Date.now();
    if (this.report && now - this.report.at < (this.options.probeCacheMs ?? PROBE_CACHE_MS)) return this.report.readiness;
    const readiness = this.probeAll();
    this.report = { at: now, readiness };
    return readiness;
  }

  /** GET /ready: 200 when every subgraph answers its health check, 503 otherwise; `served` adds what the gateway serves. */
  readyHandler(served: () => object = () => ({})) {
    return async (_req: HttpRequest, res: HttpResponse): Promise<void> => {
      const readiness = await this.readiness();
      res.status(readiness.status === 'ready' ? 200 : 503).set('cache-control', 'no-store').json({ ...readiness, ...served() });
    };
  }

  private async probeAll(): Promise<Readiness> {
    const checkedAt = new Date().toISOString();
    const entries = await Promise.all([...this.healthUrls].map(async ([name, url]) => [name, await this.probe(url)] as const));
    const subgraphs = Object.fromEntries(entries);
    return { status: entries.every(([, state]) => state.status === 'ok') ? 'ready' : 'unavailable', checkedAt, subgraphs };
  }

  private async probe(url: string): Promise<SubgraphState> {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(this.options.probeTimeoutMs ?? PROBE_TIMEOUT_MS) });
      await response.arrayBuffer();
      return response.ok ? { status: 'ok', latencyMs: latency() } : { status: 'unavailable', latencyMs: latency(), reason: 'unhealthy' };
    } catch (error) {
      return { status: 'unavailable', latencyMs: latency(), reason: failureReason(error) };
    }
  }
}

/** A failed fetch in words that name no address and no internal error. */
function failureReason(error: unknown): string {
  const name = (error as { name?: string })?.name;
  return name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'unreachable';
}

/**
 * The answer the subgraph would have given had each field failed: for an entity fetch, a null for
 * each representation and an error on each field asked of it (`_entities.3.name`, which the gateway
 * turns into the entity's path in the client's answer); for a root fetch, `data: null` and an error
 * on each root field.
 */
export function unavailableAnswer(service: string, requestBody: string) {
  const error = (path: (string | number)[]) => ({
    message: `The ${service} service is unavailable: this field could not be resolved.`,
    path,
    extensions: { code: SUBGRAPH_UNAVAILABLE, service },
  });
  let request: { query?: string; variables?: { representations?: { __typename?: string }[] } };
  let operation: OperationDefinitionNode | undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  try {
    request = JSON.parse(requestBody);
    for (const definition of parse(request.query ?? '').definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION) operation ??= definition;
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
  } catch {
    request = {};
  }
  if (!operation) return { data: null, errors: [error([])] };
  const entities = operation.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD && selection.name.value === '_entities');
  const representations = request.variables?.representations;
  if (entities?.kind === Kind.FIELD && entities.selectionSet && Array.isArray(representations)) {
    const selection = entities.selectionSet;
    return {
      data: { _entities: representations.map(() => null) },
      errors: representations.flatMap((representation, index) =>
        responseNames(selection, fragments, representation?.__typename).map((name) => error(['_entities', index, name])),
      ),
    };
  }
  return { data: null, errors: responseNames(operation.selectionSet, fragments).map((name) => error([name])) };
}

/** The response names a selection set asks for on an object of the given type (all types without one). */
function responseNames(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, typename?: string): string[] {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== '__typename') names.add(selection.alias?.value ?? selection.name.value);
        continue;
      }
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      const condition = fragment?.typeCondition?.name.value;
      if (fragment && (!typename || !condition || condition === typename)) visit(fragment.selectionSet);
    }
  };
  visit(selectionSet);
  // An abstract type condition (an entity interface) names no concrete type: then every field asked.
  return names.size || !typename ? [...names] : responseNames(selectionSet, fragments);
}
