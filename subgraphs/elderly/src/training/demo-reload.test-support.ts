import { inject } from 'vitest';
import { createLogger } from '@hoi/common/logger';
import { openOrm, type EntityManager } from '@hoi/common/orm';
import { ElderlyAssociationEntity } from '../association/elderly-association.entity.ts';

/** Runs a demo data loader of the elderly subgraph again on the test run's database, as a restart would. */
export async function reloadElderlyDemoData(load: (em: EntityManager) => Promise<void>): Promise<void> {
  const orm = await openOrm({ url: inject('databaseUrl'), schema: 'elderly', entities: [ElderlyAssociationEntity], migrations: [], logger: createLogger('demo-reload'), poolSize: 1 });
  try {
    await orm.em.fork().transactional((em) => load(em));
  } finally {
    await orm.close();
  }
}
