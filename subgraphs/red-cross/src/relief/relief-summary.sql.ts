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
     order by ${grouped.length ? `${grouped.map((expression) => `${expression} nulls first`).join(', ')}` : '1'}`;
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
