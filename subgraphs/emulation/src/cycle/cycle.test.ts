import { beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import { graphql, subgraphUrl } from '../../../../test/graphql.ts';
import { failure, PROPOSE, RANK, REGISTER, refused, SCORE, SET_CRITERIA, VOTE } from './cycle.queries.ts';
import { seedCycle, seedCycleClusters, type SeededCluster } from './cycle.seed.ts';

const url = () => subgraphUrl('emulation');

const CYCLE = `query ($id: ID!) { emulationCluster(id: $id) {
  cycle { stage criteriaSetOn scoringStartedOn rankedOn titlesVotedOn }
  registrations { kind title registeredOn member { position } }
  criteria { position name weight maxPoints }
  scores { member { position } criterion { position } points scoredOn }
  ranking { rank weightedScore member { position } tiedWith { position } tieNote }
  titles { title votedOn note member { position } }
  commendationProposals { form proposedOn reason member { position } }
} }`;

/** Three criteria of 10 points each, weights 40 + 35 + 25. */
const CRITERIA = [
  { name: 'Công tác tổ chức, xây dựng Hội', weight: 40, maxPoints: 10 },
  { name: 'Công tác nhân đạo, vận động nguồn lực', weight: 35, maxPoints: 10 },
  { name: 'Vận động hiến máu tình nguyện', weight: 25, maxPoints: 10 },
];
/**
 * Σ weight × points: member 1: 360 + 280 + 250 = 890 → 8.90; member 2: 400 + 280 + 150 = 830 and
 * member 3: 280 + 350 + 200 = 830 → both 8.30 with different points; member 4: 240 + 245 + 225 = 710 → 7.10.
 */
const POINTS = [
  [9, 8, 10],
  [10, 8, 6],
  [7, 10, 8],
  [6, 7, 9],
];
const TIE_NOTE = 'Tied (đồng hạng) at 8.30 with 1 other member: both share rank 2 and rank 3 is not given (standard competition ranking).';
const RANKING = [
  { rank: 1, weightedScore: '8.90', member: { position: 1 }, tiedWith: [], tieNote: null },
  { rank: 2, weightedScore: '8.30', member: { position: 2 }, tiedWith: [{ position: 3 }], tieNote: TIE_NOTE },
  { rank: 2, weightedScore: '8.30', member: { position: 3 }, tiedWith: [{ position: 2 }], tieNote: TIE_NOTE },
  { rank: 4, weightedScore: '7.10', member: { position: 4 }, tiedWith: [], tieNote: null },
];

let whole: SeededCluster;
let ordered: SeededCluster;
let racing: SeededCluster[];
let seeded: SeededCluster[];

describe('the yearly cycle of a cluster (emulation subgraph)', () => {
  beforeAll(async () => {
    await withDatabase(async (client) => {
      [whole] = await seedCycleClusters(client, { year: 2018, count: 1, namePrefix: 'Cụm chu trình trọn vẹn', members: 4 });
      [ordered] = await seedCycleClusters(client, { year: 2017, count: 1, namePrefix: 'Cụm chu trình thứ tự', members: 2 });
      racing = await seedCycleClusters(client, { year: 2016, count: 2, namePrefix: 'Cụm chu trình đồng thời', members: 2 });
      seeded = await seedCycleClusters(client, { year: 2016, count: 1, namePrefix: 'Cụm chu trình ghi thẳng', members: 2 });
      const scoring = { stage: 'SCORING' as const, criteriaSetOn: '2016-02-01', scoringStartedOn: '2016-11-01', criteria: CRITERIA.slice(0, 1).map((c) => ({ ...c, weight: 100 })), points: [[9], [8]] };
      await seedCycle(client, racing[0], scoring);
      await seedCycle(client, racing[1], { ...scoring, stage: 'RANKED', rankedOn: '2016-12-01' });
      await seedCycle(client, seeded[0], { stage: 'CRITERIA_SET', criteriaSetOn: '2016-02-01', criteria: CRITERIA });
    });
  });

  it('runs a whole cycle: registrations, criteria, scores, a ranking with a tie, titles and proposals', async () => {
    const { clusterId, memberIds } = whole;
    const registered = await graphql(url(), REGISTER, {
      input: { clusterId, memberId: memberIds[0], kind: 'MODEL_PROGRAMME', title: ' Phát triển điểm,  trạm sơ cứu CTĐ '.normalize('NFD'), registeredOn: '2017-12-28' },
    });
    expect(registered).toEqual({
      data: { registerEmulationCommitment: { id: expect.any(String), kind: 'MODEL_PROGRAMME', title: 'Phát triển điểm, trạm sơ cứu CTĐ', description: null, registeredOn: '2017-12-28', member: { position: 1 } } },
    });
    expect(
      await graphql(url(), REGISTER, {
        input: { clusterId, memberId: memberIds[1], kind: 'COMMITMENT', title: 'Hoàn thành vượt mức các chỉ tiêu được giao', description: 'Giao ước thi đua năm 2018', registeredOn: '2018-01-15' },
      }),
    ).toMatchObject({ data: { registerEmulationCommitment: { kind: 'COMMITMENT', member: { position: 2 } } } });

    // Criteria set twice while at CRITERIA_SET: the second setting replaces the first, and its date counts.
    const first = await graphql(url(), SET_CRITERIA, { input: { clusterId, criteria: [{ name: 'Tiêu chí tạm', weight: 100, maxPoints: 5 }], setOn: '2018-01-20' } });
    expect(first).toEqual({ data: { setEmulationCriteria: { cycle: { stage: 'CRITERIA_SET', criteriaSetOn: '2018-01-20' }, criteria: [{ position: 1, name: 'Tiêu chí tạm', description: null, weight: 100, maxPoints: 5 }] } } });
    const criteria = await graphql<{ setEmulationCriteria: { criteria: unknown[] } }>(url(), SET_CRITERIA, {
      input: { clusterId, criteria: CRITERIA.map((c, index) => (index === 0 ? { ...c, description: 'Phát triển hội viên, xây dựng tổ chức Hội vững mạnh' } : c)), setOn: '2018-02-01' },
    });
    expect(criteria).toEqual({
      data: {
        setEmulationCriteria: {
          cycle: { stage: 'CRITERIA_SET', criteriaSetOn: '2018-02-01' },
          criteria: CRITERIA.map((c, index) => ({ position: index + 1, description: index === 0 ? 'Phát triển hội viên, xây dựng tổ chức Hội vững mạnh' : null, ...c })),
        },
      },
    });

    const criterionIds = await withDatabase(async (client) =>
      (await client.query(`select id from emulation.criterion where cluster_id = $1 order by position`, [clusterId])).rows.map((row) => row.id as string),
    );
    // One batch per member; member 4 in two batches. The first batch moves the cycle to SCORING.
    const scoreBatch = (member: number, criteria: number[], scoredOn: string) =>
      graphql(url(), SCORE, { input: { clusterId, memberId: memberIds[member], scores: criteria.map((c) => ({ criterionId: criterionIds[c], points: POINTS[member][c] })), scoredOn } });
    expect(await scoreBatch(0, [0, 1, 2], '2018-12-10')).toEqual({ data: { recordEmulationScores: { cycle: { stage: 'SCORING', scoringStartedOn: '2018-12-10' } } } });
    for (const member of [1, 2]) expect((await scoreBatch(member, [0, 1, 2], '2018-12-11')).errors).toBeUndefined();
    expect(await scoreBatch(3, [2], '2018-12-11')).toEqual({ data: { recordEmulationScores: { cycle: { stage: 'SCORING', scoringStartedOn: '2018-12-10' } } } });
    expect(failure(await graphql(url(), RANK, { input: { clusterId, rankedOn: '2018-12-20' } }))).toEqual(refused('RULE_VIOLATION', 'scores'));
    expect((await scoreBatch(3, [0, 1], '2018-12-12')).errors).toBeUndefined();

    expect(await graphql(url(), RANK, { input: { clusterId, rankedOn: '2018-12-20' } })).toEqual({
      data: { computeEmulationRanking: { cycle: { stage: 'RANKED', rankedOn: '2018-12-20' }, ranking: RANKING } },
    });

    const vote = (member: number, title: string, note?: string) => graphql(url(), VOTE, { input: { clusterId, memberId: memberIds[member], title, votedOn: '2019-01-10', note } });
    expect(await vote(0, 'MINISTRY_PROVINCE_EMULATION_FLAG', 'Dẫn đầu cụm thi đua')).toEqual({
      data: { voteEmulationTitle: { id: expect.any(String), title: 'MINISTRY_PROVINCE_EMULATION_FLAG', votedOn: '2019-01-10', note: 'Dẫn đầu cụm thi đua', member: { position: 1 } } },
    });
    for (const member of [1, 2]) expect((await vote(member, 'EXCELLENT_LABOUR_COLLECTIVE')).errors).toBeUndefined();
    expect(
      await graphql(url(), PROPOSE, {
        input: { clusterId, memberId: memberIds[0], form: 'PRIME_MINISTER_CERTIFICATE_OF_MERIT', proposedOn: '2019-01-10', reason: 'Thành tích xuất sắc năm 2018' },
      }),
    ).toEqual({
      data: { proposeEmulationCommendation: { id: expect.any(String), form: 'PRIME_MINISTER_CERTIFICATE_OF_MERIT', proposedOn: '2019-01-10', reason: 'Thành tích xuất sắc năm 2018', member: { position: 1 } } },
    });

    expect(await graphql(url(), CYCLE, { id: clusterId })).toEqual({
      data: {
        emulationCluster: {
          cycle: { stage: 'TITLES_VOTED', criteriaSetOn: '2018-02-01', scoringStartedOn: '2018-12-10', rankedOn: '2018-12-20', titlesVotedOn: '2019-01-10' },
          registrations: [
            { kind: 'MODEL_PROGRAMME', title: 'Phát triển điểm, trạm sơ cứu CTĐ', registeredOn: '2017-12-28', member: { position: 1 } },
            { kind: 'COMMITMENT', title: 'Hoàn thành vượt mức các chỉ tiêu được giao', registeredOn: '2018-01-15', member: { position: 2 } },
          ],
          criteria: CRITERIA.map((c, index) => ({ position: index + 1, ...c })),
          scores: POINTS.flatMap((points, member) =>
            points.map((value, criterion) => ({
              member: { position: member + 1 },
              criterion: { position: criterion + 1 },
              points: value,
              scoredOn: member === 0 ? '2018-12-10' : member === 3 && criterion < 2 ? '2018-12-12' : '2018-12-11',
            })),
          ),
          ranking: RANKING,
          titles: [
            { title: 'MINISTRY_PROVINCE_EMULATION_FLAG', votedOn: '2019-01-10', note: 'Dẫn đầu cụm thi đua', member: { position: 1 } },
            { title: 'EXCELLENT_LABOUR_COLLECTIVE', votedOn: '2019-01-10', note: null, member: { position: 2 } },
            { title: 'EXCELLENT_LABOUR_COLLECTIVE', votedOn: '2019-01-10', note: null, member: { position: 3 } },
          ],
          commendationProposals: [{ form: 'PRIME_MINISTER_CERTIFICATE_OF_MERIT', proposedOn: '2019-01-10', reason: 'Thành tích xuất sắc năm 2018', member: { position: 1 } }],
        },
      },
    });
  });

  it('refuses each step out of order with RULE_VIOLATION on stage', async () => {
    const { clusterId, memberIds } = ordered;
    const register = () => graphql(url(), REGISTER, { input: { clusterId, memberId: memberIds[0], kind: 'COMMITMENT', title: `Giao ước ${Math.random()}`, registeredOn: '2017-01-10' } });
    const setCriteria = () => graphql(url(), SET_CRITERIA, { input: { clusterId, criteria: [{ name: 'Tiêu chí duy nhất', weight: 100, maxPoints: 10 }], setOn: '2017-02-01' } });
    const criterionId = async () =>
      withDatabase(async (client) => (await client.query(`select id from emulation.criterion where cluster_id = $1`, [clusterId])).rows[0]?.id ?? '00000000-0000-4000-8000-000000000000');
    const score = async (member: number) =>
      graphql(url(), SCORE, { input: { clusterId, memberId: memberIds[member], scores: [{ criterionId: await criterionId(), points: 5 + member }], scoredOn: '2017-11-01' } });
    const rank = () => graphql(url(), RANK, { input: { clusterId, rankedOn: '2017-12-01' } });
    const vote = () => graphql(url(), VOTE, { input: { clusterId, memberId: memberIds[1], title: 'ADVANCED_LABOUR_COLLECTIVE', votedOn: '2017-12-15' } });
    const propose = () => graphql(url(), PROPOSE, { input: { clusterId, memberId: memberIds[1], form: 'CERTIFICATE_OF_COMMENDATION', proposedOn: '2017-12-15' } });
    const stage = async () => (await graphql<{ emulationCluster: { cycle: { stage: string } } }>(url(), `query ($id: ID!) { emulationCluster(id: $id) { cycle { stage } } }`, { id: clusterId })).data!.emulationCluster.cycle.stage;
    const outOfOrder = refused('RULE_VIOLATION', 'stage');

    // REGISTRATION: a score before the criteria are set, a ranking, a vote, a proposal.
    expect(await stage()).toBe('REGISTRATION');
    expect(failure(await score(0))).toEqual(outOfOrder);
    expect(failure(await rank())).toEqual(outOfOrder);
    expect(failure(await vote())).toEqual(outOfOrder);
    expect(failure(await propose())).toEqual(outOfOrder);
    expect((await register()).errors).toBeUndefined();

    // CRITERIA_SET: no more registrations, nothing to rank, nothing to vote.
    expect((await setCriteria()).errors).toBeUndefined();
    expect(await stage()).toBe('CRITERIA_SET');
    expect(failure(await register())).toEqual(outOfOrder);
    expect(failure(await rank())).toEqual(outOfOrder);
    expect(failure(await vote())).toEqual(outOfOrder);
    expect(failure(await propose())).toEqual(outOfOrder);

    // SCORING: criteria cannot change after scoring started; a ranking needs every score.
    expect((await score(0)).errors).toBeUndefined();
    expect(await stage()).toBe('SCORING');
    expect(failure(await setCriteria())).toEqual(outOfOrder);
    expect(failure(await register())).toEqual(outOfOrder);
    expect(failure(await vote())).toEqual(outOfOrder);
    expect(failure(await propose())).toEqual(outOfOrder);
    expect(failure(await rank())).toEqual(refused('RULE_VIOLATION', 'scores'));
    expect((await score(1)).errors).toBeUndefined();

    // RANKED: scores and criteria are final, the ranking is not computed twice.
    expect((await rank()).errors).toBeUndefined();
    expect(await stage()).toBe('RANKED');
    expect(failure(await score(1))).toEqual(outOfOrder);
    expect(failure(await setCriteria())).toEqual(outOfOrder);
    expect(failure(await rank())).toEqual(outOfOrder);
    expect(failure(await register())).toEqual(outOfOrder);

    // TITLES_VOTED: the first proposal moves there; titles may still be voted.
    expect((await propose()).errors).toBeUndefined();
    expect(await stage()).toBe('TITLES_VOTED');
    expect((await vote()).errors).toBeUndefined();
    for (const step of [register, setCriteria, () => score(0), rank]) expect(failure(await step())).toEqual(outOfOrder);
  });

  it('lets one of two simultaneous transitions win; the other is refused', async () => {
    const [scoring, ranked] = racing;
    const rank = () => graphql<{ computeEmulationRanking: { cycle: { stage: string } } }>(url(), RANK, { input: { clusterId: scoring.clusterId, rankedOn: '2016-12-01' } });
    const ranks = await Promise.all([rank(), rank()]);
    expect(ranks.filter((result) => result.data?.computeEmulationRanking.cycle.stage === 'RANKED')).toHaveLength(1);
    expect(ranks.map(failure).filter((result) => 'code' in result)).toEqual([refused('RULE_VIOLATION', 'stage')]);

    // Two votes of the same title for the same member, the first moving the cycle to TITLES_VOTED.
    const vote = (votedOn: string) =>
      graphql<{ voteEmulationTitle: { votedOn: string } }>(url(), VOTE, { input: { clusterId: ranked.clusterId, memberId: ranked.memberIds[0], title: 'EXCELLENT_LABOUR_COLLECTIVE', votedOn } });
    const votes = await Promise.all([vote('2016-12-10'), vote('2016-12-11')]);
    const winner = votes.find((result) => !result.errors)!;
    expect(votes.map(failure).filter((result) => 'code' in result)).toEqual([refused('CONFLICT', 'title')]);
    const cycle = await graphql(url(), `query ($id: ID!) { emulationCluster(id: $id) { cycle { stage titlesVotedOn } titles { votedOn } } }`, { id: ranked.clusterId });
    const votedOn = winner.data!.voteEmulationTitle.votedOn;
    expect(cycle).toEqual({ data: { emulationCluster: { cycle: { stage: 'TITLES_VOTED', titlesVotedOn: votedOn }, titles: [{ votedOn }] } } });
  });

  it('has the database refuse what the API refuses, should a writer get past it', async () => {
    const { clusterId, memberIds } = seeded[0];
    const other = racing[0];
    const refusal = (work: string[], params: unknown[][]) =>
      withDatabase(async (client) => {
        await client.query('begin');
        try {
          for (const [index, query] of work.entries()) await client.query(query, params[index]);
          await client.query('commit');
          return 'accepted';
        } catch (error) {
          await client.query('rollback').catch(() => undefined);
          return (error as { constraint?: string; code?: string }).constraint ?? (error as { code?: string }).code;
        }
      });
    const criterion = `insert into emulation.criterion (id, cluster_id, position, name, weight, max_points) values (gen_random_uuid(), $1, $2, $3, $4, 10)`;
    expect(await refusal([criterion], [[clusterId, 4, 'Tiêu chí thừa', 5]])).toBe('criterion_weights_total'); // 105, at commit
    expect(await refusal([`delete from emulation.criterion where cluster_id = $1 and position = 3`], [[clusterId]])).toBe('criterion_weights_total'); // 75
    expect(await refusal([`update emulation.criterion set weight = 0 where cluster_id = $1 and position = 3`], [[clusterId]])).toBe('criterion_weight_check');
    const [criterionId] = (await withDatabase((client) => client.query(`select id from emulation.criterion where cluster_id = $1 order by position`, [clusterId]))).rows.map((row) => row.id);
    const score = `insert into emulation.score (cluster_id, member_id, criterion_id, max_points, points) values ($1, $2, $3, $4, $5)`;
    expect(await refusal([score], [[clusterId, memberIds[0], criterionId, 10, 11]])).toBe('score_points_check');
    expect(await refusal([score], [[clusterId, memberIds[0], criterionId, 20, 11]])).toBe('score_criterion_fkey'); // not the criterion's maximum
    expect(await refusal([score], [[clusterId, other.memberIds[0], criterionId, 10, 5]])).toBe('score_member_fkey'); // another cluster's member
    expect(await refusal([score, score], [[clusterId, memberIds[0], criterionId, 10, 5], [clusterId, memberIds[0], criterionId, 10, 6]])).toBe('score_pkey');
    const cycle = `update emulation.cycle set stage = $2, ranked_on = $3 where cluster_id = $1`;
    expect(await refusal([cycle], [[clusterId, 'DONE', null]])).toBe('cycle_stage_check');
    expect(await refusal([cycle], [[clusterId, 'CRITERIA_SET', '2016-12-01']])).toBe('cycle_dates_reached_check'); // a date of a stage not reached
    expect(await refusal([cycle], [[clusterId, 'RANKED', '2016-01-01']])).toBe('cycle_dates_order_check'); // ranked before the criteria
    const title = `insert into emulation.title_award (id, cluster_id, member_id, title) values (gen_random_uuid(), $1, $2, $3)`;
    expect(await refusal([title], [[clusterId, memberIds[0], 'HERO_OF_LABOUR']])).toBe('title_award_title_check');
    expect(await refusal([title], [[clusterId, other.memberIds[0], 'EXCELLENT_LABOUR_COLLECTIVE']])).toBe('title_award_member_fkey');
    const registration = `insert into emulation.registration (id, cluster_id, member_id, kind, title) values (gen_random_uuid(), $1, $2, 'COMMITMENT', $3)`;
    expect(await refusal([registration], [[clusterId, memberIds[0], 'Giao ước'.normalize('NFD')]])).toBe('registration_title_check');
    expect(await refusal([registration, registration], [[clusterId, memberIds[0], 'Giao ước'], [clusterId, memberIds[0], 'GIAO ƯỚC']])).toBe('registration_title_key');
  });
});
