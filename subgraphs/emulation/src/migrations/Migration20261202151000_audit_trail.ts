import { Migration } from '@mikro-orm/migrations';
import { auditTrailDdl, dropAuditTrailDdl, type AuditTrailSpec } from '@hoi/common/audit';

const cluster = (table: string, entity: string, id?: string) => ({ table, entity, organisation: 'r.cluster_id', ...(id ? { id } : {}) });
const meeting = (table: string, entity: string, key: string) => ({
  table, entity, id: `r.meeting_id || ':' || r.${key}`, organisation: '(select m.cluster_id from emulation.cluster_meeting m where m.id = r.meeting_id)',
});

/** The audit trail of the emulation clusters (common/src/audit.ts): every table a mutation writes, by cluster. */
const SPEC: AuditTrailSpec = {
  schema: 'emulation',
  // Clusters stand alone: a cluster's chain is itself.
  chainSql: `select array(select id::text from emulation.cluster where id = org::uuid)`,
  tables: [
    { table: 'cluster', entity: 'EmulationCluster', organisation: 'r.id' },
    cluster('cluster_member', 'ClusterMember'),
    cluster('cluster_role', 'ClusterRole'),
    cluster('cluster_meeting', 'ClusterMeeting'),
    meeting('meeting_attendee', 'ClusterMeetingAttendee', 'member_id'),
    meeting('meeting_decision', 'ClusterMeetingDecision', 'position'),
    meeting('meeting_guest', 'ClusterMeetingGuest', 'position'),
    cluster('regulation', 'Regulation'),
    cluster('cycle', 'EmulationCycle', 'r.cluster_id'),
    cluster('criterion', 'EmulationCriterion'),
    cluster('registration', 'EmulationRegistration'),
    cluster('score', 'EmulationScore', `r.member_id || ':' || r.criterion_id`),
    cluster('title_award', 'EmulationTitleAward'),
    cluster('commendation_proposal', 'CommendationProposal'),
    // Named by a cluster member (cluster_member, audited by cluster); an organisation of its own.
    { table: 'external_organisation', entity: 'ExternalOrganisation', organisation: 'null' },
  ],
};

export class Migration20261202151000_audit_trail extends Migration {
  override up(): void {
    for (const statement of auditTrailDdl(SPEC)) this.addSql(statement);
  }

  override down(): void {
    for (const statement of dropAuditTrailDdl(SPEC)) this.addSql(statement);
  }
}
