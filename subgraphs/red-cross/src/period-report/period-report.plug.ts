import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid, sql } from '@hoi/common/orm';
import { assertPeriodOpen, pgArray, rolledUpCompletenessSql, type PeriodReportPlug } from '@hoi/common/period-report';
import { UnitEdition } from '@hoi/common/references';
import type { Period } from '@hoi/common/period';
import { MEMBERSHIP_SUMS, nearestReports } from '../membership/membership-report.loaders.ts';
import { FIGURES } from '../relief/relief-activity.loaders.ts';

async function chapterPath(em: EntityManager, chapterId: string): Promise<string[] | null> {
  if (!isUuid(chapterId)) return null;
  const [row] = await sql<{ path: string[] }>(em, `select path::text[] as path from red_cross.chapter where id = ?`, [chapterId]);
  return row?.path ?? null;
}

/**
 * Chapters' figures for periods, each of its whole subtree as the summaries count them, in one
 * statement for every key (chapter, period): membership from the nearest reports, relief by kind
 * and by month and kind (`relief.byMonth`, "YYYY-MM" → kind → figures; snapshots approved before
 * it was added lack it, see RELIEF_BY_MONTH_FIGURES), blood donation, and for a YEAR the model programmes registered for it. Every number is a string
 * of digits (exact in JSON). Parameters: the keys' chapter ids, period types, starts, ends and
 * years, as PostgreSQL arrays; rows come back in the keys' order (`ord`).
 */
export const CHAPTER_FIGURES_SQL = `
  select k.ord, f.figures
    from unnest(?::uuid[], ?::text[], ?::date[], ?::date[], ?::int[]) with ordinality as k (chapter_id, period_type, period_start, period_end, year, ord)
    cross join lateral (
      with recursive root as (select id, k.period_type, k.period_start from red_cross.chapter where id = k.chapter_id),
      ${nearestReports('root')},
      membership as (select count(r.id)::text as reports, ${MEMBERSHIP_SUMS} from nearest r),
      subtree as (select c.id from red_cross.chapter c join root on c.path @> array[root.id]),
      relief_month as (
        select to_char(a.occurred_on, 'YYYY-MM') as month, a.kind, ${FIGURES} from red_cross.relief_activity a join subtree on subtree.id = a.chapter_id
         where a.occurred_on between k.period_start and k.period_end group by 1, 2),
      relief as (
        select kind, sum(activities) as activities, sum(quantity::numeric)::text as quantity,
               sum("peopleReached"::numeric)::text as "peopleReached", sum("valueVnd"::numeric)::text as "valueVnd"
          from relief_month group by kind),
      blood as (
        select (select count(*) from red_cross.blood_donation_awareness_round a join subtree on subtree.id = a.chapter_id
                 where a.held_on between k.period_start and k.period_end)::text as "awarenessRounds",
               coalesce(sum(u.units) filter (where u.kind = 'PLANNED'), 0)::text as "plannedUnits",
               coalesce(sum(u.units) filter (where u.kind = 'EMERGENCY'), 0)::text as "emergencyUnits",
               coalesce(sum(u.units), 0)::text as "totalUnits"
          from red_cross.blood_unit_receipt u join subtree on subtree.id = u.chapter_id
         where u.received_on between k.period_start and k.period_end)
      select jsonb_build_object(
        'membership', (select to_jsonb(m) from membership m),
        'relief', jsonb_build_object(
          'total', (select jsonb_build_object('activities', coalesce(sum(activities), 0)::text, 'quantity', coalesce(sum(quantity::numeric), 0)::text,
                                              'peopleReached', coalesce(sum("peopleReached"::numeric), 0)::text, 'valueVnd', coalesce(sum("valueVnd"::numeric), 0)::text)
                      from relief),
          'byKind', coalesce((select jsonb_object_agg(kind, jsonb_build_object('activities', activities::text, 'quantity', quantity,
                                                                                'peopleReached', "peopleReached", 'valueVnd', "valueVnd")) from relief), '{}'::jsonb),
          'byMonth', coalesce((select jsonb_object_agg(month, kinds) from (
              select month, jsonb_object_agg(kind, jsonb_build_object('activities', activities::text, 'quantity', quantity,
                                                                      'peopleReached', "peopleReached", 'valueVnd', "valueVnd")) as kinds
                from relief_month group by month) months), '{}'::jsonb)),
        'bloodDonation', (select to_jsonb(b) from blood b),
        'modelProgrammes', case when k.period_type = 'YEAR' then (
          select count(*)::text from red_cross.model_programme m join subtree on subtree.id = m.chapter_id where m.year = k.year) end
      ) as figures
    ) f
   order by k.ord`;

export interface FiguresKey {
  chapterId: string;
  period: Period;
}

/** Figures the statement gained after snapshots had been taken: older snapshots lack them (not a change, not approved). */
export const RELIEF_BY_MONTH_FIGURES = 'relief.byMonth';
export const ADDED_LATER = [RELIEF_BY_MONTH_FIGURES] as const;

/** The figures of each key, in one statement. */
export async function chapterFigures(em: EntityManager, keys: readonly FiguresKey[]): Promise<Record<string, unknown>[]> {
  const rows = await sql<{ figures: Record<string, unknown> }>(em, CHAPTER_FIGURES_SQL, [
    pgArray(keys.map((key) => key.chapterId)),
    pgArray(keys.map((key) => key.period.type)),
    pgArray(keys.map((key) => key.period.start)),
    pgArray(keys.map((key) => key.period.end)),
    pgArray(keys.map((key) => String(key.period.year))),
  ]);
  return rows.map((row) => row.figures);
}

/** The Red Cross's reports: chapters, their materialised paths, their child chapters. */
export const chapterReports: PeriodReportPlug = {
  schema: 'red_cross',
  officerRoles: ['chapter_officer'],
  organisationPath: chapterPath,
  childrenSql: `select id from red_cross.chapter where parent_id = ?`,
  completeness: { childrenSql: `select parent_id as group_key, id, level from red_cross.chapter where parent_id = any(?::uuid[])` },
  async figures(em: EntityManager, chapterId: string, period: Period) {
    const [figures] = await chapterFigures(em, [{ chapterId, period }]);
    return figures;
  },
};

/**
 * Refuses (PERIOD_LOCKED) a write to a chapter's figures from `from` to `to` when an approved
 * report of the chapter or of one above it holds those days. Inside the write's transaction.
 */
export async function assertChapterPeriodOpen(em: EntityManager, chapterId: string, from: string, to: string, field: string): Promise<void> {
  const path = await chapterPath(em, chapterId);
  if (path) await assertPeriodOpen(em, chapterReports, path, from, to, field);
}

/**
 * The country by province from the roll-ups (migration 20261202200000): the same counts as
 * `completenessSql` over `provinceChaptersSql`, a test compares them; keyed by the old provinces,
 * merged into today's for CURRENT.
 */
export const NATIONAL_COMPLETENESS_SQL: Record<UnitEdition, string> = {
  [UnitEdition.BEFORE_2025]: rolledUpCompletenessSql('red_cross'),
  [UnitEdition.CURRENT]: rolledUpCompletenessSql('red_cross', {
    groupKey: 'coalesce(succession.successor_id, e.group_key)',
    // A lookup per old province (OFFSET 0 keeps it one): a join hashed the whole succession table.
    join: 'left join lateral (select s.successor_id from places.unit_succession s where s.predecessor_id = e.group_key offset 0) succession on true',
  }),
};
