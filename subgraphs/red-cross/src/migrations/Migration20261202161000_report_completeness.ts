import { Migration } from '@mikro-orm/migrations';
import { auditTableDdl } from '@hoi/common/audit';
import { periodReportCompletenessDdl, reportDeadlineAuditedTable } from '@hoi/common/period-report';

/** Completeness of chapters' reporting: each report's first submission, and the deadlines per period type and level (audited). */
export class Migration20261202161000_report_completeness extends Migration {
  override up(): void {
    for (const statement of periodReportCompletenessDdl('red_cross')) this.addSql(statement);
    for (const statement of auditTableDdl('red_cross', reportDeadlineAuditedTable())) this.addSql(statement);
  }

  override down(): void {
    this.addSql(`drop table red_cross.report_deadline`); // its audit trigger goes with it
    this.addSql(`alter table red_cross.period_report drop column submitted_at`);
  }
}
