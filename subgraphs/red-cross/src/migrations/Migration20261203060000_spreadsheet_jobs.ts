import { Migration } from '@mikro-orm/migrations';
import { spreadsheetJobDdl } from '@hoi/common/spreadsheet/jobs';

/** Asynchronous spreadsheet imports: their state and, once done, their answer (common/src/spreadsheet/jobs.ts). */
export class Migration20261203060000_spreadsheet_jobs extends Migration {
  override up(): void {
    for (const statement of spreadsheetJobDdl('red_cross')) this.addSql(statement);
  }

  override down(): void {
    this.addSql(`drop table red_cross.spreadsheet_job`);
  }
}
