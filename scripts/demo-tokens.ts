import { stableId } from '@hoi/common/ids';
import type { TokenClaims } from '@hoi/common/identity';
import { SUBGRAPH_PORTS } from './service-ports.ts';

/** What a demo token's scope names: the demo data's organisations, by slug (their ids are stableId(slug)) and table. */
export interface Covered {
  slug: string;
  name: string;
  /** schema.table holding it, for the test that checks the names against the demo data. */
  table: string;
}

const LAO_CAI: Covered = { slug: 'red-cross:lao-cai', name: 'Hội Chữ thập đỏ tỉnh Lào Cai', table: 'red_cross.chapter' };
const LAI_CHAU: Covered = { slug: 'elderly:lai-chau', name: 'Hội Người cao tuổi tỉnh Lai Châu', table: 'elderly.association' };
const PHONG_THO_CLUB: Covered = { slug: 'elderly:lai-chau:club:18', name: 'CLB Liên thế hệ tự giúp nhau thị trấn Phong Thổ', table: 'elderly.club' };
const CLUSTER_2022: Covered = { slug: 'emulation:red-cross-midland-northern-mountain-2022', name: 'Cụm thi đua Hội Chữ thập đỏ 7 tỉnh trung du và miền núi phía Bắc', table: 'emulation.cluster' };

export const DEMO_TOKENS: (Omit<TokenClaims, 'scope'> & { note: string; covers: Covered[] })[] = [
  { subject: 'demo-national-admin', role: 'national_admin', covers: [], note: 'everything; no person\'s sensitive fields' },
  { subject: 'demo-chapter-officer', role: 'chapter_officer', covers: [LAO_CAI], note: 'writes in its chapter and below' },
  { subject: 'demo-association-officer', role: 'association_officer', covers: [LAI_CHAU], note: 'writes in its association and below; its members\' personal data' },
  { subject: 'demo-club-manager', role: 'club_manager', covers: [PHONG_THO_CLUB], note: 'its club: its members and fund' },
  { subject: 'demo-cluster-secretary', role: 'cluster_secretary', covers: [CLUSTER_2022], note: 'its emulation cluster' },
  { subject: 'demo-analyst', role: 'analyst', covers: [], note: 'read-only aggregates, all units' },
  // A partner organisation per subgraph: each calls its own directly (README: "For partner organisations").
  ...Object.entries(SUBGRAPH_PORTS).map(([subgraph, port]) => ({
    subject: `demo-partner-${subgraph}`,
    role: 'partner' as const,
    subgraph,
    covers: [],
    note: `read-only aggregates, the ${subgraph} subgraph directly (port ${port}; schema/partners/${subgraph}.graphql)`,
  })),
];

export const claimsOf = ({ note: _note, covers, ...claims }: (typeof DEMO_TOKENS)[number]): TokenClaims => ({ ...claims, scope: covers.map(({ slug }) => stableId(slug)) });
