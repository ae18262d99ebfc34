import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import { graphql, statementsFor, subgraphUrl, tokenFor } from '../../../../test/graphql.ts';
import { seedChapterTree } from '../chapter/chapter.seed.ts';
import { day, sheetClient, XLSX } from '../spreadsheet.test-support.ts';

/**
 * Relief activities in and out of spreadsheets, over HTTP, on the gateway's host and on the
 * red-cross subgraph's: real files made and opened with exceljs and csv-parse. Dates of 2013
 * (relief cannot be recorded in the future, so the years reserved for this suite, 2111–2115,
 * cannot carry it); every chapter is this file's own.
 */
const PROVINCE = 'Hội CTĐ tỉnh Bảng Tính';
const DISTRICT = 'Hội CTĐ huyện Hòa Bảng';
const COMMUNE = 'Hội CTĐ xã Thủy Bảng';
const LOCKED = 'Hội CTĐ huyện Khóa Sổ';
const OTHER = 'Hội CTĐ tỉnh Ngoài Bảng';
let ids: Map<string, string>;
let officer: string;

const { call, upload, filledTemplate } = sheetClient('relief-activities', () => officer);

async function activitiesOf(name: string): Promise<{ count: number; value: string }> {
  return withDatabase(async (client) => {
    const { rows } = await client.query(`select count(*)::int as count, coalesce(sum(value_vnd), 0)::text as value from red_cross.relief_activity where chapter_id = $1`, [ids.get(name)]);
    return rows[0];
  });
}

describe('relief activities in spreadsheets', () => {
  beforeAll(async () => {
    ids = await withDatabase(async (client) => {
      const tree = await seedChapterTree(client, {
        name: PROVINCE,
        level: 'PROVINCE',
        children: [
          { name: DISTRICT, level: 'DISTRICT', children: [{ name: COMMUNE, level: 'GRASSROOTS' }] },
          { name: LOCKED, level: 'DISTRICT' },
        ],
      });
      await seedChapterTree(client, { name: OTHER, level: 'PROVINCE' }, null, tree);
      // The district's year 2013 is approved: its days take no more activities.
      await client.query(
        `insert into red_cross.period_report (id, organisation_id, kind, period_type, period_start, period_end, state, version) values ($1, $2, 'ACTIVITIES', 'YEAR', '2013-01-01', '2013-12-31', 'APPROVED', 1)`,
        [randomUUID(), tree.get(LOCKED)],
      );
      return tree;
    });
    officer = await tokenFor({ role: 'chapter_officer', scope: [ids.get(PROVINCE)!], subject: 'sheet-officer' });
    const campaign = await graphql(subgraphUrl('red-cross'), `mutation ($input: CampaignInput!) { createCampaign(input: $input) { id } }`, {
      input: { name: 'Tết Bảng Tính', scope: 'LOCAL', recurrence: 'YEARLY', organiserChapterId: ids.get(DISTRICT) },
    });
    expect(campaign.errors).toBeUndefined();
  });

  it('serves a template with Vietnamese headers, drop-down lists, instructions and only the caller\'s organisations', async () => {
    for (const host of ['gateway', 'subgraph'] as const) {
      const response = await call(host, '/templates/relief-activities.xlsx');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(XLSX);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Dữ liệu', 'Hướng dẫn', 'Danh mục']);
      const data = workbook.getWorksheet('Dữ liệu')!;
      expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(['Đơn vị Hội', 'Loại hoạt động', 'Số lượng', 'Số lượt người hưởng lợi', 'Trị giá (đồng)', 'Ngày thực hiện', 'Chiến dịch, phong trào', 'Ghi chú']);
      expect(data.getCell('B2').dataValidation).toMatchObject({ type: 'list' });
      expect(data.getCell('A500').dataValidation).toMatchObject({ type: 'list' });
      const lists = workbook.getWorksheet('Danh mục')!;
      const organisations = (lists.getColumn(1).values as unknown[]).slice(2);
      expect(organisations).toEqual(expect.arrayContaining([PROVINCE, DISTRICT, COMMUNE, LOCKED]));
      expect(organisations).not.toContain(OTHER);
      expect((lists.getColumn(2).values as unknown[]).slice(2)).toContain('Suất quà');
      const instructions = workbook.getWorksheet('Hướng dẫn')!;
      const text = instructions.getSheetValues().flat().join(' ');
      expect(text).toContain('dd/mm/yyyy');
      expect(text).toContain('30/01/2024');
    }
  });

  it('imports a filled-in template once: written through the mutation\'s code, one audit entry per row, nothing new on a re-upload', async () => {
    const before = await activitiesOf(COMMUNE);
    // The other tone-mark style ("Thuỷ", "Hoà"), a kind without its marks, an Excel date and a typed one.
    const file = await filledTemplate('gateway', [
      ['Hội CTĐ xã Thuỷ Bảng', 'Suất quà', 100, 100, 50_000_000, day('2013-01-20'), 'Tết Bảng Tính', 'Tết'],
      ['Hội CTĐ xã Thuỷ Bảng', 'bua an mien phi', 300, 150, '4.500.000', '15/02/2013', null, null],
      ['Hội CTĐ huyện Hoà Bảng', 'Trợ giúp đột xuất', 5, 20, 10_000_000, day('2013-03-02'), null, 'Lũ'],
    ]);
    const requestId = randomUUID();
    const first = await upload('gateway', file, '', { requestId });
    const report = await first.json();
    expect(first.status, JSON.stringify(report)).toBe(200);
    expect(report).toMatchObject({ committed: true, rowsRead: 3, written: 3, alreadyImported: 0, errorCount: 0, errors: [], leftOut: [] });
    const after = await activitiesOf(COMMUNE);
    expect(after.count - before.count).toBe(2);
    expect(BigInt(after.value) - BigInt(before.value)).toBe(54_500_000n);
    const audit = await withDatabase((client) =>
      client.query(`select operation, count(*)::int as n from red_cross.audit_entry where request_id = $1 and entity = 'ReliefActivity' group by operation`, [requestId]),
    );
    expect(audit.rows).toEqual([{ operation: 'import:relief-activities', n: 3 }]);
    const summary = await graphql<{ reliefSummary: { total: { activities: number; valueVnd: string } } }>(
      subgraphUrl('red-cross'),
      `query ($id: ID!) { reliefSummary(chapterId: $id, period: { type: YEAR, year: 2013 }) { total { activities valueVnd } } }`,
      { id: ids.get(DISTRICT) },
    );
    // The district's subtree had nothing in 2013 before: the summary now reads the three rows.
    expect(summary.data?.reliefSummary.total.activities).toBe(3);
    expect(String(summary.data?.reliefSummary.total.valueVnd)).toBe('64500000');
    for (const host of ['gateway', 'subgraph'] as const) {
      const again = await (await upload(host, file)).json();
      expect(again).toMatchObject({ committed: true, rowsRead: 3, written: 0, alreadyImported: 3, errorCount: 0 });
    }
    expect(await activitiesOf(COMMUNE)).toEqual(after);
  });

  it('reports five errors in five places by row, column and code, in Vietnamese, and writes nothing', async () => {
    const before = await activitiesOf(COMMUNE);
    const file = await filledTemplate('subgraph', [
      [COMMUNE, 'Suất quà', 10, 10, 1_000_000, day('2013-04-01'), null, null],
      [COMMUNE, 'Suất quà', 10, 10, 1_000_000, '31/02/2013', null, null],
      [COMMUNE, 'Suất quà', '12,5', 10, 1_000_000, day('2013-04-01'), null, null],
      [COMMUNE, 'Quà Tết', 10, 10, 1_000_000, day('2013-04-01'), null, null],
      // The input type's own rule (quantity at least 1), as the mutation applies it.
      [COMMUNE, 'Suất quà', 0, 10, 1_000_000, day('2013-04-01'), null, null],
      [COMMUNE, 'Suất quà', 10, 10, 1_000_000, day('2013-04-01'), null, null],
      // The mutation's own rule: nothing recorded before it happens.
      [COMMUNE, 'Suất quà', 10, 10, 1_000_000, '01/01/2099', null, null],
    ]);
    for (const host of ['gateway', 'subgraph'] as const) {
      const response = await upload(host, file);
      const report = await response.json();
      expect(response.status).toBe(422);
      expect(report).toMatchObject({ committed: false, written: 0, rowsRead: 7, errorCount: 5 });
      expect(report.errors.map(({ row, column, code }: { row: number; column: string; code: string }) => ({ row, column, code }))).toEqual([
        { row: 3, column: 'Ngày thực hiện', code: 'INVALID_DATE' },
        { row: 4, column: 'Số lượng', code: 'INVALID_NUMBER' },
        { row: 5, column: 'Loại hoạt động', code: 'NOT_IN_LIST' },
        { row: 6, column: 'Số lượng', code: 'BAD_USER_INPUT' },
        { row: 8, column: 'Ngày thực hiện', code: 'BAD_USER_INPUT' },
      ]);
      for (const error of report.errors) expect(error.message).toMatch(/[àáảãạâăđêôơưíìỏõóòọúùủũụ]/i);
      expect(await activitiesOf(COMMUNE)).toEqual(before);
    }
  });

  it('in valid-rows mode writes the good rows and names those left out; a dry run writes nothing', async () => {
    const before = await activitiesOf(DISTRICT);
    const rows = [
      [DISTRICT, 'Chợ nhân đạo', 1, 400, 20_000_000, day('2013-05-10'), null, 'valid-rows'],
      [DISTRICT, 'Chợ nhân đạo', 1, 400, 20_000_000, day('2013-05-11'), 'Không có chiến dịch này', 'valid-rows'],
      [DISTRICT, 'Chợ nhân đạo', 1, 400, 20_000_000, day('2013-05-12'), null, 'valid-rows'],
    ];
    const file = await filledTemplate('gateway', rows);
    const dry = await upload('gateway', file, '?mode=valid-rows&dryRun=1');
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ dryRun: true, committed: false, written: 0, leftOut: [3], errors: [{ row: 3, column: 'Chiến dịch, phong trào', code: 'NOT_FOUND' }] });
    expect(await activitiesOf(DISTRICT)).toEqual(before);
    const good = await filledTemplate('gateway', [rows[0]]);
    const dryGood = await (await upload('subgraph', good, '?dryRun=1')).json();
    expect(dryGood).toMatchObject({ dryRun: true, committed: false, written: 0, errorCount: 0, rowsRead: 1 });
    expect(await activitiesOf(DISTRICT)).toEqual(before);

    const response = await upload('gateway', file, '?mode=valid-rows');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ committed: true, written: 2, leftOut: [3], errorCount: 1 });
    expect((await activitiesOf(DISTRICT)).count).toBe(before.count + 2);
    // The same file again, its bad row mended: only that row is new.
    const mended = await filledTemplate('gateway', [rows[0], [...rows[1].slice(0, 6), 'Tết Bảng Tính', 'valid-rows'], rows[2]]);
    expect(await (await upload('subgraph', mended)).json()).toMatchObject({ committed: true, written: 1, alreadyImported: 2 });
    expect((await activitiesOf(DISTRICT)).count).toBe(before.count + 3);
  });

  it('refuses each row in an approved period with PERIOD_LOCKED', async () => {
    const file = await filledTemplate('subgraph', [
      [LOCKED, 'Suất quà', 1, 1, 100_000, day('2013-06-01'), null, null],
      [LOCKED, 'Suất quà', 1, 1, 100_000, day('2014-06-01'), null, null],
      [LOCKED, 'Suất quà', 2, 2, 100_000, day('2013-07-01'), null, null],
    ]);
    for (const host of ['gateway', 'subgraph'] as const) {
      const response = await upload(host, file);
      expect(response.status).toBe(422);
      const report = await response.json();
      expect(report.errors.map(({ row, column, code }: { row: number; column: string; code: string }) => ({ row, column, code }))).toEqual([
        { row: 2, column: 'Ngày thực hiện', code: 'PERIOD_LOCKED' },
        { row: 4, column: 'Ngày thực hiện', code: 'PERIOD_LOCKED' },
      ]);
      expect(await activitiesOf(LOCKED)).toEqual({ count: 0, value: '0' });
    }
  });

  it('reads a CSV with dd/mm/yyyy dates, 23.500-style numbers, a semicolon separator and a byte-order mark', async () => {
    const before = await activitiesOf(COMMUNE);
    const csv = '\uFEFFĐơn vị Hội;Loại hoạt động;Số lượng;Số lượt người hưởng lợi;Trị giá (đồng);Ngày thực hiện;Ghi chú\n'
      + `${COMMUNE};Hỗ trợ sinh kế;3;12;23.500;05/03/2013;"Bò giống; gà"\n`
      + `${ids.get(COMMUNE)};Suất quà;1.000;1.000;1.250.000.000;5/3/2013;\n`;
    const response = await upload('subgraph', csv);
    const report = await response.json();
    expect(response.status, JSON.stringify(report)).toBe(200);
    expect(report).toMatchObject({ written: 2, errorCount: 0 });
    const after = await activitiesOf(COMMUNE);
    expect(after.count).toBe(before.count + 2);
    expect(BigInt(after.value) - BigInt(before.value)).toBe(1_250_023_500n);
  });

  it('refuses callers who may not write, with a code and never a 500', async () => {
    const tokens = {
      anonymous: null,
      analyst: await tokenFor({ role: 'analyst' }),
      partner: await tokenFor({ role: 'partner', subgraph: 'red-cross' }),
      'elderly officer': await tokenFor({ role: 'association_officer', scope: [randomUUID()] }),
      'bad token': 'not-a-token',
    };
    const file = await filledTemplate('subgraph', [[COMMUNE, 'Suất quà', 1, 1, 1, day('2013-01-01'), null, null]]);
    const cases = [];
    for (const [who, token] of Object.entries(tokens)) {
      for (const host of ['gateway', 'subgraph'] as const) {
        cases.push({ who, host, route: 'template', response: await call(host, '/templates/relief-activities.xlsx', { token }) });
        cases.push({ who, host, route: 'import', response: await upload(host, file, '', { token }) });
      }
    }
    for (const { who, host, route, response } of cases) {
      const expected = who === 'anonymous' || who === 'bad token' ? 401 : 403;
      expect(response.status, `${who} ${route} on ${host}`).toBe(expected);
      const body = await response.json();
      expect(body.errors[0].extensions.code).toBe(expected === 401 ? (who === 'anonymous' ? 'FORBIDDEN' : 'UNAUTHENTICATED') : 'FORBIDDEN');
      expect(body.errors[0].extensions.requestId).toEqual(expect.any(String));
    }
    expect((await call('gateway', '/imports/nothing-of-the-kind', { method: 'POST', body: file, type: XLSX })).status).toBe(404);
    expect((await upload('subgraph', 'not a zip', '', { type: XLSX })).status).toBe(400);
    expect((await upload('subgraph', file, '', { type: 'image/png' })).status).toBe(415);
  });

  it('exports the relief summary as XLSX and CSV with the GraphQL answer\'s figures, on both hosts, under its access rules', async () => {
    const query = `query ($id: ID!) { reliefSummary(chapterId: $id, period: { type: YEAR, year: 2013 }, groupBy: [KIND], unitEdition: CURRENT) {
      total { activities quantity peopleReached valueVnd } rows { kind activities quantity peopleReached valueVnd } } }`;
    const answer = await graphql<{ reliefSummary: { total: Record<string, unknown>; rows: Record<string, unknown>[] } }>(subgraphUrl('red-cross'), query, { id: ids.get(PROVINCE) });
    const expected = [...answer.data!.reliefSummary.rows, answer.data!.reliefSummary.total].map((row) => [row.activities, row.quantity, row.peopleReached, row.valueVnd].map(Number));
    expect(expected.length).toBeGreaterThan(2);
    const args = `?chapterId=${ids.get(PROVINCE)}&period.type=YEAR&period.year=2013&groupBy=KIND&unitEdition=CURRENT`;
    const partner = await tokenFor({ role: 'partner', subgraph: 'red-cross' });
    for (const [host, token] of [['gateway', null], ['gateway', officer], ['subgraph', partner], ['subgraph', null]] as const) {
      const xlsx = await call(host, `/exports/relief-summary.xlsx${args}`, { token });
      expect(xlsx.status, `${host} xlsx`).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
      const sheet = workbook.worksheets[0];
      expect(String(sheet.getCell('A1').value)).toMatch(new RegExp(`${PROVINCE}.*Năm 2013 \\(01/01/2013 – 31/12/2013\\).*hiện hành`));
      expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['Loại hoạt động', 'Số hoạt động', 'Số lượng', 'Số lượt người hưởng lợi', 'Trị giá (đồng)']);
      const figures: number[][] = [];
      sheet.eachRow((row, number) => {
        if (number > 2) figures.push((row.values as unknown[]).slice(2, 6) as number[]);
      });
      expect(figures).toEqual(expected);
      expect(sheet.getCell('E3').numFmt).toBe('#,##0');
      expect(sheet.getCell(`A${expected.length + 2}`).value).toBe('Tổng cộng');

      const csv = await call(host, `/exports/relief-summary.csv${args}`, { token });
      expect(csv.status).toBe(200);
      const records: string[][] = parseCsv(await csv.text(), { bom: true, relax_column_count: true });
      expect(records[1][0]).toBe('Loại hoạt động');
      expect(records.slice(2).map((record) => record.slice(1).map(Number))).toEqual(expected);
    }
    // The GraphQL field's own refusals: arguments missing or wrong, a chapter that is not there, a partner of another subgraph.
    expect((await call('gateway', '/exports/relief-summary.csv?period.type=YEAR&period.year=2013')).status).toBe(400);
    expect((await call('subgraph', `/exports/relief-summary.csv?chapterId=${ids.get(PROVINCE)}&period.type=DECADE&period.year=2013`)).status).toBe(400);
    const missing = await call('gateway', `/exports/relief-summary.xlsx?chapterId=${randomUUID()}&period.type=YEAR&period.year=2013`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'chapterId' });
    const elderlyPartner = await tokenFor({ role: 'partner', subgraph: 'elderly' });
    expect((await call('subgraph', `/exports/relief-summary.csv${args}`, { token: elderlyPartner })).status).toBe(403);
    expect((await call('gateway', `/exports/relief-summary.csv${args}`, { token: partner })).status).toBe(403);
  });

  it('costs the same SQL statements for 4 rows as for 60 over the same chapters and months: checks that repeat are read once', async () => {
    const statements = async (rows: number, run: string) => {
      const lines = Array.from({ length: rows }, (_, i) => `${i % 2 ? COMMUNE : DISTRICT};Suất quà;1;1;1.000;${String(1 + (i % 28)).padStart(2, '0')}/${i % 4 < 2 ? '09' : '10'}/2012;${run} ${i}`);
      const requestId = randomUUID();
      const response = await upload('subgraph', `Đơn vị Hội;Loại hoạt động;Số lượng;Số lượt người hưởng lợi;Trị giá (đồng);Ngày thực hiện;Ghi chú\n${lines.join('\n')}\n`, '', { requestId });
      expect(await response.json()).toMatchObject({ written: rows, errorCount: 0 });
      return (await statementsFor(requestId))['red-cross'];
    };
    const few = await statements(4, 'few');
    const many = await statements(60, 'many');
    expect(many).toBe(few);
  });
});

