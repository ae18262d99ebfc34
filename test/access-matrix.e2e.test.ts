import { describe, expect, it } from 'vitest';
import { signToken, type Role } from '@hoi/common/identity';
import { stableId } from '@hoi/common/ids';
import { inject } from 'vitest';
import { gatewayUrl, graphql, subgraphUrl, tokenFor, type GraphQLResponse } from './graphql.ts';

const LAO_CAI = stableId('red-cross:lao-cai');

/** A public aggregate, a list of individual records, and a write — for each role, everywhere. */
const AGGREGATE = `query ($id: ID!) { reliefSummary(chapterId: $id, period: { type: YEAR, year: 2022 }, groupBy: [KIND]) { total { activities } } }`;
const RECORDS = `query ($id: ID!) { chapter(id: $id) { reliefActivities(first: 1) { totalCount edges { node { kind valueVnd } } } } }`;
const WRITE = `mutation ($input: MembershipReportInput!) { submitMembershipReport(input: $input) { id } }`;

let year = 1990;
const report = () => ({
  chapterId: LAO_CAI,
  period: { type: 'YEAR', year: year++ },
  grassrootsOrganisations: 1,
  branches: 1,
  individualMembers: 1,
  collectiveMembers: 0,
  volunteers: 0,
});

type Outcome = 'ok' | 'FORBIDDEN' | 'UNAUTHENTICATED';
const outcome = (result: GraphQLResponse): Outcome => (result.errors?.length ? (result.errors[0].extensions?.code as Outcome) : 'ok');

/** role → [aggregate, records, write], as the README's table says. */
const MATRIX: [Role | 'anonymous', string[], Outcome, Outcome, Outcome][] = [
  ['anonymous', [], 'ok', 'FORBIDDEN', 'FORBIDDEN'],
  ['analyst', [], 'ok', 'FORBIDDEN', 'FORBIDDEN'],
  ['national_admin', [], 'ok', 'ok', 'ok'],
  ['chapter_officer', [LAO_CAI], 'ok', 'ok', 'ok'],
  ['chapter_officer', [stableId('red-cross:bac-giang')], 'ok', 'ok', 'FORBIDDEN'],
  ['association_officer', [stableId('elderly:lai-chau')], 'ok', 'ok', 'FORBIDDEN'],
  ['club_manager', [stableId('elderly:lai-chau:club:18')], 'ok', 'ok', 'FORBIDDEN'],
  ['cluster_secretary', [stableId('emulation:red-cross-midland-northern-mountain-2022')], 'ok', 'ok', 'FORBIDDEN'],
];

describe('what each role may do, on the gateway and directly on the subgraph', () => {
  it.each(MATRIX)('%s %j: aggregate %s, records %s, write %s', async (role, scope, aggregate, records, write) => {
    const token = role === 'anonymous' ? null : await tokenFor({ role, scope });
    for (const url of [gatewayUrl(), subgraphUrl('red-cross')]) {
      const got = [
        outcome(await graphql(url, AGGREGATE, { id: LAO_CAI }, undefined, { token })),
        outcome(await graphql(url, RECORDS, { id: LAO_CAI }, undefined, { token })),
        outcome(await graphql(url, WRITE, { input: report() }, undefined, { token })),
      ];
      expect(got, url).toEqual([aggregate, records, write]);
    }
  });

  it('a partner reads aggregates of its own subgraph, directly, and nothing else', async () => {
    const token = await tokenFor({ role: 'partner', subgraph: 'red-cross' });
    expect(outcome(await graphql(subgraphUrl('red-cross'), AGGREGATE, { id: LAO_CAI }, undefined, { token }))).toBe('ok');
    expect(outcome(await graphql(subgraphUrl('red-cross'), RECORDS, { id: LAO_CAI }, undefined, { token }))).toBe('FORBIDDEN');
    expect(outcome(await graphql(subgraphUrl('red-cross'), WRITE, { input: report() }, undefined, { token }))).toBe('FORBIDDEN');
    expect(outcome(await graphql(subgraphUrl('elderly'), `{ elderlyAssociations { totalCount } }`, {}, undefined, { token }))).toBe('FORBIDDEN');
    expect(outcome(await graphql(gatewayUrl(), AGGREGATE, { id: LAO_CAI }, undefined, { token }))).toBe('FORBIDDEN');
  });

  it('reaches no record through _entities that it could not reach directly', async () => {
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ClubMember { fullName } } }`;
    const variables = { representations: [{ __typename: 'ClubMember', id: stableId('elderly:lai-chau:member:0') }] };
    const analyst = await tokenFor({ role: 'analyst' });
    // Signed as the gateway, with an analyst's token: still refused on the record type.
    const result = await graphql(subgraphUrl('elderly'), query, variables, undefined, { token: analyst, asGatewayTo: 'elderly' });
    expect(result.errors?.[0].extensions?.code).toMatch(/FORBIDDEN|GRAPHQL_VALIDATION_FAILED/);
  });

  it('reuses a decision taken before execution only for the same role, partner subgraph and signature', async () => {
    // The check before execution is remembered per parsed document (common/src/access.ts): the same
    // text, sent by callers in turn, each one after a caller the document was allowed for. A refusal
    // before execution answers no data at all; one where the data is resolved would answer some.
    const partner = (subgraph: string) => tokenFor({ role: 'partner', subgraph });
    const callers: [string, Promise<string | null>, boolean][] = [
      ['national_admin', tokenFor({ role: 'national_admin' }), true],
      ['anonymous', Promise.resolve(null), false],
      ['chapter_officer', tokenFor({ role: 'chapter_officer', scope: [LAO_CAI] }), true],
      ['analyst', tokenFor({ role: 'analyst' }), false],
      ['partner of red-cross', partner('red-cross'), false],
      ['partner of elderly', partner('elderly'), false],
    ];
    const subgraph = subgraphUrl('red-cross');
    for (const [document, variables] of [[RECORDS, { id: LAO_CAI }], [AGGREGATE, { id: LAO_CAI }]] as const) {
      for (const [name, token, officer] of [...callers, ...callers.toReversed()]) {
        for (const asGateway of [false, true]) {
          const result = await graphql(subgraph, document, variables, undefined, { token: await token, ...(asGateway ? { asGatewayTo: 'red-cross' } : {}) });
          const partnerOfAnother = name === 'partner of elderly';
          const allowed = partnerOfAnother ? false : document === AGGREGATE || officer;
          expect(result.errors?.[0]?.extensions?.code, `${name} ${asGateway ? 'signed' : 'direct'} ${document.slice(0, 40)}`).toBe(allowed ? undefined : 'FORBIDDEN');
          if (!allowed) expect(result.data, `${name}: refused before execution`).toBeUndefined();
        }
      }
    }
  });

  it('refuses a forged, an expired and a malformed token', async () => {
    const forged = await signToken(Buffer.alloc(32, 7).toString('base64url'), { subject: 'mallory', role: 'national_admin' });
    const expired = await signToken(inject('jwtSecret'), { subject: 'late', role: 'national_admin' }, Math.floor(Date.now() / 1000) - 60);
    for (const token of [forged, expired, 'not-a-jwt']) {
      for (const url of [gatewayUrl(), subgraphUrl('red-cross')]) {
        const result = await graphql(url, AGGREGATE, { id: LAO_CAI }, undefined, { token });
        expect(result.errors?.[0].extensions?.code, url).toBe('UNAUTHENTICATED');
        expect(result.data).toBeUndefined();
      }
    }
  });
});
