import { describe, expect, it } from 'vitest';
import { stableId } from '@hoi/common/ids';
import { FIGURE_REQUESTS } from './figure-requests.ts';
import { gatewayUrl, graphql } from './graphql.ts';

const R = FIGURE_REQUESTS;
const CLUSTER = ['bac-giang', 'thai-nguyen', 'hoa-binh', 'tuyen-quang', 'bac-kan', 'yen-bai', 'phu-tho'].map((slug) => stableId(`red-cross:${slug}`));

/** Totals travel as strings of decimal digits (WholeNumber, VndTotal): exact however large. */
type Figures = { activities: number; quantity: string; peopleReached: string; valueVnd: string };
type Summary = { reliefSummary: { rows: (Figures & { kind?: string; campaign?: { name: string } | null; province?: { id: string; name: string } | null; childChapter?: { name: string } | null })[]; total: Figures } };

/** "hơn N" (over N): above N, and N is what it rounds down to at the article's precision. */
const over = (value: bigint | string, figure: number, precision: number) =>
  BigInt(value) > BigInt(figure) && (BigInt(value) / BigInt(precision)) * BigInt(precision) === BigInt(figure);
/** "gần N" (nearly N): below N, and rounds up to it at the article's precision. */
const nearly = (value: bigint | string, figure: number, precision: number) =>
  BigInt(value) < BigInt(figure) && ((BigInt(value) + BigInt(precision) - 1n) / BigInt(precision)) * BigInt(precision) === BigInt(figure);
/** Totals added up exactly. */
const sumOf = (values: string[]) => values.reduce((total, value) => total + BigInt(value), 0n);

describe('the articles\' Red Cross figures, through the gateway', () => {
  it('Lào Cai, first half of 2022: the Tết campaign and the Humanitarian Month', async () => {
    const result = await graphql<Summary>(gatewayUrl(), R.laoCaiReliefByCampaignAndKind.query, R.laoCaiReliefByCampaignAndKind.variables);
    expect(result.errors).toBeUndefined();
    const rows = result.data!.reliefSummary.rows;
    const tet = rows.filter((row) => row.campaign?.name === 'Tết vì người nghèo và nạn nhân chất độc da cam');
    const gifts = tet.find((row) => row.kind === 'GIFT_PACKAGES')!;
    expect(over(gifts.quantity, 23_500, 100)).toBe(true); // "trên 23.500 suất quà"
    expect(tet.find((row) => row.kind === 'RED_CROSS_HOUSE_HANDED_OVER')!.quantity).toBe('11'); // "11 nhà chữ thập đỏ"
    const tetValue = sumOf(tet.map((row) => row.valueVnd));
    expect(over(tetValue, 13_800_000_000, 100_000_000)).toBe(true); // "hơn 13,8 tỷ đồng"

    const month = rows.filter((row) => row.campaign?.name === 'Tháng Nhân đạo');
    const quantity = (kind: string) => month.find((row) => row.kind === kind)!.quantity;
    expect(quantity('RED_CROSS_HOUSE_STARTED')).toBe('13');
    expect(quantity('LIGHTING_WORKS')).toBe('7');
    expect(quantity('HUMANITARIAN_MARKET')).toBe('4');
    expect(over(quantity('GIFT_PACKAGES'), 4_100, 100)).toBe(true);
    expect(quantity('LIVELIHOOD_SUPPORT')).toBe('264');
    expect(sumOf(month.map((row) => row.peopleReached))).toBe(14_150n);
    expect(over(sumOf(month.map((row) => row.valueVnd)), 5_400_000_000, 100_000_000)).toBe(true);
    expect(result.data!.reliefSummary.total.valueVnd).toBe(String(tetValue + sumOf(month.map((row) => row.valueVnd))));
  });

  it('Lào Cai reached 109.5 % of the gift packages the central society set for the Tết campaign', async () => {
    const result = await graphql(gatewayUrl(), R.laoCaiTargets.query, R.laoCaiTargets.variables);
    expect(result).toEqual({
      data: {
        chapter: {
          targets: [
            {
              metric: 'GIFT_PACKAGES',
              value: 21_472,
              period: { type: 'HALF_YEAR', start: '2022-01-01', end: '2022-06-30' },
              campaign: { name: 'Tết vì người nghèo và nạn nhân chất độc da cam' },
              setBy: { name: 'Trung ương Hội Chữ thập đỏ Việt Nam' },
              achievement: { actual: '23512', basisPoints: '10950', percent: '109.50' },
            },
          ],
        },
      },
    });
  });

  it('the 7-province cluster, 2022: membership and assistance add up to the article\'s words', async () => {
    const result = await graphql<{ chapters: { edges: { node: { id: string; membershipTotals: Record<string, string> } }[] } }>(
      gatewayUrl(),
      R.provinceMembershipTotals2022.query,
      R.provinceMembershipTotals2022.variables,
    );
    const members = result.data!.chapters.edges.filter((edge) => CLUSTER.includes(edge.node.id)).map((edge) => edge.node.membershipTotals);
    expect(members).toHaveLength(7);
    const sum = (key: string) => sumOf(members.map((figures) => figures[key]));
    expect(nearly(sum('grassrootsOrganisations'), 1_500, 100)).toBe(true); // "gần 1,5 nghìn"
    expect(over(sum('branches'), 15_000, 1_000)).toBe(true); // "hơn 15 nghìn"
    expect(nearly(sum('individualMembers'), 380_000, 1_000)).toBe(true); // "gần 380 nghìn"
    expect(sum('collectiveMembers')).toBe(31n);

    const relief = await graphql<Summary>(gatewayUrl(), R.nationalReliefByChildChapterAndKind.query, R.nationalReliefByChildChapterAndKind.variables);
    const assistance = relief.data!.reliefSummary.rows.filter((row) => ['REGULAR_ASSISTANCE', 'EMERGENCY_ASSISTANCE'].includes(row.kind!));
    expect(over(sumOf(assistance.map((row) => row.peopleReached)), 622_000, 1_000)).toBe(true); // "hơn 622 nghìn lượt"
    expect(over(sumOf(assistance.map((row) => row.valueVnd)), 260_000_000_000, 1_000_000_000)).toBe(true); // "hơn 260 tỷ đồng"
  });

  it('rolls old provinces up into today\'s when asked for the current map', async () => {
    const before = await graphql<Summary>(gatewayUrl(), R.nationalReliefByOldProvince.query, R.nationalReliefByOldProvince.variables);
    const current = await graphql<Summary>(gatewayUrl(), R.nationalReliefByCurrentProvince.query, R.nationalReliefByCurrentProvince.variables);
    const byProvince = (summary: Summary) => Object.fromEntries(summary.reliefSummary.rows.map((row) => [row.province!.name, row.valueVnd]));
    const old = byProvince(before.data!);
    const now = byProvince(current.data!);
    expect(Object.keys(old).sort()).toEqual(['Tỉnh Bắc Giang', 'Tỉnh Bắc Kạn', 'Tỉnh Hoà Bình', 'Tỉnh Lào Cai', 'Tỉnh Phú Thọ', 'Tỉnh Thái Nguyên', 'Tỉnh Tuyên Quang', 'Tỉnh Yên Bái'].sort());
    expect(now).toEqual({
      'Tỉnh Bắc Ninh': old['Tỉnh Bắc Giang'],
      'Tỉnh Lào Cai': String(sumOf([old['Tỉnh Lào Cai'], old['Tỉnh Yên Bái']])),
      'Tỉnh Phú Thọ': String(sumOf([old['Tỉnh Phú Thọ'], old['Tỉnh Hoà Bình']])),
      'Tỉnh Thái Nguyên': String(sumOf([old['Tỉnh Thái Nguyên'], old['Tỉnh Bắc Kạn']])),
      'Tỉnh Tuyên Quang': old['Tỉnh Tuyên Quang'],
    });
    expect(current.data!.reliefSummary.total).toEqual(before.data!.reliefSummary.total);
  });

  it('gives a month-by-month series with the empty months as zeros', async () => {
    const result = await graphql<{ reliefByMonth: (Figures & { month: string })[] }>(gatewayUrl(), R.laoCaiReliefByMonth.query, R.laoCaiReliefByMonth.variables);
    expect(result.data!.reliefByMonth).toEqual([
      { month: '2022-01', activities: 3, peopleReached: '23512', valueVnd: '13274800000' },
      { month: '2022-02', activities: 0, peopleReached: '0', valueVnd: '0' },
      { month: '2022-03', activities: 0, peopleReached: '0', valueVnd: '0' },
      { month: '2022-04', activities: 1, peopleReached: '11', valueVnd: '550000000' },
      { month: '2022-05', activities: 6, peopleReached: '14150', valueVnd: '5431400000' },
      { month: '2022-06', activities: 0, peopleReached: '0', valueVnd: '0' },
    ]);
  });
});
