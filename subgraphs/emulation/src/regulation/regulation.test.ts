import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import { graphql, statementsFor, subgraphUrl, type GraphQLResponse } from '../../../../test/graphql.ts';
import { seedClusters } from '../cluster/emulation-cluster.seed.ts';
import { todayInVietnam } from '../role/cluster-year.errors.ts';
import { seedMeeting, seedRegulation } from '../role/cluster-year.seed.ts';

const url = () => subgraphUrl('emulation');
const CHAPTER = '00000000-0000-4000-8000-0000000000c1';
const TITLE = 'Quy chế hoạt động của Cụm thi đua';

const RECORD = `mutation ($input: RecordRegulationVoteInput!) {
  recordRegulationVote(input: $input) {
    id title status votesFor votesAgainst votesAbstaining votesCast votedOn meeting { kind heldOn } cluster { name }
  }
}`;

const failure = (result: GraphQLResponse<unknown>) => ({ data: result.data, ...result.errors?.[0].extensions, requestId: undefined });
const refused = (code: string, field: string) => ({ data: null, code, field, requestId: undefined });
const seed = (year: number, count: number, namePrefix: string) =>
  withDatabase((client) => seedClusters(client, { year, count, namePrefix, members: [{ chapterId: CHAPTER }] }));

/** Clusters of 1990: [adopting, rejecting, refusing, refused by the database]. */
let clusters: string[];
/** The review conferences of the 1990 clusters adopting and refusing. */
let reviews: { adopting: string; refusing: string };

describe('regulations of a cluster (emulation subgraph)', () => {
  beforeAll(async () => {
    clusters = await seed(1990, 4, 'Cụm quy chế');
    reviews = await withDatabase(async (client) => ({
      adopting: await seedMeeting(client, { clusterId: clusters[0], kind: 'REVIEW_CONFERENCE', heldOn: '1990-12-20' }),
      refusing: await seedMeeting(client, { clusterId: clusters[2], kind: 'REVIEW_CONFERENCE', heldOn: '1990-11-01' }),
    }));
  });

  it('records a vote: adopted when more than half of the votes cast are for it, rejected otherwise', async () => {
    const [adopting, rejecting] = clusters;
    const adopted = await graphql(url(), RECORD, {
      input: { clusterId: adopting, title: ` ${TITLE.normalize('NFD')}  `, votesFor: 10, votesAgainst: 2, votesAbstaining: 1, meetingId: reviews.adopting },
    });
    expect(adopted).toEqual({
      data: {
        recordRegulationVote: {
          id: expect.any(String),
          title: TITLE.normalize('NFC'),
          status: 'ADOPTED',
          votesFor: 10,
          votesAgainst: 2,
          votesAbstaining: 1,
          votesCast: 13,
          votedOn: '1990-12-20', // the meeting's day
          meeting: { kind: 'REVIEW_CONFERENCE', heldOn: '1990-12-20' },
          cluster: { name: 'Cụm quy chế 001' },
        },
      },
    });
    // 5 of 10 votes cast is not more than half: recorded, as rejected.
    const rejected = await graphql(url(), RECORD, { input: { clusterId: rejecting, title: TITLE, votesFor: 5, votesAgainst: 4, votesAbstaining: 1, votedOn: '1991-01-15' } });
    expect(rejected).toEqual({
      data: {
        recordRegulationVote: {
          id: expect.any(String),
          title: TITLE,
          status: 'REJECTED',
          votesFor: 5,
          votesAgainst: 4,
          votesAbstaining: 1,
          votesCast: 10,
          votedOn: '1991-01-15',
          meeting: null,
          cluster: { name: 'Cụm quy chế 002' },
        },
      },
    });
    // The source says only that it was adopted: no counts, no day.
    const stated = await graphql(url(), RECORD, { input: { clusterId: rejecting, title: 'Quy chế hoạt động (sửa đổi)', status: 'ADOPTED' } });
    expect(stated).toEqual({
      data: {
        recordRegulationVote: {
          id: expect.any(String),
          title: 'Quy chế hoạt động (sửa đổi)',
          status: 'ADOPTED',
          votesFor: null,
          votesAgainst: null,
          votesAbstaining: null,
          votesCast: null,
          votedOn: null,
          meeting: null,
          cluster: { name: 'Cụm quy chế 002' },
        },
      },
    });
    const read = await graphql(url(), `query ($id: ID!) { emulationCluster(id: $id) { regulations { title status votesCast votedOn } } }`, { id: rejecting });
    expect(read).toEqual({
      data: {
        emulationCluster: {
          regulations: [
            { title: TITLE, status: 'REJECTED', votesCast: 10, votedOn: '1991-01-15' },
            { title: 'Quy chế hoạt động (sửa đổi)', status: 'ADOPTED', votesCast: null, votedOn: null },
          ],
        },
      },
    });
  });

  it('refuses a vote with the code and the field at fault, and writes nothing', async () => {
    const clusterId = clusters[2];
    const record = async (input: Record<string, unknown>) =>
      failure(await graphql(url(), RECORD, { input: { clusterId, title: TITLE, votesFor: 7, votesAgainst: 1, votesAbstaining: 0, ...input } }));
    expect(await record({ votesAgainst: null, votesAbstaining: undefined })).toEqual(refused('BAD_USER_INPUT', 'votesAgainst'));
    expect(await record({ votesFor: 0, votesAgainst: 0 })).toEqual(refused('BAD_USER_INPUT', 'votesFor')); // no votes cast
    expect(await record({ votesFor: -1 })).toEqual(refused('BAD_USER_INPUT', 'votesFor'));
    expect(await record({ votesAbstaining: 1.5 })).toEqual({ data: undefined, code: 'BAD_USER_INPUT', field: 'votesAbstaining', requestId: undefined }); // not an Int: GraphQL refuses it
    expect(await record({ votesFor: 4, votesAgainst: 3, votesAbstaining: 1, status: 'ADOPTED' })).toEqual(refused('RULE_VIOLATION', 'status'));
    expect(await record({ status: 'REJECTED' })).toEqual(refused('RULE_VIOLATION', 'status'));
    expect(await record({ votesFor: null, votesAgainst: null, votesAbstaining: null })).toEqual(refused('BAD_USER_INPUT', 'status'));
    expect(await record({ title: '  ' })).toEqual(refused('BAD_USER_INPUT', 'title'));
    expect(await record({ clusterId: randomUUID() })).toEqual(refused('NOT_FOUND', 'clusterId'));
    expect(await record({ clusterId: 'cluster-1' })).toEqual(refused('BAD_USER_INPUT', 'clusterId'));
    expect(await record({ meetingId: randomUUID() })).toEqual(refused('NOT_FOUND', 'meetingId'));
    expect(await record({ meetingId: reviews.adopting })).toEqual(refused('RULE_VIOLATION', 'meetingId')); // another cluster's
    expect(await record({ meetingId: 'meeting-1' })).toEqual(refused('BAD_USER_INPUT', 'meetingId'));
    expect(await record({ meetingId: reviews.refusing, votedOn: '1990-11-02' })).toEqual(refused('RULE_VIOLATION', 'votedOn')); // not the meeting's day
    expect(await record({ votedOn: '1989-12-31' })).toEqual(refused('RULE_VIOLATION', 'votedOn'));
    expect(await record({ votedOn: '1992-01-01' })).toEqual(refused('RULE_VIOLATION', 'votedOn'));
    const thisYear = Number(todayInVietnam().slice(0, 4));
    const [current] = await seed(thisYear, 1, 'Cụm quy chế năm nay');
    expect(await record({ clusterId: current, votedOn: `${thisYear + 1}-12-31` })).toEqual(refused('RULE_VIOLATION', 'votedOn')); // not yet happened

    expect(await graphql(url(), RECORD, { input: { clusterId, title: TITLE, status: 'ADOPTED', meetingId: reviews.refusing } })).toMatchObject({
      data: { recordRegulationVote: { status: 'ADOPTED', votedOn: '1990-11-01' } },
    });
    expect(await record({})).toEqual(refused('CONFLICT', 'clusterId')); // one adopted regulation per cluster
    expect(await record({ votesFor: 1, votesAgainst: 7 })).toMatchObject({ data: { recordRegulationVote: { status: 'REJECTED' } } }); // a rejection is still recorded
    const read = await graphql(url(), `query ($id: ID!) { emulationCluster(id: $id) { regulations { status votesCast votedOn meeting { heldOn } } } }`, { id: clusterId });
    expect(read).toEqual({
      data: {
        emulationCluster: {
          regulations: [
            { status: 'ADOPTED', votesCast: null, votedOn: '1990-11-01', meeting: { heldOn: '1990-11-01' } },
            { status: 'REJECTED', votesCast: 8, votedOn: null, meeting: null },
          ],
        },
      },
    });
  });

  it('has the database refuse what the API refuses, should a writer get past it', async () => {
    const clusterId = clusters[3];
    const refusal = (work: Parameters<typeof withDatabase>[0]) =>
      withDatabase(work).then(() => 'accepted', (error: { constraint?: string; code?: string }) => error.constraint ?? error.code);
    const regulation = (status: string, votes?: [number, number, number], meetingId?: string) => (client: Parameters<Parameters<typeof withDatabase>[0]>[0]) =>
      seedRegulation(client, { clusterId, title: TITLE, status: status as 'ADOPTED', votes, meetingId });
    expect(await refusal(regulation('ADOPTED', [5, 4, 1]))).toBe('regulation_majority_check');
    expect(await refusal(regulation('REJECTED', [6, 4, 1]))).toBe('regulation_majority_check');
    expect(await refusal(regulation('REJECTED', [0, 0, 0]))).toBe('regulation_votes_cast_check');
    expect(await refusal(regulation('ADOPTED', undefined, reviews.adopting))).toBe('regulation_meeting_fkey');
    const partial = `insert into emulation.regulation (id, cluster_id, title, status, votes_for) values (gen_random_uuid(), $1, $2, 'ADOPTED', 3)`;
    expect(await refusal((client) => client.query(partial, [clusterId, TITLE]))).toBe('regulation_votes_check');
    const title = `insert into emulation.regulation (id, cluster_id, title, status) values (gen_random_uuid(), $1, $2, 'ADOPTED')`;
    expect(await refusal((client) => client.query(title, [clusterId, TITLE.normalize('NFD')]))).toBe('regulation_title_check');
    expect(await refusal(regulation('ADOPTED', [6, 4, 1]))).toBe('accepted');
    expect(await refusal(regulation('ADOPTED'))).toBe('regulation_adopted_key');
    expect(await refusal(regulation('REJECTED'))).toBe('accepted');
  });

  it('lists the regulations of many clusters for the statements of one', async () => {
    const seedVoted = async (year: number, count: number) => {
      const ids = await seed(year, count, 'Cụm đếm quy chế');
      await withDatabase(async (client) => {
        for (const clusterId of ids) {
          const meetingId = await seedMeeting(client, { clusterId, kind: 'REVIEW_CONFERENCE', heldOn: `${year}-12-15` });
          await seedRegulation(client, { clusterId, title: 'Quy chế lần một', status: 'REJECTED', votes: [3, 4, 1], votedOn: `${year}-06-01` });
          await seedRegulation(client, { clusterId, title: TITLE, status: 'ADOPTED', votes: [9, 1, 0], votedOn: `${year}-12-15`, meetingId });
        }
      });
    };
    await seedVoted(1993, 1);
    await seedVoted(1994, 5);
    const query = `query ($year: Int!) { emulationClusters(year: $year) { edges { node {
      regulations { title status votesFor votesAgainst votesAbstaining votesCast votedOn meeting { kind heldOn } }
    } } } }`;
    const statementsOf = async (year: number, count: number) => {
      const requestId = `regulations-${randomUUID()}`;
      const result = await graphql<{ emulationClusters: { edges: { node: { regulations: { status: string }[] } }[] } }>(url(), query, { year }, requestId);
      expect(result.errors).toBeUndefined();
      expect(result.data!.emulationClusters.edges).toHaveLength(count);
      expect(result.data!.emulationClusters.edges.every(({ node }) => node.regulations.map((regulation) => regulation.status).join() === 'REJECTED,ADOPTED')).toBe(true);
      return (await statementsFor(requestId)).emulation;
    };
    const one = await statementsOf(1993, 1);
    const five = await statementsOf(1994, 5);
    expect(five).toBe(one);
    // the clusters, their regulations, the meetings they were voted at
    expect(five).toBe(3);
  });
});
