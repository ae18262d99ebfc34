import { Migration } from '@mikro-orm/migrations';
import { spreadsheetTablesDdl } from '@hoi/common/spreadsheet/import';

/** Spreadsheet imports and the keys of the rows they wrote (common/src/spreadsheet/import.ts). */
export class Migration20261202190000_spreadsheet_imports extends Migration {
  override up(): void {
    for (const statement of spreadsheetTablesDdl('red_cross')) this.addSql(statement);
  }

  override down(): void {
    this.addSql(`drop table red_cross.spreadsheet_row`);
    this.addSql(`drop table red_cross.spreadsheet_import`);
  }
}
