import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import { gatewayUrl, subgraphUrl, tokenFor } from '../../../../test/graphql.ts';
import { seedChapterTree } from '../chapter/chapter.seed.ts';

/**
 * Upload bodies of every kind a person or a proxy may send, on the gateway's host and on the
 * red-cross subgraph's: the same valid file many times (exceljs's streaming reader failed about
 * one upload in a thousand, node-unzipper#190), and generated broken ones — truncated at several
 * offsets, bytes flipped, random bytes, empty, a zip with no workbook, a workbook with no data
 * sheet, CSVs with a wrong header or a quote never closed. Every answer is JSON with a stable code
 * and the request id; none is a 500.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HOSTS = { gateway: () => gatewayUrl().replace(/\/graphql$/, ''), subgraph: () => subgraphUrl('red-cross').replace(/\/graphql$/, '') };
type Host = keyof typeof HOSTS;
const COMMUNE = 'Hội CTĐ xã Tệp Hỏng';
const HEADER = 'Đơn vị Hội;Loại hoạt động;Số lượng;Số lượt người hưởng lợi;Trị giá (đồng);Ngày thực hiện';
let officer: string;
let valid: Buffer;

async function upload(host: Host, body: Buffer | string, type: string, query = '') {
  const requestId = randomUUID();
  const response = await fetch(`${HOSTS[host]()}/imports/relief-activities${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${officer}`, 'content-type': type, 'x-request-id': requestId },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), text, requestId };
}

/** A deterministic stream of bytes (xorshift), so a failing case names the same body every run. */
function bytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** The uploads, of those named, whose file is still on disk (each upload's directory is named by its request id). */
const leftOnDisk = (requestIds: string[]) => {
  const names = readdirSync(tmpdir()).filter((name) => name.startsWith('hoi-import-'));
  return requestIds.filter((id) => names.some((name) => name.startsWith(`hoi-import-${id}-`)));
};

describe('import bodies, valid and broken', () => {
  beforeAll(async () => {
    const ids = await withDatabase((client) => seedChapterTree(client, { name: COMMUNE, level: 'PROVINCE' }));
    officer = await tokenFor({ role: 'chapter_officer', scope: [ids.get(COMMUNE)!], subject: 'sheet-bodies' });
    // The template as downloaded, filled in, a data sheet after the instructions as some offices keep it.
    const template = await fetch(`${HOSTS.subgraph()}/templates/relief-activities.xlsx`, { headers: { authorization: `Bearer ${officer}` } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await template.arrayBuffer()) as never);
    const sheet = workbook.getWorksheet('Dữ liệu')!;
    for (let i = 1; i <= 3; i++) sheet.addRow([COMMUNE, 'Suất quà', i, i, 100_000 * i, new Date(Date.UTC(2013, 0, i)), null, `dòng ${i}`]);
    valid = Buffer.from(await workbook.xlsx.writeBuffer());
  });

  it('reads the same valid file 600 times, 4 at a time on both hosts: every answer the same 200', async () => {
    const answers: Awaited<ReturnType<typeof upload>>[] = [];
    const queue = Array.from({ length: 600 }, (_, i) => (i % 2 ? 'gateway' : 'subgraph') as Host);
    await Promise.all(Array.from({ length: 4 }, async () => {
      for (let host = queue.pop(); host; host = queue.pop()) answers.push(await upload(host, valid, XLSX, '?dryRun=1'));
    }));
    const outcomes = new Map<string, number>();
    for (const answer of answers) {
      const report = JSON.parse(answer.text);
      const outcome = `${answer.status} ${report.rowsRead} ${report.errorCount}`;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      expect(report.requestId).toBe(answer.requestId);
    }
    expect(Object.fromEntries(outcomes)).toEqual({ '200 3 0': 600 });
    // Each upload's file on disk is gone once answered.
    expect(leftOnDisk(answers.map((answer) => answer.requestId))).toEqual([]);
  }, 300_000);

  it('answers every broken body with JSON, a stable code and the request id, never a 500', async () => {
    const n = valid.length;
    const noWorkbook = await JSZip.loadAsync(valid).then((zip) => zip.remove('xl/workbook.xml').generateAsync({ type: 'nodebuffer' }));
    const plainZip = await new JSZip().file('ghi-chu.txt', 'không phải bảng tính').generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const otherSheet = new ExcelJS.Workbook();
    otherSheet.addWorksheet('Khác').addRow(['Họ và tên', 'Ngày sinh']);
    otherSheet.getWorksheet('Khác')!.addRow(['Nguyễn Văn A', '01/01/1950']);
    const noDataSheet = Buffer.from(await otherSheet.xlsx.writeBuffer());
    const flipped = (offset: number) => {
      const copy = Buffer.from(valid);
      for (let i = 0; i < 16; i++) copy[(offset + i * 7) % n] ^= 0x5a;
      return copy;
    };
    // [case, body, media type, the codes it may answer with]
    const notAFile = ['NOT_A_SPREADSHEET'];
    const cases: [string, Buffer | string, string, string[]][] = [
      ...[1, 4, 30, 100, 1000, Math.floor(n / 4), Math.floor(n / 2), n - 200, n - 22, n - 1].map(
        (end) => [`xlsx cut at byte ${end} of ${n}`, valid.subarray(0, end), XLSX, notAFile] as [string, Buffer, string, string[]],
      ),
      // A flipped byte may break the deflate stream, the XML, or only a cell's value: any answer but a 500.
      ...[40, 600, Math.floor(n / 3), Math.floor(n / 2), n - 300, n - 60].map(
        (offset) => [`xlsx with bytes flipped at ${offset}`, flipped(offset), XLSX, []] as [string, Buffer, string, string[]],
      ),
      ...[1, 64, 4096, 100_000].map((length, i) => [`${length} random bytes`, bytes(length, i + 7), XLSX, notAFile] as [string, Buffer, string, string[]]),
      ['random bytes as application/octet-stream', bytes(5000, 3), 'application/octet-stream', notAFile],
      ['random bytes starting like a zip', Buffer.concat([Buffer.from('PK\u0003\u0004'), bytes(3000, 5)]), XLSX, notAFile],
      ['an empty XLSX', Buffer.alloc(0), XLSX, notAFile],
      ['an empty CSV', '', 'text/csv', ['NO_DATA_SHEET']],
      ['a zip with no workbook in it', noWorkbook, XLSX, notAFile],
      ['a zip of a text file', plainZip, XLSX, notAFile],
      ['a workbook with no data sheet', noDataSheet, XLSX, ['NO_DATA_SHEET']],
      ['a CSV with a wrong header', 'Họ và tên;Ngày sinh\nNguyễn Văn A;01/01/1950\n', 'text/csv', ['MISSING_COLUMN']],
      ['a CSV whose quote is never closed', `${HEADER}\n"${COMMUNE};Suất quà;1;1;1.000;01/01/2013\n`, 'text/csv', notAFile],
      ['an XLSX sent as CSV', valid, 'text/csv', []],
      ['random bytes sent as CSV', bytes(3000, 11), 'text/csv', []],
      ['a picture', bytes(100, 13), 'image/png', ['UNSUPPORTED_MEDIA_TYPE']],
    ];
    const requestIds: string[] = [];
    const failures: string[] = [];
    const seen = new Map<string, number>();
    for (const host of ['gateway', 'subgraph'] as const) {
      for (const [name, body, type, codes] of cases) {
        const answer = await upload(host, body, type);
        requestIds.push(answer.requestId);
        const where = `${name} on ${host}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`;
        let parsed: { errors?: { code?: string; extensions?: { code?: string; requestId?: string } }[]; requestId?: string };
        try {
          parsed = JSON.parse(answer.text);
        } catch {
          failures.push(`not JSON: ${where}`);
          continue;
        }
        const error = parsed.errors?.[0];
        const code = error?.extensions?.code ?? error?.code;
        const requestId = error?.extensions?.requestId ?? parsed.requestId;
        if (answer.status >= 500) failures.push(`5xx: ${where}`);
        else if (!answer.type?.startsWith('application/json')) failures.push(`media type ${answer.type}: ${where}`);
        else if (requestId !== answer.requestId) failures.push(`request id missing: ${where}`);
        else if (answer.status >= 400 && !code) failures.push(`no code: ${where}`);
        else if (codes.length && !codes.includes(code!)) failures.push(`code ${code}, expected ${codes.join(' or ')}: ${where}`);
        else if (codes.length && answer.status !== (code === 'NOT_A_SPREADSHEET' ? 400 : code === 'UNSUPPORTED_MEDIA_TYPE' ? 415 : 422)) failures.push(`status: ${where}`);
        seen.set(`${answer.status} ${code ?? 'written'}`, (seen.get(`${answer.status} ${code ?? 'written'}`) ?? 0) + 1);
      }
    }
    expect(failures).toEqual([]);
    // Every case answered on both hosts, most of them refused as not a spreadsheet.
    expect([...seen.values()].reduce((a, b) => a + b, 0)).toBe(cases.length * 2);
    expect(seen.get('400 NOT_A_SPREADSHEET')).toBeGreaterThanOrEqual(2 * 20);
    expect(leftOnDisk(requestIds)).toEqual([]);
    // The subgraph is still up and reads a valid file.
    expect((await upload('subgraph', valid, XLSX, '?dryRun=1')).status).toBe(200);
  });
});
