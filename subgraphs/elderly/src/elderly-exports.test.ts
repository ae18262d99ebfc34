import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../test/database.ts';
import { gatewayUrl, graphql, subgraphUrl, tokenFor } from '../../../test/graphql.ts';
import { expectFigures, expectRefusal, exportHosts, getFrom, readExport } from '../../../test/spreadsheet-exports.ts';
import { seedFundEntries } from './fund/club-fund.seed.ts';
import { seedAssociationTree } from './scheme/association-tree.seed.ts';

/**
 * The Elderly Association's summaries printed (club and fund statistics, reporting completeness of
 * a unit and of the country): each downloaded as XLSX and CSV, on the gateway's host and on the
 * elderly subgraph, opened again with exceljs and csv-parse, and every figure compared with the
 * GraphQL answer of the same field and arguments; the field's refusals as JSON.
 *
 * Its own tree in Quảng Bình (BEFORE_2025:44), with clubs in three of its communes and one
 * unplaced, members, two fund ledgers and reports of the year 2014 (whose deadline has passed).
 */
const HOSTS = exportHosts('elderly');
const PROVINCE = 'Hội NCT tỉnh Xuất Quảng Bình';
const [NORTH, SOUTH] = ['Hội NCT huyện Xuất Bắc', 'Hội NCT huyện Xuất Nam'];
const COMMUNE = 'Hội NCT xã Xuất Đông';
const CLUB_UNITS = ['BEFORE_2025:18853', 'BEFORE_2025:18901', 'BEFORE_2025:18949', null];
let ids: Map<string, string>;
let clubIds: string[];
let officer: string;
let analyst: string;

type Row = (string | number)[];
const n = Number;

/** How a case's GraphQL answer reads as the export's rows: the test's own reading of the answer. */
interface ExportCase {
  label: string;
  path: string;
  query: string;
  variables: Record<string, unknown>;
  token: () => string | null;
  /** A national figure other test files may change meanwhile: read the answer again until it holds still. */
  national?: boolean;
  /** Asked through the gateway (names other subgraphs hold), not of the subgraph. */
  overGateway?: boolean;
  /** The rows the host prints, where they differ by host (a unit's name on the gateway's, its id on the subgraph's). */
  rows(data: Record<string, unknown>, host: Host): Row[];
  title: RegExp;
  headers: string[] | ((host: Host) => string[]);
}
type Host = 'gateway' | 'subgraph';

const SHARES = 'ethnicMinorityMembers ethnicMinorityShare { percent } membersOver55 over55Share { percent } poorMembers poorShare { percent } nearPoorMembers nearPoorShare { percent }';
type Figures = Record<string, number & { percent: string }> & { unit?: { id: string } | null };
const clubFigures = (row: Figures, foundedSince: boolean): Row => [
  row.clubs, ...(foundedSince ? [row.clubsFoundedSince] : []), row.members, row.boardMembers,
  row.ethnicMinorityMembers, n(row.ethnicMinorityShare.percent), row.membersOver55, n(row.over55Share.percent),
  row.poorMembers, n(row.poorShare.percent), row.nearPoorMembers, n(row.nearPoorShare.percent),
];
const CLUB_HEADERS = ['Số thành viên', 'Thành viên Ban Chủ nhiệm', 'Thành viên dân tộc thiểu số', 'Tỷ lệ dân tộc thiểu số (%)', 'Thành viên trên 55 tuổi',
  'Tỷ lệ trên 55 tuổi (%)', 'Thành viên hộ nghèo', 'Tỷ lệ hộ nghèo (%)', 'Thành viên hộ cận nghèo', 'Tỷ lệ hộ cận nghèo (%)'];
const COUNTS = 'expected missing draft submitted returned approved late';
const COUNT_HEADERS = ['Phải báo cáo', 'Chưa báo cáo', 'Dự thảo', 'Đã gửi, chờ duyệt', 'Bị trả lại', 'Đã duyệt', 'Nộp muộn'];
const counts = (row: Record<string, number>): Row => [row.expected, row.missing, row.draft, row.submitted, row.returned, row.approved, row.late];
const YEAR_2014 = 'Năm 2014 \\(01/01/2014 – 31/12/2014\\)';

function clubStatisticsCase(label: string, args: { associationId: () => string | null; national?: boolean; groupBy?: string; foundedSince?: string }, token: () => string | null, title: RegExp, groupHeader?: string): ExportCase {
  const query = `query ($associationId: ID, $groupBy: ClubGrouping, $foundedSince: LocalDate) {
    clubStatistics(associationId: $associationId, period: { type: YEAR, year: 2014 }, groupBy: $groupBy, foundedSince: $foundedSince) {
      total { clubs clubsFoundedSince members boardMembers ${SHARES} } rows { unit { id name } clubs clubsFoundedSince members boardMembers ${SHARES} } } }`;
  const since = args.foundedSince != null;
  return {
    label,
    get path() {
      const id = args.associationId();
      return `/exports/club-statistics.FORMAT?period.type=YEAR&period.year=2014${id ? `&associationId=${id}` : ''}${args.groupBy ? `&groupBy=${args.groupBy}` : ''}${since ? `&foundedSince=${args.foundedSince}` : ''}`;
    },
    query,
    get variables() {
      return { associationId: args.associationId(), groupBy: args.groupBy ?? null, foundedSince: args.foundedSince ?? null };
    },
    token,
    national: args.national,
    overGateway: true,
    // Each unit by the name GraphQL gives through the gateway on its host; by id in a partner's file, on the subgraph.
    rows(data, host) {
      const statistics = data.clubStatistics as { total: Figures; rows: (Figures & { unit?: { name: string } | null })[] };
      return [
        ...statistics.rows.map((row) => [row.unit ? (host === 'gateway' ? row.unit.name : row.unit.id) : '(Chưa rõ địa bàn)', ...clubFigures(row, since)]),
        [...(args.groupBy ? ['Tổng cộng'] : []), ...clubFigures(statistics.total, since)],
      ];
    },
    title,
    headers: (host) => [...(groupHeader ? [host === 'gateway' ? groupHeader : `${groupHeader} (mã)`] : []), 'Số CLB', ...(since ? [`Số CLB thành lập từ ${args.foundedSince!.split('-').reverse().join('/')}`] : []), ...CLUB_HEADERS],
  };
}

const CASES: ExportCase[] = [
  clubStatisticsCase('club statistics by commune, with the clubs founded since a day', { associationId: () => ids.get(PROVINCE)!, groupBy: 'COMMUNE', foundedSince: '2012-06-01' }, () => officer,
    new RegExp(`^Thống kê CLB.*— ${PROVINCE} — Kỳ: ${YEAR_2014} — xã, phường`), 'Xã, phường'),
  clubStatisticsCase('club statistics by today\'s province, anonymously', { associationId: () => ids.get(PROVINCE)!, groupBy: 'CURRENT_PROVINCE' }, () => null,
    new RegExp(`— ${PROVINCE} — Kỳ: ${YEAR_2014} — địa giới hiện hành`), 'Tỉnh, thành phố'),
  clubStatisticsCase('club statistics of a district, ungrouped', { associationId: () => ids.get(NORTH)! }, () => officer, new RegExp(`— ${NORTH} — Kỳ: ${YEAR_2014}`)),
  clubStatisticsCase('club statistics of the whole country by old district', { associationId: () => null, national: true, groupBy: 'OLD_DISTRICT' }, () => analyst,
    new RegExp(`— Toàn quốc — Kỳ: ${YEAR_2014} — địa giới trước sắp xếp 2025`), 'Huyện, thị xã, thành phố'),
  ...[
    { label: 'fund statistics on a day', args: 'asOf=2014-08-31', variables: { asOf: '2014-08-31' }, title: 'Số liệu đến hết ngày 31/08/2014$' },
    { label: 'fund statistics of a period', args: 'period.type=QUARTER&period.year=2014&period.index=2', variables: { period: { type: 'QUARTER', year: 2014, index: 2 } },
      title: 'Kỳ: Quý 2/2014 \\(01/04/2014 – 30/06/2014\\) — Số liệu đến hết ngày 30/06/2014$' },
  ].map(({ label, args, variables, title }): ExportCase => ({
    label,
    get path() {
      return `/exports/fund-statistics.FORMAT?associationId=${ids.get(PROVINCE)}&${args}`;
    },
    query: `query ($associationId: ID!, $asOf: LocalDate, $period: PeriodInput) { fundStatistics(associationId: $associationId, asOf: $asOf, period: $period) {
      clubs totalFund contributedOrRaised balance outOnLoan borrowers overdueLoans overdueAmount } }`,
    get variables() {
      return { associationId: ids.get(PROVINCE), ...variables };
    },
    token: () => officer,
    rows(data) {
      const f = data.fundStatistics as Record<string, string | number>;
      return [[f.clubs, f.totalFund, f.contributedOrRaised, f.balance, f.outOnLoan, f.borrowers, f.overdueLoans, f.overdueAmount].map(n)];
    },
    title: new RegExp(`^Thống kê quỹ CLB.* — ${PROVINCE} — ${title}`),
    headers: ['Số CLB', 'Tổng vốn quỹ (đồng)', 'Trong đó: thành viên đóng góp, huy động (đồng)', 'Tiền mặt tồn quỹ (đồng)', 'Dư nợ cho vay (đồng)', 'Số người còn nợ', 'Số khoản vay quá hạn', 'Nợ quá hạn (đồng)'],
  })),
  {
    label: 'reporting completeness of a unit',
    get path() {
      return `/exports/elderly-reporting-completeness.FORMAT?associationId=${ids.get(PROVINCE)}&period.type=YEAR&period.year=2014`;
    },
    query: `query ($id: ID!) { elderlyAssociation(id: $id) { name reportingCompleteness(period: { type: YEAR, year: 2014 }) {
      ${COUNTS} missingAssociations { name } missingClubs { name } lateAssociations { name } lateClubs { name } } } }`,
    get variables() {
      return { id: ids.get(PROVINCE) };
    },
    token: () => officer,
    rows(data) {
      const unit = data.elderlyAssociation as { name: string; reportingCompleteness: Record<string, number & { name: string }[]> };
      const c = unit.reportingCompleteness;
      const names = (...lists: { name: string }[][]) => lists.flat().map((item) => item.name).join('; ');
      return [[unit.name, ...counts(c), names(c.missingAssociations, c.missingClubs), names(c.lateAssociations, c.lateClubs)]];
    },
    title: new RegExp(`^Tình hình báo cáo kết quả hoạt động của cấp dưới — ${PROVINCE} — Kỳ: ${YEAR_2014}$`),
    headers: ['Đơn vị', ...COUNT_HEADERS, 'Đơn vị, CLB chưa báo cáo', 'Đơn vị, CLB nộp muộn'],
  },
  ...['BEFORE_2025', 'CURRENT'].map((edition): ExportCase => ({
    label: `national reporting completeness, ${edition}`,
    path: `/exports/national-elderly-reporting-completeness.FORMAT?period.type=YEAR&period.year=2014&unitEdition=${edition}`,
    query: `query ($edition: UnitEdition!) { nationalElderlyReportingCompleteness(period: { type: YEAR, year: 2014 }, unitEdition: $edition) { provinces { province { id name } ${COUNTS} } } }`,
    variables: { edition },
    token: () => analyst,
    national: true,
    overGateway: true,
    // Each province by the name GraphQL gives through the gateway on its host; by id in a partner's file, on the subgraph.
    rows(data, host) {
      const provinces = (data.nationalElderlyReportingCompleteness as { provinces: (Record<string, number> & { province: { id: string; name: string } | null })[] }).provinces;
      const total = counts(Object.fromEntries(COUNTS.split(' ').map((key) => [key, provinces.reduce((sum, row) => sum + row[key], 0)])));
      const unit = (row: (typeof provinces)[number]) => (row.province ? (host === 'gateway' ? row.province.name : row.province.id) : '(Hội chưa gắn địa bàn)');
      return [...provinces.map((row) => [unit(row), ...counts(row)]), ['Tổng cộng', ...total]];
    },
    title: new RegExp(`^Tình hình báo cáo kết quả hoạt động Hội Người cao tuổi — Toàn quốc — Kỳ: ${YEAR_2014} — ${edition === 'CURRENT' ? 'địa giới hiện hành' : 'địa giới trước sắp xếp 2025'}`),
    headers: (host) => [host === 'gateway' ? 'Tỉnh, thành phố' : 'Tỉnh, thành phố (mã)', ...COUNT_HEADERS],
  })),
];

describe('Elderly Association summaries as XLSX and CSV', () => {
  beforeAll(async () => {
    await withDatabase(async (client) => {
      ids = await seedAssociationTree(client, {
        name: PROVINCE,
        level: 'PROVINCE',
        unitId: 'BEFORE_2025:44',
        children: [
          { name: NORTH, level: 'DISTRICT', children: [{ name: COMMUNE, level: 'COMMUNE' }] },
          { name: SOUTH, level: 'DISTRICT' },
        ],
      });
      // Four clubs: three placed in communes, one in none; one founded after the day asked.
      clubIds = [];
      for (const [index, unitId] of CLUB_UNITS.entries()) {
        const id = randomUUID();
        clubIds.push(id);
        const owner = ids.get([NORTH, COMMUNE, SOUTH, PROVINCE][index])!;
        await client.query(`insert into elderly.club (id, association_id, name, name_folded, unit_id, founded_on) values ($1, $2, $3, $4, $5, $6)`,
          [id, owner, `CLB Xuất số ${index + 1}`, `clb xuat so ${index + 1}`, unitId, index === 2 ? '2013-03-01' : '2011-05-01']);
      }
      const members = clubIds.flatMap((clubId, club) => Array.from({ length: 3 + club * 2 }, (_, i) => ({
        id: randomUUID(), club_id: clubId, full_name: `Thành viên ${club}-${i}`, sex: i % 2 ? 'FEMALE' : 'MALE',
        birth_date: i % 3 ? '1950-02-01' : '1975-07-01', ethnic_group: i % 4 ? 'Kinh' : 'Bru-Vân Kiều',
        poverty_status: ['POOR', 'NEAR_POOR', 'NEITHER'][i % 3], board_role: i === 0 ? 'HEAD' : i === 1 ? 'DEPUTY_HEAD' : null,
        joined_on: '2013-01-01', left_on: i === 4 ? '2014-03-01' : null,
      })));
      await client.query(
        `insert into elderly.club_member (id, club_id, full_name, sex, birth_date, ethnic_group, poverty_status, board_role, joined_on, left_on)
         select id, club_id, full_name, sex, birth_date, ethnic_group, poverty_status, board_role, joined_on, left_on from jsonb_populate_recordset(null::elderly.club_member, $1::jsonb)`,
        [JSON.stringify(members)],
      );
      await seedFundEntries(client, clubIds[0], [
        { kind: 'STARTING_GRANT', amountVnd: 25_000_000, occurredOn: '2013-02-01' },
        { kind: 'MEMBER_CONTRIBUTION', amountVnd: 3_500_000, occurredOn: '2014-03-10' },
        { kind: 'LOAN_DISBURSED', amountVnd: 10_000_000, occurredOn: '2014-04-01', borrowerRef: 'Bà Lê Thị Xuất', dueOn: '2014-07-01' },
        { kind: 'REPAYMENT', amountVnd: 2_500_000, occurredOn: '2014-06-01', borrowerRef: 'Bà Lê Thị Xuất' },
      ]);
      await seedFundEntries(client, clubIds[1], [
        { kind: 'SOCIETY_RAISED', amountVnd: 1_234_567, occurredOn: '2014-05-05' },
        { kind: 'LOAN_DISBURSED', amountVnd: 1_000_000, occurredOn: '2014-05-06', borrowerRef: 'Ông Xuất', dueOn: '2015-05-06' },
      ]);
      const report = (organisationId: string, state: string, submittedAt: string | null) =>
        client.query(
          `insert into elderly.period_report (id, organisation_id, kind, period_type, period_start, period_end, state, submitted_at)
           values ($1, $2, 'ACTIVITIES', 'YEAR', '2014-01-01', '2014-12-31', $3, $4)`,
          [randomUUID(), organisationId, state, submittedAt],
        );
      // The 2014 deadline has long passed: on time, late, a draft; the rest missing, so late too.
      await report(ids.get(NORTH)!, 'APPROVED', '2015-01-05T02:00:00Z');
      await report(ids.get(SOUTH)!, 'SUBMITTED', '2015-03-01T02:00:00Z');
      await report(clubIds[3], 'DRAFT', null);
    });
    officer = await tokenFor({ role: 'association_officer', scope: [ids.get(PROVINCE)!], subject: 'exports-officer' });
    analyst = await tokenFor({ role: 'analyst', subject: 'exports-analyst' });
  });

  it('prints each summary with the GraphQL answer\'s figures, as XLSX and CSV, on the gateway\'s host and on the subgraph', async () => {
    let compared = 0;
    for (const summary of CASES) {
      for (const host of ['gateway', 'subgraph'] as const) {
        for (const format of ['xlsx', 'csv'] as const) {
          const label = `${summary.label}, ${format} on ${host}`;
          const path = summary.path.replace('FORMAT', format);
          const answer = async () => {
            const result = await graphql(summary.overGateway ? gatewayUrl() : subgraphUrl('elderly'), summary.query, summary.variables, undefined, { token: summary.token() });
            expect(result.errors, label).toBeUndefined();
            return summary.rows(result.data!, host);
          };
          // A national figure moves while other files seed: the export must match an answer that held still around it.
          let expected: Row[] = [];
          let read;
          for (let attempt = 0; attempt < (summary.national ? 5 : 1); attempt++) {
            expected = await answer();
            read = await readExport(HOSTS[host](), path, summary.token());
            if (!summary.national || JSON.stringify(await answer()) === JSON.stringify(expected)) break;
          }
          expect(read!.title, label).toMatch(summary.title);
          const headers = typeof summary.headers === 'function' ? summary.headers(host) : summary.headers;
          expect(read!.headers, label).toEqual(headers);
          expectFigures(read!, expected, label);
          if (format === 'xlsx') {
            headers.forEach((header, column) => {
              const number = typeof expected[0][column] === 'number';
              expect(read!.formats[column], `${label}: ${header}`).toBe(number ? (header.includes('(%)') ? '#,##0.00' : '#,##0') : undefined);
            });
          }
          compared += expected.flat().length;
        }
      }
    }
    expect(compared).toBeGreaterThan(400);
  });

  it('prints real figures: the seeded clubs, members, funds and reports', async () => {
    const figures = async (path: string) => (await readExport(HOSTS.subgraph(), path, officer)).rows;
    const byCommune = await figures(`/exports/club-statistics.xlsx?associationId=${ids.get(PROVINCE)}&period.type=YEAR&period.year=2014&groupBy=COMMUNE`);
    // Clubs of 3, 5, 7 and 9 members joined in 2013; each fifth member (i = 4) left in March 2014.
    expect(byCommune.map((row) => row.slice(0, 3))).toEqual([['BEFORE_2025:18853', 1, 3], ['BEFORE_2025:18901', 1, 4], ['BEFORE_2025:18949', 1, 6], ['(Chưa rõ địa bàn)', 1, 8], ['Tổng cộng', 4, 21]]);
    // 25,000,000 + 3,500,000 + 1,234,567 in; 10,000,000 − 2,500,000 + 1,000,000 out; the first loan overdue by 30 June.
    expect(await figures(`/exports/fund-statistics.csv?associationId=${ids.get(PROVINCE)}&asOf=2014-08-31`)).toEqual([['4', '29734567', '4734567', '21234567', '8500000', '2', '1', '7500000']]);
    const [unit] = await figures(`/exports/elderly-reporting-completeness.csv?associationId=${ids.get(PROVINCE)}&period.type=YEAR&period.year=2014`);
    // Expected: the two districts and the club the province runs itself; one approved, one submitted late, one draft.
    expect(unit.slice(0, 8)).toEqual([PROVINCE, '3', '0', '1', '1', '0', '1', '2']);
    expect(unit.slice(9)).toEqual([`${SOUTH}; CLB Xuất số 4`]);
  });

  it('refuses as the field does, in JSON, on both hosts: never a 500', async () => {
    const redCrossPartner = await tokenFor({ role: 'partner', subgraph: 'red-cross' });
    const elderlyPartner = await tokenFor({ role: 'partner', subgraph: 'elderly' });
    const national = '/exports/club-statistics.csv?period.type=YEAR&period.year=2014';
    const unit = `/exports/club-statistics.xlsx?associationId=${ids.get(PROVINCE)}&period.type=YEAR&period.year=2014`;
    const cases: [keyof typeof HOSTS | 'both', string, string | null, number, string][] = [
      ['both', national, null, 401, 'FORBIDDEN'],
      ['both', national, officer, 403, 'FORBIDDEN'],
      ['both', unit, 'not-a-token', 401, 'UNAUTHENTICATED'],
      ['both', '/exports/national-elderly-reporting-completeness.xlsx?period.type=YEAR&period.year=2014', 'not-a-token', 401, 'UNAUTHENTICATED'],
      ['subgraph', unit, redCrossPartner, 403, 'FORBIDDEN'],
      ['gateway', unit, elderlyPartner, 403, 'FORBIDDEN'],
      ['both', '/exports/no-such-summary.xlsx', officer, 404, 'NOT_FOUND'],
      ['both', '/exports/club-statistics.pdf?period.type=YEAR&period.year=2014', officer, 404, 'NOT_FOUND'],
      ['both', `/exports/club-statistics.csv?associationId=${ids.get(PROVINCE)}`, officer, 400, 'BAD_USER_INPUT'],
      ['both', `/exports/fund-statistics.xlsx?associationId=${ids.get(PROVINCE)}&period.type=MONTH&period.year=2014&period.index=13`, officer, 400, 'BAD_USER_INPUT'],
      ['both', `/exports/fund-statistics.csv?associationId=${randomUUID()}`, officer, 404, 'NOT_FOUND'],
      ['both', `/exports/club-statistics.csv?associationId=${randomUUID()}&period.type=YEAR&period.year=2014`, officer, 404, 'NOT_FOUND'],
      ['both', `/exports/elderly-reporting-completeness.xlsx?associationId=${randomUUID()}&period.type=YEAR&period.year=2014`, officer, 404, 'NOT_FOUND'],
      ['both', `/exports/elderly-reporting-completeness.xlsx?associationId=not-an-id&period.type=YEAR&period.year=2014`, officer, 404, 'NOT_FOUND'],
      ['both', `/exports/club-statistics.xlsx?associationId=not-an-id&period.type=YEAR&period.year=2014`, officer, 404, 'NOT_FOUND'],
      ['both', `/exports/fund-statistics.xlsx?associationId=not-an-id`, officer, 400, 'BAD_USER_INPUT'],
      ['both', `/exports/club-statistics.xlsx?associationId=${ids.get(PROVINCE)}&period.type=YEAR&period.year=abc`, officer, 400, 'BAD_USER_INPUT'],
      ['both', `/exports/club-statistics.xlsx?associationId=${ids.get(PROVINCE)}&period.type=YEAR&period.year=2014&foundedSince=2014-02-30`, officer, 400, 'BAD_USER_INPUT'],
      ['both', `/exports/club-statistics.xlsx?associationId=${ids.get(PROVINCE)}&period.type=YEAR&period.year=2014&basis=APPROVED`, officer, 400, 'NOT_APPROVED'],
    ];
    for (const [where, path, token, status, code] of cases) {
      for (const host of where === 'both' ? (['gateway', 'subgraph'] as const) : [where]) {
        await expectRefusal(await getFrom(HOSTS[host](), path, token), status, code, `${path} as ${token?.slice(0, 12)} on ${host}`);
      }
    }
  });
});
