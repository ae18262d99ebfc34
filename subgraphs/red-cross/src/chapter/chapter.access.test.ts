import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TokenClaims } from '@hoi/common/identity';
import { withDatabase } from '../../../../test/database.ts';
import { graphql, subgraphUrl, tokenFor, type GraphQLResponse } from '../../../../test/graphql.ts';
import { seedTerm } from '../governance/term.seed.ts';
import { seedChapterTree } from './chapter.seed.ts';

const url = () => subgraphUrl('red-cross');

/**
 * One tree: a province, two districts, two communes under the first, and a branch under the first
 * commune. Every write goes to that commune (or to something of it), so its officer, the
 * district's and the province's may make it; the sibling commune's and the branch's may not.
 */
const PROVINCE = 'Hội CTĐ tỉnh Phạm Vi Ghi';
const DISTRICT = 'Hội CTĐ huyện Phạm Vi Ghi';
const OTHER_DISTRICT = 'Hội CTĐ huyện Láng Giềng';
const COMMUNE = 'Hội CTĐ xã Phạm Vi Ghi';
const SIBLING = 'Hội CTĐ xã Bên Cạnh';
const BRANCH = 'Chi hội thôn Phạm Vi Ghi';

let ids: Map<string, string>;
const id = (name: string) => ids.get(name)!;
/** A term of the commune, 2021–2026, that office holders and drafts are recorded in. */
let term: string;
/** Drafts of an earlier term of the commune (2016–2021), one for each caller allowed to adopt one. */
let drafts: string[];

const KINDS = ['EXECUTIVE_COMMITTEE_REGULATIONS', 'INSPECTION_COMMITTEE_REGULATIONS', 'WHOLE_TERM_PROGRAMME'];
const PERSONS = ['Lò Văn Một', 'Lò Thị Hai', 'Lò Văn Ba'];

/**
 * Every mutation of the subgraph, with the input field naming what it writes to and an input that
 * succeeds: `input(i)` for the i-th allowed caller; the refused callers try `input(0)` before
 * anyone has written it, so a refusal proves the scope check and not a failing rule.
 */
const MUTATIONS: { name: string; type: string; field: string; input: (i: number) => Record<string, unknown> }[] = [
  { name: 'openChapter', type: 'OpenChapterInput', field: 'parentId', input: (i) => ({ parentId: id(COMMUNE), level: 'BRANCH', name: `Chi hội thôn Mới ${i}` }) },
  {
    name: 'submitMembershipReport',
    type: 'MembershipReportInput',
    field: 'chapterId',
    input: (i) => ({ chapterId: id(COMMUNE), period: { type: 'YEAR', year: 1990 + i }, grassrootsOrganisations: 1, branches: 1, individualMembers: 10, collectiveMembers: 0, volunteers: 1 }),
  },
  {
    name: 'createCampaign',
    type: 'CampaignInput',
    field: 'organiserChapterId',
    input: (i) => ({ name: `Phong trào phạm vi ${i}`, scope: 'LOCAL', recurrence: 'YEARLY', organiserChapterId: id(COMMUNE) }),
  },
  {
    name: 'recordReliefActivity',
    type: 'ReliefActivityInput',
    field: 'chapterId',
    input: () => ({ chapterId: id(COMMUNE), kind: 'GIFT_PACKAGES', quantity: 1, peopleReached: 1, valueVnd: 100_000, occurredOn: '2024-04-01' }),
  },
  {
    name: 'setTarget',
    type: 'TargetInput',
    field: 'setterChapterId',
    input: (i) => ({ setterChapterId: id(COMMUNE), chapterId: id(BRANCH), metric: 'GIFT_PACKAGES', period: { type: 'YEAR', year: 1990 + i }, value: 10 }),
  },
  { name: 'openTerm', type: 'OpenTermInput', field: 'chapterId', input: (i) => ({ chapterId: id(COMMUNE), startYear: 1950 + 10 * i, endYear: 1955 + 10 * i }) },
  { name: 'appointOfficeHolder', type: 'AppointOfficeHolderInput', field: 'termId', input: (i) => ({ termId: term, role: 'EXECUTIVE_COMMITTEE_MEMBER', personName: PERSONS[i] }) },
  { name: 'recordTermDocumentDraft', type: 'RecordTermDocumentDraftInput', field: 'termId', input: (i) => ({ termId: term, kind: KINDS[i] }) },
  { name: 'adoptTermDocument', type: 'AdoptTermDocumentInput', field: 'documentId', input: (i) => ({ documentId: drafts[i], adoptedOn: '2018-06-01' }) },
  {
    name: 'createBloodDonationProgramme',
    type: 'BloodDonationProgrammeInput',
    field: 'organiserChapterId',
    input: (i) => ({ name: `Chương trình phạm vi ${i}`, scope: 'LOCAL', organiserChapterId: id(COMMUNE) }),
  },
  { name: 'recordBloodDonationAwarenessRound', type: 'BloodDonationAwarenessRoundInput', field: 'chapterId', input: () => ({ chapterId: id(COMMUNE), heldOn: '2024-05-01' }) },
  { name: 'recordBloodUnitsReceived', type: 'BloodUnitsReceivedInput', field: 'chapterId', input: () => ({ chapterId: id(COMMUNE), receivedOn: '2024-05-02', units: 10, kind: 'PLANNED' }) },
  { name: 'registerModelProgramme', type: 'ModelProgrammeInput', field: 'chapterId', input: (i) => ({ chapterId: id(COMMUNE), year: 2024, name: `Mô hình phạm vi ${i}` }) },
];

const operation = ({ name, type }: (typeof MUTATIONS)[number]) => `mutation ($input: ${type}!) { ${name}(input: $input) { id } }`;

/** The chapter officers allowed: of the commune written to, of its district, of its province. */
const ALLOWED = [COMMUNE, DISTRICT, PROVINCE];

/**
 * The callers refused, and where: on the target's field for an officer (the other officer roles
 * hold the whole tree in their scope, so the role is what refuses them), on the mutation itself
 * for a non-officer, refused before anything runs.
 */
const REFUSED: { caller: string; claims: () => Omit<TokenClaims, 'subject'> | null; onMutation: boolean }[] = [
  { caller: 'the officer of a sibling chapter', claims: () => ({ role: 'chapter_officer', scope: [id(SIBLING)] }), onMutation: false },
  { caller: 'the officer of another district', claims: () => ({ role: 'chapter_officer', scope: [id(OTHER_DISTRICT)] }), onMutation: false },
  { caller: 'the officer of a chapter below', claims: () => ({ role: 'chapter_officer', scope: [id(BRANCH)] }), onMutation: false },
  { caller: 'an association officer', claims: () => ({ role: 'association_officer', scope: ALLOWED.map(id) }), onMutation: false },
  { caller: 'a club manager', claims: () => ({ role: 'club_manager', scope: ALLOWED.map(id) }), onMutation: false },
  { caller: 'a cluster secretary', claims: () => ({ role: 'cluster_secretary', scope: ALLOWED.map(id) }), onMutation: false },
  { caller: 'an analyst', claims: () => ({ role: 'analyst', scope: ALLOWED.map(id) }), onMutation: true },
  { caller: 'a partner of this subgraph', claims: () => ({ role: 'partner', scope: ALLOWED.map(id), subgraph: 'red-cross' }), onMutation: true },
  { caller: 'no token', claims: () => null, onMutation: true },
];

const tokens = new Map<string, string | null>();
let client: pg.Client;

/** Everything a write could leave behind in the tree. */
async function snapshot() {
  const { rows } = await client.query(
    `with tree as (select id from red_cross.chapter where path @> array[$1::uuid]),
          terms as (select id from red_cross.term where chapter_id in (select id from tree))
     select (select count(*) from tree)::int as chapters,
            (select count(*) from red_cross.membership_report where chapter_id in (select id from tree))::int as "membershipReports",
            (select count(*) from red_cross.campaign where organiser_chapter_id in (select id from tree))::int as campaigns,
            (select count(*) from red_cross.relief_activity where chapter_id in (select id from tree))::int as "reliefActivities",
            (select count(*) from red_cross.target where setter_chapter_id in (select id from tree))::int as targets,
            (select count(*) from terms)::int as terms,
            (select count(*) from red_cross.office_holder where term_id in (select id from terms))::int as "officeHolders",
            (select count(*) from red_cross.term_document where term_id in (select id from terms))::int as documents,
            (select count(*) from red_cross.term_document where term_id in (select id from terms) and status = 'ADOPTED')::int as adopted,
            (select count(*) from red_cross.blood_donation_programme where organiser_chapter_id in (select id from tree))::int as "bloodProgrammes",
            (select count(*) from red_cross.blood_donation_awareness_round where chapter_id in (select id from tree))::int as "awarenessRounds",
            (select count(*) from red_cross.blood_unit_receipt where chapter_id in (select id from tree))::int as "bloodReceipts",
            (select count(*) from red_cross.model_programme where chapter_id in (select id from tree))::int as "modelProgrammes"`,
    [id(PROVINCE)],
  );
  return rows[0] as Record<string, number>;
}

const outcome = (result: GraphQLResponse) => ({ data: result.data, errors: result.errors?.length ?? 0, code: result.errors?.[0].extensions?.code, field: result.errors?.[0].extensions?.field });

describe('a write to a chapter needs a chapter officer of it or of a chapter above it (red-cross subgraph)', () => {
  beforeAll(async () => {
    ids = await withDatabase(async (db) => {
      const tree = await seedChapterTree(db, {
        name: PROVINCE,
        level: 'PROVINCE',
        children: [
          {
            name: DISTRICT,
            level: 'DISTRICT',
            children: [
              { name: COMMUNE, level: 'GRASSROOTS', children: [{ name: BRANCH, level: 'BRANCH' }] },
              { name: SIBLING, level: 'GRASSROOTS' },
            ],
          },
          { name: OTHER_DISTRICT, level: 'DISTRICT' },
        ],
      });
      term = await seedTerm(db, { chapterId: tree.get(COMMUNE)!, startYear: 2021, endYear: 2026 });
      const earlier = await seedTerm(db, { chapterId: tree.get(COMMUNE)!, startYear: 2016, endYear: 2021, documents: KINDS.map((kind) => ({ kind, title: `Dự thảo ${kind}` })) });
      const { rows } = await db.query<{ id: string }>(`select id from red_cross.term_document where term_id = $1 order by kind`, [earlier]);
      drafts = rows.map((row) => row.id);
      return tree;
    });
    for (const { caller, claims } of REFUSED) {
      const minted = claims();
      tokens.set(caller, minted && (await tokenFor(minted)));
    }
    for (const name of ALLOWED) tokens.set(name, await tokenFor({ role: 'chapter_officer', scope: [id(name)] }));
    client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
  });

  afterAll(() => client?.end());

  describe.each(MUTATIONS)('$name', (mutation) => {
    it.each(REFUSED)('refuses $caller with FORBIDDEN and writes nothing', async ({ caller, onMutation }) => {
      const before = await snapshot();
      const result = await graphql(url(), operation(mutation), { input: mutation.input(0) }, undefined, { token: tokens.get(caller)! });
      // A non-officer's operation is refused whole, before it runs: no data at all.
      expect(outcome(result)).toEqual({ data: onMutation ? undefined : null, errors: 1, code: 'FORBIDDEN', field: onMutation ? mutation.name : mutation.field });
      expect(await snapshot()).toEqual(before);
    });

    it(`says NOT_FOUND on ${mutation.field} for a target that does not exist, before the scope`, async () => {
      const input = { ...mutation.input(0), [mutation.field]: randomUUID() };
      const result = await graphql(url(), operation(mutation), { input }, undefined, { token: tokens.get(COMMUNE)! });
      expect(outcome(result)).toEqual({ data: null, errors: 1, code: 'NOT_FOUND', field: mutation.field });
    });

    it('lets the officer of the chapter, of its district and of its province write', async () => {
      for (const [i, name] of ALLOWED.entries()) {
        const result = await graphql<Record<string, { id: string }>>(url(), operation(mutation), { input: mutation.input(i) }, undefined, { token: tokens.get(name)! });
        expect(result.errors, name).toBeUndefined();
        expect(result.data?.[mutation.name].id, name).toEqual(expect.any(String));
      }
    });
  });

  it('wrote each mutation once for each allowed officer, and nothing for the refused callers', async () => {
    expect(await snapshot()).toEqual({
      chapters: 6 + 3,
      membershipReports: 3,
      campaigns: 3,
      reliefActivities: 3,
      targets: 3,
      terms: 2 + 3,
      officeHolders: 3,
      documents: 3 + 3,
      adopted: 3,
      bloodProgrammes: 3,
      awarenessRounds: 3,
      bloodReceipts: 3,
      modelProgrammes: 3,
    });
  });
});
