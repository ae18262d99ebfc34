import type { SubgraphDefinition } from '@hoi/common/service';
import { loadEmulationDemoData } from './demo/demo-data.ts';
import { ClusterMemberEntity, EmulationClusterEntity, ExternalOrganisationEntity } from './cluster/emulation-cluster.entity.ts';
import { createEmulationLoaders } from './context.ts';
import { Migration20261123000300_clusters } from './migrations/Migration20261123000300_clusters.ts';
import { buildEmulationSchema } from './schema.ts';

export const emulation: SubgraphDefinition<ReturnType<typeof createEmulationLoaders>> = {
  name: 'emulation',
  schemaName: 'emulation',
  entities: [EmulationClusterEntity, ExternalOrganisationEntity, ClusterMemberEntity],
  migrations: [Migration20261123000300_clusters],
  buildSchema: buildEmulationSchema,
  createLoaders: createEmulationLoaders,
  loadDemoData: loadEmulationDemoData,
};
