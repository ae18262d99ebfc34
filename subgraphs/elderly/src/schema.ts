import { buildFederatedSchema } from '@hoi/common/federation';
import { ElderlyAssociationResolver } from './association/elderly-association.resolver.ts';
import { ClubResolver } from './club/club.resolver.ts';
import { AssociationIntakeResolver, ClubMemberResolver, ClubMembersResolver, ClubStatisticsResolver, MembershipIntakeResolver } from './member/club-member.resolver.ts';
import type { ElderlyContext } from './context.ts';

export function buildElderlySchema() {
  return buildFederatedSchema(
    { resolvers: [ElderlyAssociationResolver, ClubResolver, ClubMemberResolver, ClubMembersResolver, ClubStatisticsResolver, MembershipIntakeResolver, AssociationIntakeResolver] },
    {
      ElderlyAssociation: {
        __resolveReference: (reference: { id: string }, ctx: ElderlyContext) => ctx.loaders.ElderlyAssociationByIdLoader.load(reference.id),
      },
      Club: {
        __resolveReference: (reference: { id: string }, ctx: ElderlyContext) => ctx.loaders.ClubByIdLoader.load(reference.id),
      },
    },
  );
}
