import { isDeepStrictEqual } from 'node:util';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { stableId } from '@hoi/common/ids';
import { gatewayUrl, graphql, subgraphUrl, tokenFor } from './graphql.ts';

/**
 * Every red-cross summary export, generated over each case × format × host: the file downloaded
 * over HTTP (the gateway's host, and the red-cross subgraph's for a partner), opened again with
 * exceljs or csv-parse, and every figure compared with the GraphQL answer of the same field and
 * arguments. Then each export's refusals, as JSON with a code and never a 500. The demo data's
 * figures (Lào Cai and the national headquarters, 2022), read only.
 */
const LAO_CAI = stableId('red-cross:lao-cai');
const NATIONAL = stableId('red-cross:national');
const PHU_THO = stableId('red-cross:phu-tho');
const HOSTS = { gateway: () => gatewayUrl().replace(/\/graphql$/, ''), subgraph: () => subgraphUrl('red-cross').replace(/\/graphql$/, '') };
type Host = keyof typeof HOSTS;
type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const YEAR_2022 = 'Năm 2022 (01/01/2022 – 31/12/2022)';
const HALF_2022 = '6 tháng đầu năm 2022 (01/01/2022 – 30/06/2022)';
const CURRENT = 'địa giới hiện hành';

interface Case {
  /** The export, and what this case asks of it. */
  name: string;
  about: string;
  /** The export's query string: the GraphQL field's arguments. */
  args: string;
  /** The same field with the same arguments, asked over GraphQL. */
  query: string;
  variables?: Record<string, unknown>;
  /** The file's rows after the title and the headers: the figures, in the columns [from, to). */
  figures(data: Data): (number | string)[][];
  columns: [number, number];
  /** Text columns whose every cell the answer also gives (a name, a province's id); on which host, when they differ. */
  texts?: { column: number; values(data: Data, host: Host): string[] };
  headers: string[] | ((host: Host) => string[]);
  /** What the title row names: the chapter, the period, the edition, approved figures. */
  title(data: Data): string[];
}

const RELIEF = 'activities quantity peopleReached valueVnd';
const reliefFigures = (row: Data) => [row.activities, row.quantity, row.peopleReached, row.valueVnd];
const sum = (rows: Data[], field: string) => String(rows.reduce((total, row) => total + BigInt(row[field]), 0n));
const COUNTS = ['expected', 'missing', 'draft', 'submitted', 'returned', 'approved', 'late'];
const STATE_HEADERS = ['Phải báo cáo', 'Chưa báo cáo', 'Đang soạn', 'Đã nộp, chờ duyệt', 'Bị trả lại', 'Đã duyệt', 'Nộp muộn'];
const RELIEF_HEADERS = ['Số hoạt động', 'Số lượng', 'Số lượt người hưởng lợi', 'Trị giá (đồng)'];
const INDICATORS = ['Chỉ tiêu', 'Số lượng'];

const reliefByMonth = (about: string, kind: string | null, basis: 'LIVE' | 'APPROVED' = 'LIVE'): Case => ({
  name: 'relief-by-month',
  about,
  args: `chapterId=${LAO_CAI}&period.type=HALF_YEAR&period.year=2022&period.index=1&basis=${basis}${kind ? `&kind=${kind}` : ''}`,
  query: `query ($id: ID!, $kind: ReliefKind, $basis: ReportBasis!) { chapter(id: $id) { name }
    reliefByMonth(chapterId: $id, period: { type: HALF_YEAR, year: 2022, index: 1 }, kind: $kind, basis: $basis) { month ${RELIEF} approvedVersion } }`,
  variables: { id: LAO_CAI, kind, basis },
  figures: (data) => [
    ...data.reliefByMonth.map(reliefFigures),
    [data.reliefByMonth.reduce((total: number, row: Data) => total + row.activities, 0), ...['quantity', 'peopleReached', 'valueVnd'].map((field) => sum(data.reliefByMonth, field))],
  ],
  columns: [1, 5],
  texts: { column: 0, values: (data) => [...data.reliefByMonth.map((row: Data) => row.month.split('-').reverse().join('/')), 'Tổng cộng'] },
  headers: ['Tháng', ...RELIEF_HEADERS],
  title: (data) => [data.chapter.name, HALF_2022, ...(kind ? ['Suất quà'] : []), ...(basis === 'APPROVED' ? [`đã duyệt (phiên bản ${data.reliefByMonth[0].approvedVersion})`] : [])],
});

const chapterIndicators = (name: string, field: string, fields: string[], about: string, chapterId: string, period: string, basis: 'LIVE' | 'APPROVED'): Case => ({
  name,
  about,
  args: `chapterId=${chapterId}&period.type=${period === YEAR_2022 ? 'YEAR' : 'HALF_YEAR&period.index=1'}&period.year=2022&basis=${basis}`,
  query: `query ($id: ID!, $period: PeriodInput!, $basis: ReportBasis!) { chapter(id: $id) { name ${field}(period: $period, basis: $basis) { ${fields.join(' ')} approvedVersion } } }`,
  variables: { id: chapterId, period: period === YEAR_2022 ? { type: 'YEAR', year: 2022 } : { type: 'HALF_YEAR', year: 2022, index: 1 }, basis },
  figures: (data) => fields.map((figure) => [data.chapter[field][figure]]),
  columns: [1, 2],
  headers: INDICATORS,
  title: (data) => [data.chapter.name, period, ...(basis === 'APPROVED' ? [`đã duyệt (phiên bản ${data.chapter[field].approvedVersion})`] : [])],
});

const BLOOD = ['awarenessRounds', 'plannedUnits', 'emergencyUnits', 'totalUnits'];
const MEMBERSHIP = ['grassrootsOrganisations', 'branches', 'individualMembers', 'collectiveMembers', 'volunteers', 'reports'];

const nationalCompleteness = (edition: string): Case => ({
  name: 'national-reporting-completeness',
  about: `by the provinces of ${edition}`,
  args: `period.type=YEAR&period.year=2022&unitEdition=${edition}&kind=ACTIVITIES`,
  query: `query ($edition: UnitEdition!) { nationalReportingCompleteness(period: { type: YEAR, year: 2022 }, unitEdition: $edition) { provinces { province { id name } ${COUNTS.join(' ')} } } }`,
  variables: { edition },
  figures: (data) => {
    const provinces: Data[] = data.nationalReportingCompleteness.provinces;
    return [...provinces.map((row) => COUNTS.map((count) => row[count])), COUNTS.map((count) => provinces.reduce((total, row) => total + row[count], 0))];
  },
  columns: [1, 8],
  // The gateway's host prints each province by the name GraphQL gives through the gateway; a partner's file, on the subgraph, by its id.
  texts: {
    column: 0,
    values: (data, host) => [...data.nationalReportingCompleteness.provinces.map((row: Data) => (row.province ? (host === 'gateway' ? row.province.name : row.province.id) : '(Không gắn địa bàn)')), 'Tổng cộng'],
  },
  headers: (host) => [host === 'gateway' ? 'Tỉnh, thành phố' : 'Tỉnh, thành phố (mã)', ...STATE_HEADERS],
  title: () => ['toàn quốc', YEAR_2022, edition === 'CURRENT' ? CURRENT : 'trước sắp xếp 2025'],
});

const CASES: Case[] = [
  {
    name: 'relief-summary',
    about: 'by kind, in the current edition',
    args: `chapterId=${LAO_CAI}&period.type=YEAR&period.year=2022&groupBy=KIND&unitEdition=CURRENT`,
    query: `query ($id: ID!) { reliefSummary(chapterId: $id, period: { type: YEAR, year: 2022 }, groupBy: [KIND], unitEdition: CURRENT) { chapter { name } rows { ${RELIEF} } total { ${RELIEF} } } }`,
    variables: { id: LAO_CAI },
    figures: (data) => [...data.reliefSummary.rows, data.reliefSummary.total].map(reliefFigures),
    columns: [1, 5],
    headers: ['Loại hoạt động', ...RELIEF_HEADERS],
    title: (data) => [data.reliefSummary.chapter.name, YEAR_2022, CURRENT],
  },
  {
    name: 'relief-summary',
    about: 'of the whole country by province, in the current edition',
    args: `chapterId=${NATIONAL}&period.type=YEAR&period.year=2022&groupBy=PROVINCE&unitEdition=CURRENT`,
    query: `query ($id: ID!) { reliefSummary(chapterId: $id, period: { type: YEAR, year: 2022 }, groupBy: [PROVINCE], unitEdition: CURRENT) {
      chapter { name } rows { province { id name } ${RELIEF} } total { ${RELIEF} } } }`,
    variables: { id: NATIONAL },
    figures: (data) => [...data.reliefSummary.rows, data.reliefSummary.total].map(reliefFigures),
    columns: [1, 5],
    // The gateway's host prints each province by the name GraphQL gives through the gateway; a partner's file, on the subgraph, by its id.
    texts: { column: 0, values: (data, host) => [...data.reliefSummary.rows.map((row: Data) => (row.province ? (host === 'gateway' ? row.province.name : row.province.id) : '')), 'Tổng cộng'] },
    headers: (host) => [host === 'gateway' ? 'Tỉnh, thành phố' : 'Tỉnh, thành phố (mã)', ...RELIEF_HEADERS],
    title: (data) => [data.reliefSummary.chapter.name, YEAR_2022, CURRENT],
  },
  reliefByMonth('every kind', null),
  reliefByMonth('one kind', 'GIFT_PACKAGES'),
  reliefByMonth('approved', null, 'APPROVED'),
  chapterIndicators('blood-donation-summary', 'bloodDonationSummary', BLOOD, 'live', LAO_CAI, YEAR_2022, 'LIVE'),
  chapterIndicators('blood-donation-summary', 'bloodDonationSummary', BLOOD, 'approved', LAO_CAI, HALF_2022, 'APPROVED'),
  chapterIndicators('membership-totals', 'membershipTotals', MEMBERSHIP, 'live, the whole country', NATIONAL, YEAR_2022, 'LIVE'),
  chapterIndicators('membership-totals', 'membershipTotals', MEMBERSHIP, 'approved', PHU_THO, YEAR_2022, 'APPROVED'),
  {
    name: 'reporting-completeness',
    about: 'of the provinces under the national headquarters',
    args: `chapterId=${NATIONAL}&period.type=YEAR&period.year=2022`,
    query: `query ($id: ID!) { chapter(id: $id) { name reportingCompleteness(period: { type: YEAR, year: 2022 }) { ${COUNTS.join(' ')} missingChapters { name } lateChapters { name } } } }`,
    variables: { id: NATIONAL },
    figures: (data) => COUNTS.map((count) => [data.chapter.reportingCompleteness[count]]),
    columns: [1, 2],
    texts: {
      column: 2,
      values: (data) => COUNTS.map((count) => (count === 'missing' || count === 'late' ? data.chapter.reportingCompleteness[`${count}Chapters`].map((chapter: Data) => chapter.name).join('; ') : '')),
    },
    headers: ['Tình trạng', 'Số đơn vị', 'Đơn vị'],
    title: (data) => [data.chapter.name, YEAR_2022, 'Tình hình báo cáo'],
  },
  nationalCompleteness('CURRENT'),
  nationalCompleteness('BEFORE_2025'),
];

async function call(host: Host, path: string, token: string | null) {
  const headers: Record<string, string> = { 'x-request-id': randomUUID() };
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(`${HOSTS[host]()}${path}`, { headers });
}

/** A file's rows as read back: [title, headers, ...rows], every cell as the reader gives it. */
async function rowsOf(format: 'xlsx' | 'csv', response: Response): Promise<{ rows: unknown[][]; numFmts: (string | undefined)[][] }> {
  if (format === 'csv') {
    const records: string[][] = parseCsv(await response.text(), { bom: true, relax_column_count: true });
    return { rows: records, numFmts: [] };
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
  const sheet = workbook.worksheets[0];
  const rows: unknown[][] = [];
  const numFmts: (string | undefined)[][] = [];
  sheet.eachRow((row, number) => {
    const cells: unknown[] = [];
    const formats: (string | undefined)[] = [];
    for (let column = 1; column <= row.cellCount; column += 1) {
      cells.push(row.getCell(column).value ?? '');
      formats.push(row.getCell(column).numFmt);
    }
    rows[number - 1] = cells;
    numFmts[number - 1] = formats;
  });
  return { rows, numFmts };
}

/**
 * The file, and the GraphQL answer it must agree with: asked before and after the download, and
 * again if another test's writes changed it in between (the national completeness counts every
 * chapter the suite's files create).
 */
async function downloaded(testCase: Case, host: Host, format: 'xlsx' | 'csv', token: string | null) {
  for (let attempt = 0; ; attempt += 1) {
    const before = await graphql<Data>(gatewayUrl(), testCase.query, testCase.variables ?? {}, randomUUID(), { token: null });
    expect(before.errors, testCase.about).toBeUndefined();
    const response = await call(host, `/exports/${testCase.name}.${format}?${testCase.args}`, token);
    expect(response.status, `${testCase.name} ${testCase.about} ${host} ${format}`).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${testCase.name}.${format}"`);
    const file = await rowsOf(format, response);
    const after = await graphql<Data>(gatewayUrl(), testCase.query, testCase.variables ?? {}, randomUUID(), { token: null });
    if (isDeepStrictEqual(before.data, after.data) || attempt === 3) return { data: before.data!, ...file };
  }
}

describe('red-cross summaries as spreadsheets', () => {
  const runs = CASES.flatMap((testCase) => (['xlsx', 'csv'] as const).flatMap((format) => (['gateway', 'subgraph'] as const).map((host) => ({ testCase, format, host }))));

  it.each(runs)('$testCase.name ($testCase.about) as $format on the $host host: every figure is the GraphQL answer\'s', async ({ testCase, format, host }) => {
    // Public figures: anyone through the gateway, a red-cross partner on its subgraph.
    const token = host === 'gateway' ? null : await tokenFor({ role: 'partner', subgraph: 'red-cross' });
    const { data, rows, numFmts } = await downloaded(testCase, host, format, token);
    const title = String(rows[0][0]);
    for (const part of testCase.title(data)) expect(title).toContain(part);
    expect(rows[1]).toEqual(typeof testCase.headers === 'function' ? testCase.headers(host) : testCase.headers);
    const expected = testCase.figures(data).map((row) => row.map(Number));
    expect(expected.flat().some((figure) => figure > 0), 'the demo data has figures here').toBe(true);
    const body = rows.slice(2);
    const [from, to] = testCase.columns;
    if (format === 'xlsx') {
      // Numbers as numbers, with thousands separators.
      for (const row of body) for (const cell of row.slice(from, to)) expect(typeof cell).toBe('number');
      for (const formats of numFmts.slice(2)) for (const numFmt of formats.slice(from, to)) expect(numFmt).toBe('#,##0');
    }
    expect(body.map((row) => row.slice(from, to).map(Number))).toEqual(expected);
    if (testCase.texts) expect(body.map((row) => String(row[testCase.texts!.column] ?? ''))).toEqual(testCase.texts.values(data, host));
  });

  const exportsOf = [...new Set(CASES.map((testCase) => testCase.name))];
  const argsOf = (name: string) => CASES.find((testCase) => testCase.name === name)!.args;

  it.each(exportsOf)('%s: refusals are JSON with a code and the status of their kind, never a 500', async (name) => {
    const args = argsOf(name);
    const expectRefusal = async (response: Response, status: number, code: string, field?: string) => {
      expect(response.status, `${name}: ${code}`).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      const extensions = (await response.json()).errors[0].extensions;
      expect(extensions.code).toBe(code);
      if (field) expect(extensions.field).toBe(field);
    };
    const withoutPeriod = args.split('&').filter((arg) => !arg.startsWith('period.')).join('&');
    for (const host of ['gateway', 'subgraph'] as const) {
      // An argument the field requires, left out; an enum value it does not know.
      expect((await call(host, `/exports/${name}.xlsx?${withoutPeriod}`, null)).status).toBe(400);
      expect((await call(host, `/exports/${name}.csv?${args.replace('period.type=', 'period.type=DECADE&x=')}`, null)).status).toBe(400);
      // A token that is not one.
      await expectRefusal(await call(host, `/exports/${name}.csv?${args}`, 'not-a-token'), 401, 'UNAUTHENTICATED');
      if (args.includes('chapterId=')) {
        await expectRefusal(await call(host, `/exports/${name}.xlsx?${args.replace(/chapterId=[^&]+/, `chapterId=${randomUUID()}`)}`, null), 404, 'NOT_FOUND', 'chapterId');
        const malformed = await call(host, `/exports/${name}.csv?${args.replace(/chapterId=[^&]+/, 'chapterId=not-an-id')}`, null);
        expect([400, 404], `${name}: a chapter id that is no id`).toContain(malformed.status);
        expect((await malformed.json()).errors[0].extensions.code).toMatch(/^(BAD_USER_INPUT|NOT_FOUND)$/);
      }
    }
    // A partner of another subgraph on this one; a partner through the gateway.
    await expectRefusal(await call('subgraph', `/exports/${name}.csv?${args}`, await tokenFor({ role: 'partner', subgraph: 'elderly' })), 403, 'FORBIDDEN');
    await expectRefusal(await call('gateway', `/exports/${name}.xlsx?${args}`, await tokenFor({ role: 'partner', subgraph: 'red-cross' })), 403, 'FORBIDDEN');
  });

  it('answers NOT_APPROVED, not a 500, for approved figures no report holds', async () => {
    for (const name of ['membership-totals', 'blood-donation-summary']) {
      const response = await call('gateway', `/exports/${name}.xlsx?chapterId=${LAO_CAI}&period.type=YEAR&period.year=2019&basis=APPROVED`, null);
      expect(response.status).toBe(400);
      expect((await response.json()).errors[0].extensions.code).toBe('NOT_APPROVED');
    }
  });

  it('answers 404 with a code for an export no subgraph serves, on both hosts', async () => {
    for (const host of ['gateway', 'subgraph'] as const) {
      for (const path of ['/exports/nothing-of-the-kind.xlsx', '/exports/nothing-of-the-kind.csv', '/exports/relief-by-month.pdf']) {
        const response = await call(host, path, null);
        expect(response.status, `${host} ${path}`).toBe(404);
        expect((await response.json()).errors[0].extensions.code).toBe('NOT_FOUND');
      }
    }
    const index = await (await fetch(`${HOSTS.subgraph()}/spreadsheets`)).json();
    expect(index.exports).toEqual(expect.arrayContaining(['relief-summary', ...new Set(CASES.map((testCase) => testCase.name))]));
  });
});
