import { Migration } from '@mikro-orm/migrations';
import { dropPeriodReportCompletenessRollupDdl, periodReportCompletenessRollupDdl } from '@hoi/common/period-report';

/** Each chapter counts in its provincial chapter's province (the national chapter in none). */
const NATIONAL_COMPLETENESS = {
  groupsSql: `select c.id, p.unit_id as group_key, c.level
                from red_cross.chapter c
                cross join lateral unnest(c.path) as ancestor (id)
                join red_cross.chapter p on p.id = ancestor.id and p.level = 'PROVINCE'`,
  organisationTables: ['red_cross.chapter'],
  groupColumns: ['parent_id', 'path', 'level', 'unit_id'],
};

/** The country's reporting by province from roll-ups kept by triggers (issue 14): a national answer reads a few thousand rows, not every chapter. */
export class Migration20261202200000_completeness_rollup extends Migration {
  override up(): void {
    for (const statement of periodReportCompletenessRollupDdl('red_cross', NATIONAL_COMPLETENESS)) this.addSql(statement);
  }

  override down(): void {
    for (const statement of dropPeriodReportCompletenessRollupDdl('red_cross', NATIONAL_COMPLETENESS)) this.addSql(statement);
  }
}
