import { EmulationAuditTrailResolver } from './audit/audit-trail.resolver.ts';
import { buildFederatedSchema } from '@hoi/common/federation';
import type { EmulationContext } from './context.ts';
import { ClusterMemberResolver, EmulationClusterResolver, ExternalOrganisationResolver } from './cluster/emulation-cluster.resolver.ts';
import { CYCLE_RESOLVERS } from './cycle/cycle.resolver.ts';
import { ClusterMeetingResolver, ClusterMeetingsResolver } from './meeting/cluster-meeting.resolver.ts';
import { ClusterRegulationsResolver, RegulationResolver } from './regulation/regulation.resolver.ts';
import { ClusterRoleResolver, ClusterRolesResolver } from './role/cluster-role.resolver.ts';

export function buildEmulationSchema() {
  return buildFederatedSchema(
    { resolvers: [EmulationClusterResolver, ClusterMemberResolver, ExternalOrganisationResolver, ClusterRoleResolver, ClusterRolesResolver, RegulationResolver, ClusterRegulationsResolver, ClusterMeetingResolver, ClusterMeetingsResolver, ...CYCLE_RESOLVERS, EmulationAuditTrailResolver] },
    {
      EmulationCluster: {
        __resolveReference: (reference: { id: string }, ctx: EmulationContext) =>
          ctx.loaders.EmulationClusterByIdLoader.load(reference.id),
      },
    },
  );
}
