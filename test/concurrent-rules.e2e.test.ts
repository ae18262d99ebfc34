import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { seedAssociationWithClubs } from '../subgraphs/elderly/src/club/club.seed.ts';
import { seedCycle, seedCycleClusters } from '../subgraphs/emulation/src/cycle/cycle.seed.ts';
import { seedChapterTree } from '../subgraphs/red-cross/src/chapter/chapter.seed.ts';
import { seedTerm } from '../subgraphs/red-cross/src/governance/term.seed.ts';
import { withDatabase } from './database.ts';
import { gatewayUrl, subgraphUrl } from './graphql.ts';
import { errorCode, post } from './http.ts';

/**
 * Every rule that reads before it writes ("at most N", "one at a time", "no overlap", "enough
 * cash", "once per …") under PARALLEL writers: PARALLEL requests at once, half through the gateway
 * and half on the subgraph directly, some with an Idempotency-Key. The rule must hold exactly (as many writes land as it
 * allows, no more), and every refused request carries the rule's own code: never
 * INTERNAL_SERVER_ERROR, never a 5xx.
 */
const PARALLEL = 10;

interface Prepared {
  query: string;
  /** The variables of each parallel request. */
  inputs: Record<string, unknown>[];
  /** How many of them the rule lets land. */
  allowed: number;
  /** Counts what landed, in SQL. */
  count: [sql: string, params: unknown[]];
}

interface RuleCase {
  rule: string;
  subgraph: 'elderly' | 'red-cross' | 'emulation';
  /** The stable codes a refused request may carry. */
  refusal: string[];
  prepare(client: pg.Client, tag: string): Promise<Prepared>;
}

const range = (n: number) => Array.from({ length: n }, (_, index) => index);
const input = (query: string) => `mutation ($input: ${query}) `;

/** Sequential setup writes over HTTP (the rules under test need their parents in a known state). */
async function setUp(subgraph: string, query: string, variables: Record<string, unknown>): Promise<Record<string, { id: string }>> {
  const answer = await post<Record<string, { id: string }>>(subgraphUrl(subgraph), query, variables);
  if (answer.body.errors) throw new Error(`setup failed: ${JSON.stringify(answer.body.errors)}`);
  return answer.body.data!;
}

async function club(client: pg.Client, tag: string, level: 'COMMUNE' | 'PROVINCE' = 'COMMUNE') {
  const seeded = await seedAssociationWithClubs(client, { name: `Hội NCT đồng thời ${tag}`, level }, [{ name: `CLB đồng thời ${tag}`, foundedOn: '2015-01-01' }]);
  return { associationId: seeded.associationId, clubId: seeded.clubIds.get(`CLB đồng thời ${tag}`)! };
}

const ADD_MEMBER = `${input('ClubMemberInput!')}{ addClubMember(input: $input) { id } }`;
const member = (clubId: string, i: number, boardRole: string | null = null) => ({
  clubId, fullName: `Hội viên ${i}`, sex: 'FEMALE', birthDate: '1950-01-01', ethnicGroup: 'Kinh', povertyStatus: 'NEITHER', joinedOn: '2016-01-01', boardRole,
});
async function members(clubId: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (const i of range(n)) ids.push((await setUp('elderly', ADD_MEMBER, { input: member(clubId, i) })).addClubMember.id);
  return ids;
}
const FORM_GROUP = `${input('FormClubSmallGroupInput!')}{ formClubSmallGroup(input: $input) { id } }`;
const GRANT = `${input('RecordFundEntryInput!')}{ recordFundEntry(input: $input) { id } }`;
const LOAN = `${input('DisburseLoanInput!')}{ disburseLoan(input: $input) { id } }`;
const grant = (clubId: string, amountVnd: number) => setUp('elderly', GRANT, { input: { clubId, kind: 'STARTING_GRANT', amountVnd, occurredOn: '2024-01-10', note: 'Vốn ban đầu' } });
const countFund = (clubId: string, kind: string): Prepared['count'] => [`select count(*)::int as n from elderly.club_fund_entry where club_id = $1 and kind = $2`, [clubId, kind]];

async function cluster(client: pg.Client, tag: string, members = PARALLEL) {
  const [seeded] = await seedCycleClusters(client, { year: 2023, count: 1, namePrefix: `Cụm đồng thời ${tag}`, members });
  return seeded;
}
const ONE_CRITERION = [{ name: 'Công tác tổ chức', weight: 100, maxPoints: 10 }];

async function term(client: pg.Client, tag: string) {
  const chapterId = (await seedChapterTree(client, { name: `Hội CTĐ tỉnh đồng thời ${tag}`, level: 'PROVINCE' })).get(`Hội CTĐ tỉnh đồng thời ${tag}`)!;
  return { chapterId, termId: await seedTerm(client, { chapterId, startYear: 2022, endYear: 2027 }) };
}

export const RULES: RuleCase[] = [
  {
    rule: 'a club has at most 5 specialised groups',
    subgraph: 'elderly',
    refusal: ['RULE_VIOLATION'],
    async prepare(client, tag) {
      const { clubId } = await club(client, tag);
      return {
        query: `${input('ClubSpecialisedGroupInput!')}{ addClubSpecialisedGroup(input: $input) { id } }`,
        inputs: range(PARALLEL).map((i) => ({ input: { clubId, name: `Tổ chuyên môn ${i}` } })),
        allowed: 5,
        count: [`select count(*)::int as n from elderly.club_specialised_group where club_id = $1`, [clubId]],
      };
    },
  },
  {
    rule: 'a small group has at most 5 members',
    subgraph: 'elderly',
    refusal: ['RULE_VIOLATION'],
    async prepare(client, tag) {
      const { clubId } = await club(client, tag);
      const memberIds = await members(clubId, PARALLEL);
      const { formClubSmallGroup: group } = await setUp('elderly', FORM_GROUP, { input: { clubId, name: 'Tổ 1', residentialArea: 'Thôn 1' } });
      return {
        query: `${input('AssignToSmallGroupInput!')}{ assignToSmallGroup(input: $input) { id } }`,
        inputs: memberIds.map((memberId) => ({ input: { groupId: group.id, memberId } })),
        allowed: 5,
        count: [`select count(*)::int as n from elderly.club_small_group_member where group_id = $1`, [group.id]],
      };
    },
  },
  {
    rule: 'a member is in one small group at most',
    subgraph: 'elderly',
    refusal: ['CONFLICT'],
    async prepare(client, tag) {
      const { clubId } = await club(client, tag);
      const [memberId] = await members(clubId, 1);
      const groups: string[] = [];
      for (const i of range(2)) groups.push((await setUp('elderly', FORM_GROUP, { input: { clubId, name: `Tổ ${i}`, residentialArea: `Thôn ${i}` } })).formClubSmallGroup.id);
      return {
        query: `${input('AssignToSmallGroupInput!')}{ assignToSmallGroup(input: $input) { id } }`,
        inputs: range(PARALLEL).map((i) => ({ input: { groupId: groups[i % 2], memberId } })),
        allowed: 1,
        count: [`select count(*)::int as n from elderly.club_small_group_member where member_id = $1`, [memberId]],
      };
    },
  },
  {
    rule: 'a club has one head at a time',
    subgraph: 'elderly',
    refusal: ['CONFLICT'],
    async prepare(client, tag) {
      const { clubId } = await club(client, tag);
      return {
        query: ADD_MEMBER,
        inputs: range(PARALLEL).map((i) => ({ input: member(clubId, i, 'HEAD') })),
        allowed: 1,
        count: [`select count(*)::int as n from elderly.club_member where club_id = $1 and board_role = 'HEAD'`, [clubId]],
      };
    },
  },
  {
    rule: 'a club holds one regular meeting per month',
    subgraph: 'elderly',
    refusal: ['CONFLICT'],
    async prepare(client, tag) {
      const { clubId } = await club(client, tag);
      return {
        query: `${input('ClubMeetingInput!')}{ recordClubMeeting(input: $input) { id } }`,
        inputs: range(PARALLEL).map((i) => ({ input: { clubId, heldOn: `2024-05-${String(i + 10)}`, attendance: 20 } })),
        allowed: 1,
        count: [`select count(*)::int as n from elderly.club_meeting where club_id = $1`, [clubId]],
      };
    },
  },
  {
    rule: 'a fund lends only the cash it has',
    subgraph: 'elderly',
    refusal: ['RULE_VIOLATION'],
    async prepare(client, tag) {
      const { clubId } = await club(client, tag);
      await grant(clubId, 1_000_000);
      return {
        query: LOAN,
        inputs: range(PARALLEL).map((i) => ({ input: { clubId, borrowerRef: `Hộ ${i}`, amountVnd: 300_000, occurredOn: '2024-02-01', note: 'Vay vốn' } })),
        allowed: 3,
        count: countFund(clubId, 'LOAN_DISBURSED'),
      };
    },
  },
  {
    rule: 'a borrower repays no more than owed',
    subgraph: 'elderly',
    refusal: ['RULE_VIOLATION'],
    async prepare(client, tag) {
      const { clubId } = await club(client, tag);
      await grant(clubId, 1_000_000);
      await setUp('elderly', LOAN, { input: { clubId, borrowerRef: 'Hộ A', amountVnd: 500_000, occurredOn: '2024-02-01', note: 'Vay vốn' } });
      return {
        query: `${input('RecordRepaymentInput!')}{ recordRepayment(input: $input) { id } }`,
        inputs: range(PARALLEL).map(() => ({ input: { clubId, borrowerRef: 'Hộ A', amountVnd: 200_000, occurredOn: '2024-03-01', note: 'Trả nợ' } })),
        allowed: 2,
        count: countFund(clubId, 'REPAYMENT'),
      };
    },
  },
  {
    rule: 'a fund entry is reversed once',
    subgraph: 'elderly',
    refusal: ['CONFLICT'],
    async prepare(client, tag) {
      const { clubId } = await club(client, tag);
      const { recordFundEntry: entry } = await grant(clubId, 1_000_000);
      return {
        query: `${input('ReverseFundEntryInput!')}{ reverseFundEntry(input: $input) { id } }`,
        inputs: range(PARALLEL).map(() => ({ input: { entryId: entry.id, occurredOn: '2024-02-01', note: 'Ghi nhầm' } })),
        allowed: 1,
        count: countFund(clubId, 'REVERSAL'),
      };
    },
  },
  {
    rule: 'a Representative Board has one head at a time',
    subgraph: 'elderly',
    refusal: ['CONFLICT'],
    async prepare(client, tag) {
      const { associationId } = await club(client, tag, 'PROVINCE');
      return {
        query: `${input('AppointRepresentativeBoardMemberInput!')}{ appointRepresentativeBoardMember(input: $input) { id } }`,
        inputs: range(PARALLEL).map((i) => ({ input: { associationId, role: 'HEAD', personName: `Trưởng ban ${i}`, startedOn: '2020-01-01' } })),
        allowed: 1,
        count: [`select count(*)::int as n from elderly.representative_board_member where association_id = $1`, [associationId]],
      };
    },
  },
  {
    rule: 'a person holds one seat on a Representative Board at a time',
    subgraph: 'elderly',
    refusal: ['CONFLICT'],
    async prepare(client, tag) {
      const { associationId } = await club(client, tag, 'PROVINCE');
      return {
        query: `${input('AppointRepresentativeBoardMemberInput!')}{ appointRepresentativeBoardMember(input: $input) { id } }`,
        inputs: range(PARALLEL).map((i) => ({ input: { associationId, role: i % 2 ? 'MEMBER' : 'DEPUTY_HEAD', personName: 'Nguyễn Văn Một', startedOn: '2020-01-01' } })),
        allowed: 1,
        count: [`select count(*)::int as n from elderly.representative_board_member where association_id = $1`, [associationId]],
      };
    },
  },
  {
    rule: 'a chapter\'s terms do not overlap',
    subgraph: 'red-cross',
    refusal: ['CONFLICT'],
    async prepare(client, tag) {
      const { chapterId } = await term(client, tag);
      return {
        query: `${input('OpenTermInput!')}{ openTerm(input: $input) { id } }`,
        inputs: range(PARALLEL).map((i) => ({ input: { chapterId, startYear: 2012 + (i % 3), endYear: 2017 } })),
        allowed: 1,
        count: [`select count(*)::int - 1 as n from red_cross.term where chapter_id = $1`, [chapterId]],
      };
    },
  },
  {
    rule: 'a term has one chair at a time',
    subgraph: 'red-cross',
    refusal: ['CONFLICT'],
    async prepare(client, tag) {
      const { termId } = await term(client, tag);
      return {
        query: `${input('AppointOfficeHolderInput!')}{ appointOfficeHolder(input: $input) { id } }`,
        inputs: range(PARALLEL).map((i) => ({ input: { termId, role: 'CHAIR', personName: `Chủ tịch ${i}`, tookOfficeOn: '2022-06-01' } })),
        allowed: 1,
        count: [`select count(*)::int as n from red_cross.office_holder where term_id = $1`, [termId]],
      };
    },
  },
  {
    rule: 'a person holds one seat in a body of a term at a time',
    subgraph: 'red-cross',
    refusal: ['CONFLICT'],
    async prepare(client, tag) {
      const { termId } = await term(client, tag);
      return {
        query: `${input('AppointOfficeHolderInput!')}{ appointOfficeHolder(input: $input) { id } }`,
        inputs: range(PARALLEL).map((i) => ({ input: { termId, role: i % 2 ? 'VICE_CHAIR' : 'EXECUTIVE_COMMITTEE_MEMBER', personName: 'Trần Thị Hai', tookOfficeOn: '2022-06-01' } })),
        allowed: 1,
        count: [`select count(*)::int as n from red_cross.office_holder where term_id = $1`, [termId]],
      };
    },
  },
  {
    rule: 'a term has one document of each kind',
    subgraph: 'red-cross',
    refusal: ['CONFLICT'],
    async prepare(client, tag) {
      const { termId } = await term(client, tag);
      return {
        query: `${input('RecordTermDocumentDraftInput!')}{ recordTermDocumentDraft(input: $input) { id } }`,
        inputs: range(PARALLEL).map(() => ({ input: { termId, kind: 'WHOLE_TERM_PROGRAMME' } })),
        allowed: 1,
        count: [`select count(*)::int as n from red_cross.term_document where term_id = $1`, [termId]],
      };
    },
  },
  {
    rule: 'a cluster has one holder of each role',
    subgraph: 'emulation',
    refusal: ['CONFLICT'],
    async prepare(client, tag) {
      const { clusterId, memberIds } = await cluster(client, tag);
      return {
        query: `${input('AssignClusterRoleInput!')}{ assignClusterRole(input: $input) { id } }`,
        inputs: memberIds.map((memberId) => ({ input: { clusterId, role: 'HEAD', memberId } })),
        allowed: 1,
        count: [`select count(*)::int as n from emulation.cluster_role where cluster_id = $1`, [clusterId]],
      };
    },
  },
  {
    rule: 'a cluster\'s head and deputy are different members',
    subgraph: 'emulation',
    refusal: ['CONFLICT'],
    async prepare(client, tag) {
      const { clusterId, memberIds } = await cluster(client, tag, 2);
      return {
        query: `${input('AssignClusterRoleInput!')}{ assignClusterRole(input: $input) { id } }`,
        inputs: range(PARALLEL).map((i) => ({ input: { clusterId, role: i % 2 ? 'HEAD' : 'DEPUTY', memberId: memberIds[0] } })),
        allowed: 1,
        count: [`select count(*)::int as n from emulation.cluster_role where cluster_id = $1`, [clusterId]],
      };
    },
  },
  {
    rule: 'a cluster adopts one regulation',
    subgraph: 'emulation',
    refusal: ['CONFLICT'],
    async prepare(client, tag) {
      const { clusterId } = await cluster(client, tag, 2);
      return {
        query: `${input('RecordRegulationVoteInput!')}{ recordRegulationVote(input: $input) { id } }`,
        inputs: range(PARALLEL).map((i) => ({ input: { clusterId, title: `Quy chế ${i}`, votesFor: 9, votesAgainst: 1, votesAbstaining: 0, votedOn: '2023-03-01' } })),
        allowed: 1,
        count: [`select count(*)::int as n from emulation.regulation where cluster_id = $1 and status = 'ADOPTED'`, [clusterId]],
      };
    },
  },
  {
    rule: 'a cluster year has one review conference',
    subgraph: 'emulation',
    refusal: ['CONFLICT'],
    async prepare(client, tag) {
      const { clusterId } = await cluster(client, tag, 2);
      return {
        query: `${input('RecordClusterMeetingInput!')}{ recordClusterMeeting(input: $input) { id } }`,
        inputs: range(PARALLEL).map((i) => ({ input: { clusterId, kind: 'REVIEW_CONFERENCE', theme: `Tổng kết ${i}` } })),
        allowed: 1,
        count: [`select count(*)::int as n from emulation.cluster_meeting where cluster_id = $1`, [clusterId]],
      };
    },
  },
  {
    rule: 'a member registers a title once',
    subgraph: 'emulation',
    refusal: ['CONFLICT'],
    async prepare(client, tag) {
      const { clusterId, memberIds } = await cluster(client, tag, 2);
      return {
        query: `${input('RegisterEmulationCommitmentInput!')}{ registerEmulationCommitment(input: $input) { id } }`,
        inputs: range(PARALLEL).map((i) => ({ input: { clusterId, memberId: memberIds[0], kind: 'COMMITMENT', title: i % 2 ? 'Cam kết thi đua' : 'CAM KẾT THI ĐUA', registeredOn: '2023-03-01' } })),
        allowed: 1,
        count: [`select count(*)::int as n from emulation.registration where cluster_id = $1`, [clusterId]],
      };
    },
  },
  {
    rule: 'a member is scored once on a criterion',
    subgraph: 'emulation',
    refusal: ['CONFLICT'],
    async prepare(client, tag) {
      const seeded = await cluster(client, tag, 2);
      const [criterionId] = await seedCycle(client, seeded, { stage: 'SCORING', criteriaSetOn: '2023-02-01', scoringStartedOn: '2023-06-01', criteria: ONE_CRITERION, points: [[null], [8]] });
      return {
        query: `${input('RecordEmulationScoresInput!')}{ recordEmulationScores(input: $input) { id } }`,
        inputs: range(PARALLEL).map((i) => ({ input: { clusterId: seeded.clusterId, memberId: seeded.memberIds[0], scores: [{ criterionId, points: i % 10 }], scoredOn: '2023-07-01' } })),
        allowed: 1,
        count: [`select count(*)::int as n from emulation.score where member_id = $1`, [seeded.memberIds[0]]],
      };
    },
  },
  {
    rule: 'a cycle is ranked once',
    subgraph: 'emulation',
    refusal: ['RULE_VIOLATION'],
    async prepare(client, tag) {
      const seeded = await cluster(client, tag, 2);
      await seedCycle(client, seeded, { stage: 'SCORING', criteriaSetOn: '2023-02-01', scoringStartedOn: '2023-06-01', criteria: ONE_CRITERION, points: [[9], [8]] });
      return {
        query: `${input('ComputeEmulationRankingInput!')}{ computeEmulationRanking(input: $input) { id } }`,
        inputs: range(PARALLEL).map(() => ({ input: { clusterId: seeded.clusterId, rankedOn: '2023-11-01' } })),
        allowed: 1,
        count: [`select count(*)::int as n from emulation.cycle where cluster_id = $1 and stage = 'RANKED'`, [seeded.clusterId]],
      };
    },
  },
  {
    rule: 'a member gets an emulation title once',
    subgraph: 'emulation',
    refusal: ['CONFLICT'],
    async prepare(client, tag) {
      const seeded = await cluster(client, tag, 2);
      await seedCycle(client, seeded, { stage: 'RANKED', criteriaSetOn: '2023-02-01', scoringStartedOn: '2023-06-01', rankedOn: '2023-11-01', criteria: ONE_CRITERION, points: [[9], [8]] });
      return {
        query: `${input('VoteEmulationTitleInput!')}{ voteEmulationTitle(input: $input) { id } }`,
        inputs: range(PARALLEL).map(() => ({ input: { clusterId: seeded.clusterId, memberId: seeded.memberIds[0], title: 'EXCELLENT_LABOUR_COLLECTIVE', votedOn: '2023-12-01' } })),
        allowed: 1,
        count: [`select count(*)::int as n from emulation.title_award where member_id = $1`, [seeded.memberIds[0]]],
      };
    },
  },
];

describe('rules that count hold under concurrent writers, through the gateway and directly', () => {
  it.each(RULES.map((rule, index) => ({ ...rule, index })))('$rule ($subgraph)', async ({ subgraph, refusal, prepare, index }) => {
    const tag = `${index}-${Date.now().toString(36)}`;
    const prepared = await withDatabase((client) => prepare(client, tag));
    expect(prepared.inputs).toHaveLength(PARALLEL);
    // Every third request carries an Idempotency-Key: its whole operation is then one transaction that also records the answer.
    const headers = (i: number): Record<string, string> => (i % 3 === 0 ? { 'idempotency-key': randomUUID() } : {});
    const answers = await Promise.all(prepared.inputs.map((variables, i) => post(i % 2 ? gatewayUrl() : subgraphUrl(subgraph), prepared.query, variables, { headers: headers(i) })));
    const landed = answers.filter((answer) => !answer.body.errors);
    const refused = answers.filter((answer) => answer.body.errors);
    for (const answer of answers) expect(answer.status).toBeLessThan(500);
    expect(refused.map(errorCode).filter((code) => !refusal.includes(String(code))), JSON.stringify(refused.map((answer) => answer.body.errors))).toEqual([]);
    expect(landed).toHaveLength(prepared.allowed);
    const [sql, params] = prepared.count;
    const counted = await withDatabase(async (client) => (await client.query<{ n: number }>(sql, params)).rows[0].n);
    expect(counted).toBe(prepared.allowed);
  });
});
