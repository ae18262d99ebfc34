import { Migration } from '@mikro-orm/migrations';

export class Migration20261123095000_reported_member_count extends Migration {
  override up(): void {
    // What a cluster reports as its size can exceed the members it has named to us (Khối thi đua 8
    // reports 12 member associations; its article names six).
    this.addSql(`alter table emulation.cluster add column reported_member_count smallint check (reported_member_count > 0)`);
  }

  override down(): void {
    this.addSql(`alter table emulation.cluster drop column reported_member_count`);
  }
}
