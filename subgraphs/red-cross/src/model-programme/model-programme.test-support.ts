import { inject } from 'vitest';
import { createLogger } from '@hoi/common/logger';
import { openOrm, type EntityManager } from '@hoi/common/orm';
import { ChapterEntity } from '../chapter/chapter.entity.ts';

/** Runs a demo data loader again on the test run's database, as a restart would. */
export async function reloadDemoData(load: (em: EntityManager) => Promise<void>): Promise<void> {
  const orm = await openOrm({ url: inject('databaseUrl'), schema: 'red_cross', entities: [ChapterEntity], migrations: [], logger: createLogger('demo-reload'), poolSize: 1 });
  try {
    await orm.em.fork().transactional((em) => load(em));
  } finally {
    await orm.close();
  }
}
