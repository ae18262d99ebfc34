import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Kind, parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { TRANSITIONS, PeriodReportState } from '@hoi/common/period-report';
import { withDatabase } from '../../../../test/database.ts';
import { gatewayUrl, graphql, statementsFor, subgraphUrl, tokenFor, type GraphQLResponse } from '../../../../test/graphql.ts';
import { seedChapterTree } from '../chapter/chapter.seed.ts';

/**
 * The reporting cycle on the Red Cross: every step × role on the gateway and on the subgraph, every
 * refused state, every figure-changing mutation refused in a locked period (the list is read from
 * the schema), a correction with its two snapshots, a parent waiting for its children, and
 * approvals racing writes. Its own chapter tree; report periods 2041–2049 for the role table and
 * past years (writes cannot be dated in the future) for the locks, on chapters no other test knows.
 */
const sub = () => subgraphUrl('red-cross');
let ids: Map<string, string>;
const id = (name: string) => ids.get(name)!;

const REPORT_FIELDS = `id state version comment missingChildIds period { type start end } chapter { id }`;
const SUBMIT = `mutation ($input: SubmitPeriodReportInput!) { submitPeriodReport(input: $input) { ${REPORT_FIELDS} } }`;
const APPROVE = `mutation ($input: ApprovePeriodReportInput!) { approvePeriodReport(input: $input) { ${REPORT_FIELDS} } }`;
const RETURN = `mutation ($input: ReturnPeriodReportInput!) { returnPeriodReport(input: $input) { ${REPORT_FIELDS} } }`;
const REOPEN = `mutation ($input: ReopenPeriodReportInput!) { reopenPeriodReport(input: $input) { ${REPORT_FIELDS} } }`;

type Report = { id: string; state: string; version: number; comment: string | null; missingChildIds: string[] };
type Period = { type: string; year: number; index?: number };

const ok = <T>(result: GraphQLResponse<T>): T => {
  expect(result.errors).toBeUndefined();
  return result.data!;
};

async function submit(chapterId: string, period: Period, token?: string | null, url = sub()) {
  return graphql<{ submitPeriodReport: Report }>(url, SUBMIT, { input: { chapterId, period } }, undefined, { token });
}
async function approve(reportId: string, approveWithMissing = false, token?: string | null, url = sub()) {
  return graphql<{ approvePeriodReport: Report }>(url, APPROVE, { input: { id: reportId, approveWithMissing } }, undefined, { token });
}
const returnReport = (reportId: string, token?: string | null, url = sub()) =>
  graphql<{ returnPeriodReport: Report }>(url, RETURN, { input: { id: reportId, comment: 'Thiếu số liệu hiến máu' } }, undefined, { token });
const reopen = (reportId: string, token?: string | null, url = sub(), reason = 'Sửa số liệu cứu trợ tháng 3') =>
  graphql<{ reopenPeriodReport: Report }>(url, REOPEN, { input: { id: reportId, reason } }, undefined, { token });

/** A report of the chapter in the period brought to a state by a national administrator. */
async function reportIn(chapterId: string, period: Period, state: PeriodReportState): Promise<string> {
  const { submitPeriodReport: report } = ok(await submit(chapterId, period));
  if (state === PeriodReportState.SUBMITTED) return report.id;
  if (state === PeriodReportState.RETURNED) ok(await returnReport(report.id));
  else ok(await approve(report.id, true));
  if (state === PeriodReportState.DRAFT) ok(await reopen(report.id));
  return report.id;
}

describe('period reports: the reporting cycle', () => {
  const tokens: Record<string, string | null> = {};

  beforeAll(async () => {
    ids = await withDatabase((client) =>
      seedChapterTree(client, {
        name: 'Hội CTĐ tỉnh Báo Cáo',
        level: 'PROVINCE',
        children: [
          { name: 'Hội CTĐ huyện Một', level: 'DISTRICT' },
          { name: 'Hội CTĐ huyện Hai', level: 'DISTRICT', children: [{ name: 'Hội CTĐ xã Hai A', level: 'GRASSROOTS' }] },
        ],
      }),
    );
    tokens['officer of the chapter'] = await tokenFor({ role: 'chapter_officer', scope: [id('Hội CTĐ huyện Một')] });
    tokens['officer of the parent'] = await tokenFor({ role: 'chapter_officer', scope: [id('Hội CTĐ tỉnh Báo Cáo')] });
    tokens['officer of another chapter'] = await tokenFor({ role: 'chapter_officer', scope: [id('Hội CTĐ huyện Hai')] });
    tokens['association officer over the parent'] = await tokenFor({ role: 'association_officer', scope: [id('Hội CTĐ tỉnh Báo Cáo')] });
    tokens['national administrator'] = await tokenFor({ role: 'national_admin' });
    tokens.analyst = await tokenFor({ role: 'analyst' });
    tokens.partner = await tokenFor({ role: 'partner', subgraph: 'red-cross' });
    tokens.anonymous = null;
  });

  /** Who may take each step on a district's report: its own officer submits, the province's officer (or an administrator) decides. */
  const ALLOWED: Record<string, readonly string[]> = {
    submit: ['officer of the chapter', 'national administrator'],
    approve: ['officer of the parent', 'national administrator'],
    return: ['officer of the parent', 'national administrator'],
    reopen: ['officer of the parent', 'national administrator'],
  };
  const ROLES = ['officer of the chapter', 'officer of the parent', 'officer of another chapter', 'association officer over the parent', 'national administrator', 'analyst', 'partner', 'anonymous'];
  const STEPS = Object.keys(TRANSITIONS) as (keyof typeof TRANSITIONS)[];
  const PATHS = ['gateway', 'subgraph'] as const;
  const cases = PATHS.flatMap((path, p) => STEPS.flatMap((step, s) => ROLES.map((role, r) => ({ path, step, role, period: { type: 'MONTH', year: 2041 + p * 4 + s, index: r + 1 } }))));

  // Independent cases (a period each): five at a time, vitest's default.
  it.concurrent.each(cases)('$step by $role through the $path', async ({ path, step, role, period }) => {
    const chapterId = id('Hội CTĐ huyện Một');
    const url = path === 'gateway' ? gatewayUrl() : sub();
    const token = tokens[role];
    const precondition = TRANSITIONS[step].from[0];
    const reportId = step === 'submit' ? null : await reportIn(chapterId, period, precondition);
    const result: GraphQLResponse = step === 'submit' ? await submit(chapterId, period, token, url)
      : step === 'approve' ? await approve(reportId!, false, token, url)
      : step === 'return' ? await returnReport(reportId!, token, url)
      : await reopen(reportId!, token, url);
    if (ALLOWED[step].includes(role)) {
      const data = ok(result) as Record<string, Report>;
      expect(Object.values(data)[0].state).toBe(TRANSITIONS[step].to);
    } else {
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      // Refused means unchanged.
      if (reportId) {
        const after = await graphql<{ periodReport: Report }>(sub(), `query ($id: ID!) { periodReport(id: $id) { state } }`, { id: reportId });
        expect(after.data!.periodReport.state).toBe(precondition);
      }
    }
  });

  it('refuses every step from every state it does not start from, with INVALID_TRANSITION', async () => {
    const chapterId = id('Hội CTĐ huyện Một');
    const states = Object.values(PeriodReportState);
    let index = 0;
    const refused: string[] = [];
    for (const state of states) {
      for (const step of STEPS) {
        if (TRANSITIONS[step].from.includes(state)) continue;
        const period = { type: 'MONTH', year: 2049, index: ++index };
        const reportId = await reportIn(chapterId, period, state);
        const result: GraphQLResponse = step === 'submit' ? await submit(chapterId, period)
          : step === 'approve' ? await approve(reportId, true)
          : step === 'return' ? await returnReport(reportId)
          : await reopen(reportId);
        expect(result.errors?.[0].extensions, `${step} from ${state}`).toMatchObject({ code: 'INVALID_TRANSITION', state });
        refused.push(`${step}:${state}`);
      }
    }
    expect(refused.length).toBe(STEPS.length * states.length - STEPS.reduce((sum, step) => sum + TRANSITIONS[step].from.length, 0));
  });

  it('refuses a blank comment or reason, and unknown reports, naming the field', async () => {
    const reportId = await reportIn(id('Hội CTĐ huyện Một'), { type: 'QUARTER', year: 2048, index: 1 }, PeriodReportState.SUBMITTED);
    const blank = await graphql(sub(), RETURN, { input: { id: reportId, comment: '   ' } });
    expect(blank.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'comment' });
    const unknown = await approve('00000000-0000-4000-8000-000000000000');
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const badPeriod = await graphql(sub(), SUBMIT, { input: { chapterId: id('Hội CTĐ huyện Một'), period: { type: 'QUARTER', year: 2048, index: 5 } } });
    expect(badPeriod.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.index' });
  });

  /**
   * Every mutation of the subgraph, read from its committed schema, is either a write to a
   * chapter's figures, with a valid input dated on a given day, or named here as something else.
   */
  const FIGURE_WRITES: Record<string, (chapterId: string, day: string) => { query: string; input: Record<string, unknown>; field: string }> = {
    recordReliefActivity: (chapterId, day) => ({
      query: `mutation ($input: ReliefActivityInput!) { recordReliefActivity(input: $input) { id } }`,
      input: { chapterId, kind: 'GIFT_PACKAGES', quantity: 10, peopleReached: 10, valueVnd: 5_000_000, occurredOn: day },
      field: 'occurredOn',
    }),
    submitMembershipReport: (chapterId, day) => ({
      query: `mutation ($input: MembershipReportInput!) { submitMembershipReport(input: $input) { id } }`,
      input: { chapterId, period: { type: 'QUARTER', year: Number(day.slice(0, 4)), index: Math.ceil(Number(day.slice(5, 7)) / 3) }, grassrootsOrganisations: 1, branches: 2, individualMembers: 30, collectiveMembers: 0, volunteers: 5 },
      field: 'period',
    }),
    recordBloodDonationAwarenessRound: (chapterId, day) => ({
      query: `mutation ($input: BloodDonationAwarenessRoundInput!) { recordBloodDonationAwarenessRound(input: $input) { id } }`,
      input: { chapterId, heldOn: day },
      field: 'heldOn',
    }),
    recordBloodUnitsReceived: (chapterId, day) => ({
      query: `mutation ($input: BloodUnitsReceivedInput!) { recordBloodUnitsReceived(input: $input) { id } }`,
      input: { chapterId, receivedOn: day, units: 40, kind: 'PLANNED' },
      field: 'receivedOn',
    }),
    registerModelProgramme: (chapterId, day) => ({
      query: `mutation ($input: ModelProgrammeInput!) { registerModelProgramme(input: $input) { id } }`,
      input: { chapterId, year: Number(day.slice(0, 4)), name: `Mô hình ${day} ${Math.random()}` },
      field: 'year',
    }),
  };
  const NOT_FIGURES: Record<string, string> = {
    createBloodDonationProgramme: 'a programme is a frame for records, not a figure',
    createCampaign: 'a campaign is a frame for activities, not a figure',
    openChapter: 'the tree, not a period\'s figures',
    appointOfficeHolder: 'governance, not a period\'s figures',
    recordTermDocumentDraft: 'governance, not a period\'s figures',
    adoptTermDocument: 'governance, not a period\'s figures',
    openTerm: 'governance, not a period\'s figures',
    setTarget: 'a plan set by the parent, not a reported figure',
    submitPeriodReport: 'the reporting cycle itself',
    approvePeriodReport: 'the reporting cycle itself',
    returnPeriodReport: 'the reporting cycle itself',
    reopenPeriodReport: 'the reporting cycle itself',
  };

  it('classifies every mutation of the schema as a figure write or not', () => {
    const document = parse(readFileSync(new URL('../../../../schema/red-cross.graphql', import.meta.url), 'utf8'));
    const mutations = document.definitions
      .flatMap((definition) => (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) && definition.name.value === 'Mutation' ? definition.fields ?? [] : [])
      .map((field) => field.name.value)
      .sort();
    expect(mutations.length).toBeGreaterThan(0);
    expect(mutations).toEqual([...Object.keys(FIGURE_WRITES), ...Object.keys(NOT_FIGURES)].sort());
  });

  describe('locks, a correction and the snapshots', () => {
    const YEAR_2019 = { type: 'YEAR', year: 2019 };
    let reportId: string;

    beforeAll(async () => {
      // A record before the approval, so the snapshot holds something.
      const before = FIGURE_WRITES.recordReliefActivity(id('Hội CTĐ xã Hai A'), '2019-03-10');
      ok(await graphql(sub(), before.query, { input: before.input }));
      reportId = await reportIn(id('Hội CTĐ huyện Hai'), YEAR_2019, PeriodReportState.SUBMITTED);
      // Xã Hai A, the district's only child, has no report for 2019: approved with it missing.
      expect(ok(await approve(reportId, true)).approvePeriodReport).toMatchObject({ state: 'APPROVED', missingChildIds: [id('Hội CTĐ xã Hai A')] });
    }, 60_000);

    const lockedCases = Object.keys(FIGURE_WRITES).flatMap((mutation) =>
      ['Hội CTĐ huyện Hai', 'Hội CTĐ xã Hai A'].flatMap((chapter) => (['subgraph', 'gateway'] as const).map((path) => ({ mutation, chapter, path }))),
    );

    it.concurrent.each(lockedCases)('$mutation on $chapter in the approved year is PERIOD_LOCKED ($path)', async ({ mutation, chapter, path }) => {
      const { query, input, field } = FIGURE_WRITES[mutation](id(chapter), '2019-08-15');
      const result = await graphql(path === 'gateway' ? gatewayUrl() : sub(), query, { input });
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.[0].extensions).toMatchObject({
        code: 'PERIOD_LOCKED',
        field,
        reportId,
        organisationId: id('Hội CTĐ huyện Hai'),
        period: { type: 'YEAR', start: '2019-01-01', end: '2019-12-31' },
      });
    });

    it.each(Object.keys(FIGURE_WRITES))('%s outside the locked year, or on a chapter outside the locked subtree, goes through', async (mutation) => {
      const other = FIGURE_WRITES[mutation](id('Hội CTĐ xã Hai A'), '2018-08-15');
      ok(await graphql(sub(), other.query, { input: other.input }));
      const sibling = FIGURE_WRITES[mutation](id('Hội CTĐ huyện Một'), '2019-08-16');
      ok(await graphql(sub(), sibling.query, { input: sibling.input }));
    });

    it('a correction: reopened with a reason, written, approved again as version 2; both snapshots kept, approved and live figures compared', async () => {
      const FIGURES = `relief { activities valueVnd } reliefByKind { kind activities } membership { individualMembers reports } bloodDonation { totalUnits } modelProgrammes`;
      const READ = `query ($id: ID!) { periodReport(id: $id) {
        state version comment
        approved: figures(basis: APPROVED) { ${FIGURES} }
        live: figures(basis: LIVE) { ${FIGURES} }
        differences { figure approved live change }
        snapshots { version missingChildIds figures { relief { activities } } }
      } }`;
      type Read = { periodReport: { state: string; version: number; comment: string | null; approved: { relief: { activities: number } } | null; live: { relief: { activities: number } }; differences: { figure: string; change: string }[]; snapshots: { version: number; figures: { relief: { activities: number } } }[] } };
      const first = ok(await graphql<Read>(sub(), READ, { id: reportId })).periodReport;
      expect(first).toMatchObject({ state: 'APPROVED', version: 1, differences: [] });
      expect(first.approved).toEqual(first.live);
      const activities = first.live.relief.activities;

      const noReason = await reopen(reportId, undefined, sub(), ' ');
      expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      expect(ok(await reopen(reportId, tokens['officer of the parent'])).reopenPeriodReport).toMatchObject({ state: 'DRAFT', version: 1, comment: 'Sửa số liệu cứu trợ tháng 3' });

      const correction = FIGURE_WRITES.recordReliefActivity(id('Hội CTĐ xã Hai A'), '2019-03-11');
      ok(await graphql(sub(), correction.query, { input: correction.input }));

      const reopened = ok(await graphql<Read>(sub(), READ, { id: reportId })).periodReport;
      expect(reopened.approved!.relief.activities).toBe(activities);
      expect(reopened.live.relief.activities).toBe(activities + 1);
      expect(reopened.differences).toEqual(expect.arrayContaining([
        { figure: 'relief.total.activities', approved: String(activities), live: String(activities + 1), change: '1' },
        { figure: 'relief.byKind.GIFT_PACKAGES.valueVnd', approved: expect.any(String), live: expect.any(String), change: '5000000' },
      ]));
      // The summaries read either basis: the approved one says what was signed off.
      const SUMMARY = `query ($id: ID!, $basis: ReportBasis!) {
        reliefSummary(chapterId: $id, period: { type: YEAR, year: 2019 }, groupBy: [KIND], basis: $basis) { total { activities } rows { kind activities } approvedVersion }
        chapter(id: $id) { membershipTotals(period: { type: YEAR, year: 2019 }, basis: $basis) { individualMembers approvedVersion } } }`;
      for (const url of [sub(), gatewayUrl()]) {
        const approvedSummary = ok(await graphql<{ reliefSummary: { total: { activities: number }; approvedVersion: number | null } }>(url, SUMMARY, { id: id('Hội CTĐ huyện Hai'), basis: 'APPROVED' }));
        expect(approvedSummary.reliefSummary).toMatchObject({ total: { activities }, approvedVersion: 1 });
        const liveSummary = ok(await graphql<{ reliefSummary: { total: { activities: number }; approvedVersion: number | null } }>(url, SUMMARY, { id: id('Hội CTĐ huyện Hai'), basis: 'LIVE' }));
        expect(liveSummary.reliefSummary).toMatchObject({ total: { activities: activities + 1 }, approvedVersion: null });
      }

      ok(await submit(id('Hội CTĐ huyện Hai'), YEAR_2019, tokens['officer of another chapter']));
      expect(ok(await approve(reportId, true, tokens['officer of the parent'])).approvePeriodReport).toMatchObject({ state: 'APPROVED', version: 2 });
      const second = ok(await graphql<Read>(sub(), READ, { id: reportId })).periodReport;
      expect(second.snapshots.map((snapshot) => [snapshot.version, snapshot.figures.relief.activities])).toEqual([[1, activities], [2, activities + 1]]);
      expect(second.differences).toEqual([]);
      const locked = await graphql(sub(), correction.query, { input: correction.input });
      expect(locked.errors?.[0].extensions?.code).toBe('PERIOD_LOCKED');
    });

    it('APPROVED basis where nothing was approved, or grouped beyond KIND and MONTH, is a clear error', async () => {
      const none = await graphql(sub(), `query ($id: ID!) { reliefSummary(chapterId: $id, period: { type: YEAR, year: 2017 }, basis: APPROVED) { total { activities } } }`, { id: id('Hội CTĐ huyện Hai') });
      expect(none.errors?.[0].extensions).toMatchObject({ code: 'NOT_APPROVED', field: 'basis', organisationId: id('Hội CTĐ huyện Hai'), period: { type: 'YEAR', start: '2017-01-01', end: '2017-12-31' } });
      const grouped = await graphql(sub(), `query ($id: ID!) { reliefSummary(chapterId: $id, period: { type: YEAR, year: 2019 }, groupBy: [MONTH, CAMPAIGN], basis: APPROVED) { total { activities } } }`, { id: id('Hội CTĐ huyện Hai') });
      expect(grouped.errors?.[0].extensions).toMatchObject({ code: 'NOT_IN_APPROVED_FIGURES', field: 'groupBy' });
    });
  });

  it('a parent is approved only when its children are, or with the missing ones recorded; its approval locks the whole subtree', async () => {
    const YEAR = { type: 'YEAR', year: 2020 };
    const province = await reportIn(id('Hội CTĐ tỉnh Báo Cáo'), YEAR, PeriodReportState.SUBMITTED);
    const hai = await reportIn(id('Hội CTĐ huyện Hai'), YEAR, PeriodReportState.SUBMITTED);
    // Huyện Hai's own child has not reported.
    const haiRefused = await approve(hai);
    expect(haiRefused.errors?.[0].extensions).toMatchObject({ code: 'CHILDREN_NOT_APPROVED', missingChildren: [id('Hội CTĐ xã Hai A')] });
    const xa = await reportIn(id('Hội CTĐ xã Hai A'), YEAR, PeriodReportState.SUBMITTED);
    ok(await approve(xa, false, tokens['officer of another chapter']));
    expect(ok(await approve(hai, false, tokens['officer of the parent'])).approvePeriodReport).toMatchObject({ state: 'APPROVED', missingChildIds: [] });

    const refused = await approve(province);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'CHILDREN_NOT_APPROVED', missingChildren: [id('Hội CTĐ huyện Một')] });
    // A top-level chapter has no parent: only a national administrator approves it.
    const byItsOfficer = await approve(province, true, tokens['officer of the parent']);
    expect(byItsOfficer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const withMissing = ok(await approve(province, true)).approvePeriodReport;
    expect(withMissing).toMatchObject({ state: 'APPROVED', version: 1, missingChildIds: [id('Hội CTĐ huyện Một')] });
    const snapshot = ok(await graphql<{ periodReport: unknown }>(gatewayUrl(), `query ($id: ID!) { periodReport(id: $id) { missingChildren { name } snapshots { missingChildIds } } }`, { id: province }));
    expect(snapshot.periodReport).toEqual({ missingChildren: [{ name: 'Hội CTĐ huyện Một' }], snapshots: [{ missingChildIds: [id('Hội CTĐ huyện Một')] }] });

    // Reports read together cost the statements one costs: figures, differences and snapshots are batched.
    const READ = (reportIds: string[]) => `{ ${reportIds.map((reportId, index) => `r${index}: periodReport(id: "${reportId}") {
      state chapter { name } figures { relief { activities } membership { volunteers } } approved: figures(basis: APPROVED) { relief { activities } }
      differences { figure change } snapshots { version missingChildIds }
    }`).join(' ')} }`;
    const statements: number[] = [];
    for (const reportIds of [[xa], [province, hai, xa]]) {
      const requestId = randomUUID();
      ok(await graphql(sub(), READ(reportIds), {}, requestId));
      statements.push((await statementsFor(requestId))['red-cross']);
    }
    expect(statements[1]).toBe(statements[0]);

    // Huyện Một never reported 2020, but the province's approval holds its figures: locked, naming the province's report.
    const write = FIGURE_WRITES.recordBloodUnitsReceived(id('Hội CTĐ huyện Một'), '2020-05-05');
    const locked = await graphql(sub(), write.query, { input: write.input });
    expect(locked.errors?.[0].extensions).toMatchObject({ code: 'PERIOD_LOCKED', reportId: province });
  });

  it('approvals racing writes: no write lands in an approved period, and the snapshot holds exactly the writes that went through', async () => {
    const chapterId = id('Hội CTĐ huyện Một');
    const QUARTER = { type: 'QUARTER', year: 2021, index: 1 };
    const reportId = await reportIn(chapterId, QUARTER, PeriodReportState.SUBMITTED);
    const writes = Array.from({ length: 24 }, (_, index) => {
      const { query, input } = FIGURE_WRITES.recordReliefActivity(chapterId, `2021-02-${String((index % 28) + 1).padStart(2, '0')}`);
      return graphql(sub(), query, { input });
    });
    const approval = new Promise((resolve) => setTimeout(resolve, 15)).then(() => approve(reportId, true));
    const [approved, ...results] = await Promise.all([approval, ...writes]);
    expect((approved as GraphQLResponse).errors).toBeUndefined();
    const codes = results.map((result) => result.errors?.[0].extensions?.code ?? 'OK');
    expect(codes.every((code) => code === 'OK' || code === 'PERIOD_LOCKED')).toBe(true);
    const read = ok(await graphql<{ periodReport: { approved: { relief: { activities: number } }; differences: unknown[] } }>(
      sub(),
      `query ($id: ID!) { periodReport(id: $id) { approved: figures(basis: APPROVED) { relief { activities } } differences { figure } } }`,
      { id: reportId },
    ));
    expect(read.periodReport.approved.relief.activities).toBe(codes.filter((code) => code === 'OK').length);
    expect(read.periodReport.differences).toEqual([]);
    const after = await graphql(sub(), FIGURE_WRITES.recordReliefActivity(chapterId, '2021-03-01').query, { input: FIGURE_WRITES.recordReliefActivity(chapterId, '2021-03-01').input });
    expect(after.errors?.[0].extensions?.code).toBe('PERIOD_LOCKED');
  });
});
