import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequest, type GraphQLResponse } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { DeadlockException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { ErrorCode } from './errors.ts';
import type { Caller } from './identity.ts';
import { sql } from './orm.ts';

/**
 * Idempotent mutations. A client that sends `Idempotency-Key: <key>` with a mutation gets, for
 * every later request with the same key (same caller, same body), the first answer replayed, and
 * the mutation is written once. The key's row is written in the same transaction as the mutation:
 * the whole operation runs in one transaction opened before execution (the resolvers' own
 * transactions become savepoints in it) and the answer is recorded and committed after it, so a
 * crash leaves neither a write without its key nor a key without its write.
 *
 * - Scope: the caller's token subject (anonymous callers share one scope, and may not write anyway).
 * - Same key, other body: IDEMPOTENCY_KEY_REUSED, HTTP 422, nothing run.
 * - Same key while the first request runs: IDEMPOTENCY_KEY_IN_USE, HTTP 409, nothing run: retry.
 * - A malformed key (not 1–200 printable ASCII characters): IDEMPOTENCY_KEY_INVALID, HTTP 400.
 * - Keys expire HOI_IDEMPOTENCY_TTL_SECONDS (default 24 h) after the first answer; each keyed
 *   write purges expired keys, and an expired key may be used again as a new one.
 * - The key is ignored on queries (they write nothing).
 */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** The gateway's hash of the client's whole body, on its calls to subgraphs (trusted only when signed). */
export const IDEMPOTENCY_BODY_HEADER = 'x-hoi-idempotency-body';
export const IDEMPOTENCY_REPLAYED_HEADER = 'idempotent-replayed';
export const DEFAULT_IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

const KEY = /^[\x21-\x7e]{1,200}$/;
/** A key as sent by a client; the gateway appends `#n` to it for its n-th mutation fetch to a subgraph. */
const FORWARDED_KEY = /^[\x21-\x7e]{1,200}(#\d{1,4})?$/;

export const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.IDEMPOTENCY_KEY_INVALID]: 400,
  [ErrorCode.IDEMPOTENCY_KEY_IN_USE]: 409,
  [ErrorCode.IDEMPOTENCY_KEY_REUSED]: 422,
};

export function isValidIdempotencyKey(key: string, forwarded = false): boolean {
  return (forwarded ? FORWARDED_KEY : KEY).test(key);
}

/** JSON with object keys sorted, so that one body hashes the same whatever its key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What "the same body" means: the document, the operation name and the variables. */
export function bodyHash(request: Pick<GraphQLRequest, 'query' | 'operationName' | 'variables'>): string {
  const body = { query: request.query ?? '', operationName: request.operationName ?? null, variables: request.variables ?? {} };
  return createHash('sha256').update(stableJson(body)).digest('base64url');
}

/** A refusal decided before execution, already in its formatted form. */
export function idempotencyRefusal(code: ErrorCode, message: string): GraphQLResponse {
  return {
    http: { status: STATUS[code], headers: new HeaderMap() },
    body: { kind: 'single', singleResult: { errors: [{ message, extensions: { code, field: 'Idempotency-Key' } }] } },
  };
}

/**
 * The table a subgraph keeps its keys in, created by a migration of its own. This text is part of
 * those migrations: never change it; a new shape needs a new migration.
 */
export function idempotencyTableDdl(schema: string): string[] {
  return [
    `create table ${schema}.idempotency_key (
        subject text not null,
        key text not null,
        request_hash text not null,
        status smallint not null,
        response jsonb not null,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        primary key (subject, key)
      )`,
    `create index idempotency_key_expires_at_idx on ${schema}.idempotency_key (expires_at)`,
  ];
}

interface KeyedContext {
  caller: Caller;
  logger: Logger;
  signedByGateway: boolean;
  em: EntityManager;
}

interface StoredAnswer {
  requestHash: string;
  status: number;
  response: FormattedExecutionResult;
}

export interface IdempotencyOptions {
  /** The subgraph's table, e.g. `elderly.idempotency_key`. */
  table: string;
  ttlSeconds?: number;
}

export function idempotencyTtlFromEnv(): number {
  const configured = Number(process.env.HOI_IDEMPOTENCY_TTL_SECONDS);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_IDEMPOTENCY_TTL_SECONDS;
}

/** The subgraph side: replays, refuses, or runs the mutation in one transaction with its key. */
export function idempotencyPlugin<C extends KeyedContext>(options: IdempotencyOptions): ApolloServerPlugin<C> {
  const { table } = options;
  const ttlSeconds = options.ttlSeconds ?? idempotencyTtlFromEnv();
  return {
    async requestDidStart({ request }) {
      const key = request.http?.headers.get(IDEMPOTENCY_KEY_HEADER);
      if (key == null) return;
      const forwardedHash = request.http?.headers.get(IDEMPOTENCY_BODY_HEADER);
      let open = false;
      let subject = '';
      let requestHash = '';
      return {
        async responseForOperation({ operation, contextValue }) {
          if (operation.operation !== 'mutation') return null;
          if (!isValidIdempotencyKey(key, contextValue.signedByGateway)) {
            return idempotencyRefusal(ErrorCode.IDEMPOTENCY_KEY_INVALID, 'the Idempotency-Key header must be 1 to 200 printable ASCII characters, without spaces');
          }
          subject = contextValue.caller.subject ?? '';
          // Through the gateway, "the same body" is the client's body, not this subgraph's share of it.
          requestHash = contextValue.signedByGateway && forwardedHash ? `gateway:${forwardedHash}` : bodyHash(request);
          const { em } = contextValue;
          await em.begin();
          open = true;
          const [{ running }] = await sql<{ running: boolean }>(em, `select not pg_try_advisory_xact_lock(hashtextextended(?, 0)) as running`, [
            `${table} ${subject} ${key}`,
          ]);
          const [stored] = running
            ? []
            : await sql<StoredAnswer>(
                em,
                `select request_hash as "requestHash", status, response from ${table} where subject = ? and key = ? and expires_at > now()`,
                [subject, key],
              );
          if (running || stored) {
            open = false;
            await em.rollback();
          }
          if (running) return idempotencyRefusal(ErrorCode.IDEMPOTENCY_KEY_IN_USE, 'a request with this Idempotency-Key is still running; retry shortly');
          if (!stored) {
            // The key's expired row (if any) and a batch of other expired rows go; this request's row comes at the end.
            await sql(em, `delete from ${table} where subject = ? and key = ?`, [subject, key]);
            await sql(em, `delete from ${table} where ctid = any(array(select ctid from ${table} where expires_at <= now() limit 1000))`);
            return null;
          }
          if (stored.requestHash !== requestHash) {
            return idempotencyRefusal(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'this Idempotency-Key was used for another request; use a new key for a new request');
          }
          return {
            http: { status: stored.status === 200 ? undefined : stored.status, headers: new HeaderMap([[IDEMPOTENCY_REPLAYED_HEADER, 'true']]) },
            body: { kind: 'single', singleResult: stored.response },
          };
        },

        async willSendResponse({ response, contextValue }) {
          if (!open) return;
          open = false;
          const { em } = contextValue;
          try {
            if (response.body.kind !== 'single') throw new Error('an incremental answer cannot be recorded');
            await sql(em, `insert into ${table} (subject, key, request_hash, status, response, expires_at) values (?, ?, ?, ?, ?::jsonb, now() + make_interval(secs => ?))`, [
              subject,
              key,
              requestHash,
              response.http.status ?? 200,
              JSON.stringify(response.body.singleResult),
              ttlSeconds,
            ]);
            await em.commit();
          } catch (error) {
            await em.rollback().catch(() => {});
            // Nothing was written: the answer must not say otherwise.
            const code = error instanceof DeadlockException ? ErrorCode.WRITE_CONFLICT : ErrorCode.INTERNAL_SERVER_ERROR;
            response.body = { kind: 'single', singleResult: { data: null, errors: [{ message: 'the operation failed and nothing was written', extensions: { code } }] } };
            contextValue.logger.error({ err: { type: (error as Error).name, code: (error as { code?: unknown }).code } }, 'a keyed mutation could not be recorded; rolled back');
          }
        },
      };
    },
  };
}
