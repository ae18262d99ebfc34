import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import { graphql, statementsFor, subgraphUrl } from '../../../../test/graphql.ts';
import { seedChapterTree } from '../chapter/chapter.seed.ts';

const url = () => subgraphUrl('red-cross');
let ids: Map<string, string>;

const SUBMIT = `mutation ($input: MembershipReportInput!) {
  submitMembershipReport(input: $input) { id period { type year index start end } grassrootsOrganisations individualMembers chapter { name } }
}`;

const figures = (n: number) => ({ grassrootsOrganisations: n, branches: 10 * n, individualMembers: 100 * n, collectiveMembers: n % 3, volunteers: 5 * n });

describe('membership reports', () => {
  beforeAll(async () => {
    ids = await withDatabase((client) =>
      seedChapterTree(client, {
        name: 'Hội CTĐ tỉnh Báo Cáo',
        level: 'PROVINCE',
        children: [
          { name: 'Hội CTĐ huyện Một', level: 'DISTRICT', children: [{ name: 'Hội CTĐ xã Một A', level: 'GRASSROOTS' }, { name: 'Hội CTĐ xã Một B', level: 'GRASSROOTS' }] },
          { name: 'Hội CTĐ huyện Hai', level: 'DISTRICT', children: [{ name: 'Hội CTĐ xã Hai A', level: 'GRASSROOTS' }] },
        ],
      }),
    );
  });

  it('files a report for an explicit period, once', async () => {
    const input = { chapterId: ids.get('Hội CTĐ xã Một A'), period: { type: 'QUARTER', year: 2024, index: 2 }, ...figures(3) };
    const first = await graphql(url(), SUBMIT, { input });
    expect(first).toEqual({
      data: {
        submitMembershipReport: {
          id: expect.any(String),
          period: { type: 'QUARTER', year: 2024, index: 2, start: '2024-04-01', end: '2024-06-30' },
          grassrootsOrganisations: 3,
          individualMembers: 300,
          chapter: { name: 'Hội CTĐ xã Một A' },
        },
      },
    });
    const again = await graphql(url(), SUBMIT, { input });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'period' });
  });

  it('names the field at fault when the input is wrong', async () => {
    const base = { chapterId: ids.get('Hội CTĐ xã Một B'), period: { type: 'MONTH', year: 2024, index: 1 }, ...figures(1) };
    const negative = await graphql(url(), SUBMIT, { input: { ...base, branches: -1 } });
    expect(negative.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'branches' });
    const noSuchMonth = await graphql(url(), SUBMIT, { input: { ...base, period: { type: 'MONTH', year: 2024, index: 13 } } });
    expect(noSuchMonth.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.index' });
    const unknownChapter = await graphql(url(), SUBMIT, { input: { ...base, chapterId: randomUUID() } });
    expect(unknownChapter.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'chapterId' });
    // Nothing was written by the refused calls.
    const reports = await graphql(url(), `query ($id: ID!) { chapter(id: $id) { membershipReports { totalCount } } }`, { id: base.chapterId });
    expect(reports).toEqual({ data: { chapter: { membershipReports: { totalCount: 0 } } } });
  });

  it('rolls reports up the tree, a report standing for everything under its chapter', async () => {
    const period = { type: 'YEAR', year: 2023 };
    const submit = (name: string, n: number) => graphql(url(), SUBMIT, { input: { chapterId: ids.get(name), period, ...figures(n) } });
    // District Một reports for itself and its communes; its communes also report: not counted twice.
    for (const [name, n] of [['Hội CTĐ huyện Một', 7], ['Hội CTĐ xã Một A', 4], ['Hội CTĐ xã Một B', 2], ['Hội CTĐ xã Hai A', 5]] as const) {
      expect((await submit(name, n)).errors).toBeUndefined();
    }
    const requestId = `membership-${randomUUID()}`;
    const totals = await graphql(
      url(),
      `query ($id: ID!) { chapter(id: $id) {
        membershipTotals(period: { type: YEAR, year: 2023 }) { reports grassrootsOrganisations branches individualMembers collectiveMembers volunteers period { start end } }
        children { edges { node { name membershipTotals(period: { type: YEAR, year: 2023 }) { reports individualMembers } } } }
      } }`,
      { id: ids.get('Hội CTĐ tỉnh Báo Cáo') },
      requestId,
    );
    expect(totals).toEqual({
      data: {
        chapter: {
          membershipTotals: { reports: 2, grassrootsOrganisations: '12', branches: '120', individualMembers: '1200', collectiveMembers: '3', volunteers: '60', period: { start: '2023-01-01', end: '2023-12-31' } },
          children: {
            edges: [
              { node: { name: 'Hội CTĐ huyện Hai', membershipTotals: { reports: 1, individualMembers: '500' } } },
              { node: { name: 'Hội CTĐ huyện Một', membershipTotals: { reports: 1, individualMembers: '700' } } },
            ],
          },
        },
      },
    });
    // the chapter, its totals, the children, their totals (one batch)
    expect((await statementsFor(requestId))['red-cross']).toBe(4);

    // A period nobody reported for: zeros, from the root of the tree as from a chapter below it.
    const none = `membershipTotals(period: { type: YEAR, year: 2022 }) { reports individualMembers }`;
    expect(await graphql(url(), `query ($root: ID!, $district: ID!) { root: chapter(id: $root) { ${none} } district: chapter(id: $district) { ${none} } }`,
      { root: ids.get('Hội CTĐ tỉnh Báo Cáo'), district: ids.get('Hội CTĐ huyện Hai') })).toEqual({
      data: { root: { membershipTotals: { reports: 0, individualMembers: '0' } }, district: { membershipTotals: { reports: 0, individualMembers: '0' } } },
    });
  });

  it('lists a subtree at any depth in one statement a list, and counts it in one more', async () => {
    const requestId = `descendants-${randomUUID()}`;
    const result = await graphql(
      url(),
      `query ($id: ID!) { chapter(id: $id) { all: descendants { totalCount edges { node { name } } } communes: descendants(level: GRASSROOTS) { totalCount } } }`,
      { id: ids.get('Hội CTĐ tỉnh Báo Cáo') },
      requestId,
    );
    expect(result).toEqual({
      data: {
        chapter: {
          all: {
            totalCount: 5,
            edges: ['Hội CTĐ huyện Hai', 'Hội CTĐ huyện Một', 'Hội CTĐ xã Hai A', 'Hội CTĐ xã Một A', 'Hội CTĐ xã Một B'].map((name) => ({ node: { name } })),
          },
          communes: { totalCount: 3 },
        },
      },
    });
    // the chapter, each list's page, and each list's total
    expect((await statementsFor(requestId))['red-cross']).toBe(5);
  });
});
