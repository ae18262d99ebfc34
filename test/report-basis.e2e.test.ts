import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedClusters } from '../subgraphs/emulation/src/cluster/emulation-cluster.seed.ts';
import { seedChapterTree } from '../subgraphs/red-cross/src/chapter/chapter.seed.ts';
import { seedFundEntries } from '../subgraphs/elderly/src/fund/club-fund.seed.ts';
import { seedAssociationTree } from '../subgraphs/elderly/src/scheme/association-tree.seed.ts';
import { withDatabase } from './database.ts';
import { gatewayUrl, graphql, statementsFor, subgraphUrl, type GraphQLResponse } from './graphql.ts';

/**
 * Summaries and roll-ups on basis APPROVED against LIVE: approve, reopen, write, and every basis
 * field answers the approved figures unchanged and the live ones changed by exactly the write, on
 * the gateway and on the subgraph. Also: APPROVED without an approval nulls that field only
 * (NOT_APPROVED), a snapshot older than monthly figures refuses months (NOT_IN_APPROVED_FIGURES),
 * and no accepted membership report changes an approved snapshot. On a chapter tree, an association
 * tree and clusters no other test knows, in 2100 (2099 for reads of nothing): the years reserved
 * for this file (2102–2105) are past what a period (PeriodInput), a cluster, a blood donation
 * record and the fuzz suite's stored-date check accept. The API refuses writes dated in the
 * future, so activities, receipts and fund entries are written to the tables directly.
 */
const P = 'Hội CTĐ tỉnh Cơ Sở Duyệt';
const M = 'Hội CTĐ huyện Duyệt Một';
const MA = 'Hội CTĐ xã Duyệt Một A';
const H = 'Hội CTĐ huyện Duyệt Hai';
const EP = 'Hội NCT tỉnh Cơ Sở Duyệt';
const ED = 'Hội NCT huyện Cơ Sở Duyệt';
const YEAR = { type: 'YEAR', year: 2100 };

let chapters: Map<string, string>;
let units: Map<string, string>;
const chapter = (name: string) => chapters.get(name)!;
const clusters: Record<string, { id: string; members: string[] }> = {};

const ok = <T>(result: GraphQLResponse<T>): T => {
  expect(result.errors).toBeUndefined();
  return result.data!;
};
const PATHS = { gateway: () => gatewayUrl(), subgraph: () => subgraphUrl('red-cross') } as const;

async function reportApproved(url: string, kind: 'red-cross' | 'elderly', organisation: Record<string, string>, period: object): Promise<string> {
  const prefix = kind === 'red-cross' ? '' : 'Elderly';
  const submitted = ok(await graphql<Record<string, { id: string }>>(url, `mutation ($input: Submit${prefix}PeriodReportInput!) { r: submit${prefix}PeriodReport(input: $input) { id } }`, { input: { ...organisation, period } })).r;
  ok(await graphql(url, `mutation ($input: Approve${prefix}PeriodReportInput!) { approve${prefix}PeriodReport(input: $input) { id } }`, { input: { id: submitted.id, approveWithMissing: true } }));
  return submitted.id;
}
const reopen = (url: string, prefix: '' | 'Elderly', id: string) =>
  graphql(url, `mutation ($input: Reopen${prefix}PeriodReportInput!) { reopen${prefix}PeriodReport(input: $input) { state } }`, { input: { id, reason: 'Bổ sung số liệu' } });

const FIGURES = 'activities quantity peopleReached valueVnd';
const READ = `query ($id: ID!, $basis: ReportBasis!) {
  months: reliefByMonth(chapterId: $id, period: { type: YEAR, year: 2100 }, basis: $basis) { month ${FIGURES} approvedVersion }
  gifts: reliefByMonth(chapterId: $id, period: { type: YEAR, year: 2100 }, kind: GIFT_PACKAGES, basis: $basis) { month ${FIGURES} approvedVersion }
  total: reliefSummary(chapterId: $id, period: { type: YEAR, year: 2100 }, basis: $basis) { total { ${FIGURES} } rows { kind } approvedVersion }
  byMonth: reliefSummary(chapterId: $id, period: { type: YEAR, year: 2100 }, groupBy: [MONTH], basis: $basis) { total { ${FIGURES} } rows { month kind ${FIGURES} } approvedVersion }
  byKindMonth: reliefSummary(chapterId: $id, period: { type: YEAR, year: 2100 }, groupBy: [KIND, MONTH], basis: $basis) { rows { kind month ${FIGURES} } approvedVersion }
  byMonthKind: reliefSummary(chapterId: $id, period: { type: YEAR, year: 2100 }, groupBy: [MONTH, KIND], basis: $basis) { rows { month kind ${FIGURES} } approvedVersion }
  chapter(id: $id) {
    name
    bloodDonationSummary(period: { type: YEAR, year: 2100 }, basis: $basis) { awarenessRounds plannedUnits emergencyUnits totalUnits approvedVersion }
    membershipTotals(period: { type: YEAR, year: 2100 }, basis: $basis) { grassrootsOrganisations branches individualMembers collectiveMembers volunteers reports approvedVersion }
  }
}`;
const CLUSTER_TOTALS = `redCrossTotals(period: { type: YEAR, year: 2100 }, basis: $basis) {
  chapters grassrootsOrganisations branches individualMembers collectiveMembers volunteers casesHelped assistanceValueVnd reliefValueVnd
  approvedReports { organisationId reportId version } unapprovedChapterIds }`;

type Json = Record<string, unknown>;
/** The answer without its approvedVersion fields (and the approval lists), to compare figures of either basis. */
function figuresOnly(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(figuresOnly);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([key]) => !['approvedVersion', 'approvedReports', 'unapprovedChapterIds'].includes(key)).map(([key, inner]) => [key, figuresOnly(inner)]));
  }
  return value;
}
/** Every approvedVersion in an answer. */
function versions(value: unknown, into: unknown[] = []): unknown[] {
  if (Array.isArray(value)) value.forEach((inner) => versions(inner, into));
  else if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) key === 'approvedVersion' ? into.push(inner) : versions(inner, into);
  return into;
}
/** Figures plus a change, exactly (digits as BigInt). */
function plus<T extends Json>(figures: T, change: Record<string, number>): T {
  const out: Json = { ...figures };
  for (const [key, delta] of Object.entries(change)) out[key] = typeof figures[key] === 'number' ? (figures[key] as number) + delta : String(BigInt(figures[key] as string) + BigInt(delta));
  return out as T;
}

async function read(url: string, chapterId: string, basis: string) {
  return ok(await graphql<Json>(url, READ, { id: chapterId, basis }));
}
async function readCluster(path: keyof typeof PATHS, name: string, basis: string): Promise<GraphQLResponse<Json>> {
  const { id, members } = clusters[name];
  if (path === 'gateway') {
    const result = await graphql<{ emulationCluster: { name: string; redCrossTotals: Json } }>(gatewayUrl(), `query ($id: ID!, $basis: ReportBasis!) { emulationCluster(id: $id) { name ${CLUSTER_TOTALS} } }`, { id, basis });
    // The cluster stays whatever its totals answer.
    expect(result.data?.emulationCluster.name).toMatch(/^Cụm Duyệt/);
    return { ...result, data: result.data?.emulationCluster.redCrossTotals };
  }
  // As the gateway asks it: the members handed over by @requires, signed with the gateway's key.
  const result = await graphql<{ _entities: { redCrossTotals: Json }[] }>(
    subgraphUrl('red-cross'),
    `query ($r: [_Any!]!, $basis: ReportBasis!) { _entities(representations: $r) { ... on EmulationCluster { ${CLUSTER_TOTALS} } } }`,
    { r: [{ __typename: 'EmulationCluster', id, memberChapterIds: members }], basis },
    undefined,
    { asGatewayTo: 'red-cross' },
  );
  return { ...result, data: result.data?._entities[0].redCrossTotals };
}

describe('basis APPROVED against LIVE', () => {
  beforeAll(async () => {
    await withDatabase(async (client) => {
      chapters = await seedChapterTree(client, {
        name: P,
        level: 'PROVINCE',
        children: [
          { name: M, level: 'DISTRICT', children: [{ name: MA, level: 'GRASSROOTS' }] },
          { name: H, level: 'DISTRICT' },
        ],
      });
      const relief = [
        [MA, 'GIFT_PACKAGES', 10, 20, 1_000_000, '2100-01-15'],
        [MA, 'REGULAR_ASSISTANCE', 3, 3, 600_000, '2100-03-02'],
        [MA, 'GIFT_PACKAGES', 4, 4, 400_000, '2100-03-09'],
        [H, 'EMERGENCY_ASSISTANCE', 2, 5, 2_000_000, '2100-02-10'],
        [MA, 'FREE_MEALS', 100, 100, 3_000_000, '2099-01-10'],
      ] as const;
      for (const [name, kind, quantity, people, value, day] of relief) {
        await client.query(
          `insert into red_cross.relief_activity (id, chapter_id, kind, quantity, people_reached, value_vnd, occurred_on) values ($1, $2, $3, $4, $5, $6, $7)`,
          [randomUUID(), chapter(name), kind, quantity, people, value, day],
        );
      }
      // Blood donation records end with 2100 (a check on the tables): December 2100, on these chapters only.
      for (const [name, units, kind, day] of [[MA, 30, 'PLANNED', '2100-12-01'], [H, 4, 'EMERGENCY', '2100-12-05'], [MA, 6, 'EMERGENCY', '2100-12-09']] as const) {
        await client.query(`insert into red_cross.blood_unit_receipt (id, chapter_id, received_on, units, kind) values ($1, $2, $3, $4, $5)`, [randomUUID(), chapter(name), day, units, kind]);
      }
      const reported = [[MA, 'YEAR', '2100-01-01', '2100-12-31', [1, 5, 300, 1, 20]], [H, 'YEAR', '2100-01-01', '2100-12-31', [2, 8, 500, 0, 10]], [MA, 'QUARTER', '2100-07-01', '2100-09-30', [4, 6, 310, 0, 7]]] as const;
      for (const [name, type, start, end, figures] of reported) {
        await client.query(
          `insert into red_cross.membership_report (id, chapter_id, period_type, period_start, period_end, grassroots_organisations, branches, individual_members, collective_members, volunteers)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [randomUUID(), chapter(name), type, start, end, ...figures],
        );
      }
      units = await seedAssociationTree(client, { name: EP, level: 'PROVINCE', clubsFoundedOn: ['2100-01-01'], children: [{ name: ED, level: 'DISTRICT', clubsFoundedOn: ['2100-01-01'] }] });
      const { rows } = await client.query<{ id: string; association_id: string }>(`select id, association_id from elderly.club where association_id = any($1::uuid[])`, [[...units.values()]]);
      for (const row of rows) {
        units.set(`club:${row.association_id}`, row.id);
        await seedFundEntries(client, row.id, [{ kind: 'STARTING_GRANT', amountVnd: 10_000_000, occurredOn: '2100-02-01' }]);
      }
      const seed = async (name: string, members: ({ chapterId: string } | { elderlyAssociationId: string })[]) => {
        const [id] = await seedClusters(client, { year: 2100, count: 1, namePrefix: name, members });
        clusters[name] = { id, members: members.map((member) => ('chapterId' in member ? member.chapterId : member.elderlyAssociationId)) };
      };
      await seed('Cụm Duyệt Một Hai', [{ chapterId: chapter(M) }, { chapterId: chapter(H) }]);
      await seed('Cụm Duyệt Hai', [{ chapterId: chapter(H) }]);
      await seed('Khối NCT Duyệt huyện', [{ elderlyAssociationId: units.get(ED)! }]);
      await seed('Khối NCT Duyệt tỉnh', [{ elderlyAssociationId: units.get(EP)! }, { elderlyAssociationId: units.get(ED)! }]);
    });
  });

  it('Red Cross: approved figures stay as signed off while live ones move by exactly the write, on the gateway and the subgraph', async () => {
    const url = gatewayUrl();
    const reports: Record<string, string> = { [M]: await reportApproved(url, 'red-cross', { chapterId: chapter(M) }, YEAR), [P]: await reportApproved(url, 'red-cross', { chapterId: chapter(P) }, YEAR) };

    // Just approved: both bases agree; APPROVED names version 1, LIVE none.
    const before: Record<string, Json> = {};
    for (const name of [M, P]) {
      for (const [path, at] of Object.entries(PATHS)) {
        const approved = await read(at(), chapter(name), 'APPROVED');
        const live = await read(at(), chapter(name), 'LIVE');
        expect(figuresOnly(approved), `${name} ${path}`).toEqual(figuresOnly(live));
        expect(new Set(versions(approved))).toEqual(new Set([1]));
        expect(new Set(versions(live))).toEqual(new Set([null]));
        before[`${name}:${path}`] = approved;
      }
      expect(before[`${name}:gateway`]).toEqual(before[`${name}:subgraph`]);
    }
    const beforeClusters: Record<string, Json> = {};
    for (const path of Object.keys(PATHS) as (keyof typeof PATHS)[]) {
      const approved = ok(await readCluster(path, 'Cụm Duyệt Một Hai', 'APPROVED'));
      expect(approved).toMatchObject({ chapters: 1, approvedReports: [{ organisationId: chapter(M), reportId: reports[M], version: 1 }], unapprovedChapterIds: [chapter(H)] });
      // Only Một's approved figures are added: its approved membership and relief.
      const m = before[`${M}:gateway`] as { chapter: { membershipTotals: Json }; total: { total: Json } };
      expect(approved).toMatchObject({
        individualMembers: m.chapter.membershipTotals.individualMembers,
        reliefValueVnd: m.total.total.valueVnd,
        casesHelped: '3',
        assistanceValueVnd: '600000',
      });
      beforeClusters[path] = approved;
    }

    // Reopened, then written: an activity and a receipt in March (directly: the API refuses future days), and Một's own membership report (the API).
    for (const name of [M, P]) expect(ok(await reopen(url, '', reports[name]))).toMatchObject({ reopenPeriodReport: { state: 'DRAFT' } });
    await withDatabase(async (client) => {
      await client.query(`insert into red_cross.relief_activity (id, chapter_id, kind, quantity, people_reached, value_vnd, occurred_on) values ($1, $2, 'GIFT_PACKAGES', 7, 11, 5000000, '2100-03-20')`, [randomUUID(), chapter(MA)]);
    });
    ok(await graphql(url, `mutation ($input: MembershipReportInput!) { submitMembershipReport(input: $input) { id } }`, {
      input: { chapterId: chapter(M), period: YEAR, grassrootsOrganisations: 3, branches: 9, individualMembers: 450, collectiveMembers: 2, volunteers: 25 },
    }));

    const WRITE = { activities: 1, quantity: 7, peopleReached: 11, valueVnd: 5_000_000 };
    const MARCH = '2100-03';
    // Membership: Một's own report now stands for its subtree in place of xã Một A's.
    const MEMBERSHIP = { grassrootsOrganisations: 3 - 1, branches: 9 - 5, individualMembers: 450 - 300, collectiveMembers: 2 - 1, volunteers: 25 - 20, reports: 0 };
    for (const name of [M, P]) {
      for (const [path, at] of Object.entries(PATHS)) {
        const approved = await read(at(), chapter(name), 'APPROVED');
        expect(approved, `${name} ${path}: approved unchanged`).toEqual(before[`${name}:${path}`]);
        const live = (await read(at(), chapter(name), 'LIVE')) as Record<string, Json[] & Json>;
        const was = approved as Record<string, Json[] & Json>;
        const withoutVersion = <T>(value: T) => figuresOnly(value) as T;
        expect(live.months, `${name} ${path}: months`).toEqual(withoutVersion(was.months).map((month) => ({ ...(month.month === MARCH ? plus(month, WRITE) : month), approvedVersion: null })));
        expect(live.gifts).toEqual(withoutVersion(was.gifts).map((month) => ({ ...(month.month === MARCH ? plus(month, WRITE) : month), approvedVersion: null })));
        expect(live.byMonth).toEqual({
          total: plus(was.byMonth.total as Json, WRITE),
          rows: (was.byMonth.rows as Json[]).map((row) => (row.month === MARCH ? plus(row, WRITE) : row)),
          approvedVersion: null,
        });
        const giftsInMarch = (rows: Json[]) => rows.find((row) => row.month === MARCH && row.kind === 'GIFT_PACKAGES')!;
        for (const grouping of ['byKindMonth', 'byMonthKind']) {
          const liveRows = live[grouping].rows as Json[];
          const approvedRows = was[grouping].rows as Json[];
          expect(giftsInMarch(liveRows)).toEqual(plus(giftsInMarch(approvedRows), WRITE));
          expect(liveRows.filter((row) => row !== giftsInMarch(liveRows))).toEqual(approvedRows.filter((row) => row !== giftsInMarch(approvedRows)));
        }
        const blood = (was.chapter as unknown as { bloodDonationSummary: Json }).bloodDonationSummary;
        const members = (was.chapter as unknown as { membershipTotals: Json }).membershipTotals;
        expect(live.chapter).toEqual({
          name,
          bloodDonationSummary: { ...blood, approvedVersion: null },
          membershipTotals: { ...plus(members, MEMBERSHIP), approvedVersion: null },
        });
      }
    }
    for (const path of Object.keys(PATHS) as (keyof typeof PATHS)[]) {
      expect(ok(await readCluster(path, 'Cụm Duyệt Một Hai', 'APPROVED')), path).toEqual(beforeClusters[path]);
      const live = ok(await readCluster(path, 'Cụm Duyệt Một Hai', 'LIVE'));
      // Live counts both members; Một's part moved by the write.
      const hai = { grassrootsOrganisations: 2, branches: 8, individualMembers: 500, collectiveMembers: 0, volunteers: 10, casesHelped: 2, assistanceValueVnd: 2_000_000, reliefValueVnd: 2_000_000 };
      const { reports: _reports, ...membership } = MEMBERSHIP;
      const sum = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.keys(a).map((key) => [key, a[key] + (b[key] ?? 0)]));
      expect(live).toEqual({
        ...plus({ ...(figuresOnly(beforeClusters[path]) as Json), chapters: 1 }, sum(hai, { ...membership, reliefValueVnd: WRITE.valueVnd })),
        chapters: 2,
        approvedReports: null,
        unapprovedChapterIds: null,
      });
    }

    // Approved again: version 2 now, and the two bases agree once more.
    ok(await graphql(url, `mutation ($input: SubmitPeriodReportInput!) { submitPeriodReport(input: $input) { id } }`, { input: { chapterId: chapter(M), period: YEAR } }));
    ok(await graphql(url, `mutation ($input: ApprovePeriodReportInput!) { approvePeriodReport(input: $input) { version } }`, { input: { id: reports[M], approveWithMissing: true } }));
    const again = await read(gatewayUrl(), chapter(M), 'APPROVED');
    expect(new Set(versions(again))).toEqual(new Set([2]));
    expect(figuresOnly(again)).toEqual(figuresOnly(await read(gatewayUrl(), chapter(M), 'LIVE')));
    ok(await reopen(url, '', reports[M]));
  });

  it('Red Cross blood donation: the approved summary stays as signed off while the live one moves by exactly the write', async () => {
    const DECEMBER = { type: 'MONTH', year: 2100, index: 12 };
    const url = gatewayUrl();
    const reportId = await reportApproved(url, 'red-cross', { chapterId: chapter(M) }, DECEMBER);
    const BLOOD = `query ($id: ID!, $basis: ReportBasis!) { chapter(id: $id) { bloodDonationSummary(period: { type: MONTH, year: 2100, index: 12 }, basis: $basis) {
      period { start end } awarenessRounds plannedUnits emergencyUnits totalUnits approvedVersion } } }`;
    const summary = async (at: string, basis: string) => ok(await graphql<{ chapter: { bloodDonationSummary: Json } }>(at, BLOOD, { id: chapter(M), basis })).chapter.bloodDonationSummary;
    const before: Record<string, Json> = {};
    for (const [path, at] of Object.entries(PATHS)) {
      before[path] = await summary(at(), 'APPROVED');
      expect(before[path], path).toEqual({ period: { start: '2100-12-01', end: '2100-12-31' }, awarenessRounds: 0, plannedUnits: '30', emergencyUnits: '6', totalUnits: '36', approvedVersion: 1 });
      expect(await summary(at(), 'LIVE')).toEqual({ ...before[path], approvedVersion: null });
    }
    ok(await reopen(url, '', reportId));
    await withDatabase(async (client) => {
      await client.query(`insert into red_cross.blood_unit_receipt (id, chapter_id, received_on, units, kind) values ($1, $2, '2100-12-21', 9, 'PLANNED')`, [randomUUID(), chapter(MA)]);
      await client.query(`insert into red_cross.blood_donation_awareness_round (id, chapter_id, held_on) values ($1, $2, '2100-12-22')`, [randomUUID(), chapter(M)]);
    });
    for (const [path, at] of Object.entries(PATHS)) {
      expect(await summary(at(), 'APPROVED'), path).toEqual(before[path]);
      expect(await summary(at(), 'LIVE'), path).toEqual({ ...plus(before[path], { awarenessRounds: 1, plannedUnits: 9, totalUnits: 9 }), approvedVersion: null });
    }
  });

  it('APPROVED with nothing approved is NOT_APPROVED at that field only: the chapter and the cluster around it stay', async () => {
    const NONE = `query ($id: ID!) { chapter(id: $id) { name
      membershipTotals(period: { type: YEAR, year: 2099 }, basis: APPROVED) { individualMembers }
      bloodDonationSummary(period: { type: YEAR, year: 2099 }, basis: APPROVED) { totalUnits }
      live: membershipTotals(period: { type: YEAR, year: 2099 }) { individualMembers approvedVersion } }
      reliefSummary(chapterId: $id, period: { type: YEAR, year: 2099 }, basis: APPROVED) { total { activities } }
      reliefByMonth(chapterId: $id, period: { type: YEAR, year: 2099 }, basis: APPROVED) { month } }`;
    for (const [path, at] of Object.entries(PATHS)) {
      const result = await graphql<Json>(at(), NONE, { id: chapter(H) });
      expect(result.data, path).toEqual({ chapter: { name: H, membershipTotals: null, bloodDonationSummary: null, live: { individualMembers: '0', approvedVersion: null } }, reliefSummary: null, reliefByMonth: null });
      const errors = (result.errors ?? []).map((error) => ({ path: error.path, ...(error.extensions as Json) }) as Json).sort((a, b) => String(a.path).localeCompare(String(b.path)));
      const period = { type: 'YEAR', start: '2099-01-01', end: '2099-12-31' };
      expect(errors.map(({ path: at, code, field, organisationId, period: of }) => ({ at, code, field, organisationId, of }))).toEqual([
        { at: ['chapter', 'bloodDonationSummary'], code: 'NOT_APPROVED', field: 'basis', organisationId: chapter(H), of: period },
        { at: ['chapter', 'membershipTotals'], code: 'NOT_APPROVED', field: 'basis', organisationId: chapter(H), of: period },
        { at: ['reliefByMonth'], code: 'NOT_APPROVED', field: 'basis', organisationId: chapter(H), of: period },
        { at: ['reliefSummary'], code: 'NOT_APPROVED', field: 'basis', organisationId: chapter(H), of: period },
      ]);
    }
    for (const path of Object.keys(PATHS) as (keyof typeof PATHS)[]) {
      const cluster = await readCluster(path, 'Cụm Duyệt Hai', 'APPROVED');
      expect(cluster.errors?.[0].extensions, path).toMatchObject({ code: 'NOT_APPROVED', field: 'basis', organisationIds: [chapter(H)] });
      expect(cluster.data).toBeNull();
    }
  });

  it('a snapshot approved before approvals froze months answers totals and kinds, and refuses months with NOT_IN_APPROVED_FIGURES', async () => {
    const period = { type: 'QUARTER', year: 2100, index: 1 };
    const reportId = await reportApproved(gatewayUrl(), 'red-cross', { chapterId: chapter(H) }, period);
    // As the figures statement wrote it before relief.byMonth existed.
    await withDatabase((client) => client.query(`update red_cross.period_report_snapshot set figures = figures #- '{relief,byMonth}' where report_id = $1`, [reportId]));
    const OLD = `query ($id: ID!, $report: ID!) {
      kinds: reliefSummary(chapterId: $id, period: { type: QUARTER, year: 2100, index: 1 }, groupBy: [KIND], basis: APPROVED) { total { activities valueVnd } rows { kind activities } approvedVersion }
      months: reliefSummary(chapterId: $id, period: { type: QUARTER, year: 2100, index: 1 }, groupBy: [MONTH], basis: APPROVED) { total { activities } }
      series: reliefByMonth(chapterId: $id, period: { type: QUARTER, year: 2100, index: 1 }, basis: APPROVED) { month }
      campaigns: reliefSummary(chapterId: $id, period: { type: QUARTER, year: 2100, index: 1 }, groupBy: [CAMPAIGN], basis: APPROVED) { total { activities } }
      periodReport(id: $report) { differences { figure } } }`;
    for (const [path, at] of Object.entries(PATHS)) {
      const result = await graphql<Json>(at(), OLD, { id: chapter(H), report: reportId });
      expect(result.data, path).toEqual({
        kinds: { total: { activities: 1, valueVnd: '2000000' }, rows: [{ kind: 'EMERGENCY_ASSISTANCE', activities: 1 }], approvedVersion: 1 },
        months: null,
        series: null,
        campaigns: null,
        // Live now holds months the old snapshot never froze: not a difference.
        periodReport: { differences: [] },
      });
      const byPath = Object.fromEntries((result.errors ?? []).map((error) => [error.path![0], error.extensions]));
      expect(byPath.months).toMatchObject({ code: 'NOT_IN_APPROVED_FIGURES', field: 'groupBy', reportId, approvedVersion: 1 });
      expect(byPath.series).toMatchObject({ code: 'NOT_IN_APPROVED_FIGURES', field: 'basis', reportId, approvedVersion: 1 });
      expect(byPath.campaigns).toMatchObject({ code: 'NOT_IN_APPROVED_FIGURES', field: 'groupBy' });
    }
  });

  it('APPROVED reads cost a flat number of statements however many chapters and clusters are asked', async () => {
    const ask = (ids: string[]) => `{ ${ids.map((chapterId, index) => `c${index}: chapter(id: "${chapterId}") {
      membershipTotals(period: { type: YEAR, year: 2100 }, basis: APPROVED) { volunteers approvedVersion }
      bloodDonationSummary(period: { type: YEAR, year: 2100 }, basis: APPROVED) { totalUnits approvedVersion } }`).join(' ')} }`;
    const cost = async (ids: string[]) => {
      const requestId = randomUUID();
      await graphql(subgraphUrl('red-cross'), ask(ids), {}, requestId);
      return (await statementsFor(requestId))['red-cross'];
    };
    expect(await cost([chapter(M)])).toBe(await cost([chapter(M), chapter(P), chapter(H), chapter(MA)]));
    // Every cluster of a list in one statement, on either basis (members without an approval included).
    const clustersCost = async (first: number, basis: string) => {
      const requestId = randomUUID();
      const result = await graphql<{ emulationClusters: { edges: unknown[] } }>(gatewayUrl(), `{ emulationClusters(year: 2100, first: ${first}) { edges { node { redCrossTotals(period: { type: YEAR, year: 2100 }, basis: ${basis}) { chapters } } } } }`, {}, requestId);
      expect(result.data!.emulationClusters.edges.length).toBeGreaterThanOrEqual(Math.min(first, 2));
      return (await statementsFor(requestId))['red-cross'];
    };
    const costs = [await clustersCost(1, 'LIVE'), await clustersCost(1, 'APPROVED'), await clustersCost(100, 'APPROVED'), await clustersCost(100, 'LIVE')];
    expect(costs).toEqual([1, 1, 1, 1]);
  });

  it('Elderly cluster totals: a topmost member\'s approved figures, unchanged by a later write that moves the live ones exactly', async () => {
    const url = gatewayUrl();
    const reportId = await reportApproved(url, 'elderly', { associationId: units.get(ED)! }, YEAR);
    const TOTALS = `elderlyTotals(period: { type: YEAR, year: 2100 }, basis: $basis) {
      associations clubs members totalFund contributedOrRaised outOnLoan borrowers approvedReports { organisationId reportId version } unapprovedAssociationIds }`;
    const readElderly = async (path: keyof typeof PATHS, name: string, basis: string) => {
      const { id, members } = clusters[name];
      if (path === 'gateway') {
        const result = await graphql<{ emulationCluster: { name: string; elderlyTotals: Json } }>(url, `query ($id: ID!, $basis: ReportBasis!) { emulationCluster(id: $id) { name ${TOTALS} } }`, { id, basis });
        expect(result.data?.emulationCluster.name).toMatch(/^Khối NCT Duyệt/);
        return { ...result, data: result.data?.emulationCluster.elderlyTotals };
      }
      const result = await graphql<{ _entities: { elderlyTotals: Json }[] }>(subgraphUrl('elderly'), `query ($r: [_Any!]!, $basis: ReportBasis!) { _entities(representations: $r) { ... on EmulationCluster { ${TOTALS} } } }`,
        { r: [{ __typename: 'EmulationCluster', id, memberAssociationIds: members }], basis }, undefined, { asGatewayTo: 'elderly' });
      return { ...result, data: result.data?._entities[0].elderlyTotals };
    };
    const FIELDS: Record<string, string> = { 'fund.totalFund': 'totalFund', 'fund.contributedOrRaised': 'contributedOrRaised', 'fund.outOnLoan': 'outOnLoan', 'fund.borrowers': 'borrowers', clubs: 'clubs', 'members.members': 'members' };
    const before: Record<string, Json> = {};
    for (const path of Object.keys(PATHS) as (keyof typeof PATHS)[]) {
      const approved = ok(await readElderly(path, 'Khối NCT Duyệt huyện', 'APPROVED'));
      expect(approved).toMatchObject({ associations: 1, approvedReports: [{ organisationId: units.get(ED), reportId, version: 1 }], unapprovedAssociationIds: [] });
      expect(figuresOnly({ ...approved, unapprovedAssociationIds: null })).toEqual(figuresOnly({ ...ok(await readElderly(path, 'Khối NCT Duyệt huyện', 'LIVE')), unapprovedAssociationIds: null }));
      expect(Number(approved.clubs)).toBe(1);
      before[path] = approved;
      // The province is the topmost member there and has no approval: its district's is inside it, not read instead.
      const province = await readElderly(path, 'Khối NCT Duyệt tỉnh', 'APPROVED');
      expect(province.errors?.[0].extensions, path).toMatchObject({ code: 'NOT_APPROVED', field: 'basis' });
      expect(province.data).toBeNull();
    }
    ok(await reopen(url, 'Elderly', reportId));
    await withDatabase((client) => seedFundEntries(client, units.get(`club:${units.get(ED)}`)!, [{ kind: 'STARTING_GRANT', amountVnd: 5_000_000, occurredOn: '2100-06-01' }]));
    const report = ok(await graphql<{ elderlyPeriodReport: { differences: { figure: string; change: string }[] } }>(url, `query ($id: ID!) { elderlyPeriodReport(id: $id) { differences { figure change } } }`, { id: reportId }));
    const changes = Object.fromEntries(report.elderlyPeriodReport.differences.filter(({ figure }) => figure in FIELDS).map(({ figure, change }) => [FIELDS[figure], Number(change)]));
    expect(changes.totalFund).toBe(5_000_000);
    for (const path of Object.keys(PATHS) as (keyof typeof PATHS)[]) {
      expect(ok(await readElderly(path, 'Khối NCT Duyệt huyện', 'APPROVED')), path).toEqual(before[path]);
      const live = ok(await readElderly(path, 'Khối NCT Duyệt huyện', 'LIVE'));
      expect(live).toEqual({ ...plus(before[path], changes), approvedReports: null, unapprovedAssociationIds: null });
    }
  });

  it('Red Cross membership: no accepted membership report changes an approved snapshot; those that would are PERIOD_LOCKED', async () => {
    // Membership totals read the reports of exactly the period asked (nearest in the subtree), so a
    // report changes the figures of that period only, on its chapter and the chapters above it:
    // SPAN reach covers it (no ONWARD). Every chapter around the approved one × periods in, around and outside it.
    const APPROVED_QUARTER = { type: 'QUARTER', year: 2100, index: 3 };
    const reportId = await reportApproved(gatewayUrl(), 'red-cross', { chapterId: chapter(M) }, APPROVED_QUARTER);
    const READ_REPORT = `query ($id: ID!) { periodReport(id: $id) { approved: figures(basis: APPROVED) { membership { grassrootsOrganisations branches individualMembers collectiveMembers volunteers reports } } differences { figure change } } }`;
    const snapshot = ok(await graphql<{ periodReport: { approved: Json } }>(gatewayUrl(), READ_REPORT, { id: reportId })).periodReport.approved;
    expect(snapshot).toMatchObject({ membership: { individualMembers: '310', reports: 1 } });
    const periods = [
      APPROVED_QUARTER,
      { type: 'MONTH', year: 2100, index: 8 },
      { type: 'MONTH', year: 2100, index: 9 },
      { type: 'HALF_YEAR', year: 2100, index: 2 },
      { type: 'QUARTER', year: 2100, index: 4 },
      { type: 'MONTH', year: 2100, index: 6 },
    ];
    const inside = (period: { type: string; index?: number }) => (period.type === 'QUARTER' && period.index === 3) || (period.type === 'MONTH' && [7, 8, 9].includes(period.index!));
    const cases = [P, M, MA, H].flatMap((name) => periods.map((period) => ({ name, period })))
      // xã Một A already reported the quarter.
      .filter(({ name, period }) => !(name === MA && period === APPROVED_QUARTER));
    let accepted = 0;
    for (const [index, { name, period }] of cases.entries()) {
      const url = index % 2 ? gatewayUrl() : subgraphUrl('red-cross');
      const result = await graphql(url, `mutation ($input: MembershipReportInput!) { submitMembershipReport(input: $input) { id } }`, {
        input: { chapterId: chapter(name), period, grassrootsOrganisations: 9, branches: 9, individualMembers: 999, collectiveMembers: 9, volunteers: 9 },
      });
      const locks = [M, MA].includes(name) && inside(period);
      if (locks) {
        expect(result.errors?.[0].extensions, `${name} ${JSON.stringify(period)}`).toMatchObject({ code: 'PERIOD_LOCKED', field: 'period', reportId, organisationId: chapter(M) });
      } else {
        expect(result.errors, `${name} ${JSON.stringify(period)}`).toBeUndefined();
        accepted += 1;
      }
    }
    expect(accepted).toBe(cases.length - (periods.filter(inside).length * 2 - 1));
    const after = ok(await graphql<{ periodReport: { approved: Json; differences: { figure: string }[] } }>(gatewayUrl(), READ_REPORT, { id: reportId })).periodReport;
    expect(after.approved).toEqual(snapshot);
    expect(after.differences.filter(({ figure }) => figure.startsWith('membership.'))).toEqual([]);
    const totals = ok(await graphql<{ chapter: { approved: Json; live: Json } }>(gatewayUrl(), `query ($id: ID!) { chapter(id: $id) {
      approved: membershipTotals(period: { type: QUARTER, year: 2100, index: 3 }, basis: APPROVED) { individualMembers reports approvedVersion }
      live: membershipTotals(period: { type: QUARTER, year: 2100, index: 3 }) { individualMembers reports approvedVersion } } }`, { id: chapter(M) }));
    expect(totals.chapter).toEqual({ approved: { individualMembers: '310', reports: 1, approvedVersion: 1 }, live: { individualMembers: '310', reports: 1, approvedVersion: null } });
  });
});
