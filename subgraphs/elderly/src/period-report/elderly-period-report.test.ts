import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Kind, parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '@hoi/common/ids';
import { TRANSITIONS, PeriodReportState } from '@hoi/common/period-report';
import { withDatabase } from '../../../../test/database.ts';
import { gatewayUrl, graphql, statementsFor, subgraphUrl, tokenFor, type GraphQLResponse } from '../../../../test/graphql.ts';
import { seedFundEntries } from '../fund/club-fund.seed.ts';
import { seedAssociationTree } from '../scheme/association-tree.seed.ts';

/**
 * The reporting cycle on the Elderly Association: every step × role on the gateway and on the
 * subgraph, every refused state, every figure-changing mutation refused in a locked period (the
 * list is read from the schema), a correction with its two snapshots, a unit waiting for its child
 * units and clubs, and approvals racing writes. Its own association tree; report periods 2051–2059
 * for the role table and past years (writes cannot be dated in the future) for the locks, on units
 * and clubs no other test knows.
 */
const sub = () => subgraphUrl('elderly');
let ids: Map<string, string>;
const id = (name: string) => ids.get(name)!;
const club = (unit: string) => id(`CLB ${unit} số 1`);
/** An entry of each club's ledger, dated 2019-03-10, that the reversals undo. */
const entries = new Map<string, string>();

const PROVINCE = 'Hội NCT tỉnh Báo Cáo';
const MOT = 'Hội NCT huyện Báo Cáo Một';
const HAI = 'Hội NCT huyện Báo Cáo Hai';
const HAI_A = 'Hội NCT xã Báo Cáo Hai A';
/** The unit of the role table: its future reports (2051–2059) would lock every balance of its subtree before them. */
const BA = 'Hội NCT huyện Báo Cáo Ba';

const REPORT_FIELDS = `id state version comment missingChildIds period { type start end } association { id } club { id }`;
const SUBMIT = `mutation ($input: SubmitElderlyPeriodReportInput!) { submitElderlyPeriodReport(input: $input) { ${REPORT_FIELDS} } }`;
const APPROVE = `mutation ($input: ApproveElderlyPeriodReportInput!) { approveElderlyPeriodReport(input: $input) { ${REPORT_FIELDS} } }`;
const RETURN = `mutation ($input: ReturnElderlyPeriodReportInput!) { returnElderlyPeriodReport(input: $input) { ${REPORT_FIELDS} } }`;
const REOPEN = `mutation ($input: ReopenElderlyPeriodReportInput!) { reopenElderlyPeriodReport(input: $input) { ${REPORT_FIELDS} } }`;

type Report = { id: string; state: string; version: number; comment: string | null; missingChildIds: string[] };
type Period = { type: string; year: number; index?: number };

const ok = <T>(result: GraphQLResponse<T>): T => {
  expect(result.errors).toBeUndefined();
  return result.data!;
};

/** Clubs' ids: a club's report names it as clubId, a unit's as associationId. */
const clubIds = new Set<string>();
const submit = (organisationId: string, period: Period, token?: string | null, url = sub()) =>
  graphql<{ submitElderlyPeriodReport: Report }>(url, SUBMIT, { input: { [clubIds.has(organisationId) ? 'clubId' : 'associationId']: organisationId, period } }, undefined, { token });
const approve = (reportId: string, approveWithMissing = false, token?: string | null, url = sub()) =>
  graphql<{ approveElderlyPeriodReport: Report }>(url, APPROVE, { input: { id: reportId, approveWithMissing } }, undefined, { token });
const returnReport = (reportId: string, token?: string | null, url = sub()) =>
  graphql<{ returnElderlyPeriodReport: Report }>(url, RETURN, { input: { id: reportId, comment: 'Thiếu số liệu quỹ' } }, undefined, { token });
const reopen = (reportId: string, token?: string | null, url = sub(), reason = 'Sửa số hội viên mới') =>
  graphql<{ reopenElderlyPeriodReport: Report }>(url, REOPEN, { input: { id: reportId, reason } }, undefined, { token });

/** A report of the organisation in the period brought to a state by a national administrator. */
async function reportIn(organisationId: string, period: Period, state: PeriodReportState): Promise<string> {
  const { submitElderlyPeriodReport: report } = ok(await submit(organisationId, period));
  if (state === PeriodReportState.SUBMITTED) return report.id;
  if (state === PeriodReportState.RETURNED) ok(await returnReport(report.id));
  else ok(await approve(report.id, true));
  if (state === PeriodReportState.DRAFT) ok(await reopen(report.id));
  return report.id;
}

describe('Elderly Association period reports: the reporting cycle', () => {
  const tokens: Record<string, string | null> = {};

  beforeAll(async () => {
    ids = await withDatabase(async (client) => {
      const units = await seedAssociationTree(client, {
        name: PROVINCE,
        level: 'PROVINCE',
        children: [
          { name: MOT, level: 'DISTRICT', clubsFoundedOn: ['2010-01-01'] },
          { name: HAI, level: 'DISTRICT', clubsFoundedOn: ['2010-01-01'], children: [{ name: HAI_A, level: 'COMMUNE', clubsFoundedOn: ['2010-01-01'] }] },
          { name: BA, level: 'DISTRICT', clubsFoundedOn: ['2010-01-01'] },
        ],
      });
      const { rows } = await client.query<{ id: string; name: string }>(`select id, name from elderly.club where association_id = any($1::uuid[])`, [[...units.values()]]);
      for (const row of rows) {
        units.set(row.name, row.id);
        clubIds.add(row.id);
        const [entry] = await seedFundEntries(client, row.id, [{ kind: 'STARTING_GRANT', amountVnd: 10_000_000, occurredOn: '2019-03-10' }]);
        entries.set(row.id, entry);
      }
      return units;
    });
    tokens['officer of the unit'] = await tokenFor({ role: 'association_officer', scope: [id(BA)] });
    tokens['officer of the parent'] = await tokenFor({ role: 'association_officer', scope: [id(PROVINCE)] });
    tokens['officer of another unit'] = await tokenFor({ role: 'association_officer', scope: [id(HAI)] });
    tokens['manager of a club of the unit'] = await tokenFor({ role: 'club_manager', scope: [club(BA)] });
    tokens['chapter officer over the parent'] = await tokenFor({ role: 'chapter_officer', scope: [id(PROVINCE)] });
    tokens['national administrator'] = await tokenFor({ role: 'national_admin' });
    tokens.analyst = await tokenFor({ role: 'analyst' });
    tokens.partner = await tokenFor({ role: 'partner', subgraph: 'elderly' });
    tokens.anonymous = null;
  });

  /** Who may take each step on a district's report (its club not reporting: approved with it missing): its own officer submits, the province's officer (or an administrator) decides. */
  const ALLOWED: Record<string, readonly string[]> = {
    submit: ['officer of the unit', 'national administrator'],
    approve: ['officer of the parent', 'national administrator'],
    return: ['officer of the parent', 'national administrator'],
    reopen: ['officer of the parent', 'national administrator'],
  };
  const ROLES = ['officer of the unit', 'officer of the parent', 'officer of another unit', 'manager of a club of the unit', 'chapter officer over the parent', 'national administrator', 'analyst', 'partner', 'anonymous'];
  const STEPS = Object.keys(TRANSITIONS) as (keyof typeof TRANSITIONS)[];
  const PATHS = ['gateway', 'subgraph'] as const;
  const cases = PATHS.flatMap((path, p) => STEPS.flatMap((step, s) => ROLES.map((role, r) => ({ path, step, role, period: { type: 'MONTH', year: 2051 + p * 4 + s, index: r + 1 } }))));

  it.concurrent.each(cases)('$step by $role through the $path', async ({ path, step, role, period }) => {
    const organisationId = id(BA);
    const url = path === 'gateway' ? gatewayUrl() : sub();
    const token = tokens[role];
    const precondition = TRANSITIONS[step].from[0];
    const reportId = step === 'submit' ? null : await reportIn(organisationId, period, precondition);
    const result: GraphQLResponse = step === 'submit' ? await submit(organisationId, period, token, url)
      : step === 'approve' ? await approve(reportId!, true, token, url)
      : step === 'return' ? await returnReport(reportId!, token, url)
      : await reopen(reportId!, token, url);
    if (ALLOWED[step].includes(role)) {
      const data = ok(result) as Record<string, Report>;
      expect(Object.values(data)[0].state).toBe(TRANSITIONS[step].to);
    } else {
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      if (reportId) {
        const after = await graphql<{ elderlyPeriodReport: Report }>(sub(), `query ($id: ID!) { elderlyPeriodReport(id: $id) { state } }`, { id: reportId });
        expect(after.data!.elderlyPeriodReport.state).toBe(precondition);
      }
    }
  });

  it('a club\'s report: its manager submits it, an officer of its unit approves it; the manager may not', async () => {
    const clubId = club(BA);
    const period = { type: 'YEAR', year: 2059 };
    const manager = tokens['manager of a club of the unit'];
    const byUnitOfficer = await submit(clubId, period, tokens['officer of the unit']);
    expect(byUnitOfficer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const submitted = ok(await submit(clubId, period, manager, gatewayUrl())).submitElderlyPeriodReport;
    expect(submitted).toMatchObject({ state: 'SUBMITTED', club: { id: clubId }, association: null });
    expect((await approve(submitted.id, false, manager)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(ok(await approve(submitted.id, false, tokens['officer of the unit'])).approveElderlyPeriodReport).toMatchObject({ state: 'APPROVED', version: 1, missingChildIds: [] });
  });

  it('refuses every step from every state it does not start from, with INVALID_TRANSITION', async () => {
    const organisationId = id(BA);
    const states = Object.values(PeriodReportState);
    let index = 0;
    const refused: string[] = [];
    for (const state of states) {
      for (const step of STEPS) {
        if (TRANSITIONS[step].from.includes(state)) continue;
        const period = { type: 'MONTH', year: 2059, index: ++index };
        const reportId = await reportIn(organisationId, period, state);
        const result: GraphQLResponse = step === 'submit' ? await submit(organisationId, period)
          : step === 'approve' ? await approve(reportId, true)
          : step === 'return' ? await returnReport(reportId)
          : await reopen(reportId);
        expect(result.errors?.[0].extensions, `${step} from ${state}`).toMatchObject({ code: 'INVALID_TRANSITION', state });
        refused.push(`${step}:${state}`);
      }
    }
    expect(refused.length).toBe(STEPS.length * states.length - STEPS.reduce((sum, step) => sum + TRANSITIONS[step].from.length, 0));
  });

  it('refuses a blank comment or reason, unknown reports and organisations, an id of the wrong kind, naming the field', async () => {
    const reportId = await reportIn(id(BA), { type: 'QUARTER', year: 2058, index: 1 }, PeriodReportState.SUBMITTED);
    const blank = await graphql(sub(), RETURN, { input: { id: reportId, comment: '   ' } });
    expect(blank.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'comment' });
    const unknown = await approve('00000000-0000-4000-8000-000000000000');
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const nobody = await submit('00000000-0000-4000-8000-000000000000', { type: 'YEAR', year: 2058 });
    expect(nobody.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'associationId' });
    const YEAR = { type: 'YEAR', year: 2058 };
    for (const [input, code, field] of [
      [{ clubId: id(BA), period: YEAR }, 'NOT_FOUND', 'clubId'],
      [{ associationId: club(BA), period: YEAR }, 'NOT_FOUND', 'associationId'],
      [{ associationId: id(BA), clubId: club(BA), period: YEAR }, 'BAD_USER_INPUT', 'associationId'],
      [{ period: YEAR }, 'BAD_USER_INPUT', 'associationId'],
    ] as const) {
      for (const url of [sub(), gatewayUrl()]) expect((await graphql(url, SUBMIT, { input })).errors?.[0].extensions, JSON.stringify(input)).toMatchObject({ code, field });
    }
    const badPeriod = await graphql(sub(), SUBMIT, { input: { associationId: id(BA), period: { type: 'QUARTER', year: 2058, index: 5 } } });
    expect(badPeriod.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.index' });
  });

  /** Where a write lands: an association unit, its club, and an entry of that club's ledger. */
  type Target = { associationId: string; clubId: string; entryId: string };
  const target = (unit: string): Target => ({ associationId: id(unit), clubId: club(unit), entryId: entries.get(club(unit))! });
  const quarterOf = (day: string) => ({ type: 'QUARTER', year: Number(day.slice(0, 4)), index: Math.ceil(Number(day.slice(5, 7)) / 3) });

  /**
   * Every mutation of the subgraph, read from its committed schema, is either a write to an
   * organisation's figures, with a valid input dated on a given day, or named here as something
   * else. In the order a ledger accepts them (grant, loan, repayment, reversal).
   */
  const FIGURE_WRITES: Record<string, (to: Target, day: string) => { query: string; input: Record<string, unknown>; field: string }> = {
    recordFundEntry: (to, day) => ({
      query: `mutation ($input: RecordFundEntryInput!) { recordFundEntry(input: $input) { id } }`,
      input: { clubId: to.clubId, kind: 'MEMBER_CONTRIBUTION', amountVnd: 2_000_000, occurredOn: day, note: 'Hội viên đóng góp' },
      field: 'occurredOn',
    }),
    disburseLoan: (to, day) => ({
      query: `mutation ($input: DisburseLoanInput!) { disburseLoan(input: $input) { id } }`,
      input: { clubId: to.clubId, borrowerRef: 'HV-01', amountVnd: 1_000_000, occurredOn: day, note: 'Cho vay chăn nuôi' },
      field: 'occurredOn',
    }),
    recordRepayment: (to, day) => ({
      query: `mutation ($input: RecordRepaymentInput!) { recordRepayment(input: $input) { id } }`,
      input: { clubId: to.clubId, borrowerRef: 'HV-01', amountVnd: 500_000, occurredOn: day, note: 'Trả nợ' },
      field: 'occurredOn',
    }),
    reverseFundEntry: (to, day) => ({
      query: `mutation ($input: ReverseFundEntryInput!) { reverseFundEntry(input: $input) { id } }`,
      input: { entryId: to.entryId, occurredOn: day, note: 'Ghi nhầm' },
      field: 'occurredOn',
    }),
    addClubMember: (to, day) => ({
      query: `mutation ($input: ClubMemberInput!) { addClubMember(input: $input) { id } }`,
      input: { clubId: to.clubId, fullName: 'Lò Văn Báo', sex: 'MALE', birthDate: '1950-05-05', ethnicGroup: 'Thái', povertyStatus: 'POOR', joinedOn: day },
      field: 'joinedOn',
    }),
    recordMembershipIntake: (to, day) => ({
      query: `mutation ($input: MembershipIntakeInput!) { recordMembershipIntake(input: $input) { id } }`,
      input: { associationId: to.associationId, period: quarterOf(day), newMembers: 12 },
      field: 'period',
    }),
  };
  const NOT_FIGURES: Record<string, string> = {
    recordClubMeeting: 'club life, not a reported figure',
    recordClubActivity: 'club life, not a reported figure',
    addClubSpecialisedGroup: 'a club\'s organisation, not a reported figure',
    formClubSmallGroup: 'a club\'s organisation, not a reported figure',
    assignToSmallGroup: 'a club\'s organisation, not a reported figure',
    adoptReplicationScheme: 'a plan, not a reported figure',
    recordTraining: 'trainings are not among the report\'s figures',
    appointRepresentativeBoardMember: 'governance, not a period\'s figures',
    submitElderlyPeriodReport: 'the reporting cycle itself',
    approveElderlyPeriodReport: 'the reporting cycle itself',
    returnElderlyPeriodReport: 'the reporting cycle itself',
    reopenElderlyPeriodReport: 'the reporting cycle itself',
  };

  it('classifies every mutation of the schema as a figure write or not', () => {
    const document = parse(readFileSync(new URL('../../../../schema/elderly.graphql', import.meta.url), 'utf8'));
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
      const before = FIGURE_WRITES.addClubMember(target(HAI_A), '2019-03-10');
      ok(await graphql(sub(), before.query, { input: before.input }));
      reportId = await reportIn(id(HAI), YEAR_2019, PeriodReportState.SUBMITTED);
      // Its club and xã Hai A have no report for 2019: approved with them missing.
      expect(ok(await approve(reportId, true)).approveElderlyPeriodReport).toMatchObject({ state: 'APPROVED' });
      const { elderlyPeriodReport } = ok(await graphql<{ elderlyPeriodReport: Report }>(sub(), `query ($id: ID!) { elderlyPeriodReport(id: $id) { missingChildIds } }`, { id: reportId }));
      expect([...elderlyPeriodReport.missingChildIds].sort()).toEqual([id(HAI_A), club(HAI)].sort());
    }, 60_000);

    const lockedCases = Object.keys(FIGURE_WRITES).flatMap((mutation) =>
      [HAI, HAI_A].flatMap((unit) => (['subgraph', 'gateway'] as const).map((path) => ({ mutation, unit, path }))),
    );

    it.concurrent.each(lockedCases)('$mutation on $unit in the approved year is PERIOD_LOCKED ($path)', async ({ mutation, unit, path }) => {
      const { query, input, field } = FIGURE_WRITES[mutation](target(unit), '2019-08-15');
      const result = await graphql(path === 'gateway' ? gatewayUrl() : sub(), query, { input });
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.[0].extensions).toMatchObject({
        code: 'PERIOD_LOCKED',
        field,
        reportId,
        organisationId: id(HAI),
        period: { type: 'YEAR', start: '2019-01-01', end: '2019-12-31' },
      });
    });

    it('a member or a fund entry dated before the approved year changes its balances: PERIOD_LOCKED; an intake of a period before it does not', async () => {
      const member = FIGURE_WRITES.addClubMember(target(HAI_A), '2018-05-01');
      expect((await graphql(sub(), member.query, { input: member.input })).errors?.[0].extensions).toMatchObject({ code: 'PERIOD_LOCKED', field: 'joinedOn', reportId });
      const intake = FIGURE_WRITES.recordMembershipIntake(target(HAI_A), '2018-05-01');
      ok(await graphql(sub(), intake.query, { input: intake.input }));
    });

    it('every figure write outside the locked year, or on a unit outside the locked subtree, goes through', async () => {
      for (const [to, day] of [[target(HAI_A), '2020-08-15'], [target(MOT), '2019-08-16']] as const) {
        for (const mutation of Object.keys(FIGURE_WRITES)) {
          const { query, input } = FIGURE_WRITES[mutation](to, day);
          ok(await graphql(sub(), query, { input }));
        }
      }
    });

    it('a correction: reopened with a reason, written, approved again as version 2; both snapshots kept, approved and live figures compared', async () => {
      const FIGURES = `newMembers clubsAndMembers { clubs members poorMembers poorShare { basisPoints percent } } fund { asOf balance totalFund } fundClubs`;
      const READ = `query ($id: ID!) { elderlyPeriodReport(id: $id) {
        state version comment
        approved: figures(basis: APPROVED) { ${FIGURES} }
        live: figures(basis: LIVE) { ${FIGURES} }
        differences { figure approved live change }
        snapshots { version figures { clubsAndMembers { members } } }
      } }`;
      type Figures = { clubsAndMembers: { members: number } };
      type Read = { elderlyPeriodReport: { state: string; version: number; approved: Figures | null; live: Figures; differences: { figure: string; change: string }[]; snapshots: { version: number; figures: Figures }[] } };
      const first = ok(await graphql<Read>(sub(), READ, { id: reportId })).elderlyPeriodReport;
      expect(first).toMatchObject({ state: 'APPROVED', version: 1, differences: [] });
      expect(first.approved).toEqual(first.live);
      expect(first.live).toMatchObject({ clubsAndMembers: { clubs: 2 }, fund: { asOf: '2019-12-31', balance: '20000000' }, fundClubs: 2 });
      const members = first.live.clubsAndMembers.members;
      expect(members).toBeGreaterThan(0);

      const noReason = await reopen(reportId, undefined, sub(), ' ');
      expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      expect(ok(await reopen(reportId, tokens['officer of the parent'])).reopenElderlyPeriodReport).toMatchObject({ state: 'DRAFT', version: 1, comment: 'Sửa số hội viên mới' });

      const correction = FIGURE_WRITES.addClubMember(target(HAI_A), '2019-03-11');
      ok(await graphql(sub(), correction.query, { input: correction.input }));
      const intake = FIGURE_WRITES.recordMembershipIntake(target(HAI_A), '2019-05-01');
      ok(await graphql(sub(), intake.query, { input: intake.input }));

      const reopened = ok(await graphql<Read>(sub(), READ, { id: reportId })).elderlyPeriodReport;
      expect(reopened.approved!.clubsAndMembers.members).toBe(members);
      expect(reopened.live.clubsAndMembers.members).toBe(members + 1);
      expect(reopened.differences).toEqual(expect.arrayContaining([
        { figure: 'members.members', approved: String(members), live: String(members + 1), change: '1' },
        { figure: 'intake', approved: '0', live: '12', change: '12' },
      ]));
      // The summaries read either basis: the approved one says what was signed off.
      const SUMMARY = `query ($id: ID!, $basis: ReportBasis!) {
        clubStatistics(associationId: $id, period: { type: YEAR, year: 2019 }, basis: $basis) { total { members } approvedVersion }
        fundStatistics(associationId: $id, period: { type: YEAR, year: 2019 }, basis: $basis) { balance clubs approvedVersion } }`;
      type Summary = { clubStatistics: { total: { members: number }; approvedVersion: number | null }; fundStatistics: { balance: string; approvedVersion: number | null } };
      for (const url of [sub(), gatewayUrl()]) {
        const approvedSummary = ok(await graphql<Summary>(url, SUMMARY, { id: id(HAI), basis: 'APPROVED' }));
        expect(approvedSummary).toMatchObject({ clubStatistics: { total: { members }, approvedVersion: 1 }, fundStatistics: { balance: '20000000', approvedVersion: 1 } });
        const liveSummary = ok(await graphql<Summary>(url, SUMMARY, { id: id(HAI), basis: 'LIVE' }));
        expect(liveSummary).toMatchObject({ clubStatistics: { total: { members: members + 1 }, approvedVersion: null }, fundStatistics: { approvedVersion: null } });
      }

      ok(await submit(id(HAI), YEAR_2019, tokens['officer of another unit']));
      expect(ok(await approve(reportId, true, tokens['officer of the parent'])).approveElderlyPeriodReport).toMatchObject({ state: 'APPROVED', version: 2 });
      const second = ok(await graphql<Read>(sub(), READ, { id: reportId })).elderlyPeriodReport;
      expect(second.snapshots.map((snapshot) => [snapshot.version, snapshot.figures.clubsAndMembers.members])).toEqual([[1, members], [2, members + 1]]);
      expect(second.differences).toEqual([]);
      const locked = await graphql(sub(), correction.query, { input: correction.input });
      expect(locked.errors?.[0].extensions?.code).toBe('PERIOD_LOCKED');
    });

    it('APPROVED basis where nothing was approved, or with a grouping or a day, is a clear error', async () => {
      const none = await graphql(sub(), `query ($id: ID!) { clubStatistics(associationId: $id, period: { type: YEAR, year: 2017 }, basis: APPROVED) { total { members } } }`, { id: id(HAI) });
      expect(none.errors?.[0].extensions).toMatchObject({ code: 'NOT_APPROVED', field: 'basis', organisationId: id(HAI), period: { type: 'YEAR', start: '2017-01-01', end: '2017-12-31' } });
      expect(none.data).toEqual({ clubStatistics: null });
      const grouped = await graphql(sub(), `query ($id: ID!) { clubStatistics(associationId: $id, period: { type: YEAR, year: 2019 }, groupBy: COMMUNE, basis: APPROVED) { total { members } } }`, { id: id(HAI) });
      expect(grouped.errors?.[0].extensions).toMatchObject({ code: 'NOT_IN_APPROVED_FIGURES', field: 'groupBy' });
      const noPeriod = await graphql(sub(), `query ($id: ID!) { fundStatistics(associationId: $id, basis: APPROVED) { balance } }`, { id: id(HAI) });
      expect(noPeriod.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    });
  });

  it('a unit is approved only when its child units and clubs are, or with the missing ones recorded; its approval locks the whole subtree', async () => {
    const YEAR = { type: 'YEAR', year: 2021 };
    const province = await reportIn(id(PROVINCE), YEAR, PeriodReportState.SUBMITTED);
    const hai = await reportIn(id(HAI), YEAR, PeriodReportState.SUBMITTED);
    const haiRefused = await approve(hai);
    expect(haiRefused.errors?.[0].extensions?.code).toBe('CHILDREN_NOT_APPROVED');
    expect([...(haiRefused.errors?.[0].extensions?.missingChildren as string[])].sort()).toEqual([id(HAI_A), club(HAI)].sort());
    const xaClub = await reportIn(club(HAI_A), YEAR, PeriodReportState.SUBMITTED);
    const xa = await reportIn(id(HAI_A), YEAR, PeriodReportState.SUBMITTED);
    expect((await approve(xa, false, tokens['officer of another unit'])).errors?.[0].extensions).toMatchObject({ code: 'CHILDREN_NOT_APPROVED', missingChildren: [club(HAI_A)] });
    ok(await approve(xaClub, false, tokens['officer of another unit']));
    ok(await approve(xa, false, tokens['officer of another unit']));
    const haiClub = await reportIn(club(HAI), YEAR, PeriodReportState.SUBMITTED);
    ok(await approve(haiClub, false, tokens['officer of another unit']));
    expect(ok(await approve(hai, false, tokens['officer of the parent'])).approveElderlyPeriodReport).toMatchObject({ state: 'APPROVED', missingChildIds: [] });

    const refused = await approve(province);
    expect(refused.errors?.[0].extensions?.code).toBe('CHILDREN_NOT_APPROVED');
    const missing = [id(MOT), id(BA)].sort();
    expect(refused.errors?.[0].extensions?.missingChildren).toEqual(missing);
    // A province has no unit above it: only a national administrator approves it.
    expect((await approve(province, true, tokens['officer of the parent'])).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(ok(await approve(province, true)).approveElderlyPeriodReport).toMatchObject({ state: 'APPROVED', version: 1, missingChildIds: missing });
    const read = ok(await graphql<{ association: unknown }>(gatewayUrl(), `query ($id: ID!) { association: elderlyAssociation(id: $id) { periodReports(period: { type: YEAR, year: 2021 }) { state snapshots { missingChildIds } } } }`, { id: id(PROVINCE) }));
    expect(read.association).toEqual({ periodReports: [{ state: 'APPROVED', snapshots: [{ missingChildIds: missing }] }] });

    // Reports read together cost the statements one costs: figures, differences and snapshots are batched.
    const READ = (reportIds: string[]) => `{ ${reportIds.map((reportId, index) => `r${index}: elderlyPeriodReport(id: "${reportId}") {
      state association { name } club { name } figures { newMembers clubsAndMembers { members } fund { balance } }
      approved: figures(basis: APPROVED) { clubsAndMembers { members } } differences { figure change } snapshots { version missingChildIds }
    }`).join(' ')} }`;
    const statements: number[] = [];
    for (const reportIds of [[xa], [province, hai, xa, xaClub]]) {
      const requestId = randomUUID();
      ok(await graphql(sub(), READ(reportIds), {}, requestId));
      statements.push((await statementsFor(requestId)).elderly);
    }
    expect(statements[1]).toBe(statements[0]);

    // Huyện Một never reported 2021, but the province's approval holds its figures: locked, naming the province's report.
    const write = FIGURE_WRITES.addClubMember(target(MOT), '2021-05-05');
    const locked = await graphql(sub(), write.query, { input: write.input });
    expect(locked.errors?.[0].extensions).toMatchObject({ code: 'PERIOD_LOCKED', reportId: province });
  });

  it('approvals racing writes: no write lands in an approved period, and the snapshot holds exactly the writes that went through', async () => {
    const QUARTER = { type: 'QUARTER', year: 2022, index: 1 };
    const reportId = await reportIn(id(MOT), QUARTER, PeriodReportState.SUBMITTED);
    const MEMBERS = `query ($id: ID!) { elderlyPeriodReport(id: $id) { approved: figures(basis: APPROVED) { clubsAndMembers { members } } live: figures { clubsAndMembers { members } } differences { figure } } }`;
    type Read = { elderlyPeriodReport: { approved: { clubsAndMembers: { members: number } } | null; live: { clubsAndMembers: { members: number } }; differences: unknown[] | null } };
    const before = ok(await graphql<Read>(sub(), MEMBERS, { id: reportId })).elderlyPeriodReport.live.clubsAndMembers.members;
    const writes = Array.from({ length: 24 }, (_, index) => {
      const { query, input } = FIGURE_WRITES.addClubMember(target(MOT), `2022-02-${String((index % 28) + 1).padStart(2, '0')}`);
      return graphql(sub(), query, { input });
    });
    const approval = new Promise((resolve) => setTimeout(resolve, 15)).then(() => approve(reportId, true));
    const [approved, ...results] = await Promise.all([approval, ...writes]);
    expect((approved as GraphQLResponse).errors).toBeUndefined();
    const codes = results.map((result) => result.errors?.[0].extensions?.code ?? 'OK');
    expect(codes.every((code) => code === 'OK' || code === 'PERIOD_LOCKED')).toBe(true);
    const read = ok(await graphql<Read>(sub(), MEMBERS, { id: reportId })).elderlyPeriodReport;
    expect(read.approved!.clubsAndMembers.members).toBe(before + codes.filter((code) => code === 'OK').length);
    expect(read.differences).toEqual([]);
    const after = FIGURE_WRITES.addClubMember(target(MOT), '2022-03-01');
    expect((await graphql(sub(), after.query, { input: after.input })).errors?.[0].extensions?.code).toBe('PERIOD_LOCKED');
  });

  it('demo: Lai Châu\'s first half of 2019, its clubs approved by the province and the province by the national level, froze the article\'s figures', async () => {
    const query = `query ($id: ID!) {
      elderlyAssociation(id: $id) { periodReports(period: { type: HALF_YEAR, year: 2019, index: 1 }) {
        state version missingChildIds
        figures(basis: APPROVED) {
          newMembers
          clubsAndMembers { clubs members boardMembers ethnicMinorityShare { percent } over55Share { percent } poorMembers nearPoorMembers }
          fund { asOf totalFund contributedOrRaised outOnLoan borrowers }
        }
      } }
      clubStatistics(associationId: $id, period: { type: HALF_YEAR, year: 2019, index: 1 }, basis: APPROVED) { total { members } approvedVersion }
    }`;
    const { elderlyAssociation, clubStatistics } = ok(await graphql<{ elderlyAssociation: { periodReports: unknown[] }; clubStatistics: unknown }>(gatewayUrl(), query, { id: stableId('elderly:lai-chau') }));
    expect(elderlyAssociation.periodReports).toEqual([{
      state: 'APPROVED', version: 1, missingChildIds: [],
      figures: {
        newMembers: 1_071,
        clubsAndMembers: { clubs: 18, members: 796, boardMembers: 92, ethnicMinorityShare: { percent: '66.96' }, over55Share: { percent: '63.94' }, poorMembers: 36, nearPoorMembers: 92 },
        fund: { asOf: '2019-06-30', totalFund: '977000000', contributedOrRaised: '380000000', outOnLoan: '750000000', borrowers: 107 },
      },
    }]);
    expect(clubStatistics).toEqual({ total: { members: 796 }, approvedVersion: 1 });
  });
});
