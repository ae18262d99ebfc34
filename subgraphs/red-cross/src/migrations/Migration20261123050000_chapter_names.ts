import { Migration } from '@mikro-orm/migrations';

export class Migration20261123050000_chapter_names extends Migration {
  override up(): void {
    // Two chapters of one name under one parent would be indistinguishable in every report.
    this.addSql(`create unique index chapter_parent_name_uq on red_cross.chapter (parent_id, name)`);
  }

  override down(): void {
    this.addSql(`drop index red_cross.chapter_parent_name_uq`);
  }
}
