import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '@hoi/common/ids';
import { withDatabase } from '../../../../test/database.ts';
import { gatewayUrl, graphql, statementsFor, subgraphUrl, type GraphQLResponse } from '../../../../test/graphql.ts';
import { seedChapterTree } from '../chapter/chapter.seed.ts';
import { todayInVietnam } from './governance.errors.ts';
import { seedTerm, type SeedTerm } from './term.seed.ts';

const url = () => subgraphUrl('red-cross');

const OPEN = `mutation ($input: OpenTermInput!) {
  openTerm(input: $input) { id ordinal ordinalNumber startYear endYear name chapter { name } }
}`;
const APPOINT = `mutation ($input: AppointOfficeHolderInput!) {
  appointOfficeHolder(input: $input) { id role personName outsideRole tookOfficeOn leftOfficeOn term { name } }
}`;
const DRAFT = `mutation ($input: RecordTermDocumentDraftInput!) {
  recordTermDocumentDraft(input: $input) { id kind title status draftedOn adoptedOn term { name } }
}`;
const ADOPT = `mutation ($input: AdoptTermDocumentInput!) {
  adoptTermDocument(input: $input) { id kind title status draftedOn adoptedOn }
}`;

const OPENING = 'Hội CTĐ huyện Nhiệm Kỳ Mở';
const REFUSING = 'Hội CTĐ huyện Nhiệm Kỳ Từ Chối';
const APPOINTING = 'Hội CTĐ huyện Nhiệm Kỳ Bổ Nhiệm';
const CONTESTED = 'Hội CTĐ huyện Nhiệm Kỳ Tranh Chấp';
const DOCUMENTING = 'Hội CTĐ huyện Nhiệm Kỳ Văn Bản';
const RACING = 'Hội CTĐ huyện Nhiệm Kỳ Cùng Lúc';
const COUNTED = [1, 2, 3, 4, 5].map((n) => `Hội CTĐ xã Đếm Nhiệm Kỳ ${n}`);

/** Two terms, every kind of office and every kind of document: what the statement-count test lists. */
const fullTerms = (chapterId: string): SeedTerm[] => [
  { chapterId, ordinal: 6, startYear: 2017, endYear: 2022, officeHolders: [{ role: 'CHAIR', personName: 'Đỗ Văn Cũ' }] },
  {
    chapterId,
    ordinal: 7,
    startYear: 2022,
    endYear: 2027,
    officeHolders: [
      { role: 'CHAIR', personName: 'Nguyễn Văn Thử' },
      { role: 'VICE_CHAIR', personName: 'Trần Thị Mẫu' },
      { role: 'VICE_CHAIR', personName: 'Lê Văn Phó' },
      { role: 'HONORARY_CHAIR', personName: 'Phạm Thị Danh', outsideRole: 'Phó Chủ tịch UBND tỉnh Thử' },
      { role: 'EXECUTIVE_COMMITTEE_MEMBER', personName: 'Hoàng Văn Ủy' },
      { role: 'INSPECTION_COMMITTEE_CHAIR', personName: 'Vũ Thị Kiểm' },
      { role: 'INSPECTION_COMMITTEE_MEMBER', personName: 'Bùi Văn Tra' },
    ],
    documents: [
      { kind: 'EXECUTIVE_COMMITTEE_REGULATIONS', title: 'Quy chế làm việc của Ban Chấp hành', status: 'ADOPTED', draftedOn: '2022-07-14', adoptedOn: '2022-10-01' },
      { kind: 'INSPECTION_COMMITTEE_REGULATIONS', title: 'Quy chế làm việc của Ban Kiểm tra', draftedOn: '2022-07-14' },
      { kind: 'WHOLE_TERM_PROGRAMME', title: 'Chương trình công tác toàn khóa của Ban Chấp hành' },
    ],
  },
];

const failure = (result: GraphQLResponse<unknown>) => ({ data: result.data, ...result.errors?.[0].extensions, requestId: undefined });
const refused = (code: string, field: string) => ({ data: null, code, field, requestId: undefined });

let ids: Map<string, string>;

describe('terms, office holders and documents of a chapter (red-cross subgraph)', () => {
  beforeAll(async () => {
    ids = await withDatabase(async (client) => {
      const chapters = await seedChapterTree(client, {
        name: 'Hội CTĐ tỉnh Nhiệm Kỳ',
        level: 'PROVINCE',
        children: [
          ...[OPENING, REFUSING, APPOINTING, CONTESTED, DOCUMENTING, RACING].map((name) => ({ name, level: 'DISTRICT' as const })),
          { name: 'Hội CTĐ huyện Đếm Nhiệm Kỳ', level: 'DISTRICT', children: COUNTED.map((name) => ({ name, level: 'GRASSROOTS' as const })) },
        ],
      });
      await seedTerm(client, { chapterId: chapters.get(REFUSING)!, ordinal: 7, startYear: 2022, endYear: 2027 });
      for (const name of COUNTED) for (const term of fullTerms(chapters.get(name)!)) await seedTerm(client, term);
      return chapters;
    });
  });

  it('opens consecutive terms, lists them newest first and finds the term of a year', async () => {
    const chapterId = ids.get(OPENING)!;
    const sixth = await graphql(url(), OPEN, { input: { chapterId, ordinal: 'VI', startYear: 2017, endYear: 2022 } });
    expect(sixth).toEqual({
      data: { openTerm: { id: expect.any(String), ordinal: 'VI', ordinalNumber: 6, startYear: 2017, endYear: 2022, name: 'khóa VI, nhiệm kỳ 2017–2022', chapter: { name: OPENING } } },
    });
    // The congress year is shared: 2022–2027 follows 2017–2022 without overlapping it.
    const seventh = await graphql<{ openTerm: { id: string } }>(url(), OPEN, { input: { chapterId, ordinal: 'VII', startYear: 2022, endYear: 2027 } });
    expect(seventh).toEqual({
      data: { openTerm: { id: expect.any(String), ordinal: 'VII', ordinalNumber: 7, startYear: 2022, endYear: 2027, name: 'khóa VII, nhiệm kỳ 2022–2027', chapter: { name: OPENING } } },
    });
    // The ordinal may be unknown.
    const unnumbered = await graphql(url(), OPEN, { input: { chapterId, startYear: 2027, endYear: 2032 } });
    expect(unnumbered).toMatchObject({ data: { openTerm: { ordinal: null, ordinalNumber: null, name: 'nhiệm kỳ 2027–2032' } } });

    const listed = await graphql(
      url(),
      `query ($id: ID!) { chapter(id: $id) {
        terms(first: 2) { totalCount edges { node { name } } pageInfo { hasNextPage } }
        in2019: currentTerm(year: 2019) { name }
        in2022: currentTerm(year: 2022) { name }
        in2040: currentTerm(year: 2040) { name }
      } }`,
      { id: chapterId },
    );
    expect(listed).toEqual({
      data: {
        chapter: {
          terms: { totalCount: 3, edges: [{ node: { name: 'nhiệm kỳ 2027–2032' } }, { node: { name: 'khóa VII, nhiệm kỳ 2022–2027' } }], pageInfo: { hasNextPage: true } },
          in2019: { name: 'khóa VI, nhiệm kỳ 2017–2022' },
          in2022: { name: 'khóa VII, nhiệm kỳ 2022–2027' }, // in a congress year, the new term
          in2040: null,
        },
      },
    });
    const byId = await graphql(url(), `query ($id: ID!) { term(id: $id) { name chapter { name } } }`, { id: seventh.data!.openTerm.id });
    expect(byId).toEqual({ data: { term: { name: 'khóa VII, nhiệm kỳ 2022–2027', chapter: { name: OPENING } } } });
  });

  it('refuses a term with the field at fault, and writes nothing', async () => {
    const chapterId = ids.get(REFUSING)!; // has term VII, 2022–2027
    const open = async (input: Record<string, unknown>) => failure(await graphql(url(), OPEN, { input: { chapterId, ordinal: 'VIII', startYear: 2027, endYear: 2032, ...input } }));
    expect(await open({ endYear: 2027 })).toEqual(refused('BAD_USER_INPUT', 'endYear'));
    expect(await open({ endYear: 2040 })).toEqual(refused('BAD_USER_INPUT', 'endYear'));
    expect(await open({ startYear: 1900 })).toEqual(refused('BAD_USER_INPUT', 'startYear'));
    expect(await open({ ordinal: 'viii' })).toEqual(refused('BAD_USER_INPUT', 'ordinal'));
    expect(await open({ ordinal: 'VIIII' })).toEqual(refused('BAD_USER_INPUT', 'ordinal'));
    expect(await open({ chapterId: 'not-an-id' })).toEqual(refused('BAD_USER_INPUT', 'chapterId'));
    expect(await open({ chapterId: randomUUID() })).toEqual(refused('NOT_FOUND', 'chapterId'));
    expect(await open({ startYear: 2020, endYear: 2025 })).toEqual(refused('CONFLICT', 'startYear'));
    expect(await open({ startYear: 2012, endYear: 2030 })).toEqual(refused('BAD_USER_INPUT', 'endYear'));
    expect(await open({ ordinal: 'VII' })).toEqual(refused('CONFLICT', 'ordinal'));
    const terms = await graphql(url(), `query ($id: ID!) { chapter(id: $id) { terms { totalCount } } }`, { id: chapterId });
    expect(terms).toEqual({ data: { chapter: { terms: { totalCount: 1 } } } });
  });

  it('opens one of several overlapping terms sent at once, and refuses the others as conflicts', async () => {
    const chapterId = ids.get(RACING)!;
    const results = await Promise.all(
      [2020, 2021, 2022, 2023, 2024].map((startYear) => graphql(url(), OPEN, { input: { chapterId, startYear, endYear: startYear + 5 } })),
    );
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    // Whether refused by the check or, in a race, by the database's exclusion constraint: the same answer.
    expect(results.filter((result) => result.errors).map(failure)).toEqual(Array(4).fill(refused('CONFLICT', 'startYear')));
  });

  it('appoints office holders, one chair at a time, names in NFC', async () => {
    const termId = await withDatabase((client) => seedTerm(client, { chapterId: ids.get(APPOINTING)!, ordinal: 7, startYear: 2022, endYear: 2027 }));
    const appoint = (input: Record<string, unknown>) => graphql(url(), APPOINT, { input: { termId, ...input } });
    // Typed in decomposed Unicode (NFD), as some keyboards send it: stored and returned as NFC.
    const honorary = await appoint({ role: 'HONORARY_CHAIR', personName: '  Phạm Thị   Danh Dự '.normalize('NFD'), outsideRole: 'Phó Chủ tịch UBND tỉnh Thử Nghiệm'.normalize('NFD') });
    expect(honorary).toEqual({
      data: {
        appointOfficeHolder: {
          id: expect.any(String),
          role: 'HONORARY_CHAIR',
          personName: 'Phạm Thị Danh Dự'.normalize('NFC'),
          outsideRole: 'Phó Chủ tịch UBND tỉnh Thử Nghiệm'.normalize('NFC'),
          tookOfficeOn: null,
          leftOfficeOn: null,
          term: { name: 'khóa VII, nhiệm kỳ 2022–2027' },
        },
      },
    });
    // A chair who left, and a successor from the day of leaving.
    const appointments = [
      { role: 'CHAIR', personName: 'Nguyễn Văn Trước', leftOfficeOn: '2024-06-30' },
      { role: 'CHAIR', personName: 'Nguyễn Văn Sau', tookOfficeOn: '2024-06-30' },
      { role: 'VICE_CHAIR', personName: 'Trần Thị Mẫu' },
      { role: 'VICE_CHAIR', personName: 'Lê Văn Phó', tookOfficeOn: '2022-07-14' },
      { role: 'EXECUTIVE_COMMITTEE_MEMBER', personName: 'Hoàng Văn Ủy' },
      { role: 'INSPECTION_COMMITTEE_CHAIR', personName: 'Vũ Thị Kiểm' },
      { role: 'INSPECTION_COMMITTEE_MEMBER', personName: 'Bùi Văn Tra' },
    ];
    for (const input of appointments) expect((await appoint(input)).errors).toBeUndefined();

    const term = await graphql(
      url(),
      `query ($id: ID!) { term(id: $id) {
        chair { personName tookOfficeOn }
        honoraryChair { personName outsideRole }
        viceChairs: officeHolders(role: VICE_CHAIR) { edges { node { personName tookOfficeOn } } }
        executiveCommittee { members { totalCount edges { node { role personName leftOfficeOn } } } }
        inspectionCommittee { chair { personName } members { totalCount } }
        officeHolders { totalCount }
      } }`,
      { id: termId },
    );
    expect(term).toEqual({
      data: {
        term: {
          chair: { personName: 'Nguyễn Văn Sau', tookOfficeOn: '2024-06-30' },
          honoraryChair: { personName: 'Phạm Thị Danh Dự', outsideRole: 'Phó Chủ tịch UBND tỉnh Thử Nghiệm' },
          viceChairs: { edges: [{ node: { personName: 'Lê Văn Phó', tookOfficeOn: '2022-07-14' } }, { node: { personName: 'Trần Thị Mẫu', tookOfficeOn: null } }] },
          executiveCommittee: {
            members: {
              totalCount: 5,
              edges: [
                { node: { role: 'CHAIR', personName: 'Nguyễn Văn Sau', leftOfficeOn: null } },
                { node: { role: 'CHAIR', personName: 'Nguyễn Văn Trước', leftOfficeOn: '2024-06-30' } },
                { node: { role: 'VICE_CHAIR', personName: 'Lê Văn Phó', leftOfficeOn: null } },
                { node: { role: 'VICE_CHAIR', personName: 'Trần Thị Mẫu', leftOfficeOn: null } },
                { node: { role: 'EXECUTIVE_COMMITTEE_MEMBER', personName: 'Hoàng Văn Ủy', leftOfficeOn: null } },
              ],
            },
          },
          inspectionCommittee: { chair: { personName: 'Vũ Thị Kiểm' }, members: { totalCount: 2 } },
          officeHolders: { totalCount: 8 },
        },
      },
    });
    const stored = await withDatabase((client) =>
      client.query(`select count(*)::int as n from red_cross.office_holder where term_id = $1 and person_name = $2`, [termId, 'Phạm Thị Danh Dự'.normalize('NFC')]),
    );
    expect(stored.rows).toEqual([{ n: 1 }]);
  });

  it('refuses an appointment with the field at fault, and writes nothing', async () => {
    const termId = await withDatabase((client) =>
      seedTerm(client, {
        chapterId: ids.get(CONTESTED)!,
        startYear: 2022,
        endYear: 2027,
        officeHolders: [{ role: 'CHAIR', personName: 'Nguyễn Văn Thử' }],
      }),
    );
    const appoint = async (input: Record<string, unknown>) =>
      failure(await graphql(url(), APPOINT, { input: { termId, role: 'VICE_CHAIR', personName: 'Trần Văn Mới', ...input } }));
    expect(await appoint({ role: 'CHAIR' })).toEqual(refused('CONFLICT', 'role'));
    expect(await appoint({ role: 'CHAIR', tookOfficeOn: '2025-01-01' })).toEqual(refused('CONFLICT', 'role'));
    expect(await appoint({ personName: 'Nguyễn Văn Thử' })).toEqual(refused('CONFLICT', 'personName'));
    expect(await appoint({ termId: randomUUID() })).toEqual(refused('NOT_FOUND', 'termId'));
    expect(await appoint({ termId: 'term-7' })).toEqual(refused('BAD_USER_INPUT', 'termId'));
    expect(await appoint({ personName: '   ' })).toEqual(refused('BAD_USER_INPUT', 'personName'));
    expect(await appoint({ outsideRole: '' })).toEqual(refused('BAD_USER_INPUT', 'outsideRole'));
    expect(await appoint({ tookOfficeOn: '2023-05-01', leftOfficeOn: '2023-05-01' })).toEqual(refused('BAD_USER_INPUT', 'leftOfficeOn'));
    expect(await appoint({ tookOfficeOn: '2021-12-31' })).toEqual(refused('RULE_VIOLATION', 'tookOfficeOn'));
    expect(await appoint({ leftOfficeOn: '2028-01-01' })).toEqual(refused('RULE_VIOLATION', 'leftOfficeOn'));
    const term = await graphql(url(), `query ($id: ID!) { term(id: $id) { officeHolders { totalCount } } }`, { id: termId });
    expect(term).toEqual({ data: { term: { officeHolders: { totalCount: 1 } } } });
  });

  it('records drafts and adopts them within the term, once', async () => {
    const year = Number(todayInVietnam().slice(0, 4));
    const termId = await withDatabase((client) => seedTerm(client, { chapterId: ids.get(DOCUMENTING)!, startYear: year - 1, endYear: year + 4 }));
    const draftedOn = `${year - 1}-07-14`;
    const draft = (input: Record<string, unknown>) => graphql<{ recordTermDocumentDraft: { id: string } }>(url(), DRAFT, { input: { termId, ...input } });
    const regulations = await draft({ kind: 'EXECUTIVE_COMMITTEE_REGULATIONS', draftedOn });
    expect(regulations).toEqual({
      data: {
        recordTermDocumentDraft: {
          id: expect.any(String),
          kind: 'EXECUTIVE_COMMITTEE_REGULATIONS',
          title: 'Quy chế làm việc của Ban Chấp hành',
          status: 'DRAFT',
          draftedOn,
          adoptedOn: null,
          term: { name: `nhiệm kỳ ${year - 1}–${year + 4}` },
        },
      },
    });
    const programme = await draft({ kind: 'WHOLE_TERM_PROGRAMME', title: ' Chương trình công tác toàn khóa '.normalize('NFD'), draftedOn });
    expect(programme).toMatchObject({ data: { recordTermDocumentDraft: { title: 'Chương trình công tác toàn khóa'.normalize('NFC'), status: 'DRAFT' } } });

    const regulationsId = regulations.data!.recordTermDocumentDraft.id;
    const adopted = await graphql(url(), ADOPT, { input: { documentId: regulationsId, adoptedOn: `${year - 1}-09-01` } });
    expect(adopted).toEqual({
      data: { adoptTermDocument: { id: regulationsId, kind: 'EXECUTIVE_COMMITTEE_REGULATIONS', title: 'Quy chế làm việc của Ban Chấp hành', status: 'ADOPTED', draftedOn, adoptedOn: `${year - 1}-09-01` } },
    });

    const refusedDraft = async (input: Record<string, unknown>) => failure(await draft({ kind: 'INSPECTION_COMMITTEE_REGULATIONS', ...input }));
    expect(await refusedDraft({ kind: 'EXECUTIVE_COMMITTEE_REGULATIONS' })).toEqual(refused('CONFLICT', 'kind'));
    expect(await refusedDraft({ termId: randomUUID() })).toEqual(refused('NOT_FOUND', 'termId'));
    expect(await refusedDraft({ draftedOn: `${year - 2}-12-31` })).toEqual(refused('RULE_VIOLATION', 'draftedOn'));
    expect(await refusedDraft({ title: ' ' })).toEqual(refused('BAD_USER_INPUT', 'title'));

    const programmeId = programme.data!.recordTermDocumentDraft.id;
    const adopt = async (input: Record<string, unknown>) => failure(await graphql(url(), ADOPT, { input: { documentId: programmeId, ...input } }));
    expect(await adopt({ documentId: regulationsId, adoptedOn: `${year - 1}-10-01` })).toEqual(refused('RULE_VIOLATION', 'documentId'));
    expect(await adopt({ documentId: randomUUID(), adoptedOn: `${year - 1}-10-01` })).toEqual(refused('NOT_FOUND', 'documentId'));
    expect(await adopt({ documentId: 'programme', adoptedOn: `${year - 1}-10-01` })).toEqual(refused('BAD_USER_INPUT', 'documentId'));
    expect(await adopt({ adoptedOn: `${year + 5}-01-01` })).toEqual(refused('RULE_VIOLATION', 'adoptedOn')); // after the term
    expect(await adopt({ adoptedOn: `${year - 1}-07-13` })).toEqual(refused('RULE_VIOLATION', 'adoptedOn')); // before the draft
    expect(await adopt({ adoptedOn: `${year + 1}-01-01` })).toEqual(refused('RULE_VIOLATION', 'adoptedOn')); // not yet happened

    const documents = await graphql(
      url(),
      `query ($id: ID!) { term(id: $id) {
        documents { totalCount edges { node { kind status adoptedOn } } }
        executiveCommittee { workingRegulations { status adoptedOn } wholeTermProgramme { status } }
        inspectionCommittee { workingRegulations { status } }
      } }`,
      { id: termId },
    );
    expect(documents).toEqual({
      data: {
        term: {
          documents: {
            totalCount: 2,
            edges: [
              { node: { kind: 'EXECUTIVE_COMMITTEE_REGULATIONS', status: 'ADOPTED', adoptedOn: `${year - 1}-09-01` } },
              { node: { kind: 'WHOLE_TERM_PROGRAMME', status: 'DRAFT', adoptedOn: null } },
            ],
          },
          executiveCommittee: { workingRegulations: { status: 'ADOPTED', adoptedOn: `${year - 1}-09-01` }, wholeTermProgramme: { status: 'DRAFT' } },
          inspectionCommittee: { workingRegulations: null },
        },
      },
    });
  });

  it('has the database refuse what the API refuses, should a writer get past it', async () => {
    const refusal = (query: string, params: unknown[]) =>
      withDatabase((client) => client.query(query, params).then(() => 'accepted', (error: { constraint?: string; code?: string }) => error.constraint ?? error.code));
    const chapterId = ids.get(REFUSING)!; // has term VII, 2022–2027
    const term = `insert into red_cross.term (id, chapter_id, ordinal, start_year, end_year) values (gen_random_uuid(), $1, $2, $3, $4)`;
    expect(await refusal(term, [chapterId, null, 2026, 2031])).toBe('term_no_overlap');
    expect(await refusal(term, [chapterId, 7, 2027, 2032])).toBe('term_ordinal_key');
    expect(await refusal(term, [chapterId, null, 2032, 2032])).toBe('term_years_check');
    const [termId] = (await withDatabase((client) => client.query(`select id from red_cross.term where chapter_id = $1`, [chapterId]))).rows.map((row) => row.id);
    const holder = `insert into red_cross.office_holder (id, term_id, role, person_name, took_office_on, left_office_on) values (gen_random_uuid(), $1, $2, $3, $4, $5)`;
    expect(await refusal(holder, [termId, 'CHAIR', 'Chủ Tịch Một', null, '2024-01-01'])).toBe('accepted');
    expect(await refusal(holder, [termId, 'CHAIR', 'Chủ Tịch Hai', '2023-12-31', null])).toBe('office_holder_single_holder');
    expect(await refusal(holder, [termId, 'CHAIR', 'Chủ Tịch Hai', '2024-01-01', null])).toBe('accepted');
    expect(await refusal(holder, [termId, 'VICE_CHAIR', 'Phó Chủ Tịch'.normalize('NFD'), null, null])).toBe('office_holder_person_name_check'); // not NFC
    const document = `insert into red_cross.term_document (id, term_id, kind, title, status, adopted_on) values (gen_random_uuid(), $1, $2, 'Quy chế', $3, $4)`;
    expect(await refusal(document, [termId, 'WHOLE_TERM_PROGRAMME', 'ADOPTED', null])).toBe('term_document_adoption_check');
    expect(await refusal(document, [termId, 'WHOLE_TERM_PROGRAMME', 'DRAFT', null])).toBe('accepted');
    expect(await refusal(document, [termId, 'WHOLE_TERM_PROGRAMME', 'DRAFT', null])).toBe('term_document_kind_key');
  });

  it('lists the terms, committees and office holders of many chapters for the statements of one', async () => {
    const query = `query ($search: String!) { chapters(search: $search, first: 10) { edges { node {
      name
      currentTerm(year: 2023) { name }
      terms { totalCount edges { node {
        name
        chair { personName }
        honoraryChair { personName outsideRole }
        viceChairs: officeHolders(role: VICE_CHAIR) { edges { node { personName } } }
        executiveCommittee {
          members { totalCount edges { node { role personName } } }
          workingRegulations { status }
          wholeTermProgramme { status }
        }
        inspectionCommittee { chair { personName } members { totalCount } workingRegulations { status } }
        documents { edges { node { kind status } } }
      } } }
    } } } }`;
    const statementsOf = async (search: string, chapters: number) => {
      const requestId = `governance-${randomUUID()}`;
      const result = await graphql<{ chapters: { edges: { node: { terms: { totalCount: number } } }[] } }>(url(), query, { search }, requestId);
      expect(result.errors).toBeUndefined();
      expect(result.data!.chapters.edges).toHaveLength(chapters);
      expect(result.data!.chapters.edges.every(({ node }) => node.terms.totalCount === 2)).toBe(true);
      return (await statementsFor(requestId))['red-cross'];
    };
    const one = await statementsOf('xa dem nhiem ky 3', 1);
    const five = await statementsOf('xa dem nhiem ky', 5);
    expect(five).toBe(one);
    // chapters, current terms, terms, office holders in office (chair, honorary chair, head of
    // the Inspection Committee), vice chairs, Executive Committee members, Inspection Committee
    // members, documents by kind, documents; and the totals of terms, of Executive Committee
    // members and of Inspection Committee members, each counted once for the whole level
    expect(five).toBe(12);
  });

  it('serves the demo data through the gateway as the articles tell it', async () => {
    const result = await graphql(
      gatewayUrl(),
      `query ($laoCai: ID!, $bacGiang: ID!, $national: ID!) {
        laoCai: chapter(id: $laoCai) { name terms { totalCount edges { node {
          ordinal ordinalNumber startYear endYear name
          documents { edges { node { kind title status draftedOn adoptedOn } } }
          executiveCommittee { workingRegulations { status } wholeTermProgramme { status } }
          inspectionCommittee { workingRegulations { status } }
        } } } }
        bacGiang: chapter(id: $bacGiang) { name currentTerm(year: 2023) { ordinal name honoraryChair { role personName outsideRole tookOfficeOn } } }
        national: chapter(id: $national) { currentTerm(year: 2023) { name officeHolders(role: VICE_CHAIR) { edges { node { role personName } } } } }
      }`,
      { laoCai: stableId('red-cross:lao-cai'), bacGiang: stableId('red-cross:bac-giang'), national: stableId('red-cross:national') },
    );
    const draft = (kind: string, title: string) => ({ node: { kind, title, status: 'DRAFT', draftedOn: '2022-07-14', adoptedOn: null } });
    expect(result).toEqual({
      data: {
        laoCai: {
          name: 'Hội Chữ thập đỏ tỉnh Lào Cai',
          terms: {
            totalCount: 1,
            edges: [
              {
                node: {
                  ordinal: 'VII',
                  ordinalNumber: 7,
                  startYear: 2022,
                  endYear: 2027,
                  name: 'khóa VII, nhiệm kỳ 2022–2027',
                  documents: {
                    edges: [
                      draft('EXECUTIVE_COMMITTEE_REGULATIONS', 'Quy chế làm việc của Ban Chấp hành Hội Chữ thập đỏ tỉnh'),
                      draft('INSPECTION_COMMITTEE_REGULATIONS', 'Quy chế làm việc của Ban Kiểm tra Hội Chữ thập đỏ tỉnh'),
                      draft('WHOLE_TERM_PROGRAMME', 'Chương trình công tác toàn khóa của Ban Chấp hành Hội Chữ thập đỏ tỉnh khóa VII, nhiệm kỳ 2022 – 2027'),
                    ],
                  },
                  executiveCommittee: { workingRegulations: { status: 'DRAFT' }, wholeTermProgramme: { status: 'DRAFT' } },
                  inspectionCommittee: { workingRegulations: { status: 'DRAFT' } },
                },
              },
            ],
          },
        },
        bacGiang: {
          name: 'Hội Chữ thập đỏ tỉnh Bắc Giang',
          currentTerm: {
            ordinal: null,
            name: 'nhiệm kỳ 2022–2027',
            honoraryChair: {
              role: 'HONORARY_CHAIR',
              personName: 'Lê Thị Thu Hồng',
              outsideRole: 'Phó Bí thư Thường trực Tỉnh uỷ, Chủ tịch HĐND tỉnh Bắc Giang',
              tookOfficeOn: null,
            },
          },
        },
        national: {
          currentTerm: { name: 'nhiệm kỳ 2022–2027', officeHolders: { edges: [{ node: { role: 'VICE_CHAIR', personName: 'Huỳnh Thị Xuân Lam' } }] } },
        },
      },
    });
  });
});
