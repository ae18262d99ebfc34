import { UnitEdition } from '@hoi/common/references';
import { ReliefDimension } from './relief-activity.type.ts';
import { FIGURES } from './relief-activity.loaders.ts';

/** Each dimension as a SQL expression over the activity `a`, its chapter `c` and the summary root. */
const DIMENSIONS: Record<ReliefDimension, { expression: (edition: UnitEdition) => string; alias: string }> = {
  [ReliefDimension.KIND]: { expression: () => 'a.kind', alias: 'kind' },
  [ReliefDimension.CAMPAIGN]: { expression: () => 'a.campaign_id', alias: 'campaignId' },
  // The root's path is a prefix of every path in its subtree: the next id is the child.
  [ReliefDimension.CHILD_CHAPTER]: { expression: () => 'c.path[cardinality(root.path) + 1]', alias: 'childChapterId' },
  [ReliefDimension.MONTH]: { expression: () => `to_char(a.occurred_on, 'YYYY-MM')`, alias: 'month' },
  [ReliefDimension.PROVINCE]: {
    expression: (edition) => (edition === UnitEdition.CURRENT ? 'coalesce(succession.successor_id, province.unit_id)' : 'province.unit_id'),
    alias: 'provinceId',
  },
};

/**
 * One statement: the subtree's activities in the period, grouped by the dimensions, plus the
 * grand total as an extra grouping set. Provinces come from the nearest PROVINCE chapter on the
 * activity chapter's path; for CURRENT they go through the reference mapping of the reform.
 */
export function reliefSummarySql(groupBy: ReliefDimension[], edition: UnitEdition): string {
  const dimensions = groupBy.map((dimension) => DIMENSIONS[dimension]);
  const select = dimensions.map(({ expression, alias }) => `${expression(edition)} as "${alias}"`);
  const grouped = dimensions.map(({ expression }) => expression(edition));
  const needsProvince = groupBy.includes(ReliefDimension.PROVINCE);
  return `
    with root as (select id, path from red_cross.chapter where id = ?)
    select ${[...select, FIGURES, grouped.length ? `grouping(${grouped[0]}) = 1 as "isTotal"` : 'true as "isTotal"'].join(',\n           ')}
      from red_cross.relief_activity a
      join red_cross.chapter c on c.id = a.chapter_id
      join root on c.path @> array[root.id]
      ${needsProvince ? `left join lateral (
          select p.unit_id from red_cross.chapter p where p.id = any(c.path) and p.level = 'PROVINCE' limit 1
        ) province on true` : ''}
      ${needsProvince && edition === UnitEdition.CURRENT ? `left join places.unit_succession succession on succession.predecessor_id = province.unit_id` : ''}
     where a.occurred_on between ? and ?
     group by ${grouped.length ? `grouping sets ((${grouped.join(', ')}), ())` : '()'}
     order by ${grouped.length ? `grouping(${grouped[0]}) desc, ${grouped.map((expression) => `${expression} nulls first`).join(', ')}` : '1'}`;
}

/** The figures of roll-up rows `r`, cast as FIGURES casts the activities' own. */
const ROLLUP_FIGURES = `coalesce(sum(r.activities), 0)::int as activities, coalesce(sum(r.quantity), 0)::text as quantity,
  coalesce(sum(r.people_reached), 0)::text as "peopleReached", coalesce(sum(r.value_vnd), 0)::text as "valueVnd"`;

/** Each dimension over a roll-up part: its rows `r`, the province chapter `part_chapter` they belong to and its unit. */
const ROLLUP_DIMENSIONS: Record<ReliefDimension, (edition: UnitEdition) => string> = {
  [ReliefDimension.KIND]: () => 'r.kind',
  [ReliefDimension.CAMPAIGN]: () => 'r.campaign_id',
  [ReliefDimension.CHILD_CHAPTER]: () => 'r.part_chapter',
  [ReliefDimension.MONTH]: () => `to_char(r.month, 'YYYY-MM')`,
  [ReliefDimension.PROVINCE]: (edition) => (edition === UnitEdition.CURRENT ? 'coalesce(succession.successor_id, r.part_unit)' : 'r.part_unit'),
};

/** Levels whose subtree totals the roll-up keeps (a migration's trigger maintains them). */
export const ROLLED_UP_LEVELS = ['NATIONAL', 'PROVINCE'] as const;

/**
 * Whether the roll-up answers a summary of a chapter at this level: a national chapter for every
 * dimension (its children are the province chapters), a province chapter for all but
 * CHILD_CHAPTER (its children's subtrees are not rolled up).
 */
export function rollupAnswers(level: string, groupBy: ReliefDimension[]): boolean {
  if (level === 'NATIONAL') return true;
  return level === 'PROVINCE' && !groupBy.includes(ReliefDimension.CHILD_CHAPTER);
}

/**
 * The same result as reliefSummarySql, from the roll-up. Parameters: chapter id, first and last
 * day of the period. Below a national chapter every activity lies under exactly one province
 * chapter or none (its own): the province parts are the province chapters' rows, and what is left
 * of the national rows after taking them away is the part with no province. A province chapter's
 * rows all belong to its own province.
 */
export function reliefSummaryRollupSql(groupBy: ReliefDimension[], edition: UnitEdition, level: string): string {
  const grouped = groupBy.map((dimension) => ROLLUP_DIMENSIONS[dimension](edition));
  const select = groupBy.map((dimension, index) => `${grouped[index]} as "${DIMENSIONS[dimension].alias}"`);
  const splitByProvince = level === 'NATIONAL' && (groupBy.includes(ReliefDimension.PROVINCE) || groupBy.includes(ReliefDimension.CHILD_CHAPTER));
  // Without kind or campaign the coarse grain serves: a dozen rows a province a year.
  const detailed = groupBy.includes(ReliefDimension.KIND) || groupBy.includes(ReliefDimension.CAMPAIGN);
  const rollup = detailed ? 'red_cross.relief_rollup' : 'red_cross.relief_rollup_month';
  const columns = detailed ? 'r.month, r.kind, r.campaign_id' : 'r.month';
  // Scalar subqueries run once and bound the index scan on (chapter_id, month).
  const inPeriod = 'r.month between (select first from period) and (select last from period)';
  const rootPart = `select null::uuid as part_chapter, ${level === 'PROVINCE' ? 'root.unit_id' : 'null::text'} as part_unit, ${columns},
           r.activities, r.quantity, r.people_reached, r.value_vnd
      from ${rollup} r join root on r.chapter_id = root.id where ${inPeriod}`;
  // Each province row counts once under its province and once, negated, under no province.
  const provinceParts = `
    select side.part_chapter, side.part_unit, ${columns},
           side.sign * r.activities, side.sign * r.quantity, side.sign * r.people_reached, side.sign * r.value_vnd
      from red_cross.chapter p join root on p.parent_id = root.id join ${rollup} r on r.chapter_id = p.id
     cross join lateral (values (p.id, p.unit_id, 1), (null, null, -1)) as side (part_chapter, part_unit, sign)
     where p.level = 'PROVINCE' and ${inPeriod}`;
  return `
    with root as (select id, unit_id from red_cross.chapter where id = ?),
    period as (select ?::date as first, ?::date as last),
    parts as (${rootPart}${splitByProvince ? `\n    union all ${provinceParts}` : ''})
    select ${[...select, ROLLUP_FIGURES, grouped.length ? `grouping(${grouped[0]}) = 1 as "isTotal"` : 'true as "isTotal"'].join(',\n           ')}
      from parts r
      ${groupBy.includes(ReliefDimension.PROVINCE) && edition === UnitEdition.CURRENT ? 'left join places.unit_succession succession on succession.predecessor_id = r.part_unit' : ''}
     group by ${grouped.length ? `grouping sets ((${grouped.join(', ')}), ())` : '()'}
     ${grouped.length ? `having grouping(${grouped[0]}) = 1 or sum(r.activities) <> 0` : ''}
     order by ${grouped.length ? `grouping(${grouped[0]}) desc, ${grouped.map((expression) => `${expression} nulls first`).join(', ')}` : '1'}`;
}

/** Every month of the period, those without activity as zeros, in one statement. */
export const RELIEF_BY_MONTH_SQL = `
  with root as (select id, path from red_cross.chapter where id = ?),
  activity as (
    select a.* from red_cross.relief_activity a
      join red_cross.chapter c on c.id = a.chapter_id
      join root on c.path @> array[root.id]
     where a.occurred_on between ? and ? and (?::text is null or a.kind = ?)
  )
  select to_char(month, 'YYYY-MM') as month, ${FIGURES}
    from generate_series(?::date, ?::date, interval '1 month') as month
    left join activity a on a.occurred_on >= month and a.occurred_on < month + interval '1 month'
   group by month
   order by month`;

/** RELIEF_BY_MONTH_SQL from the roll-up, for a chapter whose subtree it keeps; the same parameters. */
export const RELIEF_BY_MONTH_ROLLUP_SQL = `
  with root as (select id from red_cross.chapter where id = ?),
  rolled as (
    select r.* from red_cross.relief_rollup r join root on r.chapter_id = root.id
     where r.month between ?::date and ?::date and (?::text is null or r.kind = ?)
  )
  select to_char(series.first_day, 'YYYY-MM') as month, ${ROLLUP_FIGURES}
    from generate_series(?::date, ?::date, interval '1 month') as series (first_day)
    left join rolled r on r.month = series.first_day
   group by series.first_day
   order by series.first_day`;


/** The figures of the kinds `f` of an approved snapshot's `relief.byMonth`, added up: the columns of FIGURES. */
const APPROVED_FIGURES = `coalesce(sum((f.figures->>'activities')::int), 0)::int as activities,
  coalesce(sum((f.figures->>'quantity')::numeric), 0)::text as quantity,
  coalesce(sum((f.figures->>'peopleReached')::numeric), 0)::text as "peopleReached",
  coalesce(sum((f.figures->>'valueVnd')::numeric), 0)::text as "valueVnd"`;

/**
 * An approved snapshot's relief grouped by MONTH, or by MONTH and KIND in the order asked, from
 * its `relief.byMonth` (parameter: that object as JSON), in one statement; ordered as the live
 * summary orders its rows.
 */
export function approvedReliefByMonthSql(groupBy: readonly ReliefDimension[]): string {
  const columns = groupBy.map((dimension) => (dimension === ReliefDimension.MONTH ? 'm.month' : 'f.kind'));
  return `
    select ${groupBy.map((dimension, index) => `${columns[index]} as ${dimension === ReliefDimension.MONTH ? 'month' : 'kind'}`).join(', ')}, ${APPROVED_FIGURES}
      from jsonb_each(?::jsonb) as m (month, kinds) cross join jsonb_each(m.kinds) as f (kind, figures)
     group by ${columns.join(', ')}
     order by ${columns.join(', ')}`;
}

/**
 * RELIEF_BY_MONTH_SQL's answer from an approved snapshot: every month of the period, those the
 * snapshot holds nothing for as zeros. Parameters: the period's start and end, the snapshot's
 * `relief.byMonth` as JSON, the kind (or null) twice.
 */
export const APPROVED_RELIEF_BY_MONTH_SQL = `
  select to_char(series.first_day, 'YYYY-MM') as month, ${APPROVED_FIGURES}
    from generate_series(?::date, ?::date, interval '1 month') as series (first_day)
    cross join (select ?::jsonb as months) snapshot
    left join lateral jsonb_each(snapshot.months -> to_char(series.first_day, 'YYYY-MM')) as f (kind, figures) on ?::text is null or f.kind = ?
   group by series.first_day
   order by series.first_day`;
