import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import { graphql, statementsFor, subgraphUrl } from '../../../../test/graphql.ts';
import { seedChapterTree } from './chapter.seed.ts';

const url = () => subgraphUrl('red-cross');
let ids: Map<string, string>;

const CHILDREN = `query ($id: ID!, $first: Int, $after: String) {
  chapter(id: $id) { name children(first: $first, after: $after) { totalCount edges { node { name level } } pageInfo { hasNextPage endCursor } } }
}`;

describe('Red Cross chapters (red-cross subgraph, direct)', () => {
  beforeAll(async () => {
    ids = await withDatabase((client) =>
      seedChapterTree(client, {
        name: 'Hội Chữ thập đỏ tỉnh Thử Nghiệm',
        level: 'PROVINCE',
        unitId: 'BEFORE_2025:10',
        children: ['Huyện Văn Bàn', 'Huyện Bảo Yên', 'Huyện Bắc Hà', 'Huyện Bát Xát', 'Thị xã Sa Pa'].map((district) => ({
          name: `Hội Chữ thập đỏ ${district}`,
          level: 'DISTRICT' as const,
          children: [{ name: `Chi hội thôn 1 (${district})`, level: 'GRASSROOTS' as const }],
        })),
      }),
    );
  });

  it('pages a chapter\'s children in Vietnamese order with a total', async () => {
    const id = ids.get('Hội Chữ thập đỏ tỉnh Thử Nghiệm')!;
    const page1 = await graphql<{ chapter: { children: { edges: { node: { name: string } }[]; pageInfo: { endCursor: string } } } }>(url(), CHILDREN, { id, first: 3 });
    expect(page1).toMatchObject({
      data: {
        chapter: {
          children: {
            totalCount: 5,
            edges: [
              // Letters first, tones second: "Bảo" < "Bát" (o < t), and ă comes after a.
              { node: { name: 'Hội Chữ thập đỏ Huyện Bảo Yên', level: 'DISTRICT' } },
              { node: { name: 'Hội Chữ thập đỏ Huyện Bát Xát', level: 'DISTRICT' } },
              { node: { name: 'Hội Chữ thập đỏ Huyện Bắc Hà', level: 'DISTRICT' } },
            ],
            pageInfo: { hasNextPage: true },
          },
        },
      },
    });
    const page2 = await graphql(url(), CHILDREN, { id, first: 3, after: page1.data!.chapter.children.pageInfo.endCursor });
    expect(page2).toMatchObject({
      data: {
        chapter: {
          children: {
            totalCount: 5,
            edges: [{ node: { name: 'Hội Chữ thập đỏ Huyện Văn Bàn' } }, { node: { name: 'Hội Chữ thập đỏ Thị xã Sa Pa' } }],
            pageInfo: { hasNextPage: false },
          },
        },
      },
    });
  });

  it('loads a tree level by level in one statement per level, whatever its width', async () => {
    const requestId = `chapters-${randomUUID()}`;
    const result = await graphql(
      url(),
      `query ($id: ID!) { chapter(id: $id) { children(first: 10) { edges { node { name parent { name } children { totalCount edges { node { name } } } } } } } }`,
      { id: ids.get('Hội Chữ thập đỏ tỉnh Thử Nghiệm') },
      requestId,
    );
    expect(result.errors).toBeUndefined();
    // the chapter, its children, their parents (already loaded: the same batch), their children,
    // and the grandchildren's totals (counted only because totalCount is asked)
    expect((await statementsFor(requestId))['red-cross']).toBe(4);
  });

  it('finds chapters by name without diacritics', async () => {
    const result = await graphql(url(), `{ chapters(search: "chu thap do tinh thu nghiem") { totalCount edges { node { name unit { id } } } } }`);
    expect(result).toEqual({
      data: { chapters: { totalCount: 1, edges: [{ node: { name: 'Hội Chữ thập đỏ tỉnh Thử Nghiệm', unit: { id: 'BEFORE_2025:10' } } }] } },
    });
  });

  it('answers /health after checking its database', async () => {
    const response = await fetch(url().replace('/graphql', '/health'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', service: 'red-cross' });
  });

  it('opens a chapter at the level below its parent, in a unit of the right level', async () => {
    const OPEN = `mutation ($input: OpenChapterInput!) { openChapter(input: $input) { id name level parent { name } unit { id } } }`;
    const parentId = ids.get('Hội Chữ thập đỏ Huyện Bắc Hà')!;
    // Decomposed input is stored composed (NFC).
    const name = 'Hội Chữ thập đỏ xã Bản Phố'.normalize('NFD');
    const opened = await graphql(url(), OPEN, { input: { parentId, level: 'GRASSROOTS', name, unitId: 'BEFORE_2025:02923' } });
    expect(opened).toEqual({
      data: {
        openChapter: {
          id: expect.any(String),
          name: 'Hội Chữ thập đỏ xã Bản Phố',
          level: 'GRASSROOTS',
          parent: { name: 'Hội Chữ thập đỏ Huyện Bắc Hà' },
          unit: { id: 'BEFORE_2025:02923' },
        },
      },
    });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name }, 'CONFLICT', 'name'],
      [{ level: 'PROVINCE' }, 'RULE_VIOLATION', 'level'],
      [{ unitId: 'BEFORE_2025:10' }, 'RULE_VIOLATION', 'unitId'],
      [{ unitId: 'CURRENT:99999' }, 'NOT_FOUND', 'unitId'],
      [{ unitId: 'Lào Cai' }, 'BAD_USER_INPUT', 'unitId'],
      [{ parentId: randomUUID() }, 'NOT_FOUND', 'parentId'],
      [{ name: '' }, 'BAD_USER_INPUT', 'name'],
    ];
    for (const [change, code, field] of cases) {
      const result = await graphql(url(), OPEN, { input: { parentId, level: 'GRASSROOTS', name: 'Hội Chữ thập đỏ xã Khác', unitId: null, ...change } });
      expect(result.errors?.[0].extensions, field).toMatchObject({ code, field });
    }
  });
});
