import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/**
 * A typed GraphQL client in one function, for the documents graphql-codegen generates from
 * `operations/` (`npm run compose`): each carries only its hash, and the client sends only that —
 * Apollo's persisted-query format — with the variables. The gateway runs the registered document
 * of that hash (schema/trusted-documents.json) or answers PERSISTED_QUERY_NOT_FOUND.
 */
export interface ClientOptions {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** A bearer token, when the caller signs in. */
  token?: string;
}

/** An error of the GraphQL response, with its stable `extensions.code`. */
export interface GraphQLResponseError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; requestId?: string; [key: string]: unknown };
}

/** The request failed or the answer carried errors: `errors` says why, each with its code. */
export class GraphQLRequestError extends Error {
  constructor(
    readonly status: number,
    readonly errors: GraphQLResponseError[],
    /** What did resolve, when the answer was partial. */
    readonly data?: unknown,
  ) {
    super(errors.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`).join('; ') || `HTTP ${status}`);
    this.name = 'GraphQLRequestError';
  }

  get codes(): string[] {
    return this.errors.map((error) => error.extensions?.code ?? 'ERROR');
  }
}

/** The hash codegen put in a document (`persistedDocuments`, mode replaceDocumentWithHash). */
export function documentHashOf(document: TypedDocumentNode<unknown, never>): string {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  if (typeof hash !== 'string') throw new Error('this document carries no hash: generate it with `npm run compose`');
  return hash;
}

export type Execute = <Result, Variables>(document: TypedDocumentNode<Result, Variables>, variables: Variables) => Promise<Result>;

export function createClient({ url, token }: ClientOptions): Execute {
  return async function execute<Result, Variables>(document: TypedDocumentNode<Result, Variables>, variables: Variables): Promise<Result> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const sha256Hash = documentHashOf(document as TypedDocumentNode<unknown, never>);
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash } } }) });
    const answer = (await response.json().catch(() => ({}))) as { data?: Result | null; errors?: GraphQLResponseError[] };
    if (!response.ok || answer.errors?.length || answer.data == null) throw new GraphQLRequestError(response.status, answer.errors ?? [], answer.data);
    return answer.data;
  };
}
