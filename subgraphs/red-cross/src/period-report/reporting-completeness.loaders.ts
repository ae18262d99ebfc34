import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '@hoi/common/orm';
import type { Period } from '@hoi/common/period';
import { pgArray, reportingCompleteness, type CompletenessRow } from '@hoi/common/period-report';
import { UnitEdition } from '@hoi/common/references';
import { chapterReports } from './period-report.plug.ts';
import type { ChapterReportKind } from './period-report.type.ts';

const ZERO = { expected: 0, missing: 0, draft: 0, submitted: 0, returned: 0, approved: 0, late: 0, missingIds: [], lateIds: [] } satisfies Omit<CompletenessRow, 'groupKey'>;

/**
 * The chapters of every provincial chapter's subtree, keyed by the province in the edition asked
 * for (the reform merged some). Each chapter's path names its province: one pass over the
 * chapters hash-joined to the provincial ones, not an index lookup per province.
 */
export function provinceChaptersSql(edition: UnitEdition): string {
  const province = edition === UnitEdition.CURRENT ? 'coalesce(succession.successor_id, p.unit_id)' : 'p.unit_id';
  return `select ${province} as group_key, c.id, c.level
            from red_cross.chapter c
            cross join lateral unnest(c.path) as ancestor (id)
            join red_cross.chapter p on p.id = ancestor.id and p.level = 'PROVINCE'
            ${edition === UnitEdition.CURRENT ? 'left join places.unit_succession succession on succession.predecessor_id = p.unit_id' : ''}`;
}

// Ids that are not uuids name no chapter here: left out before the cast.
const CLUSTER_MEMBERS_SQL = `select distinct pair.cluster_id as group_key, c.id, c.level
  from jsonb_to_recordset(?::jsonb) as pair (cluster_id text, chapter_id uuid)
  join red_cross.chapter c on c.id = pair.chapter_id`;

export interface ChapterCompletenessKey {
  chapterId: string;
  kind: ChapterReportKind;
  period: Period;
}

export interface ClusterCompletenessKey extends ChapterCompletenessKey {
  clusterId: string;
  chapterIds: string[];
}

const periodKey = (key: { kind: string; period: Period }) => `${key.kind}:${key.period.type}:${key.period.start}`;

/** Keys grouped by kind and period: one statement per group (a list of chapters asks one). */
async function perPeriod<K extends { kind: ChapterReportKind; period: Period }>(
  keys: readonly K[],
  load: (group: K[]) => Promise<Map<string, CompletenessRow>>,
  groupOf: (key: K) => string,
): Promise<CompletenessRow[]> {
  const results = new Map<K, CompletenessRow>();
  for (const group of Map.groupBy(keys, periodKey).values()) {
    const rows = await load(group);
    for (const key of group) results.set(key, rows.get(groupOf(key)) ?? { groupKey: groupOf(key), ...ZERO });
  }
  return keys.map((key) => results.get(key)!);
}

const byGroup = (rows: CompletenessRow[]) => new Map(rows.map((row) => [String(row.groupKey), row]));

export function createReportingCompletenessLoaders(em: EntityManager) {
  return {
    /** Each chapter's children's reporting, in one statement for every chapter of a kind and period. */
    CompletenessByChapterLoader: new DataLoader<ChapterCompletenessKey, CompletenessRow, string>(
      (keys) =>
        perPeriod(
          keys,
          async (group) => {
            const parents = [...new Set(group.map((key) => key.chapterId.toLowerCase()).filter(isUuid))];
            const { kind, period } = group[0];
            return byGroup(await reportingCompleteness(em, 'red_cross', chapterReports.completeness!.childrenSql, [pgArray(parents)], kind, period, { list: true }));
          },
          (key) => key.chapterId.toLowerCase(),
        ),
      { cacheKeyFn: (key) => `${key.chapterId.toLowerCase()}:${periodKey(key)}` },
    ),
    /** Each cluster's member chapters' own reporting, in one statement for every cluster of a kind and period. */
    CompletenessByClusterLoader: new DataLoader<ClusterCompletenessKey, CompletenessRow, string>(
      (keys) =>
        perPeriod(
          keys,
          async (group) => {
            const pairs = group.flatMap((key) => key.chapterIds.filter(isUuid).map((chapterId) => ({ cluster_id: key.clusterId, chapter_id: chapterId })));
            const { kind, period } = group[0];
            if (pairs.length === 0) return new Map();
            return byGroup(await reportingCompleteness(em, 'red_cross', CLUSTER_MEMBERS_SQL, [JSON.stringify(pairs)], kind, period, { list: true }));
          },
          (key) => key.clusterId,
        ),
      { cacheKeyFn: (key) => `${key.clusterId}:${periodKey(key)}` },
    ),
  };
}
