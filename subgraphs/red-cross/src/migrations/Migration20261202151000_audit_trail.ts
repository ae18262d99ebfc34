import { Migration } from '@mikro-orm/migrations';
import { auditTrailDdl, dropAuditTrailDdl, type AuditTrailSpec } from '@hoi/common/audit';

const term = (column: string) => `(select t.chapter_id from red_cross.term t where t.id = r.${column})`;

/** The audit trail of the Red Cross (common/src/audit.ts): every table a mutation writes, by chapter. */
const SPEC: AuditTrailSpec = {
  schema: 'red_cross',
  // A chapter's materialised path: the chapters that cover it.
  chainSql: `select coalesce((select path::text[] from red_cross.chapter where id = org::uuid), '{}')`,
  tables: [
    { table: 'chapter', entity: 'Chapter', organisation: 'r.id' },
    { table: 'campaign', entity: 'Campaign', organisation: 'r.organiser_chapter_id' },
    { table: 'membership_report', entity: 'MembershipReport', organisation: 'r.chapter_id' },
    { table: 'relief_activity', entity: 'ReliefActivity', organisation: 'r.chapter_id' },
    { table: 'target', entity: 'Target', organisation: 'r.chapter_id' },
    { table: 'blood_donation_programme', entity: 'BloodDonationProgramme', organisation: 'r.organiser_chapter_id' },
    { table: 'blood_donation_awareness_round', entity: 'BloodDonationAwarenessRound', organisation: 'r.chapter_id' },
    { table: 'blood_unit_receipt', entity: 'BloodUnitReceipt', organisation: 'r.chapter_id' },
    { table: 'model_programme', entity: 'ModelProgramme', organisation: 'r.chapter_id' },
    { table: 'term', entity: 'Term', organisation: 'r.chapter_id' },
    { table: 'office_holder', entity: 'OfficeHolder', organisation: term('term_id') },
    { table: 'term_document', entity: 'TermDocument', organisation: term('term_id') },
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
