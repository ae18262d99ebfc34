import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import { graphql, statementsFor, subgraphUrl } from '../../../../test/graphql.ts';
import { seedChapterTree } from '../chapter/chapter.seed.ts';
import type { WholeVnd } from '@hoi/common/scalars';

const url = () => subgraphUrl('red-cross');
let ids: Map<string, string>;
let campaignId: string;

const CREATE_CAMPAIGN = `mutation ($input: CampaignInput!) { createCampaign(input: $input) { id name scope recurrence organiser { name } } }`;
const RECORD = `mutation ($input: ReliefActivityInput!) { recordReliefActivity(input: $input) { id kind quantity peopleReached valueVnd occurredOn campaign { name } chapter { name } } }`;

describe('campaigns and relief activities', () => {
  beforeAll(async () => {
    ids = await withDatabase((client) =>
      seedChapterTree(client, {
        name: 'Hội CTĐ tỉnh Cứu Trợ',
        level: 'PROVINCE',
        unitId: 'BEFORE_2025:24',
        children: [
          { name: 'Hội CTĐ huyện Đông', level: 'DISTRICT', children: [{ name: 'Hội CTĐ xã Đông A', level: 'GRASSROOTS' }] },
          { name: 'Hội CTĐ huyện Tây', level: 'DISTRICT' },
        ],
      }),
    );
    const created = await graphql<{ createCampaign: { id: string } }>(url(), CREATE_CAMPAIGN, {
      input: { name: 'Chăm lo Tết huyện Đông', scope: 'LOCAL', recurrence: 'YEARLY', organiserChapterId: ids.get('Hội CTĐ huyện Đông') },
    });
    campaignId = created.data!.createCampaign.id;
  });

  it('launches a campaign once per name and organiser; only the national society launches a national one', async () => {
    const again = await graphql(url(), CREATE_CAMPAIGN, {
      input: { name: 'Chăm lo Tết huyện Đông', scope: 'LOCAL', recurrence: 'YEARLY', organiserChapterId: ids.get('Hội CTĐ huyện Đông') },
    });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'name' });
    const national = await graphql(url(), CREATE_CAMPAIGN, {
      input: { name: 'Phong trào tỉnh', scope: 'NATIONAL', recurrence: 'STANDING', organiserChapterId: ids.get('Hội CTĐ tỉnh Cứu Trợ') },
    });
    expect(national.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', field: 'scope' });
    const nobody = await graphql(url(), CREATE_CAMPAIGN, { input: { name: 'X', scope: 'LOCAL', recurrence: 'YEARLY', organiserChapterId: randomUUID() } });
    expect(nobody.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'organiserChapterId' });
    const blank = await graphql(url(), CREATE_CAMPAIGN, { input: { name: '', scope: 'LOCAL', recurrence: 'YEARLY', organiserChapterId: ids.get('Hội CTĐ huyện Đông') } });
    expect(blank.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
  });

  it('records an activity under a campaign of a chapter above it, with money as an exact integer', async () => {
    const result = await graphql(url(), RECORD, {
      input: { chapterId: ids.get('Hội CTĐ xã Đông A'), campaignId, kind: 'GIFT_PACKAGES', quantity: 120, peopleReached: 120, valueVnd: 60_000_000_000, occurredOn: '2024-01-30' },
    });
    expect(result).toEqual({
      data: {
        recordReliefActivity: {
          id: expect.any(String),
          kind: 'GIFT_PACKAGES',
          quantity: 120,
          peopleReached: 120,
          valueVnd: 60_000_000_000,
          occurredOn: '2024-01-30',
          campaign: { name: 'Chăm lo Tết huyện Đông' },
          chapter: { name: 'Hội CTĐ xã Đông A' },
        },
      },
    });
  });

  it('refuses bad activities, naming the field, and writes nothing', async () => {
    const base = { chapterId: ids.get('Hội CTĐ huyện Tây'), kind: 'FREE_MEALS', quantity: 10, peopleReached: 10, valueVnd: 1_000_000, occurredOn: '2024-03-01' };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ quantity: 0 }, 'BAD_USER_INPUT', 'quantity'],
      [{ peopleReached: -1 }, 'BAD_USER_INPUT', 'peopleReached'],
      [{ valueVnd: -5 }, 'BAD_USER_INPUT', 'valueVnd'],
      [{ occurredOn: '2999-01-01' }, 'BAD_USER_INPUT', 'occurredOn'],
      [{ chapterId: randomUUID() }, 'NOT_FOUND', 'chapterId'],
      [{ campaignId: randomUUID() }, 'NOT_FOUND', 'campaignId'],
      // Huyện Tây is not under Huyện Đông, which runs the campaign.
      [{ campaignId: 'CAMPAIGN' }, 'RULE_VIOLATION', 'campaignId'],
    ];
    for (const [change, code, field] of cases) {
      const input = { ...base, ...change, ...(change.campaignId === 'CAMPAIGN' ? { campaignId } : {}) };
      const result = await graphql(url(), RECORD, { input });
      expect(result.errors?.[0].extensions, field).toMatchObject({ code, field });
    }
    const fractional = await graphql(url(), RECORD, { input: { ...base, valueVnd: 10.5 } });
    expect(fractional.errors?.[0].message).toMatch(/Vnd/);
    const listed = await graphql(url(), `query ($id: ID!) { chapter(id: $id) { reliefActivities { totalCount } } }`, { id: base.chapterId });
    expect(listed).toEqual({ data: { chapter: { reliefActivities: { totalCount: 0 } } } });
  });

  it('summarises a subtree by child chapter and month in one statement', async () => {
    const record = (name: string, kind: string, quantity: number, valueVnd: WholeVnd, occurredOn: string) =>
      graphql(url(), RECORD, { input: { chapterId: ids.get(name), kind, quantity, peopleReached: quantity, valueVnd, occurredOn } });
    await record('Hội CTĐ huyện Tây', 'LIVELIHOOD_SUPPORT', 5, 25_000_000, '2023-02-10');
    await record('Hội CTĐ xã Đông A', 'LIVELIHOOD_SUPPORT', 3, 15_000_000, '2023-02-20');
    await record('Hội CTĐ huyện Đông', 'EMERGENCY_ASSISTANCE', 40, 80_000_000, '2023-04-02');
    await record('Hội CTĐ tỉnh Cứu Trợ', 'FREE_MEALS', 200, 10_000_000, '2023-04-15');

    const requestId = `relief-summary-${randomUUID()}`;
    const result = await graphql(
      url(),
      `query ($id: ID!) { reliefSummary(chapterId: $id, period: { type: YEAR, year: 2023 }, groupBy: [CHILD_CHAPTER, MONTH]) {
        period { start end } groupBy unitEdition
        rows { childChapter { name } month activities quantity valueVnd }
        total { activities quantity peopleReached valueVnd }
      } }`,
      { id: ids.get('Hội CTĐ tỉnh Cứu Trợ') },
      requestId,
    );
    expect(result).toEqual({
      data: {
        reliefSummary: {
          period: { start: '2023-01-01', end: '2023-12-31' },
          groupBy: ['CHILD_CHAPTER', 'MONTH'],
          unitEdition: 'BEFORE_2025',
          rows: [
            // The province's own activity belongs to no child.
            { childChapter: null, month: '2023-04', activities: 1, quantity: '200', valueVnd: '10000000' },
            ...[
              { name: 'Hội CTĐ huyện Đông', month: '2023-02', activities: 1, quantity: '3', valueVnd: '15000000' },
              { name: 'Hội CTĐ huyện Đông', month: '2023-04', activities: 1, quantity: '40', valueVnd: '80000000' },
              { name: 'Hội CTĐ huyện Tây', month: '2023-02', activities: 1, quantity: '5', valueVnd: '25000000' },
            ]
              .sort((a, b) => ids.get(a.name)!.localeCompare(ids.get(b.name)!) || a.month.localeCompare(b.month))
              .map(({ name, ...row }) => ({ childChapter: { name }, ...row })),
          ],
          total: { activities: 4, quantity: '248', peopleReached: '248', valueVnd: '130000000' },
        },
      },
    });
    // the root chapter check, the GROUP BY statement, the child chapters (one batch)
    expect((await statementsFor(requestId))['red-cross']).toBe(3);
  });

  it('refuses a summary of an unknown chapter or a dimension named twice', async () => {
    const query = `query ($id: ID!, $groupBy: [ReliefDimension!]!) { reliefSummary(chapterId: $id, period: { type: YEAR, year: 2023 }, groupBy: $groupBy) { total { activities } } }`;
    const unknown = await graphql(url(), query, { id: randomUUID(), groupBy: [] });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'chapterId' });
    const twice = await graphql(url(), query, { id: ids.get('Hội CTĐ tỉnh Cứu Trợ'), groupBy: ['KIND', 'KIND'] });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupBy' });
  });
});
