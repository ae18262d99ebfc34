import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '@hoi/common/ids';
import { completenessSql } from '@hoi/common/period-report';
import { UnitEdition } from '@hoi/common/references';
import { seedClusters } from '../../../emulation/src/cluster/emulation-cluster.seed.ts';
import { retryOnSerializationFailure, withDatabase } from '../../../../test/database.ts';
import { gatewayUrl, graphql, statementsFor, subgraphUrl, tokenFor, type GraphQLResponse } from '../../../../test/graphql.ts';
import { seedChapterTree } from '../chapter/chapter.seed.ts';
import { NATIONAL_COMPLETENESS_SQL } from './period-report.plug.ts';
import { provinceChaptersSql } from './reporting-completeness.loaders.ts';

/**
 * Completeness of reporting, against reports seeded with chosen submission times: the counts per
 * state, lateness against the deadlines (per period type, and per level where a row says so), the
 * missing and late lists, the country by province in both unit editions, a cluster's members
 * through the gateway, flat statement counts, and the demo data's reports.
 *
 * Its own chapters in Hà Nam (BEFORE_2025:35) and Nam Định (BEFORE_2025:36), provinces no other
 * test uses, which the reform merged with Ninh Bình into CURRENT:37. Report periods: 2063 and the
 * first quarter of 2064 (deadlines not passed: a missing report is not late yet) and 2008 (passed);
 * clusters of the year 2067.
 */
let ids: Map<string, string>;
const id = (name: string) => ids.get(name)!;
const DISTRICTS = ['Huyện Đủ A', 'Huyện Đủ B', 'Huyện Đủ C', 'Huyện Đủ D', 'Huyện Đủ E'];

const ok = <T>(result: GraphQLResponse<T>): T => {
  expect(result.errors).toBeUndefined();
  return result.data!;
};

const COUNTS = 'expected missing draft submitted returned approved late';
const byName = (chapters: { name: string }[]) => chapters.map((chapter) => chapter.name).sort();

type Counts = { expected: number; missing: number; draft: number; submitted: number; returned: number; approved: number; late: number };
type Completeness = Counts & { missingChapters: { name: string }[]; lateChapters: { name: string }[] };

const CHAPTER_COMPLETENESS = `query ($id: ID!, $period: PeriodInput!) { chapter(id: $id) { reportingCompleteness(period: $period) {
  kind period { start end } ${COUNTS} missingChapters { name } lateChapters { name } } } }`;

async function completenessOf(chapterId: string, period: Record<string, unknown>, url = gatewayUrl()): Promise<Completeness> {
  return ok(await graphql<{ chapter: { reportingCompleteness: Completeness } }>(url, CHAPTER_COMPLETENESS, { id: chapterId, period })).chapter.reportingCompleteness;
}

describe('reporting completeness', () => {
  beforeAll(async () => {
    await withDatabase(async (client) => {
      ids = await seedChapterTree(client, {
        name: 'Hội CTĐ tỉnh Hà Nam Đủ',
        level: 'PROVINCE',
        unitId: 'BEFORE_2025:35',
        children: DISTRICTS.map((name, index) => ({
          name,
          level: 'DISTRICT' as const,
          children: index === 0 ? [{ name: 'Xã Đủ A1', level: 'GRASSROOTS' as const }, { name: 'Xã Đủ A2', level: 'GRASSROOTS' as const }] : [],
        })),
      });
      await seedChapterTree(client, { name: 'Hội CTĐ tỉnh Nam Định Đủ', level: 'PROVINCE', unitId: 'BEFORE_2025:36', children: [{ name: 'Huyện Nam Đủ', level: 'DISTRICT' }] }, null, ids);
      const report = (name: string, type: string, start: string, end: string, state: string, submittedAt: string | null) =>
        client.query(
          `insert into red_cross.period_report (id, organisation_id, kind, period_type, period_start, period_end, state, submitted_at)
           values ($1, $2, 'ACTIVITIES', $3, $4, $5, $6, $7)`,
          [randomUUID(), id(name), type, start, end, state, submittedAt],
        );
      const year = (name: string, y: number, state: string, submittedAt: string | null) => report(name, 'YEAR', `${y}-01-01`, `${y}-12-31`, state, submittedAt);
      // 2063: the deadline is the end of 30 January 2064 in Vietnam, 17:00 UTC.
      await year('Huyện Đủ A', 2063, 'APPROVED', '2064-01-30T16:59:00Z');
      await year('Huyện Đủ B', 2063, 'SUBMITTED', '2064-01-30T17:01:00Z');
      await year('Huyện Đủ C', 2063, 'RETURNED', '2064-01-20T02:00:00Z');
      await year('Huyện Đủ E', 2063, 'DRAFT', null);
      await year('Hội CTĐ tỉnh Nam Định Đủ', 2063, 'APPROVED', '2064-01-02T02:00:00Z');
      // 2008: long past its deadline.
      await year('Huyện Đủ A', 2008, 'APPROVED', '2009-01-05T02:00:00Z');
      // First quarter of 2064: 15 days for every level, 45 for a grassroots chapter.
      await client.query(`insert into red_cross.report_deadline (period_type, level, days_after_period_end) values ('QUARTER', 'GRASSROOTS', 45)`);
      const quarter = (name: string, state: string, submittedAt: string) => report(name, 'QUARTER', '2064-01-01', '2064-03-31', state, submittedAt);
      await quarter('Huyện Đủ A', 'SUBMITTED', '2064-05-01T02:00:00Z');
      await quarter('Xã Đủ A1', 'SUBMITTED', '2064-05-01T02:00:00Z');
      await quarter('Xã Đủ A2', 'APPROVED', '2064-05-20T02:00:00Z');
    });
  });

  afterAll(async () => {
    await withDatabase((client) => client.query(`delete from red_cross.report_deadline where period_type = 'QUARTER' and level = 'GRASSROOTS'`));
  });

  it('counts a parent\'s children by the state of their reports, with the missing and the late, on the gateway and the subgraph', async () => {
    for (const url of [gatewayUrl(), subgraphUrl('red-cross')]) {
      const completeness = await completenessOf(id('Hội CTĐ tỉnh Hà Nam Đủ'), { type: 'YEAR', year: 2063 }, url);
      expect(completeness).toEqual({
        kind: 'ACTIVITIES',
        period: { start: '2063-01-01', end: '2063-12-31' },
        expected: 5,
        missing: 1,
        draft: 1,
        submitted: 1,
        returned: 1,
        approved: 1,
        late: 1,
        missingChapters: [{ name: 'Huyện Đủ D' }],
        // Submitted a minute after the deadline; A a minute before it. D and E have no submission, but their deadline has not come.
        lateChapters: [{ name: 'Huyện Đủ B' }],
      });
    }
  });

  it('counts every report not submitted by a past deadline as late', async () => {
    const completeness = await completenessOf(id('Hội CTĐ tỉnh Hà Nam Đủ'), { type: 'YEAR', year: 2008 });
    expect(completeness).toMatchObject({ expected: 5, approved: 1, missing: 4, late: 4 });
    expect(byName(completeness.missingChapters)).toEqual(['Huyện Đủ B', 'Huyện Đủ C', 'Huyện Đủ D', 'Huyện Đủ E']);
    expect(byName(completeness.lateChapters)).toEqual(['Huyện Đủ B', 'Huyện Đủ C', 'Huyện Đủ D', 'Huyện Đủ E']);
  });

  it('reads a level\'s own deadline where it has one, the period type\'s otherwise', async () => {
    // Grassroots: 45 days, to 15 May; A1 on 1 May is on time, A2 on 20 May late.
    const grassroots = await completenessOf(id('Huyện Đủ A'), { type: 'QUARTER', year: 2064, index: 1 });
    expect(grassroots).toMatchObject({ expected: 2, submitted: 1, approved: 1, missing: 0, late: 1, lateChapters: [{ name: 'Xã Đủ A2' }] });
    // Districts: 15 days, to 15 April; A on 1 May is late.
    const districts = await completenessOf(id('Hội CTĐ tỉnh Hà Nam Đủ'), { type: 'QUARTER', year: 2064, index: 1 });
    expect(districts).toMatchObject({ expected: 5, submitted: 1, missing: 4, late: 1, lateChapters: [{ name: 'Huyện Đủ A' }] });
    // A chapter without children expects nobody.
    expect(await completenessOf(id('Xã Đủ A1'), { type: 'QUARTER', year: 2064, index: 1 })).toMatchObject({ expected: 0, missing: 0, late: 0, missingChapters: [] });
  });

  it('takes a report\'s first submission as its time: a submission after a return keeps it', async () => {
    const token = await tokenFor({ role: 'national_admin' });
    const submit = () => graphql<{ submitPeriodReport: { id: string } }>(gatewayUrl(), `mutation ($input: SubmitPeriodReportInput!) { submitPeriodReport(input: $input) { id } }`,
      { input: { chapterId: id('Huyện Đủ D'), period: { type: 'YEAR', year: 2065 } } }, undefined, { token });
    const submittedAt = () => withDatabase(async (client) =>
      (await client.query(`select submitted_at from red_cross.period_report where organisation_id = $1 and period_start = '2065-01-01'`, [id('Huyện Đủ D')])).rows[0].submitted_at as Date);
    const reportId = ok(await submit()).submitPeriodReport.id;
    const first = await submittedAt();
    expect(first).toBeInstanceOf(Date);
    ok(await graphql(gatewayUrl(), `mutation ($input: ReturnPeriodReportInput!) { returnPeriodReport(input: $input) { id } }`, { input: { id: reportId, comment: 'Bổ sung' } }, undefined, { token }));
    ok(await submit());
    expect(await submittedAt()).toEqual(first);
    expect(await completenessOf(id('Hội CTĐ tỉnh Hà Nam Đủ'), { type: 'YEAR', year: 2065 })).toMatchObject({ expected: 5, submitted: 1, missing: 4, late: 0 });
  });

  it('answers the whole country by province, in either edition of the map', async () => {
    const query = `query ($edition: UnitEdition!) { nationalReportingCompleteness(period: { type: YEAR, year: 2063 }, unitEdition: $edition) {
      kind unitEdition provinces { province { id } ${COUNTS} } } }`;
    const rowsOf = async (edition: string) => {
      const answer = ok(await graphql<{ nationalReportingCompleteness: { unitEdition: string; provinces: (Counts & { province: { id: string } | null })[] } }>(gatewayUrl(), query, { edition }));
      expect(answer.nationalReportingCompleteness.unitEdition).toBe(edition);
      return new Map(answer.nationalReportingCompleteness.provinces.map(({ province, ...counts }) => [province?.id ?? null, counts]));
    };
    const before = await rowsOf('BEFORE_2025');
    // Hà Nam: the province and its 7 chapters; A approved, B submitted (late), C returned, E draft; the province, D, A1, A2 missing.
    expect(before.get('BEFORE_2025:35')).toEqual({ expected: 8, missing: 4, draft: 1, submitted: 1, returned: 1, approved: 1, late: 1 });
    expect(before.get('BEFORE_2025:36')).toEqual({ expected: 2, missing: 1, draft: 0, submitted: 0, returned: 0, approved: 1, late: 0 });
    const current = await rowsOf('CURRENT');
    expect(current.get('CURRENT:37')).toEqual({ expected: 10, missing: 5, draft: 1, submitted: 1, returned: 1, approved: 2, late: 1 });
    expect([...current.keys()].filter((key) => key?.startsWith('BEFORE_2025:'))).toEqual([]);
  });

  it('reads from roll-ups that give what the plain statement over every chapter gives, through every kind of write', async () => {
    const numbered = (text: string) => { let n = 0; return text.replace(/\?/g, () => `$${++n}`); };
    const PERIODS = [
      ['YEAR', '2063-01-01', '2063-12-31'], ['YEAR', '2008-01-01', '2008-12-31'], ['QUARTER', '2064-01-01', '2064-03-31'],
      ['YEAR', '2065-01-01', '2065-12-31'], ['YEAR', '2022-01-01', '2022-12-31'], ['HALF_YEAR', '2022-01-01', '2022-06-30'],
    ];
    const compare = async (client: import('pg').Client, when: string) => {
      for (const edition of [UnitEdition.BEFORE_2025, UnitEdition.CURRENT]) {
        const rolled = numbered(NATIONAL_COMPLETENESS_SQL[edition]);
        const plain = numbered(completenessSql('red_cross', provinceChaptersSql(edition), { list: false, wide: true }));
        for (const period of PERIODS) {
          const params = ['ACTIVITIES', ...period];
          const [a, b] = [(await client.query(rolled, params)).rows, (await client.query(plain, params)).rows];
          expect(a, `${when}: ${edition} ${period.join(' ')}`).toEqual(b);
        }
      }
    };
    await retryOnSerializationFailure(() => withDatabase(async (client) => {
      // One snapshot for both statements; every write is rolled back, other tests never see it.
      await client.query('begin isolation level repeatable read');
      try {
        await compare(client, 'as seeded');
        const reportOf = async (name: string, start: string) =>
          (await client.query(`select id from red_cross.period_report where organisation_id = $1 and period_start = $2`, [id(name), start])).rows[0].id as string;
        // Each step of the cycle, a bulk insert, a deletion.
        await client.query(`update red_cross.period_report set state = 'APPROVED', version = 1 where id = $1`, [await reportOf('Huyện Đủ B', '2063-01-01')]);
        await client.query(`update red_cross.period_report set state = 'SUBMITTED', submitted_at = '2064-02-20T00:00:00Z' where id = $1`, [await reportOf('Huyện Đủ E', '2063-01-01')]);
        await client.query(`insert into red_cross.period_report (id, organisation_id, kind, period_type, period_start, period_end, state, submitted_at)
                            select gen_random_uuid(), c.id, 'ACTIVITIES', 'YEAR', '2063-01-01', '2063-12-31', 'SUBMITTED', '2064-01-03T00:00:00Z'
                              from red_cross.chapter c where c.id = any($1::uuid[])`, [[id('Huyện Đủ D'), id('Xã Đủ A1'), id('Xã Đủ A2')]]);
        await client.query(`delete from red_cross.period_report where id = $1`, [await reportOf('Huyện Đủ C', '2063-01-01')]);
        await compare(client, 'after reports change');
        // A new chapter, with a report filed under its id before it existed.
        const newcomer = randomUUID();
        await client.query(`insert into red_cross.period_report (id, organisation_id, kind, period_type, period_start, period_end, state, submitted_at)
                            values (gen_random_uuid(), $1, 'ACTIVITIES', 'YEAR', '2063-01-01', '2063-12-31', 'SUBMITTED', '2064-03-01T00:00:00Z')`, [newcomer]);
        await client.query(`insert into red_cross.chapter (id, parent_id, level, name, name_folded) values ($1, $2, 'GRASSROOTS', 'Xã Đủ mới', 'xa du moi')`, [newcomer, id('Huyện Đủ B')]);
        await compare(client, 'after a new chapter');
        // Chapters never move (a trigger refuses it); a renaming changes no count, a removal rebuilds.
        await client.query(`update red_cross.chapter set name = name || ' (mới)' where id = $1`, [id('Huyện Đủ A')]);
        await client.query(`delete from red_cross.chapter where id = $1`, [newcomer]);
        await client.query(`update red_cross.report_deadline set days_after_period_end = 40 where period_type = 'YEAR' and level = '*'`);
        await compare(client, 'after a renaming, a removal and a new deadline');
      } finally {
        await client.query('rollback');
      }
    }));
  });

  it('costs one statement however many chapters are asked', async () => {
    const query = (parents: string[]) => `{ ${parents.map((parent, index) => `c${index}: chapter(id: "${parent}") {
      reportingCompleteness(period: { type: YEAR, year: 2063 }) { expected missingChapters { name } }
      children(first: 10) { edges { node { reportingCompleteness(period: { type: YEAR, year: 2063 }) { expected lateChapters { name } } } } } }`).join('\n')} }`;
    const counts: number[] = [];
    for (const parents of [[id('Hội CTĐ tỉnh Hà Nam Đủ')], [id('Hội CTĐ tỉnh Hà Nam Đủ'), id('Hội CTĐ tỉnh Nam Định Đủ'), id('Huyện Đủ A')]]) {
      const requestId = randomUUID();
      ok(await graphql(subgraphUrl('red-cross'), query(parents), {}, requestId));
      counts.push((await statementsFor(requestId))['red-cross']);
    }
    // The chapters, their completeness, their children, the children's completeness, the missing and late chapters' names.
    expect(counts).toEqual([5, 5]);
  });

  it('counts a cluster\'s member chapters through the gateway, one statement for many clusters', async () => {
    const members = ['Huyện Đủ A', 'Huyện Đủ B', 'Huyện Đủ D'].map((name) => ({ chapterId: id(name) }));
    await withDatabase((client) => seedClusters(client, { year: 2067, count: 3, namePrefix: 'Cụm báo cáo đủ', members }));
    const requestId = randomUUID();
    const answer = ok(await graphql<{ emulationClusters: { edges: { node: { redCrossCompleteness: Completeness } }[] } }>(
      gatewayUrl(),
      `{ emulationClusters(year: 2067, first: 10) { edges { node { redCrossCompleteness(period: { type: YEAR, year: 2063 }) {
        ${COUNTS} missingChapters { name } lateChapters { name } } } } } }`,
      {},
      requestId,
    ));
    expect(answer.emulationClusters.edges).toHaveLength(3);
    for (const { node } of answer.emulationClusters.edges) {
      expect(node.redCrossCompleteness).toEqual({
        expected: 3, missing: 1, draft: 0, submitted: 1, returned: 0, approved: 1, late: 1,
        missingChapters: [{ name: 'Huyện Đủ D' }],
        lateChapters: [{ name: 'Huyện Đủ B' }],
      });
    }
    // The counts, then the chapters' names: two statements for the three clusters.
    expect((await statementsFor(requestId))['red-cross']).toBeLessThanOrEqual(2);
  });
});

describe('the demo data\'s reports', () => {
  const CLUSTER_2022 = stableId('emulation:red-cross-midland-northern-mountain-2022');

  it('the cluster\'s 7 provinces have approved their 2022 reports, on time', async () => {
    const answer = ok(await graphql<{ emulationCluster: { redCrossCompleteness: Completeness } }>(
      gatewayUrl(),
      `query ($id: ID!) { emulationCluster(id: $id) { redCrossCompleteness(period: { type: YEAR, year: 2022 }) { ${COUNTS} missingChapters { name } lateChapters { name } } } }`,
      { id: CLUSTER_2022 },
    ));
    expect(answer.emulationCluster.redCrossCompleteness).toEqual({
      expected: 7, missing: 0, draft: 0, submitted: 0, returned: 0, approved: 7, late: 0, missingChapters: [], lateChapters: [],
    });
  });

  it('the national level sees Lào Cai\'s 2022 report returned and late, and Bình Thuận\'s missing', async () => {
    const national = await completenessOf(stableId('red-cross:national'), { type: 'YEAR', year: 2022 });
    expect(national).toMatchObject({ approved: 7, returned: 1 });
    expect(national.missingChapters).toContainEqual({ name: 'Hội Chữ thập đỏ tỉnh Bình Thuận' });
    expect(national.lateChapters).toEqual(expect.arrayContaining([{ name: 'Hội Chữ thập đỏ tỉnh Lào Cai' }, { name: 'Hội Chữ thập đỏ tỉnh Bình Thuận' }]));
    const reports = ok(await graphql<{ chapter: { periodReports: { state: string; comment: string }[] } }>(
      gatewayUrl(),
      `query ($id: ID!) { chapter(id: $id) { periodReports(period: { type: YEAR, year: 2022 }) { state comment } } }`,
      { id: stableId('red-cross:lao-cai') },
    ));
    expect(reports.chapter.periodReports).toEqual([{ state: 'RETURNED', comment: expect.stringContaining('Thiếu số liệu') }]);
  });

  it('Lào Cai\'s first half of 2022 is approved with the article\'s figures, which still agree with the records', async () => {
    const answer = ok(await graphql<{ chapter: { periodReports: { state: string; version: number; figures: { relief: { valueVnd: string }; bloodDonation: { plannedUnits: string } }; differences: unknown[] }[] } }>(
      gatewayUrl(),
      `query ($id: ID!) { chapter(id: $id) { periodReports(period: { type: HALF_YEAR, year: 2022, index: 1 }) {
        state version figures(basis: APPROVED) { relief { valueVnd } bloodDonation { plannedUnits } } differences { figure } } } }`,
      { id: stableId('red-cross:lao-cai') },
    ));
    const [report] = answer.chapter.periodReports;
    expect(report).toMatchObject({ state: 'APPROVED', version: 1, differences: [] });
    // Tết 13,824,800,000 + Humanitarian Month 5,431,400,000 (article 003); 2,896 planned blood units.
    expect(report.figures.relief.valueVnd).toBe(String(13_824_800_000 + 5_431_400_000));
    expect(report.figures.bloodDonation.plannedUnits).toBe('2896');
  });

  it('by province after the reform, Lào Cai (with Yên Bái) shows one approved and one returned report', async () => {
    const answer = ok(await graphql<{ nationalReportingCompleteness: { provinces: (Counts & { province: { id: string; name: string } | null })[] } }>(
      gatewayUrl(),
      `{ nationalReportingCompleteness(period: { type: YEAR, year: 2022 }, unitEdition: CURRENT) { provinces { province { id name } ${COUNTS} } } }`,
    ));
    const laoCai = answer.nationalReportingCompleteness.provinces.find((row) => row.province?.id === 'CURRENT:15');
    expect(laoCai).toMatchObject({ province: { name: 'Tỉnh Lào Cai' }, approved: 1, returned: 1 });
  });
});
