import { constraintErrors, type ConstraintMeaning } from '@hoi/common/constraints';
import { notFound, ruleViolation } from '@hoi/common/errors';
import { lockRule } from '@hoi/common/writes';
import { sql, type EntityManager } from '@hoi/common/orm';
import { todayInVietnam } from '@hoi/common/dates';
export { todayInVietnam };
import { cleanText, cleanOptionalText } from '@hoi/common/text';
export { cleanText, cleanOptionalText };

/**
 * Rules shared by the writes to a cluster year (roles, meetings, regulations), and what a
 * constraint of their tables means to the client, should two requests race past the checks the
 * resolvers make first.
 */
const CONSTRAINTS: Record<string, ConstraintMeaning> = {
  cluster_role_role_key: ['CONFLICT', 'role', 'the cluster already has a holder of this role'],
  cluster_role_head_deputy_key: ['CONFLICT', 'memberId', 'this member is already the head or the deputy of the cluster'],
  cluster_role_member_fkey: ['RULE_VIOLATION', 'memberId', 'a role holder must be a member of the cluster'],
  cluster_meeting_review_key: ['CONFLICT', 'kind', 'the cluster already has a review conference for this year'],
  meeting_attendee_member_fkey: ['RULE_VIOLATION', 'attendeeMemberIds', 'an attendee must be a member of the cluster'],
  regulation_adopted_key: ['CONFLICT', 'clusterId', 'the cluster has already adopted a regulation'],
  regulation_meeting_fkey: ['RULE_VIOLATION', 'meetingId', 'the meeting must be one of the cluster\'s'],
};

export const constraintError = constraintErrors(CONSTRAINTS);




/**
 * Makes the writes to one cluster year take turns (lockRule), so that the checks that follow
 * cannot race, and returns its emulation year; NOT_FOUND on `field` if there is none.
 */
export async function lockCluster(em: EntityManager, clusterId: string, field = 'clusterId'): Promise<{ year: number }> {
  await lockRule(em, 'emulation.cluster', clusterId);
  const [cluster] = await sql<{ year: number }>(em, `select year from emulation.cluster where id = ?`, [clusterId]);
  if (!cluster) throw notFound(field, 'no emulation cluster has this id');
  return cluster;
}

/**
 * A day of a cluster year's life (a meeting, a vote) falls in its emulation year or the next: the
 * review of a year (hội nghị tổng kết) is often held early in the following one.
 */
export function assertInClusterYear(year: number, date: string | null, field: string): void {
  if (date == null) return;
  const dateYear = Number(date.slice(0, 4));
  if (dateYear < year || dateYear > year + 1) throw ruleViolation(field, `${field} must fall in the cluster's year ${year} or early in ${year + 1}`);
}
