import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { notFound } from '../errors.ts';

/**
 * A summary as a printed report: a title row naming the period and the unit edition, Vietnamese
 * headers, then one row per line of the summary. Numbers stay numbers (VND shown with thousands
 * separators); a figure too large for a double is written as its digits, never rounded.
 */
export interface ExportColumn {
  header: string;
  /** `decimal`: an exact decimal string ("87.50", "66.96"), written as a number shown with two decimals. */
  kind: 'text' | 'integer' | 'vnd' | 'decimal';
  width?: number;
}

export interface ExportTable {
  title: string;
  columns: readonly ExportColumn[];
  rows: readonly (string | number | null)[][];
}

const exactNumber = (value: string | number | null): string | number | null => {
  if (value === null || typeof value === 'number') return value;
  const number = Number(value);
  return /^-?\d+$/.test(value) && Number.isSafeInteger(number) ? number : value;
};

const cellValue = (kind: ExportColumn['kind'], value: string | number | null) =>
  kind === 'text' ? value
  : kind === 'decimal' && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value)
  : exactNumber(value);

export async function writeXlsx(table: ExportTable, output: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Báo cáo');
  sheet.columns = table.columns.map((column) => ({ key: column.header, width: column.width ?? Math.max(14, column.header.length + 4) }));
  const title = sheet.addRow([table.title]);
  title.font = { bold: true, size: 13 };
  title.commit();
  const header = sheet.addRow(table.columns.map((column) => column.header));
  header.font = { bold: true };
  header.commit();
  for (const values of table.rows) {
    const row = sheet.addRow(values.map((value, index) => cellValue(table.columns[index].kind, value)));
    table.columns.forEach((column, index) => {
      if (column.kind !== 'text') row.getCell(index + 1).numFmt = column.kind === 'decimal' ? '#,##0.00' : '#,##0';
    });
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
}

/**
 * CSV for Excel in Vietnam: UTF-8 with a byte-order mark (else Excel reads it as the ANSI code
 * page), the title row first; numbers as plain digits, so every reader reads them back exactly.
 */
export async function writeCsv(table: ExportTable, output: Writable): Promise<void> {
  const csv = stringify({ bom: true });
  const done = new Promise<void>((resolve, reject) => {
    output.on('error', reject);
    csv.on('error', reject);
    csv.on('end', resolve);
  });
  csv.pipe(output);
  csv.write([table.title]);
  csv.write(table.columns.map((column) => column.header));
  for (const row of table.rows) csv.write(row.map((value) => (value === null ? '' : String(value))));
  csv.end();
  await done;
}

/** An ISO day as Vietnamese print writes it: 2024-06-30 → 30/06/2024. */
export const dmy = (iso: string) => iso.split('-').reverse().join('/');

/** "Năm 2024", "Quý 2/2024"…, with the days it spans. */
export function periodLabel(period: { type: string; year: number; index: number | null; start: string; end: string }): string {
  const name =
    period.type === 'YEAR' ? `Năm ${period.year}`
    : period.type === 'HALF_YEAR' ? `6 tháng ${period.index === 1 ? 'đầu' : 'cuối'} năm ${period.year}`
    : period.type === 'QUARTER' ? `Quý ${period.index}/${period.year}`
    : `Tháng ${period.index}/${period.year}`;
  return `${name} (${dmy(period.start)} – ${dmy(period.end)})`;
}

export const EDITION_LABELS: Record<string, string> = {
  BEFORE_2025: 'địa giới trước sắp xếp 2025',
  CURRENT: 'địa giới hiện hành (sau sắp xếp 2025)',
};

/** The title row of every printed summary: what, of whom, the period and the unit edition (none for a summary no edition changes). */
export function reportTitle(what: string, of: string, period: Parameters<typeof periodLabel>[0], unitEdition?: string): string {
  const edition = unitEdition ? ` — ${EDITION_LABELS[unitEdition] ?? unitEdition}` : '';
  return `${what} — ${of} — Kỳ: ${periodLabel(period)}${edition}`;
}

/** An export's root field answered null (nothing has the id asked for): NOT_FOUND at that argument, as the fields answer. */
export function requireRoot<T>(data: Record<string, unknown>, field: string, argument: string, message: string): T {
  const answer = data[field] as T | null | undefined;
  if (answer == null) throw notFound(argument, message);
  return answer;
}

/** One line of figures as the report forms print it: a row per indicator (chỉ tiêu), its label then its figure, in `labels`' order. */
export function indicatorTable(title: string, labels: readonly (readonly [string, string])[], figures: Record<string, unknown>): ExportTable {
  return {
    title,
    columns: [
      { header: 'Chỉ tiêu', kind: 'text', width: 52 },
      { header: 'Số lượng', kind: 'integer', width: 20 },
    ],
    rows: labels.map(([figure, label]) => [label, figures[figure] as string | number]),
  };
}

/**
 * A column of units (administrative units, organisations) printed by name where the answer has
 * them (an operation run over the supergraph reads names another subgraph holds), else by id, the
 * header then saying so (`<header> (mã)`); a row without a unit prints `none`.
 */
export function unitColumn(units: readonly ({ id: string; name?: string | null } | null)[], header: string, none: string): { header: string; cells: string[] } {
  const named = units.some((unit) => unit?.name != null);
  return {
    header: named ? header : `${header} (mã)`,
    cells: units.map((unit) => (unit ? (named ? unit.name ?? unit.id : unit.id) : none)),
  };
}
