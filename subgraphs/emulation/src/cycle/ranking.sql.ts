import { MEMBER_COLUMNS } from './cycle-member.sql.ts';

/**
 * The ranking of many cluster years in one statement, for those at RANKED or later.
 *
 * A member's weighted score is Σ(weight × points) over the criteria, kept in hundredths of a
 * point: weights are integers adding up to 100 and points are integers, so the sum is an integer
 * and the score (the weighted mean of the points) is that integer ÷ 100, exact to two decimals;
 * no float is involved anywhere. `rank()` gives standard competition ranks (1, 2, 2, 4): members
 * with equal sums share a rank and the next rank is 1 + the number of members above. `tieGroup` is
 * the ids of every member with the same sum in the same cluster (the member itself included).
 * Members with no scores (a cycle recorded from a source that gives none) are not ranked.
 */
export const RANKING_SQL = `
  with totals as (
    select s.cluster_id, s.member_id, sum(c.weight::integer * s.points)::integer as hundredths
      from emulation.score s
      join emulation.criterion c on c.id = s.criterion_id
      join emulation.cycle y on y.cluster_id = s.cluster_id
     where s.cluster_id in (?) and y.stage in ('RANKED', 'TITLES_VOTED')
     group by s.cluster_id, s.member_id
  ), ranked as (
    select t.*,
           rank() over (partition by t.cluster_id order by t.hundredths desc)::integer as rank,
           array_agg(t.member_id::text) over (partition by t.cluster_id, t.hundredths) as tie_group
      from totals t
  )
  select r.cluster_id as "clusterId", r.rank, round(r.hundredths::numeric / 100, 2)::text as "weightedScore",
         r.tie_group as "tieGroup", ${MEMBER_COLUMNS}
    from ranked r
    join emulation.cluster_member m on m.id = r.member_id
   order by r.cluster_id, r.rank, m.position`;
