import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import { GraphQLError, parse, type DocumentNode } from 'graphql';
import type { Caller, Role } from './identity.ts';

/**
 * Trusted documents: the operations the project's apps send, committed in `operations/` and listed
 * in `schema/trusted-documents.json` (`npm run compose`, by graphql-codegen's client preset) as
 * hash → document. ONE rule makes both, here, and codegen's generated documents carry the same
 * hash (scripts/codegen.ts hands it this function): a document is its normal form (graphql-tools'
 * `printExecutableGraphQLDocument`, what codegen prints: no comments, selections and variables in
 * name order but a mutation's fields in the order they run, on one line), and its hash the hex
 * SHA-256 of that text. So a client that sends the full text is matched however it lays the text
 * out or orders a selection, and one that sends the hash alone gets the manifest's document.
 */
export type TrustedDocuments = Record<string, string>;

/** The trusted documents, or how to get the ones served now (the gateway reloads them when republished). */
export type TrustedDocumentsSource = TrustedDocuments | (() => TrustedDocuments);

const current = (source: TrustedDocumentsSource) => (typeof source === 'function' ? source() : source);

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The normal form of a parsed document: what the manifest stores and hashes. */
export const printNormalDocument = (document: DocumentNode) => printExecutableGraphQLDocument(document);

/** The normal form of a document's text. */
export const normalDocument = (text: string) => printNormalDocument(parse(text));

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

/**
 * A subgraph has no trusted documents of its own: what the public apps send reaches it through the
 * gateway, which signs its calls. So in production a subgraph runs documents only for the gateway,
 * a partner (of this subgraph: the access rules refuse the others) and the signed-in staff roles;
 * an anonymous caller is told to go through the gateway.
 */
export function directCallersPlugin<Context extends BaseContext & { caller: Caller; signedByGateway: boolean }>(enforce: boolean): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue }) {
          if (!enforce || contextValue.signedByGateway) return;
          const role = contextValue.caller.role;
          if (role === 'partner' || (role && AD_HOC_ROLES.has(role))) return;
          throw new GraphQLError('a subgraph answers the gateway, partners and signed-in staff; anonymous callers send trusted documents to the gateway', {
            extensions: { code: 'OPERATION_NOT_SAFELISTED' },
          });
        },
      };
    },
  };
}

/** When enforced, a document that is not trusted runs only for the roles allowed ad hoc documents. */
export function trustedDocumentsPlugin<Context extends BaseContext & { caller: Caller; serverDocument?: boolean }>(documents: TrustedDocumentsSource, enforce: boolean): ApolloServerPlugin<Context> {
  // Apollo keeps one parsed document per text: each is normalised and hashed once.
  const hashes = new WeakMap<DocumentNode, string>();
  const trusted = (document: DocumentNode) => {
    let hash = hashes.get(document);
    if (hash === undefined) hashes.set(document, (hash = sha256(printNormalDocument(document))));
    return current(documents)[hash] !== undefined;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          // A document the server runs itself (an export's operation, from a subgraph's index), not the caller's.
          if (!enforce || contextValue.serverDocument) return;
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
