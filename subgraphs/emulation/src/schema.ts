import { buildFederatedSchema } from '@hoi/common/federation';
import type { RequestContext } from '@hoi/common/context';
import type { ClusterLoaders } from './cluster/emulation-cluster.loaders.ts';
import { ClusterMemberResolver, EmulationClusterResolver, ExternalOrganisationResolver } from './cluster/emulation-cluster.resolver.ts';

export function buildEmulationSchema() {
  return buildFederatedSchema(
    { resolvers: [EmulationClusterResolver, ClusterMemberResolver, ExternalOrganisationResolver] },
    {
      EmulationCluster: {
        __resolveReference: (reference: { id: string }, ctx: RequestContext<ClusterLoaders>) =>
          ctx.loaders.EmulationClusterByIdLoader.load(reference.id),
      },
    },
  );
}
