import type { ClusterMember } from '../cluster/emulation-cluster.type.ts';

/** The columns of the member (alias `m`) a row of the cycle names, joined in the same statement. */
export const MEMBER_COLUMNS = `m.id as "memberId", m.position as "memberPosition", m.chapter_id as "memberChapterId",
  m.elderly_association_id as "memberElderlyAssociationId", m.external_organisation_id as "memberExternalOrganisationId"`;

export interface MemberRow {
  memberId: string;
  memberPosition: number;
  memberChapterId: string | null;
  memberElderlyAssociationId: string | null;
  memberExternalOrganisationId: string | null;
}

export function toMember(row: MemberRow): ClusterMember {
  return {
    id: row.memberId,
    position: row.memberPosition,
    chapterId: row.memberChapterId,
    elderlyAssociationId: row.memberElderlyAssociationId,
    externalOrganisationId: row.memberExternalOrganisationId,
  };
}
