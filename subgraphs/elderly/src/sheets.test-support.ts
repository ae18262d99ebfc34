import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { withDatabase } from '../../../test/database.ts';
import { gatewayUrl, subgraphUrl } from '../../../test/graphql.ts';

/**
 * The elderly subgraph's sheets over HTTP, as a person uses them: the template downloaded, its data
 * sheet filled in with exceljs, saved as XLSX or as CSV, uploaded on the gateway's host or on the
 * subgraph's. Shared by each kind's tests.
 */
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const HOSTS = { gateway: () => gatewayUrl().replace(/\/graphql$/, ''), subgraph: () => subgraphUrl('elderly').replace(/\/graphql$/, '') };
export type Host = keyof typeof HOSTS;
export type Format = 'xlsx' | 'csv';
export const FILES = (['gateway', 'subgraph'] as const).flatMap((host) => (['xlsx', 'csv'] as const).map((format) => ({ host, format })));

export interface ImportReport {
  written: number;
  alreadyImported: number;
  errorCount: number;
  committed: boolean;
  errors: { row: number; column: string | null; code: string; message: string; detail?: string }[];
}

export async function template(kind: string, token: string, host: Host = 'gateway'): Promise<ExcelJS.Workbook> {
  const response = await fetch(`${HOSTS[host]()}/templates/${kind}.xlsx`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
  return workbook;
}

/** The template filled in with rows on its data sheet, saved in the format asked. */
export async function filled(kind: string, token: string, rows: unknown[][], format: Format = 'xlsx'): Promise<Buffer> {
  const workbook = await template(kind, token);
  const sheet = workbook.getWorksheet('Dữ liệu')!;
  for (const row of rows) sheet.addRow(row);
  if (format === 'xlsx') return Buffer.from(await workbook.xlsx.writeBuffer());
  // Only the data sheet, dates as a Vietnamese office writes them.
  const csv = new ExcelJS.Workbook();
  const copy = csv.addWorksheet('Dữ liệu');
  sheet.eachRow((row) => copy.addRow((row.values as unknown[]).slice(1)));
  return Buffer.from(await csv.csv.writeBuffer({ dateFormat: 'DD/MM/YYYY', dateUTC: true } as never));
}

export async function upload(kind: string, token: string, file: Buffer, host: Host, format: Format, query = ''): Promise<{ status: number; report: ImportReport }> {
  const response = await fetch(`${HOSTS[host]()}/imports/${kind}${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': format === 'xlsx' ? XLSX : 'text/csv', 'x-request-id': randomUUID() },
    body: new Uint8Array(file),
  });
  return { status: response.status, report: (await response.json()) as ImportReport };
}

/** Where each error is: row, column, code. */
export const placesOf = (report: ImportReport) => report.errors.map(({ row, column, code }) => ({ row, column, code }));

/** The club's reports of a year approved: its days are locked (khóa sổ). */
export function lockYear(organisationId: string, year: number): Promise<void> {
  return withDatabase(async (client) => {
    await client.query(
      `insert into elderly.period_report (id, organisation_id, kind, period_type, period_start, period_end, state, version) values ($1, $2, 'ACTIVITIES', 'YEAR', $3, $4, 'APPROVED', 1)`,
      [randomUUID(), organisationId, `${year}-01-01`, `${year}-12-31`],
    );
  });
}

export const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
