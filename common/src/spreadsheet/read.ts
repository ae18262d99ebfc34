import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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

/** Reads of one upload before exceljs's race (below) is taken for a broken file. */
const READ_ATTEMPTS = 4;

/**
 * The rows of the first worksheet whose first row `isHeader` accepts (a filled-in template's
 * data sheet, whatever sheets come before it), streamed: exceljs's streaming reader never holds
 * the workbook, only the shared strings.
 */
export async function* xlsxRows(input: Readable, isHeader: (cells: CellValue[]) => boolean): AsyncGenerator<SheetRow> {
  // exceljs's streaming reader now and then loses the zip's last entry, a race of its own (a file
  // exceljs wrote has xl/workbook.xml last; its worksheets, deferred until then, then fail with a
  // TypeError before any row: 5 reads in 300 of one 9 kB file, a 500). The upload is spooled to a
  // temporary file (disk, not memory: a big file costs no more) so a read that failed that way,
  // before its first row, can be read again; removed after.
  const dir = await mkdtemp(join(tmpdir(), 'hoi-import-'));
  try {
    const path = join(dir, 'upload.xlsx');
    await pipeline(input, createWriteStream(path));
    for (let attempt = 1; ; attempt++) {
      let yielded = false;
      try {
        for await (const row of xlsxFileRows(path, isHeader)) {
          yielded = true;
          yield row;
        }
        return;
      } catch (error) {
        if (yielded || attempt === READ_ATTEMPTS || !(error instanceof TypeError)) throw error;
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function* xlsxFileRows(path: string, isHeader: (cells: CellValue[]) => boolean): AsyncGenerator<SheetRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
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
