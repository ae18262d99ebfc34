import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * The operation safelist: the operations the project's clients send, committed in `operations/`
 * and listed by the SHA-256 of their text in `schema/safelist.json` (`npm run compose`). When
 * enforced (production), the gateway runs nothing else.
 */
export const operationHash = (query: string) => createHash('sha256').update(query).digest('hex');

export function safelistPlugin(safelist: Record<string, string>, enforce: boolean): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          if (!enforce) return;
          if (!request.query || !safelist[operationHash(request.query)]) {
            throw new GraphQLError('this operation is not on the safelist', { extensions: { code: 'OPERATION_NOT_SAFELISTED' } });
          }
        },
      };
    },
  };
}
