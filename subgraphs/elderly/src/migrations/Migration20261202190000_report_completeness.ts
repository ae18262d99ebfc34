import { Migration } from '@mikro-orm/migrations';
import { auditTableDdl } from '@hoi/common/audit';
import { periodReportCompletenessDdl, reportDeadlineAuditedTable } from '@hoi/common/period-report';

/** Completeness of association units' and clubs' reporting: each report's first submission, and the deadlines per period type and level (audited). */
export class Migration20261202190000_report_completeness extends Migration {
  override up(): void {
    for (const statement of periodReportCompletenessDdl('elderly')) this.addSql(statement);
    for (const statement of auditTableDdl('elderly', reportDeadlineAuditedTable())) this.addSql(statement);
  }

  override down(): void {
    this.addSql(`drop table elderly.report_deadline`); // its audit trigger goes with it
    this.addSql(`alter table elderly.period_report drop column submitted_at`);
  }
}
