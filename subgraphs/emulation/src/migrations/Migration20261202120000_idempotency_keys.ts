import { Migration } from '@mikro-orm/migrations';
import { idempotencyTableDdl } from '@hoi/common/idempotency';

/** The answers of mutations sent with an Idempotency-Key (common/src/idempotency.ts). */
export class Migration20261202120000_idempotency_keys extends Migration {
  override up(): void {
    for (const statement of idempotencyTableDdl('emulation')) this.addSql(statement);
  }

  override down(): void {
    this.addSql(`drop table emulation.idempotency_key`);
  }
}
