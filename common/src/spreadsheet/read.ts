import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import unzipper, { type CentralDirectoryEntry } from 'unzipper';
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

/** A file that cannot be read as the spreadsheet it claims to be: not a zip, truncated, no workbook in it, a CSV that does not parse. */
export class NotASpreadsheet extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The parts of exceljs's streaming reader that read one part of the workbook each (exceljs 4.4.0, lib/stream/xlsx/workbook-reader.js). */
interface ExcelPartReader {
  model?: { sheets?: { rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(part: Readable): Promise<void>;
  _parseWorkbook(part: Readable): Promise<void>;
  _parseSharedStrings(part: Readable): AsyncGenerator<unknown>;
  _parseStyles(part: Readable): Promise<void>;
  _parseWorksheet(chunks: AsyncIterable<Buffer>, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
}

type ZipEntry = CentralDirectoryEntry;

/**
 * One part of the zip, decompressed, for exceljs to parse; whatever is left unread afterwards is
 * drained, so the file's read stream reaches its end and closes. An error of the zip (a broken
 * deflate stream) is the file's: NotASpreadsheet.
 */
async function* partChunks(entry: ZipEntry): AsyncGenerator<Buffer> {
  const stream = entry.stream();
  let failure: Error | null = null;
  stream.on('error', (error: Error) => (failure ??= error));
  try {
    for await (const chunk of stream.iterator({ destroyOnReturn: false })) yield chunk as Buffer;
  } catch (error) {
    throw new NotASpreadsheet(`${entry.path}: ${(failure ?? (error as Error)).message}`);
  } finally {
    if (!stream.readableEnded) stream.on('data', () => {}).resume();
  }
}

/**
 * The rows of the first worksheet (in the workbook's order) whose first row `isHeader` accepts: a
 * filled-in template's data sheet, whatever sheets come before it.
 *
 * The file is read from disk through the zip's central directory, each part on its own, in the
 * order the parts depend on each other (relationships, workbook, shared strings, styles, then the
 * sheets). exceljs's own streaming reader reads the zip front to back with unzipper's `Parse`,
 * which now and then hands over the last entries out of turn (node-unzipper#190): about one upload
 * in a thousand failed with "Cannot read properties of undefined (reading 'sheets')". Here a part
 * is found by name or the file is refused as a whole (NotASpreadsheet), and a truncated file is
 * refused at once (its directory is at the end). Memory stays that of exceljs's streaming reader:
 * the shared strings, one row at a time.
 */
export async function* xlsxRows(file: string, isHeader: (cells: CellValue[]) => boolean): AsyncGenerator<SheetRow> {
  let directory: { files: ZipEntry[] };
  try {
    directory = await unzipper.Open.file(file);
  } catch (error) {
    throw new NotASpreadsheet(`not a zip: ${(error as Error).message}`);
  }
  const parts = new Map(directory.files.filter((entry) => entry.type === 'File').map((entry) => [entry.path.replace(/^\//, ''), entry]));
  const part = (name: string) => parts.get(name);
  const rels = part('xl/_rels/workbook.xml.rels');
  const book = part('xl/workbook.xml');
  if (!rels || !book) throw new NotASpreadsheet('a zip without a workbook');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(null as never, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' }) as unknown as ExcelPartReader;
  const read = async (entry: ZipEntry | undefined, parse: (part: Readable) => Promise<unknown>) => {
    if (!entry) return;
    try {
      await parse(Readable.from(partChunks(entry), { objectMode: false }));
    } catch (error) {
      throw error instanceof NotASpreadsheet ? error : new NotASpreadsheet(`${entry.path}: ${(error as Error).message}`);
    }
  };
  await read(rels, (chunks) => reader._parseRels(chunks));
  await read(book, (chunks) => reader._parseWorkbook(chunks));
  await read(part('xl/sharedStrings.xml'), async (chunks) => {
    for await (const _ of reader._parseSharedStrings(chunks));
  });
  await read(part('xl/styles.xml'), (chunks) => reader._parseStyles(chunks));

  // The worksheets in the workbook's order (the tabs as a person sees them), then any other.
  const numberOf = (path: string) => /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(path)?.[1];
  const targets = new Map((reader.workbookRels ?? []).map((rel) => [rel.Id, `xl/${rel.Target.replace(/^\/?xl\//, '')}`]));
  const ordered = (reader.model?.sheets ?? []).map((sheet) => targets.get(sheet.rId)).filter((path): path is string => !!path && !!numberOf(path));
  const others = [...parts.keys()].filter((path) => numberOf(path)).sort((a, b) => Number(numberOf(a)) - Number(numberOf(b)));
  for (const path of new Set([...ordered, ...others])) {
    const entry = part(path);
    if (!entry) continue;
    for (const { eventType, value: worksheet } of reader._parseWorksheet(partChunks(entry), numberOf(path)!)) {
      if (eventType !== 'worksheet') continue;
      const rows = worksheet[Symbol.asyncIterator]();
      let header = true;
      try {
        for (;;) {
          let next: IteratorResult<ExcelJS.Row>;
          try {
            next = await rows.next();
          } catch (error) {
            throw error instanceof NotASpreadsheet ? error : new NotASpreadsheet(`${path}: ${(error as Error).message}`);
          }
          if (next.done) break;
          // exceljs's values are 1-based: index 0 is empty.
          const cells = (next.value.values as unknown[]).slice(1).map(plainCell);
          // A sheet before the data sheet (instructions, lists) is left at its first row.
          if (header && (next.value.number !== 1 || !isHeader(cells))) break;
          header = false;
          yield { rowNumber: next.value.number, cells };
        }
      } finally {
        await rows.return?.(undefined);
      }
      // The data sheet is read: the sheets after it are not.
      if (!header) return;
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
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { rowNumber: record.info.lines, cells: record.record.map((cell) => (cell === '' ? null : cell)) };
    }
  } catch (error) {
    if (error instanceof CsvError) throw new NotASpreadsheet(`not a CSV: ${error.message}`);
    throw error;
  }
}

/** An upload on disk, hashed as it was written; `remove` deletes it. */
export interface SpooledFile {
  path: string;
  bytes: number;
  sha256: string;
  remove(): Promise<void>;
}

/**
 * The request body written to a temporary file (under the system's TMPDIR), hashed as it passes,
 * refused past `max` bytes whatever its Content-Length said (`tooLarge`). Memory holds one chunk;
 * the reader then reads the file whole, never a stream still arriving.
 */
export async function spool(body: Readable, max: number, tooLarge: () => Error, label = ''): Promise<SpooledFile> {
  // Named by the request (its id, letters and digits only) so a leftover file says whose it was.
  const directory = await mkdtemp(path.join(tmpdir(), `hoi-import-${label.replace(/[^A-Za-z0-9-]/g, '').slice(0, 64)}-`));
  const file = path.join(directory, 'upload');
  const remove = () => rm(directory, { recursive: true, force: true });
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > max) return done(tooLarge());
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, meter, createWriteStream(file));
  } catch (error) {
    await remove();
    throw error;
  }
  return { path: file, bytes, sha256: hash.digest('hex'), remove };
}
