import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ElderlyAssociationEntity } from './elderly-association.entity.ts';
import type { AssociationLevel, ElderlyAssociation } from './elderly-association.type.ts';

export const ASSOCIATION_COLUMNS = `id, name, level, parent_id as "parentId", unit_id as "unitId"`;

export function toAssociation(entity: ElderlyAssociationEntity): ElderlyAssociation {
  const { id, name, level, parentId, unitId } = entity;
  return { id, name, level: level as AssociationLevel, parentId, unitId };
}

export function createAssociationLoaders(em: EntityManager) {
  return {
    ElderlyAssociationByIdLoader: new DataLoader<string, ElderlyAssociation | null>(async (ids) => {
      const found = await em.find(ElderlyAssociationEntity, { id: { $in: [...ids] } });
      const byId = new Map(found.map((association) => [association.id, toAssociation(association)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
