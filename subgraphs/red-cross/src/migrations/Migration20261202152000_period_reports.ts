import { Migration } from '@mikro-orm/migrations';
import { periodReportTablesDdl } from '@hoi/common/period-report';

/** Chapters' period reports and their approved snapshots (common/src/period-report.ts). */
export class Migration20261202152000_period_reports extends Migration {
  override up(): void {
    for (const statement of periodReportTablesDdl('red_cross')) this.addSql(statement);
  }

  override down(): void {
    this.addSql(`drop table red_cross.period_report_snapshot`);
    this.addSql(`drop table red_cross.period_report`);
  }
}
