import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Caller } from './identity.ts';

/** What every resolver of a subgraph gets for one request: fresh per request, never shared. */
export type { Caller } from './identity.ts';

export interface RequestContext<Loaders> {
  requestId: string;
  /** The verified caller (anonymous without a token). */
  caller: Caller;
  /** The request carries the gateway's key for this subgraph. */
  signedByGateway: boolean;
  em: EntityManager;
  loaders: Loaders;
  logger: Logger;
}

export const REQUEST_ID_HEADER = 'x-request-id';
