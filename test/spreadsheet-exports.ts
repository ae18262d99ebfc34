import { randomUUID } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { gatewayUrl, subgraphUrl } from './graphql.ts';

/** A cell as read back: numbers in XLSX as numbers, everything in CSV as its text. */
export type Cell = string | number | null;

export interface ReadExport {
  title: string;
  headers: string[];
  /** The rows under the header row. */
  rows: Cell[][];
  /** XLSX only: the number format of each column of the first data row. */
  formats: (string | undefined)[];
}

export const exportHosts = (subgraph: string) => ({
  gateway: () => gatewayUrl().replace(/\/graphql$/, ''),
  subgraph: () => subgraphUrl(subgraph).replace(/\/graphql$/, ''),
});

/** GET on a host, with a token (none when null), as a client would. */
export async function getFrom(base: string, path: string, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { 'x-request-id': randomUUID() };
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(`${base}${path}`, { headers });
}

/** An export downloaded and opened again, with exceljs or csv-parse: what a person's spreadsheet program would show. */
export async function readExport(base: string, path: string, token: string | null): Promise<ReadExport> {
  const response = await getFrom(base, path, token);
  const format = path.split('?')[0].endsWith('.xlsx') ? 'xlsx' : 'csv';
  expect(response.status, `${base}${path}: ${response.status === 200 ? '' : await response.clone().text()}`).toBe(200);
  expect(response.headers.get('content-disposition')).toMatch(new RegExp(`\\.${format}"$`));
  if (format === 'csv') {
    const records: string[][] = parseCsv(await response.text(), { bom: true, relax_column_count: true });
    return { title: records[0][0], headers: records[1], rows: records.slice(2), formats: [] };
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
  const sheet = workbook.worksheets[0];
  const width = sheet.getRow(2).cellCount;
  const cells = (number: number) => Array.from({ length: width }, (_, index) => sheet.getRow(number).getCell(index + 1));
  const rows: Cell[][] = [];
  for (let number = 3; number <= sheet.rowCount; number++) rows.push(cells(number).map((cell) => (cell.value ?? null) as Cell));
  return { title: String(sheet.getCell('A1').value), headers: cells(2).map((cell) => String(cell.value)), rows, formats: rows.length ? cells(3).map((cell) => cell.numFmt) : [] };
}

/**
 * The figures of an export as the GraphQL answer gives them: numbers (counts, VND, decimals) must
 * read back as the same numbers — in XLSX as numbers, in CSV as their digits — and text as itself.
 */
export function expectFigures(read: ReadExport, expected: (string | number)[][], label: string): void {
  const asRead = read.rows.map((row, r) => row.map((cell, c) => {
    const wanted = expected[r]?.[c];
    if (typeof wanted === 'number') return typeof cell === 'number' ? cell : cell === '' || cell === null ? null : Number(cell);
    return cell ?? '';
  }));
  expect(asRead, label).toEqual(expected);
}

/** A refusal: the status, a JSON body in the API's error shape with its stable code, never a 500. */
export async function expectRefusal(response: Response, status: number, code: string, label: string): Promise<void> {
  expect(response.status, label).toBe(status);
  expect(response.headers.get('content-type'), label).toMatch(/json/);
  const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
  expect(body.errors[0].extensions.code, label).toBe(code);
  expect(body.errors[0].extensions.requestId, label).toEqual(expect.any(String));
}
