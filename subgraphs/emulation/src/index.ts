import { Migration20261202151000_audit_trail } from './migrations/Migration20261202151000_audit_trail.ts';
import type { SubgraphDefinition } from '@hoi/common/service';
import { loadEmulationDemoData } from './demo/demo-data.ts';
import { ClusterMemberEntity, EmulationClusterEntity, ExternalOrganisationEntity } from './cluster/emulation-cluster.entity.ts';
import { createEmulationLoaders } from './context.ts';
import { CYCLE_ENTITIES } from './cycle/cycle.entity.ts';
import { ClusterMeetingEntity, MeetingAttendeeEntity, MeetingDecisionEntity, MeetingGuestEntity } from './meeting/cluster-meeting.entity.ts';
import { RegulationEntity } from './regulation/regulation.entity.ts';
import { ClusterRoleEntity } from './role/cluster-role.entity.ts';
import { Migration20261123000300_clusters } from './migrations/Migration20261123000300_clusters.ts';
import { Migration20261123080000_roles_regulations_meetings } from './migrations/Migration20261123080000_roles_regulations_meetings.ts';
import { Migration20261123090000_yearly_cycle } from './migrations/Migration20261123090000_yearly_cycle.ts';
import { Migration20261123095000_reported_member_count } from './migrations/Migration20261123095000_reported_member_count.ts';
import { Migration20261202120000_idempotency_keys } from './migrations/Migration20261202120000_idempotency_keys.ts';
import { buildEmulationSchema } from './schema.ts';
import { clusterRankingExport } from './cycle/ranking.export.ts';

export const emulation: SubgraphDefinition<ReturnType<typeof createEmulationLoaders>> = {
  name: 'emulation',
  schemaName: 'emulation',
  entities: [EmulationClusterEntity, ExternalOrganisationEntity, ClusterMemberEntity, ClusterRoleEntity, RegulationEntity, ClusterMeetingEntity, MeetingAttendeeEntity, MeetingGuestEntity, MeetingDecisionEntity, ...CYCLE_ENTITIES],
  migrations: [Migration20261123000300_clusters, Migration20261123080000_roles_regulations_meetings, Migration20261123090000_yearly_cycle, Migration20261123095000_reported_member_count, Migration20261202120000_idempotency_keys, Migration20261202151000_audit_trail],
  buildSchema: buildEmulationSchema,
  createLoaders: createEmulationLoaders,
  loadDemoData: loadEmulationDemoData,
  // Summaries only: emulation takes no records in sheets yet.
  spreadsheets: { kinds: [], exports: [clusterRankingExport] },
};
