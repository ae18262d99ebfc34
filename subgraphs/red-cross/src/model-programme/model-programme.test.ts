import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '@hoi/common/ids';
import { withDatabase } from '../../../../test/database.ts';
import { gatewayUrl, graphql, statementsFor, subgraphUrl } from '../../../../test/graphql.ts';
import { seedChapterTree } from '../chapter/chapter.seed.ts';
import { loadModelProgrammeDemoData } from './model-programme.demo.ts';
import { yearInVietnam } from './model-programme.resolver.ts';
import { reloadDemoData } from './model-programme.test-support.ts';

const url = () => subgraphUrl('red-cross');
let ids: Map<string, string>;
const id = (name: string) => ids.get(name)!;

const REGISTER = `mutation ($input: ModelProgrammeInput!) {
  registerModelProgramme(input: $input) { id year name description chapter { name } }
}`;
const LIST = `query ($id: ID!, $year: Int) { chapter(id: $id) { modelProgrammes(year: $year) { year name description } } }`;

const register = (input: Record<string, unknown>) => graphql<{ registerModelProgramme: { id: string } }>(url(), REGISTER, { input });

describe('model programmes', () => {
  beforeAll(async () => {
    ids = await withDatabase((client) =>
      seedChapterTree(client, {
        name: 'Hội CTĐ tỉnh Mô Hình',
        level: 'PROVINCE',
        children: [
          { name: 'Hội CTĐ huyện Mẫu Một', level: 'DISTRICT', children: [{ name: 'Hội CTĐ xã Mẫu Một A', level: 'GRASSROOTS' }] },
          { name: 'Hội CTĐ huyện Mẫu Hai', level: 'DISTRICT' },
          { name: 'Hội CTĐ huyện Mẫu Ba', level: 'DISTRICT' },
        ],
      }),
    );
  });

  it('registers a model programme once per chapter, year and name', async () => {
    const input = { chapterId: id('Hội CTĐ tỉnh Mô Hình'), year: 2024, name: '  Phát triển điểm,   trạm sơ cứu CTĐ ', description: 'Mỗi xã một điểm sơ cứu.' };
    expect(await register(input)).toEqual({
      data: {
        registerModelProgramme: {
          id: expect.any(String),
          year: 2024,
          name: 'Phát triển điểm, trạm sơ cứu CTĐ',
          description: 'Mỗi xã một điểm sơ cứu.',
          chapter: { name: 'Hội CTĐ tỉnh Mô Hình' },
        },
      },
    });
    // The same name again, whatever its spacing or letter case: a conflict; another year is a new registration.
    const again = await register({ ...input, name: 'phát triển điểm, trạm sơ cứu ctđ', description: null });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'name' });
    const nextYear = await register({ ...input, year: 2025, description: null });
    expect(nextYear.errors).toBeUndefined();
    // A name in decomposed Unicode is the same name.
    const decomposed = await register({ ...input, name: 'Phát triển điểm, trạm sơ cứu CTĐ'.normalize('NFD') });
    expect(decomposed.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'name' });
  });

  it('names the field at fault, and writes nothing', async () => {
    const chapterId = id('Hội CTĐ huyện Mẫu Ba');
    const base = { chapterId, year: 2024, name: 'Dinh dưỡng cho trẻ em nghèo' };
    const refusals: [Record<string, unknown>, string, string][] = [
      [{ ...base, year: 1945 }, 'BAD_USER_INPUT', 'year'],
      [{ ...base, year: 2101 }, 'BAD_USER_INPUT', 'year'],
      [{ ...base, year: yearInVietnam() + 2 }, 'BAD_USER_INPUT', 'year'],
      [{ ...base, name: '' }, 'BAD_USER_INPUT', 'name'],
      [{ ...base, name: ' \t ' }, 'BAD_USER_INPUT', 'name'],
      [{ ...base, name: 'x'.repeat(301) }, 'BAD_USER_INPUT', 'name'],
      [{ ...base, description: '  ' }, 'BAD_USER_INPUT', 'description'],
      [{ ...base, chapterId: 'bac-giang' }, 'BAD_USER_INPUT', 'chapterId'],
      [{ ...base, chapterId: randomUUID() }, 'NOT_FOUND', 'chapterId'],
    ];
    for (const [input, code, field] of refusals) {
      const result = await register(input);
      expect({ input, data: result.data ?? null, extensions: result.errors?.[0].extensions }).toMatchObject({ input, data: null, extensions: { code, field } });
    }
    expect(await graphql(url(), LIST, { id: chapterId })).toEqual({ data: { chapter: { modelProgrammes: [] } } });
    // Next year is open for registration at the start of a year.
    expect((await register({ ...base, year: yearInVietnam() + 1 })).errors).toBeUndefined();
  });

  it('lists a chapter\'s registrations, newest year first, in Vietnamese order, for a year or all', async () => {
    const chapterId = id('Hội CTĐ huyện Mẫu Một');
    for (const [year, name] of [[2023, 'Ngân hàng bò'], [2023, 'Bữa cơm nhân ái'], [2022, 'Tủ thuốc chữ thập đỏ'], [2023, 'Áo ấm cho em']] as const) {
      expect((await register({ chapterId, year, name })).errors).toBeUndefined();
    }
    expect(await graphql(url(), LIST, { id: chapterId, year: 2023 })).toEqual({
      data: {
        chapter: {
          modelProgrammes: [
            { year: 2023, name: 'Áo ấm cho em', description: null },
            { year: 2023, name: 'Bữa cơm nhân ái', description: null },
            { year: 2023, name: 'Ngân hàng bò', description: null },
          ],
        },
      },
    });
    const all = await graphql<{ chapter: { modelProgrammes: { year: number; name: string }[] } }>(url(), LIST, { id: chapterId });
    expect(all.data!.chapter.modelProgrammes.map((programme) => `${programme.year} ${programme.name}`)).toEqual([
      '2023 Áo ấm cho em',
      '2023 Bữa cơm nhân ái',
      '2023 Ngân hàng bò',
      '2022 Tủ thuốc chữ thập đỏ',
    ]);
  });

  it('loads the model programmes and blood donation summaries of many chapters in as many statements as of one', async () => {
    expect((await register({ chapterId: id('Hội CTĐ xã Mẫu Một A'), year: 2023, name: 'Cây mùa xuân' })).errors).toBeUndefined();
    expect((await register({ chapterId: id('Hội CTĐ huyện Mẫu Hai'), year: 2023, name: 'Nồi cháo tình thương' })).errors).toBeUndefined();
    const costOf = async (first: number) => {
      const requestId = `model-programmes-${first}-${randomUUID()}`;
      const result = await graphql<{ chapter: { descendants: { edges: { node: { name: string; modelProgrammes: { name: string }[] } }[] } } }>(
        url(),
        `query ($id: ID!, $first: Int!) { chapter(id: $id) { descendants(first: $first) { edges { node {
          name
          modelProgrammes(year: 2023) { name }
          bloodDonationSummary(period: { type: YEAR, year: 2023 }) { totalUnits }
        } } } } }`,
        { id: id('Hội CTĐ tỉnh Mô Hình'), first },
        requestId,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.chapter.descendants.edges).toHaveLength(first);
      return { edges: result.data!.chapter.descendants.edges, statements: (await statementsFor(requestId))['red-cross'] };
    };
    const one = await costOf(1);
    const many = await costOf(4);
    // the chapter, its descendants, their model programmes, their summaries
    expect(one.statements).toBe(4);
    expect(many.statements).toBe(4);
    expect(many.edges.map(({ node }) => [node.name, node.modelProgrammes.map((programme) => programme.name)])).toEqual([
      ['Hội CTĐ huyện Mẫu Ba', []],
      ['Hội CTĐ huyện Mẫu Hai', ['Nồi cháo tình thương']],
      ['Hội CTĐ huyện Mẫu Một', ['Áo ấm cho em', 'Bữa cơm nhân ái', 'Ngân hàng bò']],
      ['Hội CTĐ xã Mẫu Một A', ['Cây mùa xuân']],
    ]);
  });
});

describe('model programme demo data (through the gateway)', () => {
  it('holds the 2023 registrations of Bắc Giang, Hòa Bình and Phú Thọ', async () => {
    // Demo data loads on every start: loading it again must change nothing.
    await reloadDemoData(loadModelProgrammeDemoData);
    const query = `query ($bacGiang: ID!, $hoaBinh: ID!, $phuTho: ID!) {
      bacGiang: chapter(id: $bacGiang) { name modelProgrammes(year: 2023) { year name description } }
      hoaBinh: chapter(id: $hoaBinh) { name modelProgrammes(year: 2023) { year name description } }
      phuTho: chapter(id: $phuTho) { name modelProgrammes(year: 2023) { year name description } }
    }`;
    const result = await graphql(gatewayUrl(), query, {
      bacGiang: stableId('red-cross:bac-giang'),
      hoaBinh: stableId('red-cross:hoa-binh'),
      phuTho: stableId('red-cross:phu-tho'),
    });
    const registered = (...names: string[]) => names.map((name) => ({ year: 2023, name, description: null }));
    expect(result).toEqual({
      data: {
        bacGiang: {
          name: 'Hội Chữ thập đỏ tỉnh Bắc Giang',
          modelProgrammes: registered('Mỗi tổ chức, cá nhân gắn với một địa chỉ nhân đạo', 'Phát triển điểm, trạm sơ cứu CTĐ'),
        },
        hoaBinh: { name: 'Hội Chữ thập đỏ tỉnh Hòa Bình', modelProgrammes: registered('Dinh dưỡng cho trẻ em nghèo, khuyết tật') },
        phuTho: { name: 'Hội Chữ thập đỏ tỉnh Phú Thọ', modelProgrammes: registered('Hỗ trợ sinh kế, phát triển kinh tế gia đình hội viên nghèo') },
      },
    });
  });
});
