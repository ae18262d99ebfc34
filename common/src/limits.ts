import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLFormattedError } from 'graphql';

/**
 * Abuse limits shared by the gateway and every subgraph (a partner may call a subgraph directly).
 * graphql-armor enforces them as validation rules; the messages never state the limits, and each
 * refusal gets a stable code of its own.
 */
export const REFUSALS = {
  QUERY_TOO_DEEP: 'the query is nested too deeply',
  QUERY_TOO_COSTLY: 'the query asks for too much at once',
  TOO_MANY_ALIASES: 'the query uses too many aliases',
  TOO_MANY_DIRECTIVES: 'the query uses too many directives',
  TOO_MANY_TOKENS: 'the query is too long',
} as const;

export type LimitCode = keyof typeof REFUSALS;

/** Tokens in one document, at most. */
export const MAX_TOKENS = 5_000;

/** graphql-armor's settings, for Apollo here and for Hive Gateway's envelop (routers/hive-limits.ts). */
export const ARMOR_SETTINGS = {
  maxDepth: { n: 15, ignoreIntrospection: true, exposeLimits: false, errorMessage: REFUSALS.QUERY_TOO_DEEP },
  // Cost is checked once the variables are known (cost.ts): this rule sees only literals.
  costLimit: { enabled: false },
  maxAliases: { n: 20, exposeLimits: false, errorMessage: REFUSALS.TOO_MANY_ALIASES },
  maxDirectives: { n: 30, exposeLimits: false, errorMessage: REFUSALS.TOO_MANY_DIRECTIVES },
  // Enforced by graphql-js's own parser (protections().parseOptions), as a parse error.
  maxTokens: { enabled: false },
  // Its plugin rewrites every error's message and throws on read-only ones (a fetch timeout);
  // suggestions are stripped in maskError instead.
  blockFieldSuggestion: { enabled: false },
};

export function armorProtection() {
  return new ApolloArmor(ARMOR_SETTINGS).protect();
}

/** graphql-armor reports "Syntax Error: <message>"; give each refusal its stable code. */
export function limitRefusal(error: GraphQLFormattedError): GraphQLFormattedError | null {
  // graphql-js's message (spelt "more that" in 16.x) states the limit: replaced.
  if (/^Syntax Error: Document contains more tha[nt] \d+ tokens\. Parsing aborted\.$/.test(error.message)) {
    return { message: REFUSALS.TOO_MANY_TOKENS, extensions: { code: 'TOO_MANY_TOKENS' } };
  }
  for (const [code, message] of Object.entries(REFUSALS)) {
    if (error.message === `Syntax Error: ${message}`) {
      return { message, locations: error.locations, extensions: { code } };
    }
  }
  return null;
}

/** How long the gateway waits for one subgraph fetch before answering without it. */
export const SUBGRAPH_TIMEOUT_MS = Number(process.env.HOI_SUBGRAPH_TIMEOUT_MS ?? 10_000);

/** Validation messages suggest field names ("Did you mean …?"): a map of the schema for a prober. */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean .*\?$/, '');
}
