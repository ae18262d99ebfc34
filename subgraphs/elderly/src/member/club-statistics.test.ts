import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import { graphql, subgraphUrl, tokenFor } from '../../../../test/graphql.ts';
import { foldVietnamese } from '@hoi/common/text';
import { ELDERLY_TOTALS_SQL } from '../cluster-totals/cluster-totals.loaders.ts';
import { SCALE_CHECKS } from '../../../../scripts/scale/checks.ts';
import { SCOPES } from '../fund/club-fund.sql.ts';
import { ClubGrouping } from './club-member.type.ts';
import { clubStatisticsPlainSql, clubStatisticsSql } from './club-statistics.sql.ts';

/**
 * clubStatistics reads a roll-up kept by triggers (see the migration
 * Migration20261124000000_club_statistics_rollup). Its answer must be exactly the plain
 * statement's, over the base tables, for every association and the whole country, period end and
 * grouping, before and after members, clubs and associations change. The totals and the
 * CURRENT_PROVINCE grouping read the PROVINCE grain, COMMUNE and OLD_DISTRICT the UNIT grain.
 */

const GROUPINGS = [null, ClubGrouping.COMMUNE, ClubGrouping.OLD_DISTRICT, ClubGrouping.CURRENT_PROVINCE];
// Month, quarter, half-year and year ends; before any data; a leap February; far in the future.
const PERIOD_ENDS = ['1945-12-31', '2014-12-31', '2016-03-31', '2017-06-30', '2018-09-30', '2019-12-31', '2020-02-29', '2021-01-31',
  '2022-06-30', '2024-12-31', '2026-03-31', '2100-12-31'];
const FOUNDED_SINCE = [null, '2017-02-15'];

const positional = (statement: string) => {
  let index = 0;
  return statement.replace(/\?/g, () => `$${++index}`);
};

/** A small deterministic random source (a linear congruential generator). */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return {
    next,
    pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)],
    day: (from: string, to: string) => {
      const start = Date.parse(`${from}T00:00:00Z`);
      const days = Math.round((Date.parse(`${to}T00:00:00Z`) - start) / 86_400_000);
      return new Date(start + Math.floor(next() * (days + 1)) * 86_400_000).toISOString().slice(0, 10);
    },
  };
}
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface Member {
  club_id: string;
  birth_date: string;
  ethnic_group: string;
  poverty_status: string;
  board_role: string | null;
  joined_on: string;
  left_on: string | null;
}

async function insertMembers(client: pg.Client, members: Member[]) {
  const rows = members.map((member, index) => ({ id: randomUUID(), full_name: `Thành viên số ${index + 1}`, sex: index % 3 ? 'FEMALE' : 'MALE', ...member }));
  // One statement: the roll-up's statement trigger sees them all at once.
  await client.query(
    `insert into elderly.club_member (id, club_id, full_name, sex, birth_date, ethnic_group, poverty_status, board_role, joined_on, left_on)
     select id, club_id, full_name, sex, birth_date, ethnic_group, poverty_status, board_role, joined_on, left_on
       from jsonb_populate_recordset(null::elderly.club_member, $1::jsonb)`,
    [JSON.stringify(rows)],
  );
}

let associations: Record<string, string>;
let clubs: Record<string, string>;

async function compareEverywhere(client: pg.Client, label: string) {
  let compared = 0;
  for (const [name, associationId] of Object.entries(associations)) {
    for (const periodEnd of PERIOD_ENDS) {
      for (const groupBy of GROUPINGS) {
        for (const foundedSince of FOUNDED_SINCE) {
          const params = [associationId, periodEnd, foundedSince];
          const plain = (await client.query(positional(clubStatisticsPlainSql(groupBy)), params)).rows;
          const rolledUp = (await client.query(positional(clubStatisticsSql(groupBy)), params)).rows;
          expect(rolledUp, `${label}: ${name} ${periodEnd} ${groupBy} ${foundedSince}`).toEqual(plain);
          compared++;
        }
      }
    }
  }
  return compared;
}

/**
 * The whole country (no association: every root's subtree) as the plain statement over every root
 * gives it. Other test files add associations, clubs and members meanwhile: both statements run
 * in one REPEATABLE READ transaction, on one snapshot.
 */
async function compareNationally(client: pg.Client, label: string) {
  let compared = 0;
  await client.query('begin isolation level repeatable read');
  try {
    for (const periodEnd of PERIOD_ENDS) {
      for (const groupBy of GROUPINGS) {
        for (const foundedSince of FOUNDED_SINCE) {
          const params = [null, periodEnd, foundedSince];
          const plain = (await client.query(positional(clubStatisticsPlainSql(groupBy)), params)).rows;
          const rolledUp = (await client.query(positional(clubStatisticsSql(groupBy)), params)).rows;
          expect(rolledUp, `${label}: national ${periodEnd} ${groupBy} ${foundedSince}`).toEqual(plain);
          compared++;
        }
      }
    }
    // Our two roots are in it: the country has at least their clubs.
    const ours = (await client.query(positional(clubStatisticsPlainSql(null)), [associations.P, '2100-12-31', null])).rows[0].clubs
      + (await client.query(positional(clubStatisticsPlainSql(null)), [associations.Q, '2100-12-31', null])).rows[0].clubs;
    const national = (await client.query(positional(clubStatisticsSql(null)), [null, '2100-12-31', null])).rows[0].clubs;
    expect(national).toBeGreaterThanOrEqual(ours);
  } finally {
    await client.query('commit');
  }
  return compared;
}

/**
 * The scale checks of the roll-up (scripts/scale/checks.ts), on one snapshot: every provincial
 * association's PROVINCE rows are its UNIT rows summed per province, and both grains sum to its
 * subtree's clubs and current members.
 */
async function expectScaleChecksOfRollup(client: pg.Client) {
  await client.query('begin isolation level repeatable read');
  try {
    for (const name of ['clubStatisticsRollupMismatch', 'clubStatisticsProvinceGrainMismatch']) {
      const { rows } = await client.query(`select (${SCALE_CHECKS[name].trim()}) as n from (select date '2013-01-01' as start_on, date '2100-12-31' as today) p`);
      expect(Number(rows[0].n), name).toBe(0);
    }
  } finally {
    await client.query('commit');
  }
}

/**
 * A cluster's clubs and members (elderlyTotals) from the roll-up equal the distinct clubs of its
 * member associations' subtrees and their members, counted on the base tables: nested, disjoint,
 * repeated and unknown members.
 */
async function compareClusterTotals(client: pg.Client, label: string) {
  const { P, D1, D2, C1, C3, Q } = associations;
  const clusters: Record<string, string[]> = { nested: [P, D1, C3], disjoint: [D1, D2], repeated: [Q, C1, C1], unknown: [randomUUID()], alone: [C3] };
  const pairs = JSON.stringify(Object.entries(clusters).flatMap(([cluster, ids]) => ids.map((id) => ({ cluster_id: cluster, association_id: id }))));
  const plain = `with recursive ${SCOPES.clusterMembers.ctes.replace('?', () => '$1')}
    select scope.root_id as "clusterId", count(distinct c.id)::int as clubs, count(m.id)::int as members
      from scope
      join elderly.club c on c.id = scope.club_id and (c.founded_on is null or c.founded_on <= $2::date)
      left join elderly.club_member m on m.club_id = c.id and m.joined_on <= $2::date and (m.left_on is null or m.left_on > $2::date)
     group by scope.root_id`;
  for (const periodEnd of PERIOD_ENDS) {
    const expected = Object.fromEntries(Object.keys(clusters).map((cluster) => [cluster, { clubs: 0, members: 0 }]));
    for (const row of (await client.query(plain, [pairs, periodEnd])).rows) expected[row.clusterId] = { clubs: row.clubs, members: row.members };
    const totals = (await client.query(positional(ELDERLY_TOTALS_SQL), [pairs, periodEnd])).rows;
    expect(Object.fromEntries(totals.map((row) => [row.clusterId, { clubs: row.clubs, members: row.members }])), `${label}: ${periodEnd}`).toEqual(expected);
  }
}

/** The roll-up rows of our associations equal a rebuild of them from the base tables (all-zero rows aside). */
async function expectRollupAsRebuilt(client: pg.Client) {
  const ids = Object.values(associations);
  const read = async () => (await client.query(
    `select association_id, grain, resolution, to_char(period_start, 'YYYY-MM-DD') as period_start, unit_id, clubs, members, board_members, ethnic_minority, over55, poor, near_poor
       from elderly.club_statistics_change
      where association_id = any ($1::uuid[]) and (clubs, members, board_members, ethnic_minority, over55, poor, near_poor) <> (0, 0, 0, 0, 0, 0, 0)
      order by 1, 2, 3, 4, 5`, [ids])).rows;
  const kept = await read();
  await client.query(`select elderly.rebuild_club_statistics($1::uuid[])`, [ids]);
  expect(kept).toEqual(await read());
  return kept.length;
}

// Each test compares the roll-up with the plain statement over every association, period end and
// grouping: tens of seconds of SQL when both cores are busy with other test files.
describe('clubStatistics from the roll-up: exactly the plain statement', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    ({ associations, clubs } = await withDatabase(async (client) => {
      const unit = async (query: string) => String((await client.query(query)).rows[0].id);
      const communesOf = async (district: string) =>
        (await client.query(`select id from places.administrative_unit where parent_id = $1 order by id limit 2`, [district])).rows.map((row) => String(row.id));
      const [c105a, c105b] = await communesOf('BEFORE_2025:105');
      const [c106a] = await communesOf('BEFORE_2025:106');
      const bacGiangCommune = await unit(`select c.id from places.administrative_unit c join places.administrative_unit d on d.id = c.parent_id
                                          where d.parent_id = 'BEFORE_2025:24' order by c.id limit 1`);
      const currentCommune = await unit(`select id from places.administrative_unit where edition = 'CURRENT' and level = 'COMMUNE' order by id limit 1`);

      const associations: Record<string, string> = {};
      const association = async (name: string, level: string, unitId: string | null, parent: string | null) => {
        associations[name] = randomUUID();
        const fullName = `Hội NCT thử cuộn ${name}`;
        await client.query(`insert into elderly.association (id, parent_id, level, name, name_folded, unit_id) values ($1, $2, $3, $4, $5, $6)`,
          [associations[name], parent ? associations[parent] : null, level, fullName, foldVietnamese(fullName), unitId]);
      };
      await association('P', 'PROVINCE', 'BEFORE_2025:12', null);
      await association('D1', 'DISTRICT', 'BEFORE_2025:105', 'P');
      await association('D2', 'DISTRICT', null, 'P');
      await association('C1', 'COMMUNE', c105a, 'D1');
      await association('C2', 'COMMUNE', null, 'D1');
      await association('C3', 'COMMUNE', c106a, 'D2');
      await association('Q', 'PROVINCE', 'BEFORE_2025:24', null);

      const clubs: Record<string, string> = {};
      const clubRows: [string, string, string | null, string | null][] = [
        ['k1', 'C1', null, '2016-03-10'],
        ['k2', 'C1', c105b, null],
        ['k3', 'C2', null, '2018-07-01'],
        ['k4', 'C2', currentCommune, '2019-12-31'],
        ['k5', 'D1', 'BEFORE_2025:107', '2015-01-01'],
        ['k6', 'D2', null, '2021-05-20'],
        ['k7', 'C3', null, '2030-01-01'],
        ['k8', 'C3', bacGiangCommune, '2017-02-28'],
        ['k9', 'P', null, '2020-01-15'],
        ['k10', 'C3', 'BEFORE_2025:99999', '2016-06-06'],
        ['k11', 'Q', null, '2016-01-01'],
        ['k12', 'D1', null, '2017-05-05'],
      ];
      for (const [name, owner, unitId, foundedOn] of clubRows) {
        clubs[name] = randomUUID();
        const fullName = `CLB thử cuộn ${name}`;
        await client.query(`insert into elderly.club (id, association_id, name, name_folded, unit_id, founded_on) values ($1, $2, $3, $4, $5, $6)`,
          [clubs[name], associations[owner], fullName, foldVietnamese(fullName), unitId, foundedOn]);
      }

      const rnd = random(20261124);
      const members: Member[] = [];
      for (const name of Object.keys(clubs).filter((name) => name !== 'k12')) {
        for (let i = 0; i < 18; i++) {
          const joined = rnd.day('2013-06-01', '2026-06-30');
          const leaves = rnd.next() < 0.35;
          members.push({
            club_id: clubs[name],
            birth_date: rnd.day('1948-01-01', '1972-12-31'),
            ethnic_group: rnd.pick(['Kinh', 'Kinh', 'Thái', 'Mông']),
            poverty_status: rnd.pick(['POOR', 'NEAR_POOR', 'NEITHER', 'NEITHER']),
            board_role: i === 0 ? 'HEAD' : rnd.pick([null, null, null, 'DEPUTY_HEAD', 'BOARD_MEMBER']),
            joined_on: joined,
            left_on: i > 0 && leaves ? addDays(joined, Math.floor(rnd.next() * rnd.pick([20, 400, 3000]))) : null,
          });
        }
      }
      // The edges: leaving in the month of joining, the month after, before the club's founding;
      // turning 56 on a leap day, on a month's last day, in the month of joining or of leaving.
      const edge = (overrides: Partial<Member>): Member => ({
        club_id: clubs.k1, birth_date: '1960-06-15', ethnic_group: 'Thái', poverty_status: 'POOR', board_role: null,
        joined_on: '2018-05-10', left_on: null, ...overrides,
      });
      members.push(
        edge({ joined_on: '2018-05-01', left_on: '2018-05-31' }),
        edge({ joined_on: '2018-05-31', left_on: '2018-06-01' }),
        edge({ club_id: clubs.k3, joined_on: '2017-01-01', left_on: '2018-06-30' }),
        edge({ club_id: clubs.k3, joined_on: '2017-01-01', left_on: '2018-07-01' }),
        edge({ club_id: clubs.k3, joined_on: '2017-01-01', left_on: '2018-08-01' }),
        edge({ birth_date: '1964-02-29', joined_on: '2019-11-11' }),
        edge({ birth_date: '1964-01-31', joined_on: '2019-11-11', left_on: '2020-01-31' }),
        edge({ birth_date: '1964-02-01', joined_on: '2019-11-11', left_on: '2020-02-29' }),
        edge({ birth_date: '1964-02-01', joined_on: '2019-11-11', left_on: '2020-03-01' }),
        edge({ birth_date: '1962-08-20', joined_on: '2018-08-02', board_role: 'BOARD_MEMBER', poverty_status: 'NEAR_POOR' }),
        edge({ club_id: clubs.k4, birth_date: '1963-12-31', joined_on: '2019-12-31', left_on: '2019-12-31' }),
        edge({ club_id: clubs.k7, birth_date: '1980-01-01', joined_on: '2020-01-01' }),
      );
      await insertMembers(client, members);
      return { associations, clubs };
    }));
  });

  it('answers as the plain statement for every association, period end, grouping and founding date', async () => {
    const compared = await withDatabase((client) => compareEverywhere(client, 'as loaded'));
    expect(compared).toBe(7 * PERIOD_ENDS.length * GROUPINGS.length * FOUNDED_SINCE.length);
    expect(await withDatabase(expectRollupAsRebuilt)).toBeGreaterThan(100);
  });

  it('answers for the whole country as the plain statement over every root association', async () => {
    const compared = await withDatabase((client) => compareNationally(client, 'as loaded'));
    expect(compared).toBe(PERIOD_ENDS.length * GROUPINGS.length * FOUNDED_SINCE.length);
  });

  it('keeps a few rows per province in the PROVINCE grain, both grains summing to the same figures', async () => {
    await withDatabase(async (client) => {
      const { rows } = await client.query(
        `select grain, count(*)::int as n, count(distinct unit_id)::int as places, sum(clubs)::int as clubs, sum(members)::int as members,
                sum(over55)::int as over55, sum(poor)::int as poor
           from elderly.club_statistics_change where association_id = $1 group by grain order by grain`, [associations.P]);
      const [province, unit] = rows;
      expect([province.grain, unit.grain]).toEqual(['PROVINCE', 'UNIT']);
      expect({ ...province, grain: null, n: null, places: null }).toEqual({ ...unit, grain: null, n: null, places: null });
      expect(province.places).toBeLessThan(unit.places);
      // Lai Châu, Bắc Ninh's predecessor Bắc Giang, the current edition's first province (the unknown is null).
      expect(province.places).toBeLessThanOrEqual(3);
      await expectScaleChecksOfRollup(client);
    });
  });

  it('gives a cluster\'s clubs and members (elderlyTotals) as the base tables do', async () => {
    await withDatabase((client) => compareClusterTotals(client, 'as loaded'));
  });

  it('answers the API from the roll-up with the plain statement\'s figures', async () => {
    const result = await graphql<{ clubStatistics: { total: Record<string, unknown>; rows: Record<string, any>[] } }>(subgraphUrl('elderly'), `
      query ($id: ID!) { clubStatistics(associationId: $id, period: { type: QUARTER, year: 2020, index: 1 }, groupBy: CURRENT_PROVINCE, foundedSince: "2017-02-15") {
        total { clubs clubsFoundedSince members boardMembers ethnicMinorityMembers membersOver55 over55Share { basisPoints percent } poorMembers nearPoorMembers }
        rows { unit { id } clubs members membersOver55 } } }`, { id: associations.P });
    expect(result.errors).toBeUndefined();
    const plain = await withDatabase(async (client) =>
      (await client.query(positional(clubStatisticsPlainSql(ClubGrouping.CURRENT_PROVINCE)), [associations.P, '2020-03-31', '2017-02-15'])).rows);
    const total = plain.find((row) => row.isTotal)!;
    expect(result.data!.clubStatistics.total).toEqual({
      clubs: total.clubs, clubsFoundedSince: total.clubsFoundedSince, members: total.members, boardMembers: total.boardMembers,
      ethnicMinorityMembers: total.ethnicMinorityMembers, membersOver55: total.membersOver55,
      over55Share: { basisPoints: total.over55BasisPoints, percent: total.over55Percent }, poorMembers: total.poorMembers, nearPoorMembers: total.nearPoorMembers,
    });
    expect(result.data!.clubStatistics.rows).toEqual(plain.filter((row) => !row.isTotal).map((row) => ({
      unit: row.unitId ? { id: row.unitId } : null, clubs: row.clubs, members: row.members, membersOver55: row.membersOver55,
    })));
    // Three provinces today (Lai Châu, Bắc Ninh for the Bắc Giang commune, the current edition's first) and the unknown unit.
    expect(result.data!.clubStatistics.rows.length).toBeGreaterThanOrEqual(3);
  });

  it('answers the whole country (no associationId) to national administrators and analysts only', async () => {
    const query = `query ($id: ID) { clubStatistics(associationId: $id, period: { type: YEAR, year: 2024 }, groupBy: CURRENT_PROVINCE, foundedSince: "2017-02-15") {
      total { clubs clubsFoundedSince members membersOver55 poorMembers } rows { unit { id } clubs members } } }`;
    for (const role of ['national_admin', 'analyst'] as const) {
      const token = await tokenFor({ role });
      // Writers of other test files wait while we hold the base tables still: the API and the
      // plain statement then read the same data.
      await withDatabase(async (client) => {
        await client.query('begin');
        try {
          await client.query('lock table elderly.association, elderly.club, elderly.club_member in share mode');
          const result = await graphql<{ clubStatistics: { total: Record<string, unknown>; rows: Record<string, any>[] } }>(
            subgraphUrl('elderly'), query, { id: null }, undefined, { token });
          expect(result.errors, role).toBeUndefined();
          const plain = (await client.query(positional(clubStatisticsPlainSql(ClubGrouping.CURRENT_PROVINCE)), [null, '2024-12-31', '2017-02-15'])).rows;
          const total = plain.find((row) => row.isTotal)!;
          expect(result.data!.clubStatistics.total, role).toEqual({
            clubs: total.clubs, clubsFoundedSince: total.clubsFoundedSince, members: total.members, membersOver55: total.membersOver55, poorMembers: total.poorMembers,
          });
          expect(result.data!.clubStatistics.rows, role).toEqual(plain.filter((row) => !row.isTotal).map((row) => ({
            unit: row.unitId ? { id: row.unitId } : null, clubs: row.clubs, members: row.members,
          })));
        } finally {
          await client.query('commit');
        }
      });
    }
    // Omitted is the same as null.
    const omitted = await graphql<{ clubStatistics: { total: { clubs: number } } }>(subgraphUrl('elderly'),
      `{ clubStatistics(period: { type: YEAR, year: 2024 }) { total { clubs } } }`);
    expect(omitted.errors).toBeUndefined();
    expect(omitted.data!.clubStatistics.total.clubs).toBeGreaterThan(0);

    const refused: [string, Record<string, unknown> | null][] = [
      ['no token', null],
      ['an officer of a province', { role: 'association_officer', scope: [associations.P] }],
      ['an officer of every province here', { role: 'association_officer', scope: [associations.P, associations.Q] }],
      ['a club manager', { role: 'club_manager', scope: [clubs.k1] }],
      ['a Red Cross officer', { role: 'chapter_officer', scope: [randomUUID()] }],
      ['a cluster secretary', { role: 'cluster_secretary', scope: [randomUUID()] }],
      ['the elderly subgraph\'s partner', { role: 'partner', subgraph: 'elderly' }],
    ];
    for (const [caller, claims] of refused) {
      const token = claims ? await tokenFor(claims as Parameters<typeof tokenFor>[0]) : null;
      const result = await graphql(subgraphUrl('elderly'), query, { id: null }, undefined, { token });
      expect(result.data?.clubStatistics ?? null, caller).toBeNull();
      expect(result.errors?.map((error) => error.extensions), caller).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: 'associationId' })]);
      // An association's figures stay public.
      const own = await graphql(subgraphUrl('elderly'), query, { id: associations.P }, undefined, { token });
      expect(own.errors, caller).toBeUndefined();
    }
    // A named association must exist, as before.
    const unknown = await graphql(subgraphUrl('elderly'), query, { id: randomUUID() });
    expect(unknown.errors?.map((error) => error.extensions)).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: 'associationId' })]);
  });

  it('stays exact as members, clubs and associations change', async () => {
    await withDatabase(async (client) => {
      const some = async (query: string, params: unknown[] = []) => (await client.query(query, params)).rowCount;
      const ofClubs = (...names: string[]) => names.map((name) => clubs[name]);
      // Members: leave (again), come back, change poverty, birth date, ethnic group and board seat, move club.
      await some(`update elderly.club_member set left_on = joined_on + 45 where club_id = any ($1::uuid[]) and left_on is null and board_role is null`, [ofClubs('k1', 'k8')]);
      await some(`update elderly.club_member set left_on = null where club_id = $1 and left_on is not null`, [clubs.k2]);
      await some(`update elderly.club_member set poverty_status = case poverty_status when 'POOR' then 'NEITHER' when 'NEITHER' then 'NEAR_POOR' else 'POOR' end
                   where club_id = any ($1::uuid[])`, [ofClubs('k3', 'k5', 'k9')]);
      await some(`update elderly.club_member set birth_date = birth_date - 1500 where club_id = any ($1::uuid[]) and joined_on > birth_date + 3000`, [ofClubs('k4', 'k6', 'k10')]);
      await some(`update elderly.club_member set ethnic_group = case when ethnic_group = 'Kinh' then 'Tày' else 'Kinh' end, board_role = null
                   where club_id = $1 and board_role is distinct from 'HEAD'`, [clubs.k5]);
      await some(`update elderly.club_member set club_id = $2 where club_id = $1 and board_role is distinct from 'HEAD'`, [clubs.k6, clubs.k11]);
      await some(`update elderly.club_member set full_name = full_name || ' (sửa tên)' where club_id = $1`, [clubs.k9]);
      await some(`delete from elderly.club_member where id in (select id from elderly.club_member where club_id = $1 order by joined_on limit 5)`, [clubs.k10]);
      // Clubs: refound, lose and gain a unit, move to another association (out of the tree, and back in elsewhere), delete an empty one.
      await some(`update elderly.club set founded_on = '2019-04-01' where id = $1`, [clubs.k2]);
      await some(`update elderly.club set founded_on = null where id = $1`, [clubs.k3]);
      await some(`update elderly.club set unit_id = null where id = $1`, [clubs.k4]);
      await some(`update elderly.club set unit_id = 'BEFORE_2025:106' where id = $1`, [clubs.k1]);
      await some(`update elderly.club set association_id = $2 where id = $1`, [clubs.k8, associations.Q]);
      await some(`update elderly.club set association_id = $2 where id = $1`, [clubs.k11, associations.C2]);
      await some(`delete from elderly.club where id = $1`, [clubs.k12]);
      // Associations: a district gains a unit, a commune moves to the other district.
      await some(`update elderly.association set unit_id = 'BEFORE_2025:106' where id = $1`, [associations.D2]);
      await some(`update elderly.association set parent_id = $2 where id = $1`, [associations.C3, associations.D1]);
      await some(`update elderly.association set name = name || ' (mới)' where id = $1`, [associations.C1]);
      await compareEverywhere(client, 'after the changes');
      await compareNationally(client, 'after the changes');
      await compareClusterTotals(client, 'after the changes');
      await expectRollupAsRebuilt(client);
      await expectScaleChecksOfRollup(client);
    });
  });

  it('loses no change when writers race: two members at once, and a club refounded while a member joins', async () => {
    const connect = async () => {
      const client = new pg.Client({ connectionString: inject('databaseUrl') });
      await client.connect();
      return client;
    };
    const [a, b] = [await connect(), await connect()];
    const member = (club: string, joinedOn: string): Member => ({
      club_id: club, birth_date: '1955-05-05', ethnic_group: 'Kinh', poverty_status: 'POOR', board_role: null, joined_on: joinedOn, left_on: null,
    });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
    try {
      // Both add to the same roll-up rows (the province's, for the same unit and months).
      await a.query('begin');
      await insertMembers(a, [member(clubs.k1, '2021-02-03'), member(clubs.k1, '2021-02-04')]);
      await b.query('begin');
      const second = insertMembers(b, [member(clubs.k1, '2021-02-05')]);
      await settle();
      await a.query('commit');
      await second;
      await b.query('commit');

      // A member joins; before that commits, its club's founding date changes: the club's
      // transaction waits, then moves the new member too.
      await a.query('begin');
      await insertMembers(a, [member(clubs.k9, '2019-03-03')]);
      const refound = b.query(`update elderly.club set founded_on = '2020-07-01' where id = $1`, [clubs.k9]);
      await settle();
      await a.query('commit');
      await refound;

      // The other way round: the club changes first, a member joins before it commits.
      await b.query('begin');
      await b.query(`update elderly.club set founded_on = '2018-02-01' where id = $1`, [clubs.k5]);
      const joining = insertMembers(a, [member(clubs.k5, '2017-09-09')]);
      await settle();
      await b.query('commit');
      await joining;
    } finally {
      await a.end();
      await b.end();
    }
    await withDatabase(async (client) => {
      await compareEverywhere(client, 'after racing writers');
      await compareNationally(client, 'after racing writers');
      await expectRollupAsRebuilt(client);
    });
  });
});
