import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedChapterTree } from '../subgraphs/red-cross/src/chapter/chapter.seed.ts';
import { MAX_RELIEF_VND } from '../subgraphs/red-cross/src/relief/relief-activity.type.ts';
import { MAX_UNITS_PER_RECORD } from '../subgraphs/red-cross/src/blood-donation/blood-donation.type.ts';
import { seedAssociationWithClubs } from '../subgraphs/elderly/src/club/club.seed.ts';
import { INFLOW_KINDS } from '../subgraphs/elderly/src/fund/club-fund.type.ts';
import { seedClusters } from '../subgraphs/emulation/src/cluster/emulation-cluster.seed.ts';
import { withDatabase } from './database.ts';
import { gatewayUrl, graphql } from './graphql.ts';

/**
 * Many records of the largest values the API accepts, then every sum the API serves over them:
 * each must answer, exactly (compared with PostgreSQL's own numeric sums), where Int (2^31) and a
 * JSON-number Vnd (2^53) would have overflowed. Everything lives in a subtree of its own (a second
 * national chapter, an association, a cluster nobody else reads), so no other test's figures move.
 */
const MAX_QUANTITY = 10_000_000;
const MAX_PEOPLE = 100_000_000;
const MAX_MEMBERSHIP_COUNT = 100_000_000;
const MAX_FUND_VND = 1_000_000_000_000;
const ACTIVITIES = 2_000; // 2,000 × 10^13 đồng = 2 × 10^16 > 2^53; 2,000 × 10^7 gifts > 2^31
const BRANCHES = 30; // 30 reports × 10^8 members > 2^31
const RECEIPTS = 25_000; // 25,000 × 100,000 units > 2^31
const INFLOWS = 20_000; // 10,000 a club × 10^12 đồng > 2^53
const LOANS = 10_000; // lent out: 10^16 đồng over the association's two clubs
const YEAR_2021 = { type: 'YEAR', year: 2021 };
const END_2021 = '2021-12-31';

let chapters: Map<string, string>;
let associationId: string;
let clubId: string;
let clusterId: string;
const root = () => chapters.get('Trung ương Thử Cực Đại')!;
const province = () => chapters.get('Hội CTĐ tỉnh Cực Đại')!;
const district = () => chapters.get('Hội CTĐ huyện Cực Đại')!;

async function one<T>(query: string, params: unknown[] = []): Promise<T> {
  return withDatabase(async (client) => (await client.query(query, params)).rows[0] as T);
}

/** PostgreSQL's own sums of the activities under a chapter in 2021, grouped by `key` (or not). */
function reliefSums(chapterId: string, key = `'total'`): Promise<Record<string, unknown>[]> {
  return withDatabase(async (client) => (await client.query(
    `select ${key} as key, count(*)::int as activities, sum(a.quantity)::text as quantity,
            sum(a.people_reached)::text as "peopleReached", sum(a.value_vnd)::text as "valueVnd"
       from red_cross.relief_activity a join red_cross.chapter c on c.id = a.chapter_id
      where c.path @> array[$1::uuid] and a.occurred_on between '2021-01-01' and '2021-12-31'
      group by 1 order by 1`,
    [chapterId],
  )).rows);
}

const FIGURES = 'activities quantity peopleReached valueVnd';
const strip = ({ key: _key, ...figures }: Record<string, unknown>) => figures;

async function seed(client: pg.Client) {
  chapters = await seedChapterTree(client, {
    name: 'Trung ương Thử Cực Đại',
    level: 'NATIONAL',
    children: [{
      name: 'Hội CTĐ tỉnh Cực Đại',
      level: 'PROVINCE',
      unitId: 'BEFORE_2025:15',
      children: [{
        name: 'Hội CTĐ huyện Cực Đại',
        level: 'DISTRICT',
        children: Array.from({ length: BRANCHES }, (_, i) => ({ name: `Hội CTĐ xã Cực Đại ${String(i + 1).padStart(2, '0')}`, level: 'GRASSROOTS' as const })),
      }],
    }],
  });
  const campaignId = randomUUID();
  await client.query(
    `insert into red_cross.campaign (id, name, scope, recurrence, organiser_chapter_id) values ($1, 'Tết Cực Đại', 'NATIONAL', 'YEARLY', $2)`,
    [campaignId, root()],
  );
  const ids = [...chapters.values()];
  const leaves = [...chapters.entries()].filter(([name]) => name.startsWith('Hội CTĐ xã')).map(([, id]) => id);
  await client.query(
    `insert into red_cross.relief_activity (id, chapter_id, campaign_id, kind, quantity, people_reached, value_vnd, occurred_on)
     select gen_random_uuid(), ($1::uuid[])[1 + i % cardinality($1::uuid[])], case when i % 3 = 0 then $2::uuid end,
            (array['GIFT_PACKAGES', 'REGULAR_ASSISTANCE', 'EMERGENCY_ASSISTANCE', 'FREE_MEALS', 'OTHER_SUPPORT'])[1 + i % 5],
            $3, $4, $5, date '2021-01-01' + (i * 7) % 365
       from generate_series(1, $6::int) as i`,
    [ids, campaignId, MAX_QUANTITY, MAX_PEOPLE, MAX_RELIEF_VND, ACTIVITIES],
  );
  await client.query(
    `insert into red_cross.membership_report (id, chapter_id, period_type, period_start, period_end, grassroots_organisations, branches,
                                              individual_members, collective_members, volunteers)
     select gen_random_uuid(), chapter_id, 'YEAR', date '2021-01-01', date '2021-12-31', $2, $2, $2, $2, $2 from unnest($1::uuid[]) as chapter_id`,
    [leaves, MAX_MEMBERSHIP_COUNT],
  );
  await client.query(
    `insert into red_cross.blood_unit_receipt (id, chapter_id, received_on, units, kind)
     select gen_random_uuid(), ($1::uuid[])[1 + i % cardinality($1::uuid[])], date '2021-01-01' + i % 365, $2,
            case when i % 4 = 0 then 'EMERGENCY' else 'PLANNED' end
       from generate_series(1, $3::int) as i`,
    [ids, MAX_UNITS_PER_RECORD, RECEIPTS],
  );

  const elderly = await seedAssociationWithClubs(client, { name: 'Hội NCT tỉnh Thử Cực Đại', level: 'PROVINCE' }, [{ name: 'CLB Cực Đại Một' }, { name: 'CLB Cực Đại Hai' }]);
  associationId = elderly.associationId;
  clubId = elderly.clubIds.get('CLB Cực Đại Một')!;
  const clubs = [...elderly.clubIds.values()];
  // Money in, then loans due mid-year and never repaid: all of them overdue at the end of the year.
  await client.query(
    `insert into elderly.club_fund_entry (id, club_id, kind, amount_vnd, occurred_on, note)
     select gen_random_uuid(), ($1::uuid[])[1 + i % 2], ($2::text[])[1 + i % cardinality($2::text[])], $3, date '2021-01-01' + i % 59, 'Cực đại'
       from generate_series(1, $4::int) as i`,
    [clubs, INFLOW_KINDS, MAX_FUND_VND, INFLOWS],
  );
  await client.query(
    `insert into elderly.club_fund_entry (id, club_id, kind, amount_vnd, occurred_on, note, borrower_ref, due_on)
     select gen_random_uuid(), ($1::uuid[])[1 + i % 2], 'LOAN_DISBURSED', $2, date '2021-03-01', 'Vay cực đại', 'Hộ ' || (i % 500), date '2021-06-30'
       from generate_series(1, $3::int) as i`,
    [clubs, MAX_FUND_VND, LOANS],
  );
  [clusterId] = await seedClusters(client, { year: 2061, count: 1, namePrefix: 'Cụm Cực Đại', members: [{ chapterId: root() }, { elderlyAssociationId: associationId }] });
}

describe('sums over many maximal records stay exact and readable', () => {
  beforeAll(async () => {
    await withDatabase(seed);
    // And the largest values through the API, on both paths of the bound: accepted at the bound, refused above it.
    const relief = `mutation ($input: ReliefActivityInput!) { recordReliefActivity(input: $input) { valueVnd } }`;
    const input = { chapterId: district(), kind: 'GIFT_PACKAGES', quantity: MAX_QUANTITY, peopleReached: MAX_PEOPLE, valueVnd: MAX_RELIEF_VND, occurredOn: '2021-06-15' };
    expect(await graphql(gatewayUrl(), relief, { input })).toEqual({ data: { recordReliefActivity: { valueVnd: MAX_RELIEF_VND } } });
    const over = await graphql(gatewayUrl(), relief, { input: { ...input, valueVnd: MAX_RELIEF_VND + 1 } });
    expect(over.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'valueVnd' });
    const fund = `mutation ($input: RecordFundEntryInput!) { recordFundEntry(input: $input) { amountVnd } }`;
    const entry = { clubId, kind: 'SOCIETY_RAISED', amountVnd: MAX_FUND_VND, occurredOn: END_2021, note: 'Cực đại qua API' };
    expect(await graphql(gatewayUrl(), fund, { input: entry })).toEqual({ data: { recordFundEntry: { amountVnd: MAX_FUND_VND } } });
    const target = `mutation ($input: TargetInput!) { setTarget(input: $input) { value } }`;
    for (const [metric, value] of [['VALUE_VND', MAX_RELIEF_VND], ['PEOPLE_REACHED', 1]] as const) {
      const result = await graphql(gatewayUrl(), target, { input: { setterChapterId: root(), chapterId: province(), metric, period: YEAR_2021, value } });
      expect(result).toEqual({ data: { setTarget: { value } } });
    }
    const tooBig = await graphql(gatewayUrl(), target, { input: { setterChapterId: root(), chapterId: province(), metric: 'FREE_MEALS', period: YEAR_2021, value: MAX_RELIEF_VND + 1 } });
    expect(tooBig.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'value' });
  });

  it('has sums that the old types could not carry', async () => {
    const [total] = await reliefSums(root());
    expect(BigInt(total.valueVnd as string)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(BigInt(total.quantity as string)).toBeGreaterThan(2n ** 31n);
  });

  it('relief summaries of every grain, national (roll-up), provincial (roll-up) and below (plain), answer PostgreSQL\'s sums', async () => {
    const result = await graphql<Record<string, { total: Record<string, unknown>; rows: Record<string, unknown>[] }>>(
      gatewayUrl(),
      `query ($root: ID!, $province: ID!, $district: ID!, $period: PeriodInput!) {
        national: reliefSummary(chapterId: $root, period: $period, groupBy: [KIND]) { total { ${FIGURES} } rows { kind ${FIGURES} } }
        byProvince: reliefSummary(chapterId: $root, period: $period, groupBy: [PROVINCE], unitEdition: CURRENT) { total { ${FIGURES} } rows { ${FIGURES} } }
        byChild: reliefSummary(chapterId: $root, period: $period, groupBy: [CHILD_CHAPTER, CAMPAIGN]) { total { ${FIGURES} } rows { ${FIGURES} } }
        provincial: reliefSummary(chapterId: $province, period: $period, groupBy: [MONTH]) { total { ${FIGURES} } rows { month ${FIGURES} } }
        district: reliefSummary(chapterId: $district, period: $period, groupBy: [MONTH]) { total { ${FIGURES} } rows { month ${FIGURES} } }
      }`,
      { root: root(), province: province(), district: district(), period: YEAR_2021 },
    );
    expect(result.errors).toBeUndefined();
    const [national] = await reliefSums(root());
    for (const summary of ['national', 'byProvince', 'byChild']) expect(result.data![summary].total, summary).toEqual(strip(national));
    expect(result.data!.national.rows).toEqual((await reliefSums(root(), 'a.kind')).map(({ key, ...figures }) => ({ kind: key, ...figures })));
    // The national chapter's own activities have no province: one row for them, one for the province.
    expect(result.data!.byProvince.rows.map((row) => BigInt(row.valueVnd as string)).reduce((a, b) => a + b)).toBe(BigInt(national.valueVnd as string));
    for (const [name, chapterId] of [['provincial', province()], ['district', district()]] as const) {
      const [total] = await reliefSums(chapterId);
      expect(result.data![name].total, name).toEqual(strip(total));
      const months = await reliefSums(chapterId, `to_char(a.occurred_on, 'YYYY-MM')`);
      expect(result.data![name].rows, name).toEqual(months.map(({ key, ...figures }) => ({ month: key, ...figures })));
    }
  });

  it('month by month, national (roll-up) and below (plain), answers PostgreSQL\'s sums', async () => {
    for (const chapterId of [root(), district()]) {
      const result = await graphql<{ reliefByMonth: Record<string, unknown>[] }>(
        gatewayUrl(),
        `query ($id: ID!, $period: PeriodInput!) { reliefByMonth(chapterId: $id, period: $period) { month ${FIGURES} } }`,
        { id: chapterId, period: YEAR_2021 },
      );
      expect(result.errors).toBeUndefined();
      const months = await reliefSums(chapterId, `to_char(a.occurred_on, 'YYYY-MM')`);
      expect(result.data!.reliefByMonth).toEqual(months.map(({ key, ...figures }) => ({ month: key, ...figures })));
    }
  });

  it('membership totals, blood donation and target achievement answer PostgreSQL\'s sums', async () => {
    const result = await graphql<{ chapter: Record<string, unknown>; province: { targets: { metric: string; achievement: unknown }[] } }>(
      gatewayUrl(),
      `query ($root: ID!, $province: ID!, $period: PeriodInput!) {
        chapter(id: $root) {
          membershipTotals(period: $period) { reports grassrootsOrganisations branches individualMembers collectiveMembers volunteers }
          bloodDonationSummary(period: $period) { awarenessRounds plannedUnits emergencyUnits totalUnits }
        }
        province: chapter(id: $province) { targets { metric achievement { actual basisPoints percent } } }
      }`,
      { root: root(), province: province(), period: YEAR_2021 },
    );
    expect(result.errors).toBeUndefined();
    const membership = await one<Record<string, string>>(
      `select count(*)::int as reports, sum(grassroots_organisations)::text as "grassrootsOrganisations", sum(branches)::text as branches,
              sum(individual_members)::text as "individualMembers", sum(collective_members)::text as "collectiveMembers", sum(volunteers)::text as volunteers
         from red_cross.membership_report r join red_cross.chapter c on c.id = r.chapter_id where c.path @> array[$1::uuid] and r.period_type = 'YEAR'`,
      [root()],
    );
    expect(result.data!.chapter.membershipTotals).toEqual(membership);
    const blood = await one<Record<string, string>>(
      `select 0 as "awarenessRounds", (sum(units) filter (where kind = 'PLANNED'))::text as "plannedUnits",
              (sum(units) filter (where kind = 'EMERGENCY'))::text as "emergencyUnits", sum(units)::text as "totalUnits"
         from red_cross.blood_unit_receipt u join red_cross.chapter c on c.id = u.chapter_id where c.path @> array[$1::uuid]`,
      [root()],
    );
    expect(result.data!.chapter.bloodDonationSummary).toEqual(blood);
    const [provincial] = await reliefSums(province());
    const achievement = (actual: string, target: number) => one<Record<string, string>>(
      `select $1::text as actual, round($1::numeric * 10000 / $2)::text as "basisPoints", round($1::numeric * 100 / $2, 2)::text as percent`,
      [actual, target],
    );
    expect(result.data!.province.targets.toSorted((a, b) => a.metric.localeCompare(b.metric))).toEqual([
      { metric: 'PEOPLE_REACHED', achievement: await achievement(provincial.peopleReached as string, 1) },
      { metric: 'VALUE_VND', achievement: await achievement(provincial.valueVnd as string, MAX_RELIEF_VND) },
    ]);
  });

  it('club funds, fund statistics, club statistics and a cluster\'s totals answer PostgreSQL\'s sums', async () => {
    const result = await graphql<{ club: { fund: unknown }; fundStatistics: unknown; clubStatistics: unknown; emulationCluster: { redCrossTotals: unknown; elderlyTotals: unknown } }>(
      gatewayUrl(),
      `query ($club: ID!, $association: ID!, $cluster: ID!, $asOf: LocalDate!, $period: PeriodInput!) {
        club(id: $club) { fund(asOf: $asOf) { balance totalFund contributedOrRaised outOnLoan borrowers overdueLoans overdueAmount } }
        fundStatistics(associationId: $association, asOf: $asOf) { clubs balance totalFund contributedOrRaised outOnLoan borrowers overdueLoans overdueAmount }
        clubStatistics(associationId: $association, period: $period) { total { clubs members } }
        emulationCluster(id: $cluster) {
          redCrossTotals(period: $period) { chapters grassrootsOrganisations branches individualMembers collectiveMembers volunteers casesHelped assistanceValueVnd reliefValueVnd }
          elderlyTotals(period: $period) { associations clubs members totalFund contributedOrRaised outOnLoan borrowers }
        }
      }`,
      { club: clubId, association: associationId, cluster: clusterId, asOf: END_2021, period: YEAR_2021 },
    );
    expect(result.errors).toBeUndefined();
    // Every loan is overdue and unpaid: what is out on loan is what is overdue.
    const fundOf = (scope: string, id: string) => one<Record<string, string | number>>(
      `with f as (
         select coalesce(sum(amount_vnd) filter (where kind = any($2::text[])), 0) as "totalFund",
                coalesce(sum(amount_vnd) filter (where kind in ('MEMBER_CONTRIBUTION', 'SOCIETY_RAISED')), 0) as "contributedOrRaised",
                coalesce(sum(amount_vnd) filter (where kind = 'LOAN_DISBURSED'), 0) as "outOnLoan",
                count(distinct (club_id, borrower_ref)) filter (where kind = 'LOAN_DISBURSED')::int as borrowers,
                (count(*) filter (where kind = 'LOAN_DISBURSED'))::int as "overdueLoans"
           from elderly.club_fund_entry e join elderly.club c on c.id = e.club_id where ${scope})
       select ("totalFund" - "outOnLoan")::text as balance, "totalFund"::text as "totalFund", "contributedOrRaised"::text as "contributedOrRaised",
              "outOnLoan"::text as "outOnLoan", borrowers, "overdueLoans", "outOnLoan"::text as "overdueAmount" from f`,
      [id, INFLOW_KINDS],
    );
    const club = await fundOf('e.club_id = $1::uuid', clubId);
    const association = await fundOf('c.association_id = $1::uuid', associationId);
    expect(result.data!.club.fund).toEqual(club);
    expect(BigInt(club.totalFund)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(BigInt(association.outOnLoan)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(result.data!.fundStatistics).toEqual({ clubs: 2, ...association });
    // Counts of rows stay Int: two clubs, no members (clubs founded with no date count at every period end).
    expect(result.data!.clubStatistics).toEqual({ total: { clubs: 2, members: 0 } });

    const [relief] = await reliefSums(root());
    const assistance = await reliefSums(root(), `a.kind in ('REGULAR_ASSISTANCE', 'EMERGENCY_ASSISTANCE')`);
    const helped = assistance.find((row) => row.key === true)!;
    const membership = await one<Record<string, string>>(
      `select sum(grassroots_organisations)::text as "grassrootsOrganisations", sum(branches)::text as branches, sum(individual_members)::text as "individualMembers",
              sum(collective_members)::text as "collectiveMembers", sum(volunteers)::text as volunteers
         from red_cross.membership_report r join red_cross.chapter c on c.id = r.chapter_id where c.path @> array[$1::uuid] and r.period_type = 'YEAR'`,
      [root()],
    );
    expect(result.data!.emulationCluster.redCrossTotals).toEqual({
      chapters: 1, ...membership, casesHelped: helped.quantity, assistanceValueVnd: helped.valueVnd, reliefValueVnd: relief.valueVnd,
    });
    const { balance: _balance, overdueLoans: _loans, overdueAmount: _amount, ...funds } = association;
    expect(result.data!.emulationCluster.elderlyTotals).toEqual({ associations: 1, clubs: 2, members: 0, ...funds });
  });
});
