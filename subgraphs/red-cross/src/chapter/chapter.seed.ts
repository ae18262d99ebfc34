import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { foldVietnamese } from '@hoi/common/text';

export interface SeedChapter {
  name: string;
  level: 'NATIONAL' | 'PROVINCE' | 'DISTRICT' | 'GRASSROOTS' | 'BRANCH';
  unitId?: string;
  children?: SeedChapter[];
}

/** Test seed builder: writes a chapter tree and returns the ids by name. */
export async function seedChapterTree(client: pg.Client, root: SeedChapter, parentId: string | null = null, ids = new Map<string, string>()) {
  const id = randomUUID();
  ids.set(root.name, id);
  await client.query(`insert into red_cross.chapter (id, parent_id, level, name, name_folded, unit_id) values ($1, $2, $3, $4, $5, $6)`, [
    id,
    parentId,
    root.level,
    root.name.normalize('NFC'),
    foldVietnamese(root.name),
    root.unitId ?? null,
  ]);
  for (const child of root.children ?? []) await seedChapterTree(client, child, id, ids);
  return ids;
}
