import { Migration } from '@mikro-orm/migrations';
import { periodReportCompletenessDdl } from '@hoi/common/period-report';

/** Completeness of chapters' reporting: each report's first submission, and the deadlines per period type and level. */
export class Migration20261202161000_report_completeness extends Migration {
  override up(): void {
    for (const statement of periodReportCompletenessDdl('red_cross')) this.addSql(statement);
  }

  override down(): void {
    this.addSql(`drop table red_cross.report_deadline`);
    this.addSql(`alter table red_cross.period_report drop column submitted_at`);
  }
}
