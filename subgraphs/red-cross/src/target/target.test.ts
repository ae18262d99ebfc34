import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import { graphql, statementsFor, subgraphUrl } from '../../../../test/graphql.ts';
import { seedChapterTree } from '../chapter/chapter.seed.ts';

const url = () => subgraphUrl('red-cross');
let ids: Map<string, string>;

const SET = `mutation ($input: TargetInput!) { setTarget(input: $input) { id metric value period { start end } setBy { name } chapter { name } achievement { actual basisPoints percent } } }`;
const RECORD = `mutation ($input: ReliefActivityInput!) { recordReliefActivity(input: $input) { id } }`;
const children = ['Hội CTĐ huyện Giàu', 'Hội CTĐ huyện Nghèo', 'Hội CTĐ huyện Vừa'];

describe('targets set per chapter, and their achievement', () => {
  beforeAll(async () => {
    ids = await withDatabase((client) =>
      seedChapterTree(client, {
        name: 'Hội CTĐ tỉnh Chỉ Tiêu',
        level: 'PROVINCE',
        children: children.map((name) => ({ name, level: 'DISTRICT' as const, children: [{ name: `${name} - xã`, level: 'GRASSROOTS' as const }] })),
      }),
    );
  });

  it('sets different targets for different children and computes achievement exactly, from the whole subtree', async () => {
    const period = { type: 'YEAR', year: 2024 };
    const values = [1_000, 150, 400];
    for (const [index, name] of children.entries()) {
      const result = await graphql(url(), SET, {
        input: { setterChapterId: ids.get('Hội CTĐ tỉnh Chỉ Tiêu'), chapterId: ids.get(name), metric: 'GIFT_PACKAGES', period, value: values[index] },
      });
      expect(result.errors).toBeUndefined();
    }
    // Gifts from each district's commune count for the district.
    for (const [name, quantity] of [['Hội CTĐ huyện Giàu - xã', 1_095], ['Hội CTĐ huyện Nghèo - xã', 100], ['Hội CTĐ huyện Vừa - xã', 333]] as const) {
      await graphql(url(), RECORD, { input: { chapterId: ids.get(name), kind: 'GIFT_PACKAGES', quantity, peopleReached: quantity, valueVnd: 0, occurredOn: '2024-02-01' } });
    }
    // Not counted: another kind, another year.
    await graphql(url(), RECORD, { input: { chapterId: ids.get('Hội CTĐ huyện Giàu - xã'), kind: 'FREE_MEALS', quantity: 50, peopleReached: 50, valueVnd: 0, occurredOn: '2024-02-01' } });
    await graphql(url(), RECORD, { input: { chapterId: ids.get('Hội CTĐ huyện Giàu - xã'), kind: 'GIFT_PACKAGES', quantity: 50, peopleReached: 50, valueVnd: 0, occurredOn: '2023-12-31' } });

    const requestId = `targets-${randomUUID()}`;
    const result = await graphql(
      url(),
      `query ($id: ID!) { chapter(id: $id) { children { edges { node { name targets { value achievement { actual basisPoints percent } } } } } } }`,
      { id: ids.get('Hội CTĐ tỉnh Chỉ Tiêu') },
      requestId,
    );
    expect(result).toEqual({
      data: {
        chapter: {
          children: {
            edges: [
              { node: { name: 'Hội CTĐ huyện Giàu', targets: [{ value: 1_000, achievement: { actual: '1095', basisPoints: '10950', percent: '109.50' } }] } },
              { node: { name: 'Hội CTĐ huyện Nghèo', targets: [{ value: 150, achievement: { actual: '100', basisPoints: '6667', percent: '66.67' } }] } },
              { node: { name: 'Hội CTĐ huyện Vừa', targets: [{ value: 400, achievement: { actual: '333', basisPoints: '8325', percent: '83.25' } }] } },
            ],
          },
        },
      },
    });
    // the chapter, its children, their targets, the achievements: one statement each, whatever the count
    expect((await statementsFor(requestId))['red-cross']).toBe(4);
  });

  it('refuses a target for a chapter that is not a child, a second one for the same period, and bad values', async () => {
    const base = { setterChapterId: ids.get('Hội CTĐ tỉnh Chỉ Tiêu'), chapterId: ids.get('Hội CTĐ huyện Vừa'), metric: 'VALUE_VND', period: { type: 'HALF_YEAR', year: 2024, index: 1 }, value: 5_000_000 };
    expect((await graphql(url(), SET, { input: base })).errors).toBeUndefined();
    const cases: [Record<string, unknown>, string, string][] = [
      [{}, 'CONFLICT', 'period'],
      [{ chapterId: ids.get('Hội CTĐ huyện Vừa - xã') }, 'RULE_VIOLATION', 'chapterId'],
      [{ setterChapterId: ids.get('Hội CTĐ huyện Giàu') }, 'RULE_VIOLATION', 'chapterId'],
      [{ chapterId: randomUUID() }, 'NOT_FOUND', 'chapterId'],
      [{ setterChapterId: randomUUID() }, 'NOT_FOUND', 'setterChapterId'],
      [{ campaignId: randomUUID() }, 'NOT_FOUND', 'campaignId'],
      [{ value: 0 }, 'BAD_USER_INPUT', 'value'],
      [{ period: { type: 'QUARTER', year: 2024, index: 5 } }, 'BAD_USER_INPUT', 'period.index'],
    ];
    for (const [change, code, field] of cases) {
      const result = await graphql(url(), SET, { input: { ...base, ...change } });
      expect(result.errors?.[0].extensions, field).toMatchObject({ code, field });
    }
  });
});
