import { Migration } from '@mikro-orm/migrations';
import { auditTableDdl } from '@hoi/common/audit';
import { periodReportAuditedTables } from '@hoi/common/period-report';

/** Chapters' period reports in the audit trail: every step of the reporting cycle is a write. */
export class Migration20261202153000_audit_period_reports extends Migration {
  override up(): void {
    for (const table of periodReportAuditedTables('red_cross')) for (const statement of auditTableDdl('red_cross', table)) this.addSql(statement);
  }

  override down(): void {
    for (const { table } of periodReportAuditedTables('red_cross')) this.addSql(`drop trigger if exists ${table}_audit on red_cross.${table}`);
  }
}
