import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';

/** What every resolver of a subgraph gets for one request: fresh per request, never shared. */
/**
 * Who is calling. Until the identity issue brings verified tokens, the role and the organisations
 * it covers travel in two headers that the gateway forwards; rules read them only through here,
 * so swapping the source for a verified token changes nothing else.
 */
export interface Caller {
  role: string | null;
  /** Ids of the organisations (club, association unit, chapter, cluster) the role covers. */
  scopeIds: string[];
}

export const CALLER_ROLE_HEADER = 'x-hoi-role';
export const CALLER_SCOPE_HEADER = 'x-hoi-scope';

export function callerFrom(headers: Record<string, string | string[] | undefined>): Caller {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const role = first(headers[CALLER_ROLE_HEADER])?.trim() || null;
  const scope = first(headers[CALLER_SCOPE_HEADER]) ?? '';
  return { role, scopeIds: scope.split(',').map((id) => id.trim()).filter(Boolean) };
}

export interface RequestContext<Loaders> {
  requestId: string;
  caller: Caller;
  em: EntityManager;
  loaders: Loaders;
  logger: Logger;
}

export const REQUEST_ID_HEADER = 'x-request-id';
