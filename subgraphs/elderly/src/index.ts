import type { SubgraphDefinition } from '@hoi/common/service';
import { loadElderlyDemoData } from './demo/demo-data.ts';
import { ElderlyAssociationEntity } from './association/elderly-association.entity.ts';
import { ClubEntity } from './club/club.entity.ts';
import { ClubMemberEntity, MembershipIntakeEntity } from './member/club-member.entity.ts';
import { Migration20261123052000_members_and_intake } from './migrations/Migration20261123052000_members_and_intake.ts';
import { createElderlyLoaders } from './context.ts';
import { Migration20261123000200_associations_and_clubs } from './migrations/Migration20261123000200_associations_and_clubs.ts';
import { buildElderlySchema } from './schema.ts';

export const elderly: SubgraphDefinition<ReturnType<typeof createElderlyLoaders>> = {
  name: 'elderly',
  schemaName: 'elderly',
  entities: [ElderlyAssociationEntity, ClubEntity, ClubMemberEntity, MembershipIntakeEntity],
  migrations: [Migration20261123000200_associations_and_clubs, Migration20261123052000_members_and_intake],
  buildSchema: buildElderlySchema,
  createLoaders: createElderlyLoaders,
  loadDemoData: loadElderlyDemoData,
};
