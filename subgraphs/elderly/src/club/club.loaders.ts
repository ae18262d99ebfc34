import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { rowsByIds } from '@hoi/common/orm';
import { loadChildPages, type ChildPageKey, type Connection } from '@hoi/common/pagination';
import type { Club } from './club.type.ts';

export const CLUB_COLUMNS = `id, name, to_char(founded_on, 'YYYY-MM-DD') as "foundedOn", association_id as "associationId", unit_id as "unitId"`;

export function createClubLoaders(em: EntityManager) {
  return {
    ClubByIdLoader: new DataLoader<string, Club | null>((ids) => rowsByIds<Club>(em, 'elderly.club', CLUB_COLUMNS, ids)),
    ClubsByAssociationIdLoader: new DataLoader<ChildPageKey, Connection<Club>, string>(
      (keys) =>
        loadChildPages<Club>(em, {
          table: 'elderly.club',
          parentColumn: 'association_id',
          orderColumns: ['name', 'id'],
          select: CLUB_COLUMNS,
        }, keys),
      { cacheKeyFn: (key) => JSON.stringify(key) },
    ),
  };
}
