import { Migration } from '@mikro-orm/migrations';
import { periodReportTablesDdl } from '@hoi/common/period-report';

/** Period reports of association units and clubs, and their approved snapshots (common/src/period-report.ts). */
export class Migration20261202160000_period_reports extends Migration {
  override up(): void {
    for (const statement of periodReportTablesDdl('elderly')) this.addSql(statement);
  }

  override down(): void {
    this.addSql(`drop table elderly.period_report_snapshot`);
    this.addSql(`drop table elderly.period_report`);
  }
}
