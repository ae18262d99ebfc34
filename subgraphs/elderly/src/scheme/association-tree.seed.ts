import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { foldVietnamese } from '@hoi/common/text';

export interface AssociationNode {
  name: string;
  level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE';
  /** The administrative unit (e.g. "BEFORE_2025:35"); none when left out. */
  unitId?: string;
  /** Clubs of this unit, by founding date (null when unknown). */
  clubsFoundedOn?: (string | null)[];
  children?: AssociationNode[];
}

/** Test seed builder: a tree of association units with their clubs; returns unit ids by name. */
export async function seedAssociationTree(client: pg.Client, root: AssociationNode): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const insert = async (node: AssociationNode, parentId: string | null) => {
    const id = randomUUID();
    ids.set(node.name, id);
    await client.query(`insert into elderly.association (id, parent_id, level, name, name_folded, unit_id) values ($1, $2, $3, $4, $5, $6)`, [
      id,
      parentId,
      node.level,
      node.name,
      foldVietnamese(node.name),
      node.unitId ?? null,
    ]);
    for (const [index, foundedOn] of (node.clubsFoundedOn ?? []).entries()) {
      const name = `CLB ${node.name} số ${index + 1}`;
      await client.query(`insert into elderly.club (id, association_id, name, name_folded, founded_on) values ($1, $2, $3, $4, $5)`, [
        randomUUID(),
        id,
        name,
        foldVietnamese(name),
        foundedOn,
      ]);
    }
    for (const child of node.children ?? []) await insert(child, id);
  };
  await insert(root, null);
  return ids;
}
