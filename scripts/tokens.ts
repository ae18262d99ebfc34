import { stableId } from '@hoi/common/ids';
import { loadOrCreateSecret, signToken } from '@hoi/common/identity';
import { claimsOf, DEMO_TOKENS } from './demo-tokens.ts';

/**
 * Demo tokens, one per role, signed with the demo key `npm start` made (or HOI_JWT_SECRET), to try
 * in the explorer: paste one as the header  Authorization: Bearer <token>.
 */
const secret = process.env.HOI_JWT_SECRET || loadOrCreateSecret('.data/keys/jwt-secret');
for (const token of DEMO_TOKENS) {
  const covers = token.covers.map(({ slug, name }) => `\n#   covers ${name}  id ${stableId(slug)}`).join('');
  console.log(`# ${token.role}: ${token.note}${covers}\n${await signToken(secret, claimsOf(token), '12h')}\n`);
}
