import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { CellValue } from './cells.ts';

/** One row of a sheet as read: its number as the spreadsheet shows it (the header is row 1) and its cells. */
export interface SheetRow {
  rowNumber: number;
  cells: CellValue[];
}

export type SheetFormat = 'xlsx' | 'csv';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The format of an upload from its media type; an XLSX (a zip) is also known by its first bytes. */
export function formatOf(contentType: string | undefined): SheetFormat | null {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === XLSX_TYPE || type === 'application/zip' || type === 'application/octet-stream') return 'xlsx';
  if (type === 'text/csv' || type === 'application/csv' || type === 'text/plain') return 'csv';
  return null;
}

/** What exceljs hands back for a cell, as a plain value: a formula's result, rich text's text, a hyperlink's text. */
function plainCell(value: unknown): CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  const object = value as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: string };
  if ('result' in object) return plainCell(object.result);
  if (object.richText) return object.richText.map((part) => part.text).join('');
  if ('text' in object) return plainCell(object.text);
  if (object.error) return object.error;
  return String(value);
}

/**
 * The rows of the first worksheet whose first row `isHeader` accepts (a filled-in template's
 * data sheet, whatever sheets come before it), streamed: exceljs's streaming reader never holds
 * the workbook, only the shared strings.
 */
export async function* xlsxRows(input: Readable, isHeader: (cells: CellValue[]) => boolean): AsyncGenerator<SheetRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  let found = false;
  for await (const worksheet of workbook) {
    // Sheets after the data sheet (instructions, lists) and before it are read through, not kept.
    let state: 'first' | 'data' | 'skip' = found ? 'skip' : 'first';
    for await (const row of worksheet) {
      if (state === 'skip') continue;
      // exceljs's values are 1-based: index 0 is empty.
      const cells = (row.values as unknown[]).slice(1).map(plainCell);
      if (state === 'first') {
        if (row.number !== 1 || !isHeader(cells)) {
          state = 'skip';
          continue;
        }
        state = 'data';
        found = true;
      }
      yield { rowNumber: row.number, cells };
    }
  }
}

/**
 * The rows of a CSV as Excel saves it in Vietnam: UTF-8 (with or without its byte-order mark),
 * comma or semicolon between fields (the one the header row uses).
 */
export async function* csvRows(input: Readable): AsyncGenerator<SheetRow> {
  const parser = input.pipe(
    parseCsv({ bom: true, delimiter: [',', ';'], relax_column_count: true, skip_empty_lines: true, info: true, trim: false }),
  );
  for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { rowNumber: record.info.lines, cells: record.record.map((cell) => (cell === '' ? null : cell)) };
  }
}
