import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TokenClaims } from '@hoi/common/identity';
import { withDatabase } from '../../../../test/database.ts';
import { graphql, subgraphUrl, tokenFor } from '../../../../test/graphql.ts';
import { failure, refused } from '../cycle/cycle.queries.ts';
import { seedCycleClusters, type SeededCluster } from '../cycle/cycle.seed.ts';

const url = () => subgraphUrl('emulation');
// A year no other test seeds: some list the clusters of their year.
const YEAR = 1987;

/** Two clusters of one member each: [A, B]. */
let clusters: SeededCluster[];
/** Criterion id of each cluster, once its criteria are set. */
const criterionOf = new Map<string, string>();

type Input = (cluster: SeededCluster) => Record<string, unknown>;

/**
 * Every mutation of the subgraph, in the order a cluster year runs, each with an input that
 * succeeds once the steps before it have: a secretary's write must really go through, so that a
 * refusal proves the scope check and not a failing rule.
 */
const MUTATIONS: { name: string; type: string; select: string; input: Input }[] = [
  { name: 'assignClusterRole', type: 'AssignClusterRoleInput', select: 'id', input: ({ clusterId, memberIds }) => ({ clusterId, role: 'HEAD', memberId: memberIds[0] }) },
  { name: 'recordClusterMeeting', type: 'RecordClusterMeetingInput', select: 'id', input: ({ clusterId }) => ({ clusterId, kind: 'REVIEW_CONFERENCE', heldOn: `${YEAR}-12-20` }) },
  {
    name: 'recordRegulationVote',
    type: 'RecordRegulationVoteInput',
    select: 'id status',
    input: ({ clusterId }) => ({ clusterId, title: 'Quy chế hoạt động', votesFor: 3, votesAgainst: 0, votesAbstaining: 0, votedOn: `${YEAR}-01-10` }),
  },
  {
    name: 'registerEmulationCommitment',
    type: 'RegisterEmulationCommitmentInput',
    select: 'id',
    input: ({ clusterId, memberIds }) => ({ clusterId, memberId: memberIds[0], kind: 'COMMITMENT', title: 'Giao ước thi đua', registeredOn: `${YEAR}-01-15` }),
  },
  {
    name: 'setEmulationCriteria',
    type: 'SetEmulationCriteriaInput',
    select: 'id criteria { id }',
    input: ({ clusterId }) => ({ clusterId, criteria: [{ name: 'Công tác tổ chức', weight: 100, maxPoints: 10 }], setOn: `${YEAR}-02-01` }),
  },
  {
    name: 'recordEmulationScores',
    type: 'RecordEmulationScoresInput',
    select: 'id',
    // Before the criteria exist (a refusal of setEmulationCriteria left none), any id: refused first.
    input: ({ clusterId, memberIds }) => ({ clusterId, memberId: memberIds[0], scores: [{ criterionId: criterionOf.get(clusterId) ?? randomUUID(), points: 9 }], scoredOn: `${YEAR}-12-01` }),
  },
  { name: 'computeEmulationRanking', type: 'ComputeEmulationRankingInput', select: 'id', input: ({ clusterId }) => ({ clusterId, rankedOn: `${YEAR}-12-10` }) },
  {
    name: 'voteEmulationTitle',
    type: 'VoteEmulationTitleInput',
    select: 'id',
    input: ({ clusterId, memberIds }) => ({ clusterId, memberId: memberIds[0], title: 'EXCELLENT_LABOUR_COLLECTIVE', votedOn: `${YEAR + 1}-01-10` }),
  },
  {
    name: 'proposeEmulationCommendation',
    type: 'ProposeEmulationCommendationInput',
    select: 'id',
    input: ({ clusterId, memberIds }) => ({ clusterId, memberId: memberIds[0], form: 'CERTIFICATE_OF_COMMENDATION', proposedOn: `${YEAR + 1}-01-10` }),
  },
];

const operation = ({ name, type, select }: (typeof MUTATIONS)[number]) => `mutation ($input: ${type}!) { ${name}(input: $input) { ${select} } }`;

/**
 * The callers refused a write to a cluster (`own` is the cluster written to, `other` the other
 * one), and the field of the refusal: the input's clusterId for an officer whose scope does not
 * cover the cluster — the other officers hold both clusters' ids, so the role is what refuses them —
 * and the mutation itself for a non-officer, refused before anything runs.
 */
const REFUSED: { caller: string; claims: (own: string, other: string) => TokenClaims | null; onMutation: boolean }[] = [
  { caller: 'the secretary of the other cluster', claims: (_own, other) => ({ subject: 'x', role: 'cluster_secretary', scope: [other] }), onMutation: false },
  { caller: 'a chapter officer', claims: (own, other) => ({ subject: 'x', role: 'chapter_officer', scope: [own, other] }), onMutation: false },
  { caller: 'an association officer', claims: (own, other) => ({ subject: 'x', role: 'association_officer', scope: [own, other] }), onMutation: false },
  { caller: 'a club manager', claims: (own, other) => ({ subject: 'x', role: 'club_manager', scope: [own, other] }), onMutation: false },
  { caller: 'an analyst', claims: () => ({ subject: 'x', role: 'analyst' }), onMutation: true },
  { caller: 'a partner of this subgraph', claims: (own) => ({ subject: 'x', role: 'partner', scope: [own], subgraph: 'emulation' }), onMutation: true },
  { caller: 'no token', claims: () => null, onMutation: true },
];

/** Tokens by caller and by the cluster written to; null for no token. */
const tokens = new Map<string, (string | null)[]>();
/** The secretary of each cluster. */
let secretaries: string[];

/** Everything a write could leave behind in the clusters, one row each. */
const snapshot = () =>
  withDatabase(async (client) =>
    (
      await client.query(
        `select c.id,
                (select count(*) from emulation.cluster_role where cluster_id = c.id)::int as roles,
                (select count(*) from emulation.cluster_meeting where cluster_id = c.id)::int as meetings,
                (select count(*) from emulation.regulation where cluster_id = c.id)::int as regulations,
                (select count(*) from emulation.registration where cluster_id = c.id)::int as registrations,
                (select count(*) from emulation.criterion where cluster_id = c.id)::int as criteria,
                (select count(*) from emulation.score where cluster_id = c.id)::int as scores,
                (select count(*) from emulation.title_award where cluster_id = c.id)::int as titles,
                (select count(*) from emulation.commendation_proposal where cluster_id = c.id)::int as proposals,
                (select row(stage, criteria_set_on, scoring_started_on, ranked_on, titles_voted_on)::text from emulation.cycle where cluster_id = c.id) as cycle
           from emulation.cluster c where c.id = any($1::uuid[]) order by c.id`,
        [clusters.map((cluster) => cluster.clusterId)],
      )
    ).rows,
  );

describe('a write to a cluster needs its secretary or a national administrator (emulation subgraph)', () => {
  beforeAll(async () => {
    clusters = await withDatabase((client) => seedCycleClusters(client, { year: YEAR, count: 2, namePrefix: 'Cụm phạm vi ghi', members: 1 }));
    const ids = clusters.map((cluster) => cluster.clusterId);
    secretaries = await Promise.all(ids.map((id) => tokenFor({ role: 'cluster_secretary', scope: [id] })));
    for (const { caller, claims } of REFUSED) {
      tokens.set(caller, await Promise.all(ids.map(async (own, index) => {
        const minted = claims(own, ids[1 - index]);
        return minted && tokenFor(minted);
      })));
    }
  });

  describe.each(MUTATIONS)('$name', (mutation) => {
    it.each(REFUSED)('refuses $caller with FORBIDDEN and writes nothing', async ({ caller, onMutation }) => {
      const before = await snapshot();
      for (const [index, cluster] of clusters.entries()) {
        const result = await graphql(url(), operation(mutation), { input: mutation.input(cluster) }, undefined, { token: tokens.get(caller)![index] });
        // A non-officer's operation is refused whole, before it runs: no data at all.
        const expected = onMutation ? { ...refused('FORBIDDEN', mutation.name), data: undefined } : refused('FORBIDDEN', 'clusterId');
        expect(failure(result)).toStrictEqual(expected);
      }
      expect(await snapshot()).toEqual(before);
    });

    it('lets the secretary of each cluster write to it', async () => {
      for (const [index, cluster] of clusters.entries()) {
        const result = await graphql<Record<string, { criteria?: { id: string }[] }>>(url(), operation(mutation), { input: mutation.input(cluster) }, undefined, { token: secretaries[index] });
        expect(result.errors).toBeUndefined();
        const criterion = result.data?.[mutation.name].criteria?.[0];
        if (criterion) criterionOf.set(cluster.clusterId, criterion.id);
      }
    });
  });

  it('ran the whole year for both clusters', async () => {
    const after = await snapshot();
    expect(after.map(({ id: _id, cycle, ...counts }) => ({ ...counts, stage: String(cycle).split(',')[0].slice(1) }))).toEqual(
      clusters.map(() => ({ roles: 1, meetings: 1, regulations: 1, registrations: 1, criteria: 1, scores: 1, titles: 1, proposals: 1, stage: 'TITLES_VOTED' })),
    );
  });

  it.each(MUTATIONS)('$name: an unknown cluster is NOT_FOUND, not FORBIDDEN, to a secretary', async (mutation) => {
    const input = { ...mutation.input(clusters[0]), clusterId: randomUUID() };
    expect(failure(await graphql(url(), operation(mutation), { input }, undefined, { token: secretaries[0] }))).toEqual(refused('NOT_FOUND', 'clusterId'));
  });

  it('checks the scope before the input: another cluster\'s secretary learns nothing of its rules', async () => {
    const criteria = MUTATIONS.find((mutation) => mutation.name === 'setEmulationCriteria')!;
    const input = { ...criteria.input(clusters[0]), criteria: [{ name: 'Một nửa', weight: 50, maxPoints: 10 }] };
    expect(failure(await graphql(url(), operation(criteria), { input }, undefined, { token: secretaries[1] }))).toEqual(refused('FORBIDDEN', 'clusterId'));
    expect(failure(await graphql(url(), operation(criteria), { input }, undefined, { token: secretaries[0] }))).toEqual(refused('RULE_VIOLATION', 'criteria'));
  });
});
