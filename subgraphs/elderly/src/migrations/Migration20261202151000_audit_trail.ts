import { Migration } from '@mikro-orm/migrations';
import { auditTrailDdl, dropAuditTrailDdl, type AuditTrailSpec } from '@hoi/common/audit';

const club = (table: string, entity: string, extra: Partial<AuditTrailSpec['tables'][number]> = {}) => ({ table, entity, organisation: 'r.club_id', ...extra });
const association = (table: string, entity: string) => ({ table, entity, organisation: 'r.association_id' });
const training = (table: string, entity: string, key: string) => ({
  table, entity, id: `r.training_id || ':' || r.${key}`, organisation: '(select t.association_id from elderly.training t where t.id = r.training_id)',
});

/**
 * The audit trail of the Elderly Association (common/src/audit.ts): every table a mutation writes,
 * by club or association unit. A club's chain is the club, then the unit that runs it and the units
 * above; a member's personal data (name, birth date, ethnic group, poverty) is never copied into it.
 */
const SPEC: AuditTrailSpec = {
  schema: 'elderly',
  chainSql: `
    with recursive start (club_id, association_id) as (
      select c.id, c.association_id from elderly.club c where c.id = org::uuid
      union all
      select null::uuid, a.id from elderly.association a where a.id = org::uuid
    ), up (id, depth) as (
      select association_id, 1 from start
      union all
      select a.parent_id, up.depth + 1 from up join elderly.association a on a.id = up.id where a.parent_id is not null
    )
    select array(select club_id::text from start where club_id is not null) || array(select id::text from up order by depth)`,
  tables: [
    { table: 'association', entity: 'ElderlyAssociation', organisation: 'r.id' },
    { table: 'club', entity: 'Club', organisation: 'r.id' },
    club('club_member', 'ClubMember', { sensitive: ['full_name', 'birth_date', 'ethnic_group', 'is_ethnic_minority', 'poverty_status'] }),
    club('club_meeting', 'ClubMeeting'),
    club('club_activity', 'ClubActivity'),
    club('club_specialised_group', 'ClubSpecialisedGroup'),
    club('club_fund_entry', 'FundEntry'),
    club('club_small_group', 'ClubSmallGroup'),
    club('club_small_group_member', 'ClubSmallGroupMember', { id: `r.group_id || ':' || r.seat` }),
    association('membership_intake', 'MembershipIntake'),
    association('replication_scheme', 'ReplicationScheme'),
    association('representative_board_member', 'RepresentativeBoardMember'),
    association('training', 'Training'),
    training('training_partner', 'TrainingPartner', 'position'),
    training('training_participation', 'TrainingParticipation', 'role'),
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
