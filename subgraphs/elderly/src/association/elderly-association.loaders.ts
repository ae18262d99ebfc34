import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid, sql } from '@hoi/common/orm';
import { ElderlyAssociationEntity } from './elderly-association.entity.ts';
import type { AssociationLevel, ElderlyAssociation } from './elderly-association.type.ts';

export const ASSOCIATION_COLUMNS = `id, name, level, parent_id as "parentId", unit_id as "unitId"`;

export function toAssociation(entity: ElderlyAssociationEntity): ElderlyAssociation {
  const { id, name, level, parentId, unitId } = entity;
  return { id, name, level: level as AssociationLevel, parentId, unitId };
}

export function createAssociationLoaders(em: EntityManager) {
  return {
    /** Each unit and every unit above it, nearest first (null for an unknown id): one statement. */
    AssociationChainByIdLoader: new DataLoader<string, string[] | null>(async (ids) => {
      const rows = await sql<{ id: string; chain: string[] }>(
        em,
        `with recursive chain (start_id, id, depth) as (
           select id, id, 0 from elderly.association where id::text in (?)
           union all
           select chain.start_id, a.parent_id, chain.depth + 1 from chain join elderly.association a on a.id = chain.id where a.parent_id is not null
         )
         select start_id as id, array_agg(id::text order by depth) as chain from chain group by start_id`,
        [ids],
      );
      const byId = new Map(rows.map((row) => [row.id, row.chain]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    ElderlyAssociationByIdLoader: new DataLoader<string, ElderlyAssociation | null>(async (ids) => {
      // An id that is no uuid names nothing: not a question for the database (which would fail on it).
      const wellFormed = ids.filter(isUuid);
      const found = wellFormed.length ? await em.find(ElderlyAssociationEntity, { id: { $in: wellFormed } }) : [];
      const byId = new Map(found.map((association) => [association.id, toAssociation(association)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
