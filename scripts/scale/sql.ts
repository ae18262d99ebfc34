/**
 * The SQL that generates the national data set. Every row comes out of `generate_series` and
 * `insert … select`; randomness is a hash of the row's key (`pg_temp.rnd(key, salt)`), so the same
 * scale, years and day give the same data whatever plan PostgreSQL picks.
 *
 * Ids are deterministic too (`pg_temp.seq_uuid(tag, n)`): well-formed version-8 UUIDs whose first
 * bits are a table tag and the row's key, so a chapter's or an association's id follows from its
 * administrative unit code (the emulation generator names members by those ids without reading
 * another subgraph's tables, as the demo data does with stable slugs) and the big tables receive
 * their primary keys in ascending order.
 */

import { NATIONAL, RELIEF_LEVEL_SHARE } from './params.ts';

/** `<national size> × scale`, as SQL over the `cfg` row. */
const scaled = (size: number) => `(cfg.scale * ${size})`;

export const TAG = {
  chapter: 0x5c01,
  report: 0x5c02,
  campaign: 0x5c03,
  relief: 0x5c04,
  association: 0xe101,
  club: 0xe102,
  member: 0xe103,
  fund: 0xe104,
  external: 0xe301,
  cluster: 0xe302,
  clusterMember: 0xe303,
} as const;

/** Session settings and helpers; run on every connection the generator opens. */
export const SESSION_SETUP = [
  `set synchronous_commit = off`,
  `set work_mem = '256MB'`,
  `set maintenance_work_mem = '512MB'`,
  `set jit = off`,
  // A uniform number in [0, 1) from a row key and a salt.
  `create function pg_temp.rnd(k bigint, salt int) returns float8 language sql immutable parallel safe as
     $$ select ((hashint8extended(k, salt) >> 11) & 9007199254740991)::float8 / 9007199254740992.0 $$`,
  // tag (16 bits) | key (44 bits, ascending) | version 8 | variant | 60 bits of hash.
  `create function pg_temp.seq_uuid(tag int, n bigint) returns uuid language sql immutable parallel safe as
     $$ select (lpad(to_hex(tag), 4, '0') || lpad(to_hex(n >> 12), 8, '0') || '8' || lpad(to_hex(n & 4095), 3, '0')
                || to_hex(8 + (hashint8extended(n, tag) & 3))
                || lpad(to_hex(hashint8extended(n, tag + 1) & 1152921504606846975), 15, '0'))::uuid $$`,
  // The same key as foldVietnamese() in common/src/text.ts: no diacritics, đ → d, lower case, single spaces.
  `create function pg_temp.fold(t text) returns text language sql immutable parallel safe as
     $$ select btrim(regexp_replace(lower(translate(regexp_replace(normalize(t, NFD), '[\\u0300-\\u036f]', '', 'g'), 'đĐ', 'dd')), '\\s+', ' ', 'g')) $$`,
  // "Tỉnh Bắc Giang" → "tỉnh Bắc Giang", to follow "Hội Chữ thập đỏ".
  `create function pg_temp.lower_first(t text) returns text language sql immutable parallel safe as
     $$ select lower(left(t, 1) collate "und-x-icu") || substr(t, 2) $$`,
];

/** Parameters: start day, today, scale, first year, last year, provinces (JSON), words (JSON). */
export const SESSION_TABLES = [
  `create temp table cfg as
     select $1::date as start_on, $2::date as today, $3::float8 as scale, $4::int as first_year, $5::int as last_year,
            $5::int - $4::int + 1 as years`,
  `create temp table prov as
     select t.code, 'BEFORE_2025:' || t.code as unit_id, t.population, t.minority, t.groups, t.poor, t.near_poor, t.city,
            t.population * (case when t.city then $2::float8 else 1 end) as weight
       from jsonb_to_recordset($1::jsonb) as t (code text, population int, minority float8, groups text[], poor float8, near_poor float8, city boolean)`,
  `create temp table words as
     select * from jsonb_to_record($1::jsonb) as t (families text[], minority_families text[], female_middle text[], male_middle text[],
       female_given text[], male_given text[], institutions text[], relief_notes text[], externals text[])`,
];

const pick = (array: string, u: string) => `${array}[1 + floor(${u} * cardinality(${array}))::int]`;
const UNIQUE_NAME = (base: string, partition: string, code: string) =>
  `case when count(*) over (partition by ${partition}, ${base}) > 1 then ${base} || ' (mã ' || ${code} || ')' else ${base} end`;

export interface Step {
  label: string;
  sql: string;
  params?: unknown[];
  /** A chunked step runs once per [from, to) range of `chunkKey` values of `chunkTable`. */
  chunked?: { table: string; key: string; count: string; rowsPerChunk: number };
  /** A statement returning `yes`: the step runs only when it is true (a column another migration adds). */
  onlyIf?: string;
}

// ---------------------------------------------------------------------------------------------
// Red Cross: the chapter tree level by level (the path trigger fills `path`), reports, relief.
// ---------------------------------------------------------------------------------------------

const CHAPTER_COLUMNS = `insert into red_cross.chapter (id, parent_id, level, name, name_folded, unit_id)`;

export const RED_CROSS_STEPS: Step[] = [
  {
    label: 'red_cross.chapter NATIONAL',
    sql: `${CHAPTER_COLUMNS}
      select pg_temp.seq_uuid(${TAG.chapter}, 0), null, 'NATIONAL', n, pg_temp.fold(n), null
        from (select 'Trung ương Hội Chữ thập đỏ Việt Nam'::text as n) x`,
  },
  {
    label: 'red_cross.chapter PROVINCE',
    sql: `${CHAPTER_COLUMNS}
      select pg_temp.seq_uuid(${TAG.chapter}, u.code::int), pg_temp.seq_uuid(${TAG.chapter}, 0), 'PROVINCE', n.name, pg_temp.fold(n.name), u.id
        from places.administrative_unit u
        cross join lateral (select 'Hội Chữ thập đỏ ' || pg_temp.lower_first(u.name) as name) n
       where u.edition = 'BEFORE_2025' and u.level = 'PROVINCE'
       order by u.code`,
  },
  {
    label: 'red_cross.chapter DISTRICT',
    sql: `${CHAPTER_COLUMNS}
      select id, parent_id, 'DISTRICT', name, pg_temp.fold(name), unit_id from (
        select pg_temp.seq_uuid(${TAG.chapter}, 1000 + d.code::int) as id, pg_temp.seq_uuid(${TAG.chapter}, p.code::int) as parent_id, d.id as unit_id,
               ${UNIQUE_NAME(`('Hội Chữ thập đỏ ' || pg_temp.lower_first(d.name))`, 'd.parent_id', 'd.code')} as name
          from places.administrative_unit d join places.administrative_unit p on p.id = d.parent_id
         where d.edition = 'BEFORE_2025' and d.level = 'DISTRICT'
      ) x order by parent_id, id`,
  },
  {
    // One grassroots organisation per commune (all of them from scale 1 up).
    label: 'red_cross.chapter GRASSROOTS (communes)',
    sql: `${CHAPTER_COLUMNS}
      select id, parent_id, 'GRASSROOTS', name, pg_temp.fold(name), unit_id from (
        select pg_temp.seq_uuid(${TAG.chapter}, 100000 + c.code::int) as id, pg_temp.seq_uuid(${TAG.chapter}, 1000 + d.code::int) as parent_id, c.id as unit_id,
               ${UNIQUE_NAME(`('Hội Chữ thập đỏ ' || pg_temp.lower_first(c.name))`, 'c.parent_id', 'c.code')} as name
          from places.administrative_unit c join places.administrative_unit d on d.id = c.parent_id
         cross join pg_temp.cfg
         where c.edition = 'BEFORE_2025' and c.level = 'COMMUNE' and pg_temp.rnd(c.code::bigint, 11) < least(1, cfg.scale)
      ) x order by parent_id, id`,
  },
  {
    // Schools, hospitals and agencies have grassroots organisations of their own (about 1 in 10).
    label: 'red_cross.chapter GRASSROOTS (institutions)',
    sql: `${CHAPTER_COLUMNS}
      select pg_temp.seq_uuid(${TAG.chapter}, 200000 + d.code::int * 100 + k), pg_temp.seq_uuid(${TAG.chapter}, 1000 + d.code::int), 'GRASSROOTS',
             n.name, pg_temp.fold(n.name), d.id
        from (select dc.unit_id as district_unit, count(*) as communes
                from red_cross.chapter g join red_cross.chapter dc on dc.id = g.parent_id
               where g.level = 'GRASSROOTS' group by dc.unit_id) s
        join places.administrative_unit d on d.id = s.district_unit
       cross join pg_temp.words w
       cross join lateral generate_series(1, least(99, floor(s.communes * 0.1 + pg_temp.rnd(d.code::bigint, 12))::int)) k
       cross join lateral (select 'Hội Chữ thập đỏ ' || w.institutions[1 + (k + d.code::int) % cardinality(w.institutions)] || ' ' || (d.short_name collate "default") || ' số ' || k as name) n
       order by 2, 1`,
  },
  {
    // Each chapter is weighed by its province's population over the province's chapters of its level.
    label: 'temp rc_grassroots',
    sql: `create temp table rc_grassroots as
      with g as (
        select g.id, row_number() over (order by g.id) as n, p.code as province_code, p.weight,
               count(*) over (partition by p.code) as in_province, coalesce(u.type, '') as unit_type
          from red_cross.chapter g
          join red_cross.chapter pc on pc.id = g.path[2]
          join pg_temp.prov p on p.unit_id = pc.unit_id
          left join places.administrative_unit u on u.id = g.unit_id and u.level = 'COMMUNE'
         where g.level = 'GRASSROOTS'
      ), w as (select g.*, weight / in_province * (0.5 + pg_temp.rnd(n, 13)) as w from g)
      select w.id, w.n, w.province_code, w.unit_type,
             floor(${scaled(NATIONAL.branches)} * w.w / sum(w.w) over () + pg_temp.rnd(w.n, 14))::int as branches
        from w cross join pg_temp.cfg`,
  },
  {
    // The completeness roll-up's trigger on a new chapter plans its join over the whole tree with the
    // statistics of the tree before the insert (11,000 chapters, not 111,000): for the branches it
    // ran for over ten minutes. Filled once from the finished tree instead, before any report.
    label: 'red-cross completeness trigger off',
    sql: `alter table red_cross.chapter disable trigger report_completeness_chapter_insert`,
    onlyIf: `select exists (select 1 from pg_trigger where tgname = 'report_completeness_chapter_insert') as yes`,
  },
  {
    label: 'red_cross.chapter BRANCH',
    sql: `${CHAPTER_COLUMNS}
      select pg_temp.seq_uuid(${TAG.chapter}, 1000000 + (g.n << 8) + k), g.id, 'BRANCH', n.name, pg_temp.fold(n.name), null
        from pg_temp.rc_grassroots g
       cross join lateral generate_series(1, least(255, g.branches)) k
       cross join lateral (select 'Chi hội ' || case when g.unit_type in ('Phường', 'Thị trấn') then 'tổ dân phố ' when g.unit_type = 'Xã' then 'thôn ' else 'số ' end || k as name) n
       order by g.n, k`,
  },
  {
    label: 'red_cross.report_completeness_expected (rebuilt)',
    sql: `do $$ begin alter table red_cross.chapter enable trigger report_completeness_chapter_insert; analyze red_cross.chapter;
      perform red_cross.rebuild_report_completeness(); end $$`,
    onlyIf: `select exists (select 1 from pg_trigger where tgname = 'report_completeness_chapter_insert') as yes`,
  },
  {
    // Quarters and years that have ended by today.
    label: 'temp rc_period',
    sql: `create temp table rc_period as
      select row_number() over (order by period_start, period_type) as n, period_type, period_start, period_end,
             ((extract(year from period_end) - cfg.first_year) * 12 + extract(month from period_end))::int as months_in
        from pg_temp.cfg cross join lateral (
          select 'QUARTER' as period_type, q as period_start, (q + interval '3 months' - interval '1 day')::date as period_end
            from generate_series(cfg.start_on, cfg.today, interval '3 months') q
          union all
          select 'YEAR', y, (y + interval '1 year' - interval '1 day')::date
            from generate_series(cfg.start_on, cfg.today, interval '1 year') y
        ) p
       where p.period_end < cfg.today`,
  },
  {
    // Grassroots reports; members grow about 1 % a quarter from a size set by the branches.
    label: 'red_cross.membership_report GRASSROOTS',
    sql: `insert into red_cross.membership_report (id, chapter_id, period_type, period_start, period_end, grassroots_organisations, branches,
            individual_members, collective_members, volunteers)
      select pg_temp.seq_uuid(${TAG.report}, (g.n << 8) + p.n), g.id, p.period_type, p.period_start, p.period_end, 1, b.branches,
             m.members, floor(m.members * 0.02)::int, floor(m.members * (0.15 + 0.2 * pg_temp.rnd(g.n, 23)))::int
        from pg_temp.rc_grassroots g
        cross join lateral (select count(*)::int as branches from red_cross.chapter b where b.parent_id = g.id) b
        cross join pg_temp.rc_period p
        cross join lateral (
          select floor((20 + b.branches * (30 + 40 * pg_temp.rnd(g.n, 21))) * (1 + 0.0035 * p.months_in)
                       * (0.98 + 0.04 * pg_temp.rnd((g.n << 8) + p.n, 22)))::int as members
        ) m
       order by g.n, p.n`,
  },
  ...(['DISTRICT', 'PROVINCE', 'NATIONAL'] as const).map((level, index) => ({
    // Every level above reports the sum of the reports of the level below.
    label: `red_cross.membership_report ${level}`,
    sql: `insert into red_cross.membership_report (id, chapter_id, period_type, period_start, period_end, grassroots_organisations, branches,
            individual_members, collective_members, volunteers)
      select pg_temp.seq_uuid(${TAG.report}, ((${(index + 1) * 10_000_000}::bigint + row_number() over (order by c.parent_id, r.period_start, r.period_type)) << 8)),
             c.parent_id, r.period_type, r.period_start, r.period_end,
             sum(r.grassroots_organisations), sum(r.branches), sum(r.individual_members), sum(r.collective_members), sum(r.volunteers)
        from red_cross.membership_report r
        join red_cross.chapter c on c.id = r.chapter_id
       where c.level = '${index === 0 ? 'GRASSROOTS' : index === 1 ? 'DISTRICT' : 'PROVINCE'}'
       group by c.parent_id, r.period_type, r.period_start, r.period_end`,
  })),
  {
    label: 'red_cross.campaign',
    sql: `insert into red_cross.campaign (id, name, scope, recurrence, organiser_chapter_id)
      select pg_temp.seq_uuid(${TAG.campaign}, n), name, 'NATIONAL', recurrence, pg_temp.seq_uuid(${TAG.chapter}, 0)
        from (values (1, 'Tết Nhân ái', 'YEARLY'), (2, 'Tháng Nhân đạo', 'YEARLY'),
                     (3, 'Cứu trợ đồng bào bị ảnh hưởng bởi thiên tai', 'STANDING'), (4, 'Ngân hàng Bò – sinh kế cho hộ nghèo', 'STANDING')) v (n, name, recurrence)
      union all
      select pg_temp.seq_uuid(${TAG.campaign}, 100 + u.code::int), 'Tết vì người nghèo ' || pg_temp.lower_first(u.name), 'LOCAL', 'YEARLY',
             pg_temp.seq_uuid(${TAG.chapter}, u.code::int)
        from places.administrative_unit u where u.edition = 'BEFORE_2025' and u.level = 'PROVINCE'`,
  },
  {
    // Who records relief, and how much: a share per level, split by population, then by chance.
    label: 'temp rc_actor',
    sql: `create temp table rc_actor as
      with c as (
        select ch.id, ch.level, p.code as province_code, p.weight,
               count(*) over (partition by ch.level, p.code) as level_in_province,
               row_number() over (order by ch.id) as n
          from red_cross.chapter ch
          join red_cross.chapter pc on pc.id = ch.path[2]
          join pg_temp.prov p on p.unit_id = pc.unit_id
         where ch.level <> 'NATIONAL'
      ), w as (
        select c.*, (case c.level ${Object.entries(RELIEF_LEVEL_SHARE).map(([level, share]) => `when '${level}' then ${share}`).join(' ')} end)
                    -- One provincial chapter per province: its share follows the population alone.
                    * weight / level_in_province * (case when c.level = 'PROVINCE' then 1 else 0.3 + 1.4 * pg_temp.rnd(n, 31) end) as w
          from c
      )
      select w.id, w.n, w.level, w.province_code,
             floor(${scaled(NATIONAL.reliefActivities)} * w.w / sum(w.w) over () + pg_temp.rnd(w.n, 32))::int as activities
        from w cross join pg_temp.cfg`,
  },
  {
    label: 'red_cross.relief_activity',
    chunked: { table: 'pg_temp.rc_actor', key: 'n', count: 'activities', rowsPerChunk: 1_000_000 },
    sql: `insert into red_cross.relief_activity (id, chapter_id, campaign_id, kind, quantity, people_reached, value_vnd, occurred_on, note, created_at)
      with r as (
        select a.id as chapter_id, a.province_code, a.level, (a.n << 20) + g as k
          from pg_temp.rc_actor a cross join lateral generate_series(1, a.activities) g
         where a.n >= $1 and a.n < $2
      ), x as materialized (
        select r.*, pg_temp.rnd(k, 41) as u_kind, pg_temp.rnd(k, 42) as u1, pg_temp.rnd(k, 43) as u2, pg_temp.rnd(k, 44) as u3,
               pg_temp.rnd(k, 45) as u4, pg_temp.rnd(k, 46) as u5, pg_temp.rnd(k, 47) as u6
          from r
      ), y as materialized (
        select x.*, case
            when u_kind < 0.30 then 'GIFT_PACKAGES' when u_kind < 0.40 then 'FREE_MEALS'
            when u_kind < 0.55 then 'REGULAR_ASSISTANCE' when u_kind < 0.65 then 'EMERGENCY_ASSISTANCE'
            when u_kind < 0.70 then 'HUMANITARIAN_MARKET' when u_kind < 0.78 then 'LIVELIHOOD_SUPPORT'
            when u_kind < 0.93 then 'OTHER_SUPPORT' when u_kind < 0.96 then 'LIGHTING_WORKS'
            when u_kind < 0.98 then 'RED_CROSS_HOUSE_STARTED' else 'RED_CROSS_HOUSE_HANDED_OVER' end as kind
          from x
      ), z as materialized (
        select y.*,
               -- Tết gifts and the storm season cluster; everything else spreads over the years.
               least(cfg.today, case
                 when kind = 'GIFT_PACKAGES' and u1 < 0.6 then make_date(cfg.first_year + floor(u2 * cfg.years)::int, 1, 5) + floor(u3 * 40)::int
                 when kind = 'EMERGENCY_ASSISTANCE' and u1 < 0.6 then make_date(cfg.first_year + floor(u2 * cfg.years)::int, 9, 1) + floor(u3 * 91)::int
                 else cfg.start_on + floor(u3 * (cfg.today - cfg.start_on + 1))::int end) as occurred_on,
               -- Most distributions are small, a few are large: quantities are skewed by squaring.
               case kind
                 when 'GIFT_PACKAGES' then 5 + floor(195 * u4 * u4)::int
                 when 'FREE_MEALS' then 50 + floor(1950 * u4 * u4)::int
                 when 'REGULAR_ASSISTANCE' then 1 + floor(19 * u4 * u4)::int
                 when 'EMERGENCY_ASSISTANCE' then 1 + floor(49 * u4 * u4)::int
                 when 'LIVELIHOOD_SUPPORT' then 1 + floor(9 * u4 * u4)::int
                 when 'OTHER_SUPPORT' then 1 + floor(99 * u4 * u4)::int
                 when 'LIGHTING_WORKS' then 1 + floor(3 * u4)::int
                 else 1 end as quantity,
               case kind
                 when 'GIFT_PACKAGES' then (6 + floor(u5 * 15)) * 50000
                 when 'FREE_MEALS' then (25 + floor(u5 * 16)) * 1000
                 when 'REGULAR_ASSISTANCE' then (5 + floor(u5 * 16)) * 100000
                 when 'EMERGENCY_ASSISTANCE' then (10 + floor(u5 * 41)) * 100000
                 when 'HUMANITARIAN_MARKET' then (20 + floor(u5 * 181)) * 1000000
                 when 'LIVELIHOOD_SUPPORT' then (5 + floor(u5 * 16)) * 1000000
                 when 'OTHER_SUPPORT' then (1 + floor(u5 * 10)) * 100000
                 when 'LIGHTING_WORKS' then (20 + floor(u5 * 81)) * 1000000
                 else (40 + floor(u5 * 41)) * 1000000 end::bigint as unit_value
          from y cross join pg_temp.cfg
      )
      select pg_temp.seq_uuid(${TAG.relief}, k), chapter_id,
             case
               when kind = 'GIFT_PACKAGES' and extract(month from occurred_on) <= 2 then
                 case when u6 < 0.8 then pg_temp.seq_uuid(${TAG.campaign}, 1) else pg_temp.seq_uuid(${TAG.campaign}, 100 + province_code::int) end
               when extract(month from occurred_on) = 5 and u6 < 0.5 then pg_temp.seq_uuid(${TAG.campaign}, 2)
               when kind = 'EMERGENCY_ASSISTANCE' and u6 < 0.6 then pg_temp.seq_uuid(${TAG.campaign}, 3)
               when kind = 'LIVELIHOOD_SUPPORT' and u6 < 0.4 then pg_temp.seq_uuid(${TAG.campaign}, 4)
             end,
             kind, quantity,
             case kind
               when 'EMERGENCY_ASSISTANCE' then quantity * 3
               when 'LIVELIHOOD_SUPPORT' then quantity * 4
               when 'HUMANITARIAN_MARKET' then 100 + floor(900 * u4)::int
               when 'LIGHTING_WORKS' then 100 + floor(1900 * u4)::int
               when 'RED_CROSS_HOUSE_STARTED' then 3 + floor(4 * u4)::int
               when 'RED_CROSS_HOUSE_HANDED_OVER' then 3 + floor(4 * u4)::int
               else quantity end,
             quantity * unit_value, occurred_on,
             case when u1 > 0.8 then w.relief_notes[1 + floor(u2 * cardinality(w.relief_notes))::int] end,
             occurred_on + interval '8 hours' + floor(u5 * 36000) * interval '1 second'
        from z cross join pg_temp.words w
       order by chapter_id, occurred_on`,
  },
];

// ---------------------------------------------------------------------------------------------
// Elderly: associations by level, clubs, members, and the fund ledgers.
// ---------------------------------------------------------------------------------------------

/** The triggers that keep elderly.club_statistics_change, on the tables the generator fills in bulk. */
const ROLLUP_TRIGGERS = (action: 'disable' | 'enable') => ['elderly.club', 'elderly.club_member']
  .flatMap((table) => ['insert', 'update', 'delete'].map((event) => `alter table ${table} ${action} trigger club_statistics_${event};`))
  .join(' ');

const ASSOCIATION_COLUMNS = `insert into elderly.association (id, parent_id, level, name, name_folded, unit_id)`;

export const ELDERLY_STEPS: Step[] = [
  {
    label: 'elderly.association PROVINCE',
    sql: `${ASSOCIATION_COLUMNS}
      select pg_temp.seq_uuid(${TAG.association}, u.code::int), null, 'PROVINCE', n.name, pg_temp.fold(n.name), u.id
        from places.administrative_unit u
        cross join lateral (select 'Hội Người cao tuổi ' || pg_temp.lower_first(u.name) as name) n
       where u.edition = 'BEFORE_2025' and u.level = 'PROVINCE'
       order by u.code`,
  },
  {
    label: 'elderly.association DISTRICT',
    sql: `${ASSOCIATION_COLUMNS}
      select id, parent_id, 'DISTRICT', name, pg_temp.fold(name), unit_id from (
        select pg_temp.seq_uuid(${TAG.association}, 1000 + d.code::int) as id, pg_temp.seq_uuid(${TAG.association}, p.code::int) as parent_id, d.id as unit_id,
               ${UNIQUE_NAME(`('Hội Người cao tuổi ' || pg_temp.lower_first(d.name))`, 'd.parent_id', 'd.code')} as name
          from places.administrative_unit d join places.administrative_unit p on p.id = d.parent_id
         where d.edition = 'BEFORE_2025' and d.level = 'DISTRICT'
      ) x order by parent_id, id`,
  },
  {
    label: 'elderly.association COMMUNE',
    sql: `${ASSOCIATION_COLUMNS}
      select id, parent_id, 'COMMUNE', name, pg_temp.fold(name), unit_id from (
        select pg_temp.seq_uuid(${TAG.association}, 100000 + c.code::int) as id, pg_temp.seq_uuid(${TAG.association}, 1000 + d.code::int) as parent_id, c.id as unit_id,
               ${UNIQUE_NAME(`('Hội Người cao tuổi ' || pg_temp.lower_first(c.name))`, 'c.parent_id', 'c.code')} as name
          from places.administrative_unit c join places.administrative_unit d on d.id = c.parent_id
         cross join pg_temp.cfg
         where c.edition = 'BEFORE_2025' and c.level = 'COMMUNE' and pg_temp.rnd(c.code::bigint, 51) < least(1, cfg.scale)
      ) x order by parent_id, id`,
  },
  {
    // Clubs per commune association by population; founding years lean recent (the 2016–2025 schemes).
    label: 'temp el_club',
    sql: `create temp table el_club as
      with a as (
        select a.id, a.unit_id, u.name as commune_name, p.code as province_code, p.weight, p.minority, p.groups, p.poor, p.near_poor,
               row_number() over (order by a.id) as n, count(*) over (partition by p.code) as in_province
          from elderly.association a
          join places.administrative_unit u on u.id = a.unit_id
          join places.administrative_unit d on d.id = u.parent_id
          join pg_temp.prov p on p.unit_id = d.parent_id
         where a.level = 'COMMUNE'
      ), w as (select a.*, weight / in_province * (0.4 + 1.2 * pg_temp.rnd(n, 52)) as w from a),
      counted as (
        select w.*, floor(${scaled(NATIONAL.clubs)} * w.w / sum(w.w) over () + pg_temp.rnd(w.n, 53))::int as clubs from w cross join pg_temp.cfg
      ), clubs as (
        select c.*, k, (c.n << 8) + k as club_n, 0.4 + 1.2 * pg_temp.rnd((c.n << 8) + k, 54) as size_weight
          from counted c cross join lateral generate_series(1, least(255, c.clubs)) k
      )
      select pg_temp.seq_uuid(${TAG.club}, club_n) as id, club_n as n, clubs.id as association_id,
             'CLB Liên thế hệ tự giúp nhau ' || pg_temp.lower_first(commune_name) || case when k > 1 then ' số ' || k else '' end as name,
             case when pg_temp.rnd(club_n, 55) < 0.05 then null else unit_id end as unit_id,
             case when pg_temp.rnd(club_n, 56) < 0.03 then null
                  else date '2006-01-01' + floor(sqrt(pg_temp.rnd(club_n, 57)) * (cfg.today - date '2006-01-01'))::int end as founded_on,
             province_code, minority, groups, poor, near_poor,
             floor(${scaled(NATIONAL.members)} * size_weight / sum(size_weight) over () + pg_temp.rnd(club_n, 58))::int as members
        from clubs cross join pg_temp.cfg`,
  },
  {
    // The clubStatistics roll-up is filled once, from the finished tables, after the members:
    // cheaper than its triggers adding every chunk of a million members.
    label: 'elderly roll-up triggers off',
    sql: `do $$ begin ${ROLLUP_TRIGGERS('disable')} end $$`,
  },
  {
    label: 'elderly.club',
    sql: `insert into elderly.club (id, association_id, name, name_folded, unit_id, founded_on)
      select id, association_id, name, pg_temp.fold(name), unit_id, founded_on from pg_temp.el_club order by n`,
  },
  {
    label: 'elderly.club_member',
    chunked: { table: 'pg_temp.el_club', key: 'n', count: 'members', rowsPerChunk: 1_000_000 },
    sql: `insert into elderly.club_member (id, club_id, full_name, sex, birth_date, ethnic_group, poverty_status, board_role, joined_on, left_on)
      with m as (
        select c.id as club_id, c.n, c.members, c.minority, c.groups, c.poor, c.near_poor, i, (c.n << 12) + i as k,
               coalesce(c.founded_on, date '2015-01-01') as founded
          from pg_temp.el_club c cross join lateral generate_series(1, least(4095, c.members)) i
         where c.n >= $1 and c.n < $2
      ), x as materialized (
        select m.*, pg_temp.rnd(k, 61) < 0.6 as female, pg_temp.rnd(k, 62) as u_family, pg_temp.rnd(k, 63) as u_middle,
               pg_temp.rnd(k, 64) as u_given, pg_temp.rnd(k, 65) as u_age, pg_temp.rnd(k, 66) < m.minority as minority_member,
               pg_temp.rnd(k, 67) as u_group, pg_temp.rnd(k, 68) as u_poverty, pg_temp.rnd(k, 69) as u_join, pg_temp.rnd(k, 70) as u_left,
               pg_temp.rnd(k, 71) as u_young
          from m
      ), y as materialized (
        select x.*,
               case when minority_member and u_family < 0.5 then ${pick('w.minority_families', 'u_family * 2')} else ${pick('w.families', 'u_family')} end
                 || ' ' || case when female then ${pick('w.female_middle', 'u_middle')} else ${pick('w.male_middle', 'u_middle')} end
                 || ' ' || case when female then ${pick('w.female_given', 'u_given')} else ${pick('w.male_given', 'u_given')} end as full_name,
               -- An intergenerational club: seven in ten are 60 or older, the rest 35 to 59.
               case when u_young < 0.7 then 60 + 32 * power(u_age, 1.6) else 35 + 25 * u_age end as age,
               case when i <= greatest(3, x.members * 0.6) then x.founded else x.founded + floor(u_join * (cfg.today - x.founded))::int end as joined_on
          from x cross join pg_temp.words w cross join pg_temp.cfg
      )
      select pg_temp.seq_uuid(${TAG.member}, k), club_id, full_name, case when female then 'FEMALE' else 'MALE' end,
             greatest(date '1900-01-01', cfg.today - floor(age * 365.25)::int),
             case when minority_member then ${pick('groups', 'u_group * u_group')} else 'Kinh' end,
             case when u_poverty < poor then 'POOR' when u_poverty < poor + near_poor then 'NEAR_POOR' else 'NEITHER' end,
             case when i = 1 then 'HEAD' when i = 2 or (i = 3 and members > 40) then 'DEPUTY_HEAD' when i between 3 and 6 then 'BOARD_MEMBER' end,
             joined_on,
             case when i > 6 and u_left < 0.06 then joined_on + floor(u_left / 0.06 * (cfg.today - joined_on))::int end
        from y cross join pg_temp.cfg
       order by club_id, full_name`,
  },
  {
    label: 'elderly.club_statistics_change (rebuilt)',
    sql: `do $$ begin ${ROLLUP_TRIGGERS('enable')} perform elderly.rebuild_club_statistics(); analyze elderly.club_statistics_change; end $$`,
  },
  {
    // The ledger plan of each club: when it starts, how many loan slots it runs, its starting grant.
    label: 'temp el_ledger',
    sql: `create temp table el_ledger as
      with c as (
        select c.id, c.n, c.members, greatest(coalesce(c.founded_on, cfg.start_on), cfg.start_on) as opened_on, cfg.today
          from pg_temp.el_club c cross join pg_temp.cfg
      )
      select c.*, (date_trunc('month', opened_on) + interval '1 month')::date as first_month,
             ((extract(year from today) - extract(year from opened_on)) * 12 + extract(month from today) - extract(month from opened_on))::int - 1 as months,
             least(4, 1 + members / 20) as slots,
             -- Enough for every slot's largest loan at once: the cash never goes below zero.
             (least(4, 1 + members / 20) * 12 + floor(pg_temp.rnd(c.n, 81) * 10))::bigint * 1000000 as grant_vnd
        from c`,
  },
  {
    // The fund roll-up is filled once, from the finished ledger, like the clubStatistics one.
    label: 'elderly fund roll-up trigger off',
    sql: `alter table elderly.club_fund_entry disable trigger club_fund_rollup_insert`,
  },
  {
    label: 'elderly.club_fund_entry',
    chunked: { table: 'pg_temp.el_ledger', key: 'n', count: '(200 + 60 * slots)', rowsPerChunk: 1_000_000 },
    sql: `insert into elderly.club_fund_entry (id, club_id, kind, amount_vnd, occurred_on, note, borrower_ref, due_on, reverses_id)
      with l as (select * from pg_temp.el_ledger where n >= $1 and n < $2),
      months as (
        select l.id, l.n, l.members, l.slots, m, (l.first_month + m * interval '1 month')::date as month_start, l.today
          from l cross join lateral generate_series(0, l.months) m
      ),
      loans as (
        -- Slot s lends to one borrower at a time: a loan of T monthly instalments, the next loan the month after the last.
        select l.id, l.n, l.today, l.first_month, s, t, amount, c, (s - 1) + c * (t + 1) as month_index,
               c = floor((l.months - (s - 1)) / (t + 1)) as last_cycle,
               'Thành viên số ' || lpad((((s - 1) + c * l.slots) % greatest(l.members, 1) + 1)::text, 3, '0') as borrower
          from l
         cross join lateral generate_series(1, l.slots) s
         cross join lateral (select (array[6, 10, 12])[1 + ((l.n + s) % 3)::int] as t) tt
         cross join lateral (select (t * 500000 * (1 + floor(pg_temp.rnd((l.n << 4) + s, 82) * 2)))::bigint as amount) aa
         cross join lateral generate_series(0, greatest(-1, floor((l.months - (s - 1)) / (t + 1))::int)) c
      ),
      entries as (
        select l.id, l.n, l.opened_on as occurred_on, 0.0 as ord, 'STARTING_GRANT' as kind, l.grant_vnd as amount,
               case when l.opened_on > (select start_on from pg_temp.cfg) then 'Vốn ban đầu do UBND xã và các nhà hảo tâm hỗ trợ'
                    else 'Số dư quỹ chuyển sang đầu kỳ' end as note,
               null::text as borrower_ref, null::date as due_on
          from l
        union all
        select id, n, month_start + 9, 1.0, 'MEMBER_CONTRIBUTION', (members * (10 + floor(pg_temp.rnd((n << 12) + m, 83) * 11)))::bigint * 1000,
               'Thành viên đóng góp tháng ' || to_char(month_start, 'MM/YYYY'), null, null
          from months
        union all
        -- A duplicated contribution, now and then, and its reversal the same day.
        select id, n, month_start + 9, 1.1, 'MEMBER_CONTRIBUTION', (members * (10 + floor(pg_temp.rnd((n << 12) + m, 83) * 11)))::bigint * 1000,
               'Thành viên đóng góp tháng ' || to_char(month_start, 'MM/YYYY') || ' (ghi trùng)', null, null
          from months where pg_temp.rnd((n << 12) + m, 84) < 0.004
        union all
        select id, n, month_start + 9, 1.2, 'REVERSAL', (members * (10 + floor(pg_temp.rnd((n << 12) + m, 83) * 11)))::bigint * 1000,
               'Đảo bút toán ghi trùng khoản đóng góp', null, null
          from months where pg_temp.rnd((n << 12) + m, 84) < 0.004
        union all
        select id, n, month_start + 14, 2.0, 'SOCIETY_RAISED', (2 + floor(pg_temp.rnd((n << 12) + m, 85) * 19))::bigint * 1000000,
               'Vận động tổ chức, cá nhân hảo tâm ủng hộ', null, null
          from months where extract(month from month_start) in (1, 7) and pg_temp.rnd((n << 12) + m, 86) < 0.5
        union all
        select id, n, month_start + 27, 4.0, 'INTEREST', (slots * (100 + floor(pg_temp.rnd((n << 12) + m, 87) * 400)))::bigint * 1000,
               'Lãi vốn vay quý ' || extract(quarter from month_start) || '/' || extract(year from month_start), null, null
          from months where m > 0 and extract(month from month_start) in (3, 6, 9, 12)
        union all
        select id, n, month_start + 27, 5.0, 'FEE', (2 + floor(pg_temp.rnd((n << 12) + m, 88) * 9))::bigint * 100000,
               'Phí quản lý vốn năm ' || extract(year from month_start), null, null
          from months where extract(month from month_start) = 12
        union all
        select id, n, (first_month + month_index * interval '1 month')::date + 4, 6.0, 'LOAN_DISBURSED', amount,
               'Cho vay vốn quay vòng ' || t || ' tháng', borrower,
               (first_month + (month_index + t) * interval '1 month')::date + 4
          from loans
        union all
        -- Instalments on the 25th; one last loan in eight stops two instalments short (overdue once due).
        select id, n, (first_month + (month_index + j) * interval '1 month')::date + 24, 3.0, 'REPAYMENT', amount / t,
               'Trả nợ gốc kỳ ' || j || '/' || t, borrower, null
          from loans cross join lateral generate_series(1, t) j
         where not (last_cycle and j > t - 2 and pg_temp.rnd((n << 8) + s * 16 + c, 89) < 0.125)
      ),
      numbered as (
        select e.*, row_number() over (partition by e.n order by e.occurred_on, e.ord) as idx
          from entries e cross join pg_temp.cfg
         where e.occurred_on <= cfg.today
      )
      select pg_temp.seq_uuid(${TAG.fund}, (n << 11) + idx), id, kind, amount, occurred_on, note, borrower_ref, due_on,
             case when kind = 'REVERSAL' then pg_temp.seq_uuid(${TAG.fund}, (n << 11) + idx - 1) end
        from numbered
       order by n, idx`,
  },
  {
    label: 'elderly.club_fund_month (rebuilt)',
    // Its per-association roll-up's insert and truncate triggers are off meanwhile: one rebuild
    // afterwards, a plain insert, rather than a delete and an upsert of every club row through them.
    sql: `do $$ begin alter table elderly.club_fund_entry enable trigger club_fund_rollup_insert;
      alter table elderly.club_fund_month disable trigger association_fund_rollup_insert;
      alter table elderly.club_fund_month disable trigger association_fund_rollup_truncate;
      perform elderly.rebuild_club_fund_rollup(); analyze elderly.club_fund_month;
      alter table elderly.club_fund_month enable trigger association_fund_rollup_insert;
      alter table elderly.club_fund_month enable trigger association_fund_rollup_truncate; end $$`,
  },
  {
    label: 'elderly.association_fund_month (rebuilt)',
    sql: `do $$ begin perform elderly.rebuild_association_fund_rollup(); analyze elderly.association_fund_month; end $$`,
  },
];

// ---------------------------------------------------------------------------------------------
// Emulation: one bloc per province and year (today's provinces from 2026), regional clusters.
// ---------------------------------------------------------------------------------------------

export const EMULATION_STEPS: Step[] = [
  {
    label: 'emulation.external_organisation',
    sql: `insert into emulation.external_organisation (id, name, unit_id)
      select pg_temp.seq_uuid(${TAG.external}, (u.code::int << 4) + i), w.externals[i] || ' ' || pg_temp.lower_first(u.name), u.id
        from places.administrative_unit u cross join pg_temp.words w
       cross join lateral generate_series(1, cardinality(w.externals)) i
       where u.edition = 'BEFORE_2025' and u.level = 'PROVINCE'
       order by 1`,
  },
  {
    // A bloc's old provinces: itself before the reform, its predecessors from 2026.
    label: 'temp em_bloc',
    sql: `create temp table em_bloc as
      select y as year, u.id as unit_id, u.name, pg_temp.seq_uuid(${TAG.cluster}, y * 1000 + u.code::int) as id, array[u.code] as old_codes
        from pg_temp.cfg cross join generate_series(cfg.first_year, least(cfg.last_year, 2025)) y
        join places.administrative_unit u on u.edition = 'BEFORE_2025' and u.level = 'PROVINCE'
      union all
      select y, u.id, u.name, pg_temp.seq_uuid(${TAG.cluster}, y * 1000 + 500 + u.code::int),
             (select array_agg(old.code order by old.code) from places.unit_succession s join places.administrative_unit old on old.id = s.predecessor_id
               where s.successor_id = u.id and old.level = 'PROVINCE')
        from pg_temp.cfg cross join generate_series(greatest(cfg.first_year, 2026), cfg.last_year) y
        join places.administrative_unit u on u.edition = 'CURRENT' and u.level = 'PROVINCE'`,
  },
  {
    label: 'emulation.cluster (provincial blocs)',
    sql: `insert into emulation.cluster (id, name, kind, year, unit_id, reported_member_count)
      select id, 'Khối thi đua các hội đặc thù ' || pg_temp.lower_first(name), 'ASSOCIATIONS_OF_ONE_PROVINCE', year, unit_id,
             cardinality(old_codes) * (2 + (select cardinality(externals) from pg_temp.words))
        from pg_temp.em_bloc order by year, id`,
  },
  {
    label: 'emulation.cluster_member (provincial blocs)',
    sql: `insert into emulation.cluster_member (id, cluster_id, position, chapter_id, elderly_association_id, external_organisation_id)
      select pg_temp.seq_uuid(${TAG.clusterMember}, (row_number() over (order by b.id, m.position))), b.id,
             row_number() over (partition by b.id order by m.position), m.chapter_id, m.association_id, m.external_id
        from pg_temp.em_bloc b
       cross join lateral (
         select o.ord * 100 as position, pg_temp.seq_uuid(${TAG.chapter}, o.code::int) as chapter_id, null::uuid as association_id, null::uuid as external_id
           from unnest(b.old_codes) with ordinality o (code, ord)
         union all
         select o.ord * 100 + 1, null, pg_temp.seq_uuid(${TAG.association}, o.code::int), null from unnest(b.old_codes) with ordinality o (code, ord)
         union all
         select o.ord * 100 + 1 + i, null, null, pg_temp.seq_uuid(${TAG.external}, (o.code::int << 4) + i)
           from unnest(b.old_codes) with ordinality o (code, ord)
          cross join generate_series(1, (select cardinality(externals) from pg_temp.words)) i
       ) m`,
  },
  {
    label: 'temp em_region',
    sql: `create temp table em_region as
      select y as year, r.n, r.name, r.codes, a.association, pg_temp.seq_uuid(${TAG.cluster}, y * 1000 + 900 + r.n * 2 + a.association::int) as id
        from pg_temp.cfg cross join generate_series(cfg.first_year, cfg.last_year) y
       cross join jsonb_to_recordset($1::jsonb) as r (n int, name text, codes text[])
       cross join (values (false), (true)) a (association)`,
  },
  {
    label: 'emulation.cluster (regional)',
    sql: `insert into emulation.cluster (id, name, kind, year, unit_id, reported_member_count)
      select id, case when association then 'Cụm thi đua Hội Người cao tuổi ' else 'Cụm thi đua Hội Chữ thập đỏ ' end
                 || case when name like 'thành phố%' then 'các ' else 'các tỉnh ' end || name,
             'SAME_ASSOCIATION_ACROSS_PROVINCES', year, null, cardinality(codes)
        from pg_temp.em_region order by year, id`,
  },
  {
    label: 'emulation.cluster_member (regional)',
    sql: `insert into emulation.cluster_member (id, cluster_id, position, chapter_id, elderly_association_id, external_organisation_id)
      select pg_temp.seq_uuid(${TAG.clusterMember}, 10000000 + row_number() over (order by r.id, o.ord)), r.id, o.ord,
             case when not r.association then pg_temp.seq_uuid(${TAG.chapter}, o.code::int) end,
             case when r.association then pg_temp.seq_uuid(${TAG.association}, o.code::int) end, null
        from pg_temp.em_region r cross join lateral unnest(r.codes) with ordinality o (code, ord)`,
  },
];

/** Every table the generator fills, in the order its row counts are printed. */
export const FILLED_TABLES = [
  'red_cross.chapter',
  'red_cross.membership_report',
  'red_cross.campaign',
  'red_cross.relief_activity',
  'red_cross.period_report',
  'red_cross.period_report_snapshot',
  'red_cross.report_completeness_rollup',
  'elderly.association',
  'elderly.club',
  'elderly.club_member',
  'elderly.club_fund_entry',
  'elderly.period_report',
  'elderly.period_report_snapshot',
  'emulation.external_organisation',
  'emulation.cluster',
  'emulation.cluster_member',
];

/** Loaded by the places migration, counted for the record. */
export const REFERENCE_TABLES = ['places.administrative_unit', 'places.unit_succession'];
