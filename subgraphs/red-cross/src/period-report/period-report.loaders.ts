import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid, sql } from '@hoi/common/orm';
import type { Period } from '@hoi/common/period';
import { pgArray, REPORT_COLUMNS, SNAPSHOT_COLUMNS, toReportRow, type PeriodReportRow, type PeriodReportSnapshotRow } from '@hoi/common/period-report';
import type { BloodDonationSummary } from '../blood-donation/blood-donation.type.ts';
import type { MembershipTotals } from '../membership/membership-report.type.ts';
import type { ReliefFigures, ReliefKind } from '../relief/relief-activity.type.ts';
import { chapterFigures } from './period-report.plug.ts';
import { ChapterReportKind, type ChapterPeriodFigures, type PeriodReport } from './period-report.type.ts';

export function toPeriodReport(row: PeriodReportRow): PeriodReport {
  const { missingChildren, kind, ...rest } = row;
  return { ...rest, kind: kind as ChapterReportKind, missingChildIds: missingChildren };
}

type Stored = Record<string, string>;
const relief = (figures: Stored): ReliefFigures => ({
  activities: Number(figures.activities),
  quantity: figures.quantity,
  peopleReached: figures.peopleReached,
  valueVnd: figures.valueVnd,
});

/** The GraphQL shape of figures stored (or computed) as JSON by CHAPTER_FIGURES_SQL. */
export function toFigures(json: Record<string, unknown>, period: Period): ChapterPeriodFigures {
  const { reports, ...membership } = json.membership as Stored;
  const reliefJson = json.relief as { total: Stored; byKind: Record<string, Stored> };
  const blood = json.bloodDonation as Stored;
  return {
    membership: { ...(membership as unknown as MembershipTotals), reports: Number(reports), period },
    relief: relief(reliefJson.total),
    reliefByKind: Object.entries(reliefJson.byKind)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, figures]) => ({ kind: kind as ReliefKind, ...relief(figures) })),
    bloodDonation: { period, awarenessRounds: Number(blood.awarenessRounds), plannedUnits: blood.plannedUnits, emergencyUnits: blood.emergencyUnits, totalUnits: blood.totalUnits } satisfies BloodDonationSummary,
    modelProgrammes: (json.modelProgrammes as string | null) ?? null,
  };
}

export interface ChapterPeriodKey {
  chapterId: string;
  period: Period;
}

export interface ApprovedFigures {
  reportId: string;
  version: number;
  figures: Record<string, unknown>;
}

const keyOf = (key: ChapterPeriodKey) => `${key.chapterId.toLowerCase()}:${key.period.type}:${key.period.start}`;

export function createPeriodReportLoaders(em: EntityManager) {
  return {
    PeriodReportByIdLoader: new DataLoader<string, PeriodReport | null>(async (ids) => {
      const wellFormed = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
      const rows = wellFormed.length === 0 ? [] : await sql<Record<string, unknown>>(em, `select ${REPORT_COLUMNS} from red_cross.period_report r where r.id in (?)`, [wellFormed]);
      const byId = new Map(rows.map((row) => [String(row.id), toPeriodReport(toReportRow(row))]));
      return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    }),
    /** Each chapter's reports of one period (every kind), in one statement for all keys. */
    PeriodReportsByChapterPeriodLoader: new DataLoader<ChapterPeriodKey, PeriodReport[], string>(
      async (keys) => {
        const rows = await sql<Record<string, unknown>>(
          em,
          `select ${REPORT_COLUMNS} from red_cross.period_report r
             join unnest(?::uuid[], ?::text[], ?::date[]) as k (chapter_id, period_type, period_start)
               on r.organisation_id = k.chapter_id and r.period_type = k.period_type and r.period_start = k.period_start
            order by r.kind`,
          [pgArray(keys.map((key) => key.chapterId)), pgArray(keys.map((key) => key.period.type)), pgArray(keys.map((key) => key.period.start))],
        );
        const reports = Map.groupBy(rows.map((row) => toPeriodReport(toReportRow(row))), (report) => `${report.organisationId}:${report.period.type}:${report.period.start}`);
        return keys.map((key) => reports.get(keyOf(key)) ?? []);
      },
      { cacheKeyFn: keyOf },
    ),
    PeriodReportSnapshotsByReportIdLoader: new DataLoader<string, PeriodReportSnapshotRow[]>(async (ids) => {
      const rows = await sql<PeriodReportSnapshotRow>(em, `select ${SNAPSHOT_COLUMNS} from red_cross.period_report_snapshot s where s.report_id in (?) order by s.version`, [[...ids]]);
      const byReport = Map.groupBy(rows, (row) => row.reportId);
      return ids.map((id) => byReport.get(id) ?? []);
    }),
    /** The latest approved figures of each chapter's ACTIVITIES report of a period, or null: one statement for all keys. */
    ApprovedFiguresByChapterPeriodLoader: new DataLoader<ChapterPeriodKey, ApprovedFigures | null, string>(
      async (keys) => {
        const rows = await sql<ApprovedFigures & { key: string }>(
          em,
          `select distinct on (r.id) r.organisation_id || ':' || r.period_type || ':' || to_char(r.period_start, 'YYYY-MM-DD') as key,
                  r.id as "reportId", s.version, s.figures
             from red_cross.period_report r
             join unnest(?::uuid[], ?::text[], ?::date[]) as k (chapter_id, period_type, period_start)
               on r.organisation_id = k.chapter_id and r.period_type = k.period_type and r.period_start = k.period_start
             join red_cross.period_report_snapshot s on s.report_id = r.id
            where r.kind = ?
            order by r.id, s.version desc`,
          [pgArray(keys.map((key) => key.chapterId)), pgArray(keys.map((key) => key.period.type)), pgArray(keys.map((key) => key.period.start)), ChapterReportKind.ACTIVITIES],
        );
        const byKey = new Map(rows.map(({ key, ...approved }) => [key, approved]));
        return keys.map((key) => byKey.get(keyOf(key)) ?? null);
      },
      { cacheKeyFn: keyOf },
    ),
    /** Live figures of each report's chapter and period: one statement for all of them. */
    LiveFiguresByChapterPeriodLoader: new DataLoader<ChapterPeriodKey, Record<string, unknown>, string>(
      (keys) => chapterFigures(em, keys),
      { cacheKeyFn: keyOf },
    ),
  };
}
