import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@hoi/common/orm';
import type { ClusterMember } from '../cluster/emulation-cluster.type.ts';
import { ROLE_ORDER, type ClusterRole, type ClusterRoleKind, type RoleSelection } from './cluster-role.type.ts';

const ROLE_RANK = `array_position(array[${ROLE_ORDER.map((role) => `'${role}'`).join(', ')}]::text[], r.role)`;

interface RoleRow {
  id: string;
  clusterId: string;
  role: ClusterRoleKind;
  selection: RoleSelection | null;
  heldBy: string | null;
  memberId: string;
  position: number;
  chapterId: string | null;
  elderlyAssociationId: string | null;
  externalOrganisationId: string | null;
}

/** The role with its member, read in the same statement. */
export function toClusterRole(row: RoleRow): ClusterRole {
  const { id, clusterId, role, selection, heldBy, memberId, position, chapterId, elderlyAssociationId, externalOrganisationId } = row;
  const member: ClusterMember = { id: memberId, position, chapterId, elderlyAssociationId, externalOrganisationId };
  return { id, clusterId, role, selection, heldBy, member };
}

export const ROLE_SELECT = `select r.id, r.cluster_id as "clusterId", r.role, r.selection, r.held_by as "heldBy",
    m.id as "memberId", m.position, m.chapter_id as "chapterId", m.elderly_association_id as "elderlyAssociationId",
    m.external_organisation_id as "externalOrganisationId"
  from emulation.cluster_role r join emulation.cluster_member m on m.id = r.member_id`;

export function createClusterRoleLoaders(em: EntityManager) {
  return {
    /** Every role of each cluster with its member, head first: one statement for any number of clusters. */
    ClusterRolesByClusterIdLoader: new DataLoader<string, ClusterRole[]>(async (clusterIds) => {
      const rows = await sql<RoleRow>(em, `${ROLE_SELECT} where r.cluster_id in (?) order by r.cluster_id, ${ROLE_RANK}`, [[...clusterIds]]);
      const byCluster = Map.groupBy(rows.map(toClusterRole), (role) => role.clusterId);
      return clusterIds.map((id) => byCluster.get(id) ?? []);
    }),
  };
}

export type ClusterRoleLoaders = ReturnType<typeof createClusterRoleLoaders>;
