import { stableId } from '@hoi/common/ids';
import { loadOrCreateSecret, signToken, type TokenClaims } from '@hoi/common/identity';

/**
 * Demo tokens, one per role, signed with the demo key `npm start` made (or HOI_JWT_SECRET), to try
 * in the explorer: paste one as the header  Authorization: Bearer <token>.
 */
const secret = process.env.HOI_JWT_SECRET || loadOrCreateSecret('.data/keys/jwt-secret');
const DEMO: (TokenClaims & { note: string })[] = [
  { subject: 'demo-national-admin', role: 'national_admin', note: 'everything; no person\'s sensitive fields' },
  { subject: 'demo-chapter-officer', role: 'chapter_officer', scope: [stableId('red-cross:lao-cai')], note: 'writes in Lào Cai Red Cross and below' },
  { subject: 'demo-association-officer', role: 'association_officer', scope: [stableId('elderly:lai-chau')], note: 'writes in Lai Châu Elderly Association and below; its members\' personal data' },
  { subject: 'demo-club-manager', role: 'club_manager', scope: [stableId('elderly:lai-chau:club:18')], note: 'the Phong Thổ club: its members and fund' },
  { subject: 'demo-cluster-secretary', role: 'cluster_secretary', scope: [stableId('emulation:red-cross-midland-northern-mountain-2022')], note: 'the 7-province Red Cross cluster, 2022' },
  { subject: 'demo-analyst', role: 'analyst', note: 'read-only aggregates, all units' },
  { subject: 'demo-partner', role: 'partner', subgraph: 'red-cross', note: 'read-only aggregates, the red-cross subgraph directly' },
];
for (const { note, ...claims } of DEMO) {
  console.log(`# ${claims.role}: ${note}\n${await signToken(secret, claims, '12h')}\n`);
}
