/**
 * The floor of each scenario: one hand-written SQL statement that returns the data the GraphQL
 * query returns (the bench checks that it does), run through `pg` in a bare `http` handler. It is
 * written as a DBA would write it for this data, not copied from the subgraphs: the fastest honest
 * statement over the same tables, maintained roll-ups included (a floor that recomputes what a
 * roll-up keeps would hide a slow plan shared by the API behind a good-looking ratio).
 */

const INFLOWS = `'STARTING_GRANT', 'MEMBER_CONTRIBUTION', 'SOCIETY_RAISED', 'INTEREST', 'FEE'`;
const ASSISTANCE = `'REGULAR_ASSISTANCE', 'EMERGENCY_ASSISTANCE'`;
const TODAY = `(now() at time zone 'Asia/Ho_Chi_Minh')::date`;

/** Basis points of a share, rounded half up, as the API computes them. */
const bp = (part: string, whole: string) => `coalesce(round(${part} * 10000.0 / nullif(${whole}, 0)), 0)::int`;

export const FLOOR_QUERIES: Record<string, string> = {
  // $1 club id. The club and its fund figures today: loans are repaid oldest first.
  s1: `
    with live as (
      select e.kind, e.amount_vnd, e.borrower_ref, e.due_on, e.occurred_on, e.seq
        from elderly.club_fund_entry e
       where e.club_id = $1 and e.kind <> 'REVERSAL' and e.occurred_on <= ${TODAY}
         -- A reversal lies in the club of the entry it reverses (a foreign key says so): look there only.
         and not exists (select 1 from elderly.club_fund_entry r where r.club_id = $1 and r.reverses_id = e.id and r.occurred_on <= ${TODAY})
    ),
    loans as (
      select l.due_on, l.borrower_ref,
             greatest(0, least(l.amount_vnd, sum(l.amount_vnd) over (partition by l.borrower_ref order by l.occurred_on, l.seq)
                                             - coalesce(p.repaid, 0))) as outstanding
        from live l
        left join (select borrower_ref, sum(amount_vnd) as repaid from live where kind = 'REPAYMENT' group by borrower_ref) p using (borrower_ref)
       where l.kind = 'LOAN_DISBURSED'
    )
    select c.id, c.name, to_char(c.founded_on, 'YYYY-MM-DD') as founded_on,
           (m.total_fund - m.out_on_loan)::bigint as balance, m.total_fund, m.out_on_loan,
           (select count(distinct borrower_ref) filter (where outstanding > 0) from loans)::int as borrowers,
           (select count(*) filter (where outstanding > 0 and due_on < ${TODAY}) from loans)::int as overdue_loans
      from elderly.club c
     cross join (
       select coalesce(sum(amount_vnd) filter (where kind in (${INFLOWS})), 0)::bigint as total_fund,
              coalesce(sum(case kind when 'LOAN_DISBURSED' then amount_vnd when 'REPAYMENT' then -amount_vnd end), 0)::bigint as out_on_loan
         from live
     ) m
     where c.id = $1`,

  // $1 cluster id, $2 period type, $3 first day, $4 last day (the last day of a month, as every
  // period's). Members with their names, the member chapters' membership (nearest reports) and
  // relief, the member associations' clubs, members and funds. The fastest honest statement over
  // the same tables: relief, clubs and members, and funds from the roll-ups the writes keep
  // (red_cross.relief_rollup for national and province chapters, elderly.club_statistics_change,
  // elderly.association_fund_month), as a DBA would read them, not through the subgraphs' code.
  s2: `
    with recursive
    members as (select * from emulation.cluster_member where cluster_id = $1),
    -- The nearest reports under each member chapter, found by walking down from it through the
    -- chapters without a report of the period (index probes; one for a member with its own report).
    nearest_reports (chapter_id, report_id) as (
      select m.chapter_id, r.id from members m
        left join red_cross.membership_report r on r.chapter_id = m.chapter_id and r.period_type = $2 and r.period_start = $3::date
       where m.chapter_id is not null
      union all
      select c.id, r.id from nearest_reports walk
        join red_cross.chapter c on c.parent_id = walk.chapter_id
        left join red_cross.membership_report r on r.chapter_id = c.id and r.period_type = $2 and r.period_start = $3::date
       where walk.report_id is null
    ),
    membership as (
      select coalesce(sum(r.individual_members), 0)::int as individual_members, coalesce(sum(r.volunteers), 0)::int as volunteers
        from nearest_reports n join red_cross.membership_report r on r.id = n.report_id
    ),
    -- Members below province level: each one's subtree, member by member (the aggregate keeps the
    -- lateral from being flattened into a scan of the period's activities across the country).
    relief_rows as (
      select r.kind, r.quantity, r.value_vnd
        from members m
        join red_cross.chapter c on c.id = m.chapter_id and c.level in ('NATIONAL', 'PROVINCE')
        join red_cross.relief_rollup r on r.chapter_id = c.id and r.month between $3::date and $4::date
      union all
      select a.kind, a.quantity, a.value_vnd
        from members m
        join red_cross.chapter top on top.id = m.chapter_id and top.level not in ('NATIONAL', 'PROVINCE')
        cross join lateral (
          select a.kind, sum(a.quantity) as quantity, sum(a.value_vnd) as value_vnd
            from red_cross.chapter c join red_cross.relief_activity a on a.chapter_id = c.id and a.occurred_on between $3::date and $4::date
           where c.path @> array[m.chapter_id]
           group by a.kind
        ) a
    ),
    relief as (
      select coalesce(sum(quantity) filter (where kind in (${ASSISTANCE})), 0)::int as cases_helped,
             coalesce(sum(value_vnd) filter (where kind in (${ASSISTANCE})), 0)::bigint as assistance_value_vnd,
             coalesce(sum(value_vnd), 0)::bigint as relief_value_vnd
        from relief_rows
    ),
    -- Member associations not inside another member's subtree: their roll-up rows already count the
    -- inner ones. Ancestors by primary key, one at a time (a join was hashed over every association).
    above (member_id, ancestor_id) as (
      select m.elderly_association_id, (select a.parent_id from elderly.association a where a.id = m.elderly_association_id)
        from members m where m.elderly_association_id is not null
      union
      select above.member_id, (select a.parent_id from elderly.association a where a.id = above.ancestor_id) from above where above.ancestor_id is not null
    ),
    tops as (
      select distinct elderly_association_id as id from members m
       where elderly_association_id is not null
         and not exists (select 1 from above join members outer_member on outer_member.elderly_association_id = above.ancestor_id
                          where above.member_id = m.elderly_association_id)
    ),
    people as (
      select coalesce(sum(r.clubs), 0)::int as clubs, coalesce(sum(r.members), 0)::int as members
        from tops join elderly.club_statistics_change r on r.association_id = tops.id and r.grain = 'PROVINCE'
       where (r.resolution = 'YEAR' and r.period_start < date_trunc('year', $4::date::timestamp)::date)
          or (r.resolution = 'MONTH' and r.period_start >= date_trunc('year', $4::date::timestamp)::date and r.period_start <= date_trunc('month', $4::date::timestamp)::date)
    ),
    -- Each top member's subtree from the per-association fund roll-up: a few dozen rows a member.
    fund as (
      select coalesce(sum(f.total_fund), 0)::bigint as total_fund, coalesce(sum(f.contributed_or_raised), 0)::bigint as contributed_or_raised,
             coalesce(sum(f.out_on_loan), 0)::bigint as out_on_loan, coalesce(sum(f.borrowers), 0)::int as borrowers
        from tops join elderly.association_fund_month f on f.association_id = tops.id and f.month <= date_trunc('month', $4::date::timestamp)::date
    )
    select c.id, c.name, c.year,
           (select json_agg(json_build_array(m.position,
                     case when m.chapter_id is not null then 'Chapter' when m.elderly_association_id is not null then 'ElderlyAssociation' else 'ExternalOrganisation' end,
                     coalesce(m.chapter_id, m.elderly_association_id, m.external_organisation_id), coalesce(ch.name, a.name, x.name)) order by m.position)
              from members m
              left join red_cross.chapter ch on ch.id = m.chapter_id
              left join elderly.association a on a.id = m.elderly_association_id
              left join emulation.external_organisation x on x.id = m.external_organisation_id) as members,
           (select count(*) from members where chapter_id is not null)::int as chapters,
           (select count(*) from members where elderly_association_id is not null)::int as associations,
           membership.*, relief.*, people.clubs, people.members as club_members, fund.*
      from emulation.cluster c cross join membership cross join relief cross join people cross join fund
     where c.id = $1`,

  // $1 first day, $2 last day. The nation's relief by today's province, with the grand total.
  s3: `
    select province_id, u.name, activities, quantity, people_reached, value_vnd, is_total
      from (
        select coalesce(s.successor_id, p.unit_id) as province_id, grouping(coalesce(s.successor_id, p.unit_id)) = 1 as is_total,
               count(*)::int as activities, sum(a.quantity)::int as quantity, sum(a.people_reached)::int as people_reached,
               sum(a.value_vnd)::bigint as value_vnd
          from red_cross.relief_activity a
          join red_cross.chapter c on c.id = a.chapter_id
          left join red_cross.chapter p on p.id = c.path[2] and p.level = 'PROVINCE'
          left join places.unit_succession s on s.predecessor_id = p.unit_id
         where a.occurred_on between $1::date and $2::date
         group by grouping sets ((coalesce(s.successor_id, p.unit_id)), ())
      ) t
      left join places.administrative_unit u on u.id = t.province_id
     order by is_total desc, province_id`,

  // $1 association id (null: the whole country), $2 last day of the period. Clubs and members of the subtree, by today's province.
  s4: `
    with recursive subtree (id) as (
      select id from elderly.association where id = $1::uuid or ($1::uuid is null and parent_id is null)
      union all
      select a.id from elderly.association a join subtree on a.parent_id = subtree.id
    ),
    clubs as (
      select c.id, coalesce(now_.successor_id, province.id) as unit_id
        from elderly.club c
        join elderly.association owner on owner.id = c.association_id
        left join places.administrative_unit u on u.id = coalesce(c.unit_id, owner.unit_id)
        left join places.administrative_unit up on up.id = u.parent_id
        cross join lateral (select case when u.level = 'PROVINCE' then u.id when u.level = 'DISTRICT' or u.edition = 'CURRENT' then u.parent_id
                                        else up.parent_id end as id) province
        left join places.unit_succession now_ on now_.predecessor_id = province.id
       where c.association_id in (select id from subtree) and (c.founded_on is null or c.founded_on <= $2::date)
    ),
    figures as (
      select clubs.unit_id, grouping(clubs.unit_id) = 1 as is_total, count(distinct clubs.id)::int as clubs, count(m.id)::int as members,
             (count(m.id) filter (where m.board_role is not null))::int as board_members,
             (count(m.id) filter (where m.is_ethnic_minority))::int as minority,
             (count(m.id) filter (where m.poverty_status = 'POOR'))::int as poor,
             (count(m.id) filter (where m.poverty_status = 'NEAR_POOR'))::int as near_poor
        from clubs
        left join elderly.club_member m on m.club_id = clubs.id and m.joined_on <= $2::date and (m.left_on is null or m.left_on > $2::date)
       group by grouping sets ((clubs.unit_id), ())
    )
    select f.*, u.name, ${bp('minority', 'members')} as minority_bp, ${bp('poor', 'members')} as poor_bp, ${bp('near_poor', 'members')} as near_poor_bp
      from figures f left join places.administrative_unit u on u.id = f.unit_id
     order by is_total desc, unit_id`,

  // $1 chapter id. Page 1 of the activities the chapter recorded, newest first.
  s5first: `
    select a.id, a.kind, a.quantity, a.value_vnd, to_char(a.occurred_on, 'YYYY-MM-DD') as day
      from red_cross.relief_activity a where a.chapter_id = $1
     order by a.occurred_on desc, a.id limit 21`,

  // $1 chapter id, $2 and $3 the day and id of the last activity seen: a keyset page.
  s5after: `
    select a.id, a.kind, a.quantity, a.value_vnd, to_char(a.occurred_on, 'YYYY-MM-DD') as day
      from red_cross.relief_activity a
     where a.chapter_id = $1 and a.occurred_on <= $2::date and (a.occurred_on < $2::date or a.id > $3::uuid)
     order by a.occurred_on desc, a.id limit 21`,

  // $1 kind, $2 period type, $3 first day, $4 last day. Who has reported, by today's province: the
  // report roll-ups the triggers keep (the plain join of ~111,000 chapters with their reports
  // takes far longer; the subgraph reads these too). A report never submitted is late once the
  // deadline (the level's, else the period type's) has passed, the end of that day in Vietnam.
  s7: `
    with old as (
      select nullif(e.group_key, '') as group_key, sum(e.organisations) as expected,
             sum(coalesce(r.draft, 0)) as draft, sum(coalesce(r.submitted, 0)) as submitted,
             sum(coalesce(r.returned, 0)) as returned, sum(coalesce(r.approved, 0)) as approved,
             sum(coalesce(r.submitted_late, 0)
                 + case when now() > (($4::date + 1 + coalesce(own.days_after_period_end, every.days_after_period_end, 0))::timestamp at time zone 'Asia/Ho_Chi_Minh')
                        then e.organisations - coalesce(r.submitted_ever, 0) else 0 end) as late
        from red_cross.report_completeness_expected e
        left join red_cross.report_completeness_rollup r
          on r.kind = $1 and r.period_type = $2 and r.period_start = $3::date and r.group_key = e.group_key and r.level = e.level
        left join red_cross.report_deadline own on own.period_type = $2 and own.level = e.level
        left join red_cross.report_deadline every on every.period_type = $2 and every.level = '*'
       group by e.group_key
    )
    select now_.province_id,
           -- A lookup per province: a join hashed all 14,000 units for 34 names.
           (select u.name from places.administrative_unit u where u.id = now_.province_id) as name,
           sum(expected)::int as expected,
           sum(expected - draft - submitted - returned - approved)::int as missing, sum(draft)::int as draft,
           sum(submitted)::int as submitted, sum(returned)::int as returned, sum(approved)::int as approved, sum(late)::int as late
      from old
      left join lateral (select successor_id from places.unit_succession where predecessor_id = old.group_key offset 0) s on true
      cross join lateral (select coalesce(s.successor_id, old.group_key) as province_id) now_
     group by now_.province_id
    having sum(expected) > 0
     order by 1`,

  // $1 chapter id, $2 day, $3 note. One relief activity, if the chapter exists.
  s6: `
    insert into red_cross.relief_activity (id, chapter_id, kind, quantity, people_reached, value_vnd, occurred_on, note)
    select gen_random_uuid(), c.id, 'GIFT_PACKAGES', 10, 10, 5000000, $2::date, $3 from red_cross.chapter c where c.id = $1
    returning id`,
};
