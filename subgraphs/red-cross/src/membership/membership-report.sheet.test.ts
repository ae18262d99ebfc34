import { gatewayUrl, graphql } from '../../../../test/graphql.ts';
import { describeSheetKind, ownChapters, type Host } from '../spreadsheet.test-support.ts';

/**
 * Membership reports in and out of spreadsheets: the tests every kind passes (see
 * describeSheetKind), with this kind's cases, on chapters of this file only.
 */
const own = ownChapters('Hội Viên', { periodType: 'YEAR', start: '2019-01-01', end: '2019-12-31' });
const { district: DISTRICT, commune: COMMUNE, locked: LOCKED, communeCode: COMMUNE_CODE } = own;

type Figures = [number, number, number, number, number];
const PERIOD_LABELS: Record<string, string> = { Năm: 'YEAR', '6 tháng': 'HALF_YEAR', Quý: 'QUARTER', quy: 'QUARTER', Tháng: 'MONTH', thang: 'MONTH' };
const count = (cell: unknown) => (typeof cell === 'number' ? cell : Number(String(cell).replace(/\./g, '')));

interface Report {
  period: { type: string; year: number; index: number | null };
  grassrootsOrganisations: number;
  branches: number;
  individualMembers: number;
  collectiveMembers: number;
  volunteers: number;
}

describeSheetKind({
  kind: 'membership-reports',
  table: 'membership_report',
  headers: ['Đơn vị Hội', 'Năm báo cáo', 'Loại kỳ báo cáo', 'Kỳ thứ', 'Số tổ chức Hội cơ sở', 'Số chi hội', 'Số hội viên cá nhân', 'Số hội viên tập thể', 'Số tình nguyện viên'],
  listColumns: ['A', 'C'],
  chapters: own.chapters,
  // Chapters by name in the other tone-mark style ("Thuỷ", "Hoà"), by unit code and by id; period types by label, with and without marks.
  good(ids, host) {
    const year = host === 'gateway' ? 2019 : 2020;
    const rows: [string, number, string, number | null, ...Figures][] = [
      [own.written.commune, year, 'Quý', 1, 3, 12, 1_250, 2, 40],
      [COMMUNE_CODE, year, 'quy', 2, 3, 13, 1_262, 2, 41],
      [own.written.district, year, 'Năm', null, 9, 48, 5_100, 7, 160],
      [ids.get(DISTRICT), year, '6 tháng', 1, 9, 47, 5_020, 7, 150],
      [DISTRICT, year, 'thang', 12, 9, 49, 5_140, 8, 161],
    ];
    // Numbers as a Vietnamese file writes them: 1.262 is one thousand two hundred and sixty-two.
    return rows.map((row, i) => (i === 1 ? [...row.slice(0, 6), '1.262', ...row.slice(7)] : row));
  },
  async readBack(ids, _host: Host, rows) {
    const reportsOf = async (name: string) => {
      const answer = await graphql<{ chapter: { membershipReports: { edges: { node: Report }[] } } }>(
        gatewayUrl(),
        `query ($id: ID!) { chapter(id: $id) { membershipReports(first: 100) { edges { node {
          period { type year index } grassrootsOrganisations branches individualMembers collectiveMembers volunteers } } } } }`,
        { id: ids.get(name) },
      );
      return answer.data!.chapter.membershipReports.edges.map(({ node }) => node);
    };
    const years = new Set(rows.map((row) => row[1]));
    const answered = [...(await reportsOf(COMMUNE)), ...(await reportsOf(DISTRICT))].filter((report) => years.has(report.period.year));
    const fromFile = rows.map(([, year, label, index, ...figures]) => ({
      period: { type: PERIOD_LABELS[label as string], year, index: PERIOD_LABELS[label as string] === 'YEAR' ? null : index },
      ...Object.fromEntries(['grassrootsOrganisations', 'branches', 'individualMembers', 'collectiveMembers', 'volunteers'].map((field, i) => [field, count(figures[i])])),
    }));
    const order = (list: Report[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    return { answered: order(answered), fromFile: order(fromFile as Report[]) };
  },
  fiveErrors: () => ({
    rows: [
      [COMMUNE, 2021, 'Quý', 1, 3, 12, 1_250, 2, 40],
      [COMMUNE, 2021, 'Tuần', 1, 3, 12, 1_250, 2, 40],
      [COMMUNE, 2021, 'Quý', 2, 3, 12, '1.250,5', 2, 40],
      [COMMUNE, 2021, 'Quý', 5, 3, 12, 1_250, 2, 40],
      // The period's own rule (a year from 1945), as the mutation's nested input applies it.
      [COMMUNE, 1800, 'Năm', null, 3, 12, 1_250, 2, 40],
      [DISTRICT, 2021, 'Năm', null, 9, 48, 5_100, 7, 160],
      // A chapter reports a period once: the first row of this file already did.
      [own.written.commune, 2021, 'quý', 1, 4, 12, 1_250, 2, 40],
    ],
    errors: [
      { row: 3, column: 'Loại kỳ báo cáo', code: 'NOT_IN_LIST' },
      { row: 4, column: 'Số hội viên cá nhân', code: 'INVALID_NUMBER' },
      { row: 5, column: 'Kỳ thứ', code: 'BAD_USER_INPUT' },
      { row: 6, column: 'Năm báo cáo', code: 'BAD_USER_INPUT' },
      { row: 8, column: 'Năm báo cáo', code: 'CONFLICT' },
    ],
  }),
  locked: () => ({
    rows: [
      [LOCKED, 2019, 'Quý', 3, 1, 5, 300, 0, 10],
      [LOCKED, 2018, 'Năm', null, 1, 5, 300, 0, 10],
      [LOCKED, 2019, 'Tháng', 12, 1, 5, 300, 0, 10],
    ],
    errors: [
      { row: 2, column: 'Năm báo cáo', code: 'PERIOD_LOCKED' },
      { row: 4, column: 'Năm báo cáo', code: 'PERIOD_LOCKED' },
    ],
  }),
});
