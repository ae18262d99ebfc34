import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '@hoi/common/ids';
import { seedClusters } from '../../../emulation/src/cluster/emulation-cluster.seed.ts';
import { withDatabase } from '../../../../test/database.ts';
import { gatewayUrl, graphql, statementsFor, subgraphUrl, tokenFor, type GraphQLResponse } from '../../../../test/graphql.ts';
import { seedAssociationTree } from '../scheme/association-tree.seed.ts';

/**
 * Completeness of the Elderly Association's reporting, against reports seeded in every state with
 * chosen submission times: a unit's child units and clubs, lateness by the deadline (per period
 * type, and per level where a row says so: clubs are level CLUB), the missing and late lists split
 * into units and clubs, the country by province in both editions, a cluster's member associations
 * (through the gateway and as the gateway asks the subgraph), every role alike, flat statement
 * counts, and the demo data's Thái Nguyên 2023.
 *
 * Its own units in Hà Nam (BEFORE_2025:35) and Nam Định (BEFORE_2025:36), which no other Elderly
 * Association test uses, merged with Ninh Bình into CURRENT:37. Report periods: 2096 and the first
 * quarter of 2097 (deadlines not passed: a missing report is not late yet), 2098 for the
 * resubmission; clusters of the year 2097. A deadline already passed is read from the demo data.
 */
let ids: Map<string, string>;
const id = (name: string) => ids.get(name)!;
const PROVINCE = 'Hội NCT tỉnh Đủ Hà Nam';
const [A, B, C] = ['Hội NCT huyện Đủ A', 'Hội NCT huyện Đủ B', 'Hội NCT huyện Đủ C'];
const A1 = 'Hội NCT xã Đủ A1';
const NAM_DINH = 'Hội NCT tỉnh Đủ Nam Định';
const COUNTING = 'Hội NCT tỉnh Đủ Đếm';
const club = (unit: string, number = 1) => id(`CLB ${unit} số ${number}`);

const ok = <T>(result: GraphQLResponse<T>): T => {
  expect(result.errors).toBeUndefined();
  return result.data!;
};

const COUNTS = 'expected missing draft submitted returned approved late';
const LISTS = 'missingAssociations { name } missingClubs { name } lateAssociations { name } lateClubs { name }';
type Counts = { expected: number; missing: number; draft: number; submitted: number; returned: number; approved: number; late: number };
type Named = { name: string }[];
type Completeness = Counts & { missingAssociations: Named; missingClubs: Named; lateAssociations: Named; lateClubs: Named };

const UNIT_COMPLETENESS = `query ($id: ID!, $period: PeriodInput!) { elderlyAssociation(id: $id) { reportingCompleteness(period: $period) {
  kind period { start end } ${COUNTS} ${LISTS} missingOrganisationIds lateOrganisationIds } } }`;

async function completenessOf(unitId: string, period: Record<string, unknown>, url = gatewayUrl(), token?: string | null) {
  const answer = await graphql<{ elderlyAssociation: { reportingCompleteness: Completeness & { missingOrganisationIds: string[]; lateOrganisationIds: string[] } } }>(
    url, UNIT_COMPLETENESS, { id: unitId, period }, undefined, { token },
  );
  return ok(answer).elderlyAssociation.reportingCompleteness;
}

const names = (list: Named) => list.map((item) => item.name).sort();

describe('Elderly Association reporting completeness', () => {
  beforeAll(async () => {
    await withDatabase(async (client) => {
      ids = await seedAssociationTree(client, {
        name: PROVINCE,
        level: 'PROVINCE',
        unitId: 'BEFORE_2025:35',
        clubsFoundedOn: ['2010-01-01', '2010-01-01'],
        children: [
          { name: A, level: 'DISTRICT', clubsFoundedOn: ['2010-01-01'], children: [{ name: A1, level: 'COMMUNE' }] },
          { name: B, level: 'DISTRICT' },
          { name: C, level: 'DISTRICT' },
        ],
      });
      for (const [name, unitId] of await seedAssociationTree(client, { name: NAM_DINH, level: 'PROVINCE', unitId: 'BEFORE_2025:36', children: [{ name: 'Hội NCT huyện Nam Đủ', level: 'DISTRICT' }] })) ids.set(name, unitId);
      // 100 districts with a club each: the statement counts.
      const counting = await seedAssociationTree(client, {
        name: COUNTING,
        level: 'PROVINCE',
        children: Array.from({ length: 100 }, (_, index) => ({ name: `Hội NCT huyện Đếm ${String(index).padStart(3, '0')}`, level: 'DISTRICT' as const, clubsFoundedOn: ['2010-01-01'] })),
      });
      for (const [name, unitId] of counting) ids.set(name, unitId);
      const { rows } = await client.query<{ id: string; name: string }>(`select id, name from elderly.club where association_id = any($1::uuid[])`, [[...ids.values()]]);
      for (const row of rows) ids.set(row.name, row.id);

      const report = (organisationId: string, type: string, start: string, end: string, state: string, submittedAt: string | null) =>
        client.query(
          `insert into elderly.period_report (id, organisation_id, kind, period_type, period_start, period_end, state, submitted_at)
           values ($1, $2, 'ACTIVITIES', $3, $4, $5, $6, $7)`,
          [randomUUID(), organisationId, type, start, end, state, submittedAt],
        );
      const year = (organisationId: string, state: string, submittedAt: string | null) => report(organisationId, 'YEAR', '2096-01-01', '2096-12-31', state, submittedAt);
      // 2096: the deadline is the end of 30 January 2097 in Vietnam, 17:00 UTC.
      await year(id(A), 'APPROVED', '2097-01-30T16:59:00Z');
      await year(id(B), 'SUBMITTED', '2097-01-30T17:01:00Z');
      await year(club(PROVINCE, 1), 'RETURNED', '2097-01-20T02:00:00Z');
      await year(club(PROVINCE, 2), 'DRAFT', null);
      await year(id(NAM_DINH), 'APPROVED', '2097-01-02T02:00:00Z');
      // The counting province's districts: every third one submitted late, the others missing.
      for (const [index] of Array.from({ length: 100 }).entries()) {
        if (index % 3 === 0) await year(id(`Hội NCT huyện Đếm ${String(index).padStart(3, '0')}`), 'SUBMITTED', '2097-02-05T02:00:00Z');
      }
      // First quarter of 2097: 15 days for every level, 45 for a club.
      await client.query(`insert into elderly.report_deadline (period_type, level, days_after_period_end) values ('QUARTER', 'CLUB', 45)`);
      const quarter = (organisationId: string, state: string, submittedAt: string) => report(organisationId, 'QUARTER', '2097-01-01', '2097-03-31', state, submittedAt);
      await quarter(id(A), 'SUBMITTED', '2097-05-01T02:00:00Z');
      await quarter(club(PROVINCE, 1), 'SUBMITTED', '2097-05-01T02:00:00Z');
      await quarter(club(PROVINCE, 2), 'APPROVED', '2097-05-20T02:00:00Z');
    });
  });

  afterAll(async () => {
    await withDatabase((client) => client.query(`delete from elderly.report_deadline where period_type = 'QUARTER' and level = 'CLUB'`));
  });

  it('counts a unit\'s child units and clubs by the state of their reports, with the missing and the late, for every role on the gateway and the subgraph', async () => {
    const expected = {
      kind: 'ACTIVITIES',
      period: { start: '2096-01-01', end: '2096-12-31' },
      expected: 5,
      missing: 1,
      draft: 1,
      submitted: 1,
      returned: 1,
      approved: 1,
      // B a minute after the deadline, A a minute before it; C and the draft club have none, but their deadline has not come.
      late: 1,
      missingAssociations: [{ name: C }],
      missingClubs: [],
      lateAssociations: [{ name: B }],
      lateClubs: [],
      missingOrganisationIds: [id(C)],
      lateOrganisationIds: [id(B)],
    };
    // Public, like every aggregate: the same answer whoever asks.
    const tokens: (string | null)[] = [
      null,
      await tokenFor({ role: 'analyst' }),
      await tokenFor({ role: 'national_admin' }),
      await tokenFor({ role: 'association_officer', scope: [id(NAM_DINH)] }),
      await tokenFor({ role: 'club_manager', scope: [club(A)] }),
      await tokenFor({ role: 'chapter_officer', scope: [id(PROVINCE)] }),
    ];
    for (const url of [gatewayUrl(), subgraphUrl('elderly')]) {
      for (const token of [...tokens, ...(url === gatewayUrl() ? [] : [await tokenFor({ role: 'partner', subgraph: 'elderly' })])]) {
        expect(await completenessOf(id(PROVINCE), { type: 'YEAR', year: 2096 }, url, token)).toEqual(expected);
      }
    }
  });

  it('reads a level\'s own deadline where it has one (a club\'s), the period type\'s otherwise', async () => {
    // Clubs: 45 days, to 15 May; the first on 1 May is on time, the second on 20 May late. Units: 15 days, to 15 April; A on 1 May is late.
    const quarter = await completenessOf(id(PROVINCE), { type: 'QUARTER', year: 2097, index: 1 });
    expect(quarter).toMatchObject({ expected: 5, submitted: 2, approved: 1, missing: 2, late: 2, lateAssociations: [{ name: A }], lateClubs: [{ name: `CLB ${PROVINCE} số 2` }] });
    expect(names(quarter.missingAssociations)).toEqual([B, C]);
    // A unit's children are its units and its clubs; a unit without either expects nobody.
    expect(await completenessOf(id(A), { type: 'QUARTER', year: 2097, index: 1 })).toMatchObject({ expected: 2, missing: 2, late: 0 });
    expect(names((await completenessOf(id(A), { type: 'QUARTER', year: 2097, index: 1 })).missingClubs)).toEqual([`CLB ${A} số 1`]);
    expect(await completenessOf(id(A1), { type: 'QUARTER', year: 2097, index: 1 })).toMatchObject({ expected: 0, missing: 0, late: 0, missingAssociations: [], missingClubs: [] });
  });

  it('takes a report\'s first submission as its time: a submission after a return keeps it', async () => {
    const submit = () => graphql<{ submitElderlyPeriodReport: { id: string } }>(gatewayUrl(), `mutation ($input: SubmitElderlyPeriodReportInput!) { submitElderlyPeriodReport(input: $input) { id } }`,
      { input: { associationId: id(C), period: { type: 'YEAR', year: 2098 } } });
    const submittedAt = () => withDatabase(async (client) =>
      (await client.query(`select submitted_at from elderly.period_report where organisation_id = $1 and period_start = '2098-01-01'`, [id(C)])).rows[0].submitted_at as Date);
    const reportId = ok(await submit()).submitElderlyPeriodReport.id;
    const first = await submittedAt();
    expect(first).toBeInstanceOf(Date);
    ok(await graphql(gatewayUrl(), `mutation ($input: ReturnElderlyPeriodReportInput!) { returnElderlyPeriodReport(input: $input) { id } }`, { input: { id: reportId, comment: 'Bổ sung' } }));
    ok(await submit());
    expect(await submittedAt()).toEqual(first);
    expect(await completenessOf(id(PROVINCE), { type: 'YEAR', year: 2098 })).toMatchObject({ expected: 5, submitted: 1, missing: 4, late: 0 });
  });

  it('answers the whole country by province, every unit and club of each, in either edition of the map, on the gateway and the subgraph', async () => {
    const query = `query ($edition: UnitEdition!) { nationalElderlyReportingCompleteness(period: { type: YEAR, year: 2096 }, unitEdition: $edition) {
      kind period { start } unitEdition provinces { province { id } ${COUNTS} } } }`;
    for (const url of [gatewayUrl(), subgraphUrl('elderly')]) {
      const rowsOf = async (edition: string) => {
        const requestId = randomUUID();
        const answer = ok(await graphql<{ nationalElderlyReportingCompleteness: { kind: string; unitEdition: string; provinces: (Counts & { province: { id: string } | null })[] } }>(
          url, query, { edition }, requestId, { token: null },
        ));
        expect(answer.nationalElderlyReportingCompleteness).toMatchObject({ kind: 'ACTIVITIES', unitEdition: edition });
        expect((await statementsFor(requestId)).elderly).toBe(1);
        return new Map(answer.nationalElderlyReportingCompleteness.provinces.map(({ province, ...counts }) => [province?.id ?? null, counts]));
      };
      const before = await rowsOf('BEFORE_2025');
      // Hà Nam: the province, its 3 districts, the commune and 3 clubs; A approved, B submitted (late), a club returned, one draft; the province, C, A1 and A's club missing.
      expect(before.get('BEFORE_2025:35')).toEqual({ expected: 8, missing: 4, draft: 1, submitted: 1, returned: 1, approved: 1, late: 1 });
      expect(before.get('BEFORE_2025:36')).toEqual({ expected: 2, missing: 1, draft: 0, submitted: 0, returned: 0, approved: 1, late: 0 });
      const current = await rowsOf('CURRENT');
      expect(current.get('CURRENT:37')).toEqual({ expected: 10, missing: 5, draft: 1, submitted: 1, returned: 1, approved: 2, late: 1 });
      expect([...current.keys()].filter((key) => key?.startsWith('BEFORE_2025:'))).toEqual([]);
      // The counting province has no unit: its 201 organisations are under no province.
      expect(before.get(null)?.expected).toBeGreaterThanOrEqual(201);
    }
  });

  it('costs the same few statements for 1, 10 or 100 units, with their lists', async () => {
    const query = `query ($parent: ID!, $first: Int!) { elderlyAssociations(parentId: $parent, first: $first) { edges { node {
      reportingCompleteness(period: { type: YEAR, year: 2096 }) { expected missing late ${LISTS} } } } } }`;
    const counts: number[] = [];
    for (const first of [1, 10, 100]) {
      const requestId = randomUUID();
      const answer = ok(await graphql<{ elderlyAssociations: { edges: { node: { reportingCompleteness: Completeness } }[] } }>(subgraphUrl('elderly'), query, { parent: id(COUNTING), first }, requestId));
      expect(answer.elderlyAssociations.edges).toHaveLength(first);
      for (const { node } of answer.elderlyAssociations.edges) {
        expect(node.reportingCompleteness).toMatchObject({ expected: 1, missing: 1, late: 0, missingAssociations: [], lateClubs: [] });
        expect(node.reportingCompleteness.missingClubs).toHaveLength(1);
      }
      counts.push((await statementsFor(requestId)).elderly);
    }
    // The page, the completeness of every unit on it, the units and the clubs of the lists.
    expect(counts[0]).toBeLessThanOrEqual(5);
    expect(counts).toEqual([counts[0], counts[0], counts[0]]);
    // The counting province itself: 34 of its 100 districts submitted, late.
    expect(await completenessOf(id(COUNTING), { type: 'YEAR', year: 2096 })).toMatchObject({ expected: 100, submitted: 34, missing: 66, late: 34 });
  });

  it('counts a cluster\'s member associations, through the gateway and as the gateway asks the subgraph, one statement for many clusters', async () => {
    const members = [A, B, C].map((name) => ({ elderlyAssociationId: id(name) }));
    const clusterIds = await withDatabase((client) => seedClusters(client, { year: 2097, count: 3, namePrefix: 'Cụm báo cáo NCT đủ', members }));
    const expected = {
      expected: 3, missing: 1, draft: 0, submitted: 1, returned: 0, approved: 1, late: 1,
      missingAssociations: [{ name: C }],
      lateAssociations: [{ name: B }],
      missingAssociationIds: [id(C)],
      lateAssociationIds: [id(B)],
    };
    const selection = `elderlyCompleteness(period: { type: YEAR, year: 2096 }) { ${COUNTS} missingAssociations { name } lateAssociations { name } missingAssociationIds lateAssociationIds }`;
    const requestId = randomUUID();
    const answer = ok(await graphql<{ emulationClusters: { edges: { node: { elderlyCompleteness: Completeness } }[] } }>(
      gatewayUrl(), `{ emulationClusters(year: 2097, first: 10) { edges { node { ${selection} } } } }`, {}, requestId, { token: null },
    ));
    expect(answer.emulationClusters.edges).toHaveLength(3);
    for (const { node } of answer.emulationClusters.edges) expect(node.elderlyCompleteness).toEqual(expected);
    // The counts, then the associations' names: two statements for the three clusters.
    expect((await statementsFor(requestId)).elderly).toBeLessThanOrEqual(2);

    const direct = ok(await graphql<{ _entities: { elderlyCompleteness: Completeness }[] }>(
      subgraphUrl('elderly'),
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on EmulationCluster { ${selection} } } }`,
      { representations: clusterIds.map((clusterId) => ({ __typename: 'EmulationCluster', id: clusterId, memberAssociationIds: [id(A), id(B), id(C), 'not-a-uuid'] })) },
      undefined,
      { asGatewayTo: 'elderly' },
    ));
    expect(direct._entities).toEqual(clusterIds.map(() => ({ elderlyCompleteness: expected })));
  });
});

describe('the demo data\'s Elderly Association reports', () => {
  const THAI_NGUYEN = stableId('elderly:thai-nguyen');

  it('Thái Nguyên\'s 8 districts and 9 provincial clubs approved their 2023 reports on time, and each district\'s clubs theirs', async () => {
    const province = await completenessOf(THAI_NGUYEN, { type: 'YEAR', year: 2023 });
    expect(province).toMatchObject({ expected: 17, missing: 0, draft: 0, submitted: 0, returned: 0, approved: 17, late: 0, lateAssociations: [], lateClubs: [] });
    const districts = ok(await graphql<{ elderlyAssociations: { edges: { node: { name: string; reportingCompleteness: Counts } }[] } }>(
      gatewayUrl(),
      `query ($id: ID!) { elderlyAssociations(parentId: $id, first: 20) { edges { node { name reportingCompleteness(period: { type: YEAR, year: 2023 }) { expected approved late } } } } }`,
      { id: THAI_NGUYEN },
    )).elderlyAssociations.edges;
    expect(districts).toHaveLength(8);
    expect(districts.reduce((clubs, { node }) => clubs + node.reportingCompleteness.approved, 0)).toBe(192 - 9);
    for (const { node } of districts) expect(node.reportingCompleteness.late).toBe(0);
  });

  it('by province, a report never sent past its deadline is late: Lai Châu has no report for 2023', async () => {
    const answer = ok(await graphql<{ nationalElderlyReportingCompleteness: { provinces: (Counts & { province: { id: string } | null })[] } }>(
      gatewayUrl(),
      `{ nationalElderlyReportingCompleteness(period: { type: YEAR, year: 2023 }) { provinces { province { id } ${COUNTS} } } }`,
    ));
    const rows = new Map(answer.nationalElderlyReportingCompleteness.provinces.map(({ province, ...counts }) => [province?.id ?? null, counts]));
    // Thái Nguyên: the province, 8 districts, 192 clubs.
    expect(rows.get('BEFORE_2025:19')).toMatchObject({ expected: 201, approved: 201, missing: 0, late: 0 });
    const laiChau = rows.get('BEFORE_2025:12')!;
    expect(laiChau.expected).toBeGreaterThanOrEqual(19);
    expect(laiChau).toMatchObject({ missing: laiChau.expected, late: laiChau.expected, approved: 0 });
  });
});
