import { buildFederatedSchema } from '@hoi/common/federation';
import type { EmulationContext } from './context.ts';
import { ClusterMemberResolver, EmulationClusterResolver, ExternalOrganisationResolver } from './cluster/emulation-cluster.resolver.ts';

export function buildEmulationSchema() {
  return buildFederatedSchema(
    { resolvers: [EmulationClusterResolver, ClusterMemberResolver, ExternalOrganisationResolver] },
    {
      EmulationCluster: {
        __resolveReference: (reference: { id: string }, ctx: EmulationContext) =>
          ctx.loaders.EmulationClusterByIdLoader.load(reference.id),
      },
    },
  );
}
