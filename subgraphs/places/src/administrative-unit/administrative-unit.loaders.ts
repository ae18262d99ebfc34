import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@hoi/common/orm';
import { AdministrativeUnitEntity } from './administrative-unit.entity.ts';
import type { AdministrativeUnit } from './administrative-unit.type.ts';

export function toUnit(entity: AdministrativeUnitEntity): AdministrativeUnit {
  const { id, edition, level, code, name, shortName, type, parentId } = entity;
  return { id, edition, level, code, name, shortName, type, parentId } as AdministrativeUnit;
}

export const UNIT_COLUMNS = `id, edition, level, code, name, short_name as "shortName", type, parent_id as "parentId"`;

/**
 * Units related to each key unit, in one statement for the whole batch. `sameLevel` keeps only
 * units of the key's level: a current province's predecessors are the old provinces, not their
 * districts (which map to it too, having no successor of their own level).
 */
function relatedUnitsLoader(em: EntityManager, joinFrom: string, joinTo: string, sameLevel: boolean) {
  return new DataLoader<string, AdministrativeUnit[]>(async (ids) => {
    const rows = await sql<AdministrativeUnit & { key: string; level_rank: number; short_name: string }>(
      em,
      `select s.${joinFrom} as key, u.*
         from places.unit_succession s
         join (select ${UNIT_COLUMNS}, level_rank, short_name from places.administrative_unit) u on u.id = s.${joinTo}
         ${sameLevel ? `join places.administrative_unit k on k.id = s.${joinFrom} and k.level = u.level` : ''}
        where s.${joinFrom} in (?)
        order by u.level_rank, u.short_name, u.id`,
      [ids],
    );
    const byKey = Map.groupBy(rows, (row) => row.key);
    return ids.map((id) => (byKey.get(id) ?? []).map(({ key: _key, level_rank: _rank, short_name: _name, ...unit }) => unit));
  });
}

export function createUnitLoaders(em: EntityManager) {
  return {
    AdministrativeUnitByIdLoader: new DataLoader<string, AdministrativeUnit | null>(async (ids) => {
      const found = await em.find(AdministrativeUnitEntity, { id: { $in: [...ids] } });
      const byId = new Map(found.map((unit) => [unit.id, toUnit(unit)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    SuccessorsByUnitIdLoader: relatedUnitsLoader(em, 'predecessor_id', 'successor_id', false),
    PredecessorsByUnitIdLoader: relatedUnitsLoader(em, 'successor_id', 'predecessor_id', true),
  };
}

export type UnitLoaders = ReturnType<typeof createUnitLoaders>;
