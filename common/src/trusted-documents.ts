import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, parse, print, type DocumentNode } from 'graphql';
import type { Caller, Role } from './identity.ts';

/**
 * Trusted documents: the operations the project's apps send, committed in `operations/` and listed
 * in `schema/trusted-documents.json` (`npm run compose`) as hash → document. A document is its
 * printed form (graphql-js `print`: no comments, one layout), and its hash the hex SHA-256 of that
 * text — what Apollo Client's persisted-query link sends. So a client that sends the full text is
 * matched however it lays the text out (a trimmed trailing newline, other indentation).
 */
export type TrustedDocuments = Record<string, string>;

/** The trusted documents, or how to get the ones served now (the gateway reloads them when republished). */
export type TrustedDocumentsSource = TrustedDocuments | (() => TrustedDocuments);

const current = (source: TrustedDocumentsSource) => (typeof source === 'function' ? source() : source);

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The printed form of a document's text: what the manifest stores and hashes. */
export const normalDocument = (text: string) => print(parse(text));

export const documentHash = (text: string) => sha256(normalDocument(text));

/**
 * Who may send their own (ad hoc) documents to the gateway in production: every signed-in role but
 * a partner, which calls its own subgraph directly (subgraphs run any document, within the limits).
 * Anonymous callers and partners at the gateway: trusted documents only.
 */
export const AD_HOC_ROLES: ReadonlySet<Role> = new Set(['national_admin', 'chapter_officer', 'association_officer', 'club_manager', 'cluster_secretary', 'analyst']);

export const enforceTrustedDocuments = () => process.env.NODE_ENV === 'production' || process.env.HOI_ENFORCE_SAFELIST === '1';

/**
 * The manifest as Apollo's persisted-query cache, read only: a hash alone is looked up here (an
 * unknown one is PERSISTED_QUERY_NOT_FOUND), and Apollo's registration of a new hash+query pair
 * (`set`) stores nothing, so no caller adds a document.
 */
export function trustedDocumentCache(documents: TrustedDocumentsSource) {
  return {
    // Apollo prefixes its keys ("apq:") unless told the cache is private to it.
    get: async (key: string) => current(documents)[key.replace(/^apq:/, '')],
    set: async () => {},
    delete: async () => false,
  };
}

/** When enforced, a document that is not trusted runs only for the roles allowed ad hoc documents. */
export function trustedDocumentsPlugin<Context extends BaseContext & { caller: Caller }>(documents: TrustedDocumentsSource, enforce: boolean): ApolloServerPlugin<Context> {
  // Apollo keeps one parsed document per text: each is printed and hashed once.
  const hashes = new WeakMap<DocumentNode, string>();
  const trusted = (document: DocumentNode) => {
    let hash = hashes.get(document);
    if (hash === undefined) hashes.set(document, (hash = sha256(print(document))));
    return current(documents)[hash] !== undefined;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (!enforce) return;
          const role = contextValue.caller.role;
          if (role && AD_HOC_ROLES.has(role)) return;
          if (!trusted(document)) {
            throw new GraphQLError('only trusted documents run here for this caller; send a registered document\'s hash', {
              extensions: { code: 'OPERATION_NOT_SAFELISTED' },
            });
          }
        },
      };
    },
  };
}
