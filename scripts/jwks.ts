import { loadOrCreateSecret } from '@hoi/common/identity';
import { jwksOfSecret } from '../routers/environment.ts';

/**
 * The token key (HOI_JWT_SECRET, or the demo secret `npm start` made) as a JSON Web Key Set, for a
 * router that verifies tokens from a key file (routers/hive-router.yaml): `npm run -s jwks > jwks.json`.
 * It holds the secret itself: keep the file where the secret is kept.
 */
console.log(JSON.stringify(jwksOfSecret(process.env.HOI_JWT_SECRET || loadOrCreateSecret('.data/keys/jwt-secret'))));
