import { Migration } from '@mikro-orm/migrations';

const TABLES = ['red_cross.relief_rollup', 'red_cross.relief_rollup_month'];
const SUMMED = ['quantity', 'people_reached', 'value_vnd'];

/**
 * The roll-up's sums of entered figures become numeric: a bigint sum of bounded records still
 * overflows (after about a million records of the largest value in one month), and then every
 * write under a province and every national summary would fail. `activities` counts rows and
 * stays bigint.
 */
export class Migration20261202130000_relief_rollup_numeric extends Migration {
  override up(): void {
    for (const table of TABLES) {
      this.addSql(`alter table ${table} ${SUMMED.map((column) => `alter column ${column} type numeric`).join(', ')}`);
    }
  }

  override down(): void {
    for (const table of TABLES) {
      this.addSql(`alter table ${table} ${SUMMED.map((column) => `alter column ${column} type bigint`).join(', ')}`);
    }
  }
}
