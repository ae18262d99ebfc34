import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid, sql } from '@hoi/common/orm';
import { loadChildPages, type ChildPageKey, type Connection } from '@hoi/common/pagination';
import { EmulationClusterEntity, ExternalOrganisationEntity } from './emulation-cluster.entity.ts';
import type { ClusterKind, ClusterMember, EmulationCluster, ExternalOrganisation } from './emulation-cluster.type.ts';

export const CLUSTER_COLUMNS = `id, name, kind, year, unit_id as "unitId", reported_member_count as "reportedMemberCount"`;
const MEMBER_COLUMNS = `id, position, chapter_id as "chapterId", elderly_association_id as "elderlyAssociationId", external_organisation_id as "externalOrganisationId"`;

export function createClusterLoaders(em: EntityManager) {
  return {
    EmulationClusterByIdLoader: new DataLoader<string, EmulationCluster | null>(async (ids) => {
      // An id that is no uuid names nothing: not a question for the database (which would fail on it).
      const wellFormed = ids.filter(isUuid);
      const found = wellFormed.length ? await em.find(EmulationClusterEntity, { id: { $in: wellFormed } }) : [];
      const byId = new Map(found.map(({ id, name, kind, year, unitId, reportedMemberCount }) => [id, { id, name, kind: kind as ClusterKind, year, unitId, reportedMemberCount }]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    ExternalOrganisationByIdLoader: new DataLoader<string, ExternalOrganisation | null>(async (ids) => {
      const found = await em.find(ExternalOrganisationEntity, { id: { $in: [...ids] } });
      const byId = new Map(found.map(({ id, name, unitId }) => [id, { id, name, unitId }]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** Ids of the member chapters and associations of each cluster, in the cluster's order: one statement. */
    MemberReferencesByClusterIdLoader: new DataLoader<string, { chapterIds: string[]; associationIds: string[] }>(async (clusterIds) => {
      const rows = await sql<{ clusterId: string; chapterIds: string[]; associationIds: string[] }>(
        em,
        `select cluster_id as "clusterId",
                coalesce(array_agg(chapter_id::text order by position) filter (where chapter_id is not null), '{}') as "chapterIds",
                coalesce(array_agg(elderly_association_id::text order by position) filter (where elderly_association_id is not null), '{}') as "associationIds"
           from emulation.cluster_member where cluster_id in (?) group by cluster_id`,
        [clusterIds],
      );
      const byCluster = new Map(rows.map((row) => [row.clusterId, row]));
      return clusterIds.map((id) => byCluster.get(id) ?? { chapterIds: [], associationIds: [] });
    }),
    MembersByClusterIdLoader: new DataLoader<ChildPageKey, Connection<ClusterMember>, string>(
      (keys) =>
        loadChildPages<ClusterMember>(em, {
          table: 'emulation.cluster_member',
          parentColumn: 'cluster_id',
          orderColumns: ['position', 'id'],
          select: MEMBER_COLUMNS,
        }, keys),
      { cacheKeyFn: (key) => JSON.stringify(key) },
    ),
  };
}

export type ClusterLoaders = ReturnType<typeof createClusterLoaders>;
