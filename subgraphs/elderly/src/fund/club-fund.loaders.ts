import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@hoi/common/orm';
import { loadChildPages, type ChildPageKey, type Connection } from '@hoi/common/pagination';
import { FUND_ENTRY_COLUMNS, fundFigures, toFundEntry, type FundFiguresRow } from './club-fund.sql.ts';
import type { ClubFund, FundEntry, FundStatistics } from './club-fund.type.ts';

/** Whose figures, on which day (null: today in Vietnam). */
export interface FundKey {
  id: string;
  asOf: string | null;
}

const fundKey = (key: FundKey) => `${key.id}:${key.asOf ?? ''}`;

/** Figures of many roots, one statement per distinct day asked for (usually one). */
async function figuresByKey(em: EntityManager, scope: 'club' | 'association', keys: readonly FundKey[]): Promise<(FundFiguresRow | undefined)[]> {
  const results = new Map<string, FundFiguresRow>();
  for (const group of Map.groupBy(keys, (key) => key.asOf).values()) {
    const rows = await fundFigures(em, scope, [...new Set(group.map((key) => key.id))], group[0].asOf);
    for (const row of rows) results.set(fundKey({ id: row.id, asOf: group[0].asOf }), row);
  }
  return keys.map((key) => results.get(fundKey(key)));
}

export function createClubFundLoaders(em: EntityManager) {
  return {
    ClubFundByClubIdLoader: new DataLoader<FundKey, ClubFund, string>(
      async (keys) =>
        (await figuresByKey(em, 'club', keys)).map((row) => {
          const { id: _id, clubs: _clubs, ...figures } = row!;
          return figures;
        }),
      { cacheKeyFn: fundKey },
    ),
    /** Null for an association that does not exist. */
    FundStatisticsByAssociationIdLoader: new DataLoader<FundKey, FundStatistics | null, string>(
      async (keys) => (await figuresByKey(em, 'association', keys)).map((row) => (row ? { ...row, associationId: row.id } : null)),
      { cacheKeyFn: fundKey },
    ),
    FundEntriesByClubIdLoader: new DataLoader<ChildPageKey, Connection<FundEntry>, string>(
      async (keys) => {
        const pages = await loadChildPages<Record<string, unknown>>(em, {
          table: 'elderly.club_fund_entry',
          parentColumn: 'club_id',
          // Newest first: by day, then the order of recording.
          orderColumns: [`(date '1970-01-01' - occurred_on)`, '-seq'],
          select: FUND_ENTRY_COLUMNS,
        }, keys);
        return pages.map((page) => ({ ...page, edges: page.edges.map((edge) => ({ ...edge, node: toFundEntry(edge.node) })) }));
      },
      { cacheKeyFn: (key) => JSON.stringify(key) },
    ),
    FundEntryByIdLoader: new DataLoader<string, FundEntry | null>(async (ids) => {
      const rows = await sql(em, `select ${FUND_ENTRY_COLUMNS} from elderly.club_fund_entry where id in (?)`, [ids]);
      const byId = new Map(rows.map((row) => [String(row.id), toFundEntry(row)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** The reversal of each entry, if it has one. */
    FundReversalByEntryIdLoader: new DataLoader<string, FundEntry | null>(async (ids) => {
      const rows = await sql(em, `select ${FUND_ENTRY_COLUMNS} from elderly.club_fund_entry where reverses_id in (?)`, [ids]);
      const byReversed = new Map(rows.map((row) => [String(row.reversesId), toFundEntry(row)]));
      return ids.map((id) => byReversed.get(id) ?? null);
    }),
  };
}

export type ClubFundLoaders = ReturnType<typeof createClubFundLoaders>;
