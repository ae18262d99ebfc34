import { Migration } from '@mikro-orm/migrations';
import { auditTableDdl } from '@hoi/common/audit';
import { periodReportAuditedTables } from '@hoi/common/period-report';

/** The Elderly Association's period reports in the audit trail: every step of the reporting cycle is a write. */
export class Migration20261202160100_audit_period_reports extends Migration {
  override up(): void {
    for (const table of periodReportAuditedTables('elderly')) for (const statement of auditTableDdl('elderly', table)) this.addSql(statement);
  }

  override down(): void {
    for (const { table } of periodReportAuditedTables('elderly')) this.addSql(`drop trigger if exists ${table}_audit on elderly.${table}`);
  }
}
