import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid, sql } from '@hoi/common/orm';
import { loadChildPages, type ChildPageKey, type Connection } from '@hoi/common/pagination';
import type { ReplicationScheme, ReplicationSchemeProgress } from './replication-scheme.type.ts';

export const SCHEME_COLUMNS = `s.id, s.name, s.approved_by as "approvedBy", to_char(s.starts_on, 'YYYY-MM-DD') as "startsOn",
  to_char(s.ends_on, 'YYYY-MM-DD') as "endsOn", s.target_clubs as "targetClubs", s.association_id as "associationId"`;

/**
 * Progress of many schemes in one statement: a recursive CTE walks each scheme's association
 * subtree (association.parent_id), and the clubs of the subtree founded within the period are
 * counted against the target with numeric (exact) arithmetic, rounded half up to basis points.
 */
const PROGRESS = `
  with recursive scheme as (
    select s.id, s.association_id, s.starts_on, s.ends_on, s.target_clubs from elderly.replication_scheme s where s.id in (?)
  ), subtree (scheme_id, association_id) as (
    select id, association_id from scheme
    union
    select t.scheme_id, a.id from subtree t join elderly.association a on a.parent_id = t.association_id
  )
  select s.id, count(c.id)::int as "clubsFounded", s.target_clubs as "targetClubs",
         case when s.target_clubs is null then null else round(count(c.id) * 10000.0 / s.target_clubs)::int end as "basisPoints"
    from scheme s
    join subtree t on t.scheme_id = s.id
    left join elderly.club c on c.association_id = t.association_id and c.founded_on between s.starts_on and s.ends_on
   group by s.id, s.target_clubs`;

export function createReplicationSchemeLoaders(em: EntityManager) {
  return {
    ReplicationSchemeByIdLoader: new DataLoader<string, ReplicationScheme | null>(async (ids) => {
      const valid = ids.filter(isUuid);
      const rows = valid.length ? await sql<ReplicationScheme>(em, `select ${SCHEME_COLUMNS} from elderly.replication_scheme s where s.id in (?)`, [valid]) : [];
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** A page of schemes, latest start first, for each of many associations in one statement. */
    ReplicationSchemesByAssociationIdLoader: new DataLoader<ChildPageKey, Connection<ReplicationScheme>, string>(
      (keys) =>
        loadChildPages<ReplicationScheme>(em, {
          table: 'elderly.replication_scheme s',
          parentColumn: 's.association_id',
          orderColumns: [`(date '1970-01-01' - s.starts_on)`, 's.id'],
          select: SCHEME_COLUMNS,
        }, keys),
      { cacheKeyFn: (key) => JSON.stringify(key) },
    ),
    ReplicationSchemeProgressBySchemeIdLoader: new DataLoader<string, ReplicationSchemeProgress>(async (schemeIds) => {
      const rows = await sql<ReplicationSchemeProgress & { id: string }>(em, PROGRESS, [schemeIds]);
      const byId = new Map(rows.map(({ id, ...progress }) => [id, progress]));
      return schemeIds.map((id) => byId.get(id) ?? new Error(`no replication scheme ${id}`));
    }),
  };
}
