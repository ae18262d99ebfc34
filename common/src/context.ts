import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';

/** What every resolver of a subgraph gets for one request: fresh per request, never shared. */
export interface RequestContext<Loaders> {
  requestId: string;
  em: EntityManager;
  loaders: Loaders;
  logger: Logger;
}

export const REQUEST_ID_HEADER = 'x-request-id';
