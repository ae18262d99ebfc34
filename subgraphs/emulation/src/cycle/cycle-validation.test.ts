import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import { graphql, subgraphUrl } from '../../../../test/graphql.ts';
import { failure, PROPOSE, RANK, REGISTER, refused, SCORE, SET_CRITERIA, VOTE } from './cycle.queries.ts';
import { seedCycle, seedCycleClusters, type SeededCluster } from './cycle.seed.ts';

const url = () => subgraphUrl('emulation');
const todayInVietnam = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
/**
 * The clusters here are of last year: their dates are all past, and tomorrow (in this year) is a
 * date in the future yet within the cycle's years, unless today is 31 December.
 */
const YEAR = Number(todayInVietnam().slice(0, 4)) - 1;
const TOMORROW = new Date(Date.parse(`${todayInVietnam()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const FUTURE = Number(TOMORROW.slice(0, 4)) <= YEAR + 1 ? TOMORROW : null;

let registering: SeededCluster;
let criteriaSetting: SeededCluster;
let scoring: SeededCluster;
let voting: SeededCluster;
let elsewhere: SeededCluster;
let scoringCriteria: string[];
let elsewhereCriteria: string[];

describe('validation of the steps of a cycle', () => {
  beforeAll(async () => {
    await withDatabase(async (client) => {
      [registering, criteriaSetting, scoring, voting, elsewhere] = await seedCycleClusters(client, { year: YEAR, count: 5, namePrefix: `Cụm kiểm tra ${YEAR}`, members: 2 });
      const criteria = [
        { name: 'Tiêu chí A', weight: 70, maxPoints: 10 },
        { name: 'Tiêu chí B', weight: 30, maxPoints: 5 },
      ];
      scoringCriteria = await seedCycle(client, scoring, { stage: 'CRITERIA_SET', criteriaSetOn: `${YEAR}-01-10`, criteria });
      elsewhereCriteria = await seedCycle(client, elsewhere, { stage: 'CRITERIA_SET', criteriaSetOn: `${YEAR}-01-10`, criteria });
      await seedCycle(client, voting, { stage: 'RANKED', criteriaSetOn: `${YEAR}-01-10`, scoringStartedOn: `${YEAR}-01-11`, rankedOn: `${YEAR}-01-12`, criteria, points: [[1, 1], [2, 2]] });
    });
  });

  it('registerEmulationCommitment', async () => {
    const { clusterId, memberIds } = registering;
    const base = { clusterId, memberId: memberIds[0], kind: 'COMMITMENT', title: 'Giao ước thi đua năm nay', registeredOn: `${YEAR}-01-05` };
    const register = async (change: Record<string, unknown>) => failure(await graphql(url(), REGISTER, { input: { ...base, ...change } }));
    expect((await graphql(url(), REGISTER, { input: base })).errors).toBeUndefined();
    expect(await register({ title: 'GIAO ƯỚC THI ĐUA NĂM NAY'.normalize('NFD') })).toEqual(refused('CONFLICT', 'title'));
    expect(await register({ title: 'Giao ước thi đua năm nay', kind: 'MODEL_PROGRAMME' })).toEqual({ data: { registerEmulationCommitment: expect.anything() }, requestId: undefined });
    expect(await register({ clusterId: 'cụm' })).toEqual(refused('BAD_USER_INPUT', 'clusterId'));
    expect(await register({ memberId: 'x' })).toEqual(refused('BAD_USER_INPUT', 'memberId'));
    expect(await register({ title: '   ' })).toEqual(refused('BAD_USER_INPUT', 'title'));
    expect(await register({ title: 'x'.repeat(301) })).toEqual(refused('BAD_USER_INPUT', 'title'));
    expect(await register({ description: '' })).toEqual(refused('BAD_USER_INPUT', 'description'));
    expect(await register({ clusterId: randomUUID() })).toEqual(refused('NOT_FOUND', 'clusterId'));
    expect(await register({ memberId: randomUUID() })).toEqual(refused('NOT_FOUND', 'memberId'));
    expect(await register({ memberId: elsewhere.memberIds[0] })).toEqual(refused('RULE_VIOLATION', 'memberId'));
    expect(await register({ registeredOn: `${YEAR - 2}-12-31` })).toEqual(refused('RULE_VIOLATION', 'registeredOn'));
    if (FUTURE) expect(await register({ title: 'Giao ước tương lai', registeredOn: FUTURE })).toEqual(refused('RULE_VIOLATION', 'registeredOn'));
  });

  it('setEmulationCriteria', async () => {
    const { clusterId } = criteriaSetting;
    const criteria = [
      { name: 'Tiêu chí một', weight: 50, maxPoints: 10 },
      { name: 'Tiêu chí hai', weight: 50, maxPoints: 10 },
    ];
    const set = async (change: Record<string, unknown>) => failure(await graphql(url(), SET_CRITERIA, { input: { clusterId, criteria, setOn: `${YEAR}-01-02`, ...change } }));
    const withCriterion = (index: number, change: Record<string, unknown>) => ({ criteria: criteria.map((criterion, i) => (i === index ? { ...criterion, ...change } : criterion)) });
    expect(await set({ criteria: [] })).toEqual(refused('BAD_USER_INPUT', 'criteria'));
    expect(await set(withCriterion(1, { weight: 0 }))).toEqual(refused('BAD_USER_INPUT', 'criteria.1.weight'));
    expect(await set(withCriterion(0, { maxPoints: 1001 }))).toEqual(refused('BAD_USER_INPUT', 'criteria.0.maxPoints'));
    expect(await set(withCriterion(1, { name: ' ' }))).toEqual(refused('BAD_USER_INPUT', 'criteria.1.name'));
    expect(await set(withCriterion(1, { name: ' TIÊU CHÍ MỘT' }))).toEqual(refused('BAD_USER_INPUT', 'criteria.1.name'));
    expect(await set(withCriterion(1, { weight: 40 }))).toEqual(refused('RULE_VIOLATION', 'criteria')); // 90
    expect(await set({ clusterId: randomUUID() })).toEqual(refused('NOT_FOUND', 'clusterId'));
    expect(await set({ setOn: `${YEAR + 2}-01-01` })).toEqual(refused('RULE_VIOLATION', 'setOn'));
    if (FUTURE) expect(await set({ setOn: FUTURE })).toEqual(refused('RULE_VIOLATION', 'setOn'));
    const cycle = await graphql(url(), `query ($id: ID!) { emulationCluster(id: $id) { cycle { stage } criteria { name } } }`, { id: clusterId });
    expect(cycle).toEqual({ data: { emulationCluster: { cycle: { stage: 'REGISTRATION' }, criteria: [] } } }); // nothing of the refused settings
  });

  it('recordEmulationScores', async () => {
    const { clusterId, memberIds } = scoring;
    const base = { clusterId, memberId: memberIds[0], scores: [{ criterionId: scoringCriteria[0], points: 10 }], scoredOn: `${YEAR}-01-10` };
    const score = async (change: Record<string, unknown>) => failure(await graphql(url(), SCORE, { input: { ...base, ...change } }));
    expect(await score({ scores: [] })).toEqual(refused('BAD_USER_INPUT', 'scores'));
    expect(await score({ scores: [{ criterionId: scoringCriteria[0], points: -1 }] })).toEqual(refused('BAD_USER_INPUT', 'scores.0.points'));
    expect(await score({ scores: [{ criterionId: 'tiêu chí', points: 1 }] })).toEqual(refused('BAD_USER_INPUT', 'scores.0.criterionId'));
    expect(await score({ scores: [{ criterionId: scoringCriteria[0], points: 1 }, { criterionId: scoringCriteria[0], points: 2 }] })).toEqual(refused('BAD_USER_INPUT', 'scores.1.criterionId'));
    expect(await score({ scores: [{ criterionId: scoringCriteria[0], points: 1 }, { criterionId: randomUUID(), points: 2 }] })).toEqual(refused('NOT_FOUND', 'scores.1.criterionId'));
    expect(await score({ scores: [{ criterionId: elsewhereCriteria[0], points: 1 }] })).toEqual(refused('RULE_VIOLATION', 'scores.0.criterionId'));
    expect(await score({ scores: [{ criterionId: scoringCriteria[0], points: 10 }, { criterionId: scoringCriteria[1], points: 6 }] })).toEqual(refused('RULE_VIOLATION', 'scores.1.points'));
    expect(await score({ memberId: elsewhere.memberIds[0] })).toEqual(refused('RULE_VIOLATION', 'memberId'));
    expect(await score({ memberId: randomUUID() })).toEqual(refused('NOT_FOUND', 'memberId'));
    expect(await score({ clusterId: randomUUID() })).toEqual(refused('NOT_FOUND', 'clusterId'));
    expect(await score({ scoredOn: `${YEAR}-01-09` })).toEqual(refused('RULE_VIOLATION', 'scoredOn')); // before the criteria were set
    expect((await graphql(url(), SCORE, { input: base })).errors).toBeUndefined();
    expect(await score({ scores: [{ criterionId: scoringCriteria[1], points: 5 }, { criterionId: scoringCriteria[0], points: 9 }] })).toEqual(refused('CONFLICT', 'scores.1.criterionId'));
    const cycle = await graphql(url(), `query ($id: ID!) { emulationCluster(id: $id) { cycle { stage scoringStartedOn } scores { points } } }`, { id: clusterId });
    expect(cycle).toEqual({ data: { emulationCluster: { cycle: { stage: 'SCORING', scoringStartedOn: `${YEAR}-01-10` }, scores: [{ points: 10 }] } } });
  });

  it('computeEmulationRanking', async () => {
    const { clusterId } = scoring;
    const rank = async (input: Record<string, unknown>) => failure(await graphql(url(), RANK, { input }));
    expect(await rank({ clusterId: 'x' })).toEqual(refused('BAD_USER_INPUT', 'clusterId'));
    expect(await rank({ clusterId: randomUUID() })).toEqual(refused('NOT_FOUND', 'clusterId'));
    expect(await rank({ clusterId, rankedOn: `${YEAR}-01-09` })).toEqual(refused('RULE_VIOLATION', 'rankedOn')); // before scoring started
    expect(await rank({ clusterId, rankedOn: `${YEAR}-01-11` })).toEqual(refused('RULE_VIOLATION', 'scores')); // 3 of 4 missing
  });

  it('voteEmulationTitle and proposeEmulationCommendation', async () => {
    const { clusterId, memberIds } = voting;
    const voteBase = { clusterId, memberId: memberIds[1], title: 'ADVANCED_LABOUR_COLLECTIVE', votedOn: `${YEAR}-01-12` };
    const vote = async (change: Record<string, unknown>) => failure(await graphql(url(), VOTE, { input: { ...voteBase, ...change } }));
    expect(await vote({ memberId: elsewhere.memberIds[1] })).toEqual(refused('RULE_VIOLATION', 'memberId')); // a title goes to a member of the cluster
    expect(await vote({ memberId: randomUUID() })).toEqual(refused('NOT_FOUND', 'memberId'));
    expect(await vote({ note: ' ' })).toEqual(refused('BAD_USER_INPUT', 'note'));
    expect(await vote({ votedOn: `${YEAR}-01-11` })).toEqual(refused('RULE_VIOLATION', 'votedOn')); // before the ranking
    expect((await graphql(url(), VOTE, { input: voteBase })).errors).toBeUndefined();
    expect(await vote({})).toEqual(refused('CONFLICT', 'title'));
    expect((await graphql(url(), VOTE, { input: { ...voteBase, title: 'EXCELLENT_LABOUR_COLLECTIVE' } })).errors).toBeUndefined();

    const proposeBase = { clusterId, memberId: memberIds[0], form: 'LABOUR_ORDER_THIRD_CLASS', proposedOn: `${YEAR}-01-13` };
    const propose = async (change: Record<string, unknown>) => failure(await graphql(url(), PROPOSE, { input: { ...proposeBase, ...change } }));
    expect(await propose({ memberId: elsewhere.memberIds[0] })).toEqual(refused('RULE_VIOLATION', 'memberId'));
    expect(await propose({ clusterId: randomUUID() })).toEqual(refused('NOT_FOUND', 'clusterId'));
    expect(await propose({ reason: '' })).toEqual(refused('BAD_USER_INPUT', 'reason'));
    expect(await propose({ proposedOn: `${YEAR + 2}-01-01` })).toEqual(refused('RULE_VIOLATION', 'proposedOn'));
    expect((await graphql(url(), PROPOSE, { input: proposeBase })).errors).toBeUndefined();
    expect(await propose({ reason: 'Lần nữa' })).toEqual(refused('CONFLICT', 'form'));
    const cycle = await graphql(url(), `query ($id: ID!) { emulationCluster(id: $id) { cycle { stage titlesVotedOn } titles { title member { position } } commendationProposals { form } } }`, { id: clusterId });
    expect(cycle).toEqual({
      data: {
        emulationCluster: {
          cycle: { stage: 'TITLES_VOTED', titlesVotedOn: `${YEAR}-01-12` },
          titles: [
            { title: 'EXCELLENT_LABOUR_COLLECTIVE', member: { position: 2 } },
            { title: 'ADVANCED_LABOUR_COLLECTIVE', member: { position: 2 } },
          ],
          commendationProposals: [{ form: 'LABOUR_ORDER_THIRD_CLASS' }],
        },
      },
    });
  });
});
