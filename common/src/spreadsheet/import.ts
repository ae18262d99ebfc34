import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { setAuditScope } from '../audit.ts';
import { ErrorCode } from '../errors.ts';
import type { Caller } from '../identity.ts';
import { sql } from '../orm.ts';
import { pgArray } from '../period-report.ts';
import { foldVietnamese, toneKey } from '../text.ts';
import { lockRule, writeTransaction } from '../writes.ts';
import { cellText, lookup, type CellParser, type CellValue } from './cells.ts';
import type { SheetRow } from './read.ts';
import { checkInput, memo, type Organisation, type SheetColumn, type SheetKind } from './sheet-kind.ts';

/** One problem of an upload: where (row as the spreadsheet numbers it, the column's header), a stable code, a Vietnamese message. */
export interface RowError {
  row: number;
  column: string | null;
  field: string | null;
  code: string;
  message: string;
  /** The rule's own words, as the GraphQL mutation gives them. */
  detail?: string;
}

export type ImportMode = 'all' | 'valid-rows';

export interface ImportReport {
  kind: string;
  /** The request's id, as in the logs and the audit trail. */
  requestId: string;
  mode: ImportMode;
  dryRun: boolean;
  /** Whether rows were written: false when any row failed in mode `all`, and always on a dry run. */
  committed: boolean;
  importId: string | null;
  fileSha256: string;
  rowsRead: number;
  written: number;
  /** Rows whose key an earlier import already wrote: a re-upload writes nothing new. */
  alreadyImported: number;
  /** Rows not written because of their errors (mode `valid-rows`), by row number. */
  leftOut: number[];
  errorCount: number;
  /** The first MAX_LISTED_ERRORS errors, in row order. */
  errors: RowError[];
}

export const MAX_LISTED_ERRORS = 1000;
/** Rows checked and written between two flushes: bounds what the unit of work holds, whatever the file's size. */
const CHUNK = 500;

/** The Vietnamese message of each stable code a row may fail with. */
const MESSAGES: Record<string, string> = {
  REQUIRED: 'Ô này bắt buộc phải điền',
  MISSING_COLUMN: 'Thiếu cột bắt buộc của mẫu',
  NO_DATA_SHEET: 'Không tìm thấy trang dữ liệu có tiêu đề cột của mẫu',
  [ErrorCode.BAD_USER_INPUT]: 'Giá trị không hợp lệ',
  [ErrorCode.NOT_FOUND]: 'Không tìm thấy',
  [ErrorCode.FORBIDDEN]: 'Bạn không có quyền ghi số liệu cho tổ chức này',
  [ErrorCode.PERIOD_LOCKED]: 'Kỳ báo cáo chứa ngày này đã được duyệt và khóa sổ',
  [ErrorCode.RULE_VIOLATION]: 'Vi phạm quy định nghiệp vụ',
  [ErrorCode.CONFLICT]: 'Trùng với bản ghi đã có',
};

export const headerKey = (header: string) => foldVietnamese(header);

/** The caller's organisations as a cell parser: by id, by code, by name in either tone-mark style, or without marks when that is unambiguous. */
export function organisationParser(organisations: readonly Organisation[]): CellParser<string> {
  const byKey = new Map<string, string | null>();
  const add = (key: string, id: string) => byKey.set(key, byKey.has(key) && byKey.get(key) !== id ? null : id);
  for (const { id, name, code } of organisations) {
    byKey.set(id.toLowerCase(), id);
    if (code) add(toneKey(code), id);
    add(toneKey(name), id);
    add(foldVietnamese(name), id);
  }
  return lookup('Tên tổ chức trong danh sách của trang "Danh mục", mã đơn vị hành chính, hoặc mã (id) của tổ chức', (text) => byKey.get(toneKey(text)) ?? byKey.get(foldVietnamese(text)) ?? null);
}

class RolledBack extends Error {}

export interface ImportOptions<Context, Input extends object> {
  kind: SheetKind<Context, Input>;
  context: Context & { em: EntityManager; caller: Caller; requestId: string };
  schema: GraphQLSchema;
  /** The subgraph's PostgreSQL schema, holding its spreadsheet_import and spreadsheet_row tables. */
  dbSchema: string;
  rows: AsyncIterable<SheetRow>;
  mode: ImportMode;
  dryRun: boolean;
  /** The SHA-256 of the bytes read, once the rows are all read. */
  fileSha256(): string;
}

interface ParsedRow {
  rowNumber: number;
  values: Record<string, unknown>;
  key: string;
}

/**
 * Reads every row, checks it with the mutation's own rules and writes it with the mutation's own
 * code, all in ONE transaction: in mode `all` nothing stays written unless every row passed; in
 * `valid-rows` the good rows stay and the others are listed; a dry run never keeps anything. Each
 * written row's key is kept, so the same rows uploaded again are skipped.
 */
export async function runImport<Context, Input extends object>(options: ImportOptions<Context, Input>): Promise<ImportReport> {
  const { kind, context, schema, dbSchema, mode, dryRun } = options;
  const importId = randomUUID();
  const errors: RowError[] = [];
  let errorCount = 0;
  const leftOut: number[] = [];
  let rowsRead = 0;
  let written = 0;
  let alreadyImported = 0;
  const report = (committed: boolean): ImportReport => ({
    kind: kind.name,
    requestId: context.requestId,
    mode,
    dryRun,
    committed,
    importId: committed ? importId : null,
    fileSha256: options.fileSha256(),
    rowsRead,
    written: committed ? written : 0,
    alreadyImported,
    // Cells are checked as rows are read, the mutation's rules a chunk later: put back in row order.
    leftOut: [...leftOut].sort((a, b) => a - b),
    errorCount,
    errors: [...errors].sort((a, b) => a.row - b.row),
  });
  const fail = (row: number, column: SheetColumn | null, code: string, detail?: string, field?: string | null) => {
    errorCount++;
    if (errors.length < MAX_LISTED_ERRORS) {
      const base = MESSAGES[code] ?? 'Không hợp lệ';
      errors.push({ row, column: column?.header ?? null, field: column?.field ?? field ?? null, code, message: detail && !(code in MESSAGES) ? detail : base, ...(detail ? { detail } : {}) });
    }
  };
  // An error on a field the file spreads over several columns (a period: its year, type, number) names the first of them.
  const columnOf = (field: string | undefined) =>
    field
      ? (kind.columns.find((column) => field === column.field || field.startsWith(`${column.field}.`)) ?? kind.columns.find((column) => column.field.startsWith(`${field}.`)) ?? null)
      : null;

  const organisations = organisationParser(await kind.organisations(context));
  const parserOf = (column: SheetColumn) => (column.parser === 'organisation' ? organisations : column.parser);
  const occurrences = new Map<string, number>();

  // Each row written is one entry of the audit trail, under this request and this import.
  setAuditScope(context.em, { requestId: context.requestId, subject: context.caller.subject ?? '', role: context.caller.role ?? '', operation: `import:${kind.name}` });
  try {
    await writeTransaction(context.em, async (em) => {
      // Imports of one kind take turns: two uploads of one file cannot both find its rows new.
      await lockRule(em, 'spreadsheet-import', `${dbSchema}.${kind.name}`);
      const once = memo();
      let positions: Map<string, number> | null = null;
      let chunk: ParsedRow[] = [];

      const writeChunk = async () => {
        if (chunk.length === 0) return;
        const keys = chunk.map((row) => row.key);
        const known = new Set(
          (await sql<{ key: string }>(em, `select row_key as key from ${dbSchema}.spreadsheet_row where kind = ? and row_key = any(?::text[])`, [kind.name, pgArray(keys)])).map((row) => row.key),
        );
        const done: string[] = [];
        for (const row of chunk) {
          if (known.has(row.key)) {
            alreadyImported++;
            continue;
          }
          try {
            const values = kind.prepare ? await kind.prepare(context, em, row.values, once) : row.values;
            const target = kind.inputOf?.(values) ?? { inputType: kind.inputType, inputClass: kind.inputClass, values };
            const input = await checkInput(schema, target.inputType, target.inputClass, target.values);
            await kind.write(context, em, input, once);
            if (kind.flushEachRow) await em.flush();
            done.push(row.key);
          } catch (error) {
            if (!(error instanceof GraphQLError) || typeof error.extensions?.code !== 'string') throw error;
            const field = error.extensions.field as string | undefined;
            fail(row.rowNumber, columnOf(field), error.extensions.code, error.message, field ?? null);
            leftOut.push(row.rowNumber);
          }
        }
        await em.flush();
        if (done.length) {
          await sql(em, `insert into ${dbSchema}.spreadsheet_row (kind, row_key, import_id) select ?, key, ?::uuid from unnest(?::text[]) as key`, [kind.name, importId, pgArray(done)]);
        }
        written += done.length;
        // What the unit of work holds is written: let it go, so a big file costs one chunk of memory.
        em.clear();
        chunk = [];
      };

      for await (const { rowNumber, cells } of options.rows) {
        if (positions === null) {
          positions = headerPositions(cells);
          const missing = kind.columns.filter((column) => column.required && !positions!.has(column.field));
          for (const column of missing) fail(1, column, 'MISSING_COLUMN');
          if (missing.length) break;
          continue;
        }
        if (cells.every((cell) => cell === null || cellText(cell) === '')) continue;
        rowsRead++;
        const values: Record<string, unknown> = {};
        let bad = false;
        for (const column of kind.columns) {
          const index = positions.get(column.field);
          const cell: CellValue = index === undefined ? null : (cells[index] ?? null);
          if (cell === null || cellText(cell) === '') {
            if (column.required) {
              fail(rowNumber, column, 'REQUIRED');
              bad = true;
            }
            continue;
          }
          const parsed = parserOf(column).parse(cell);
          if ('problem' in parsed) {
            fail(rowNumber, column, parsed.problem.code, parsed.problem.message);
            bad = true;
          } else values[column.field] = parsed.value;
        }
        if (bad) {
          leftOut.push(rowNumber);
          continue;
        }
        chunk.push({ rowNumber, values, key: rowKey(kind, values, occurrences) });
        if (chunk.length >= CHUNK) await writeChunk();
      }
      if (positions === null) fail(1, null, 'NO_DATA_SHEET');
      await writeChunk();
      if (dryRun || (mode === 'all' && errorCount > 0) || positions === null) throw new RolledBack();
      await sql(
        em,
        `insert into ${dbSchema}.spreadsheet_import (id, kind, file_sha256, mode, rows_read, rows_written, rows_already_imported, rows_left_out, imported_by)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [importId, kind.name, options.fileSha256(), mode, rowsRead, written, alreadyImported, leftOut.length, context.caller.subject],
      );
    });
  } catch (error) {
    if (error instanceof RolledBack) return report(false);
    throw error;
  }
  return report(true);

  function headerPositions(cells: CellValue[]): Map<string, number> {
    const positions = new Map<string, number>();
    cells.forEach((cell, index) => {
      const column = kind.columns.find((candidate) => headerKey(candidate.header) === headerKey(cellText(cell)));
      if (column && !positions.has(column.field)) positions.set(column.field, index);
    });
    return positions;
  }
}

/**
 * The kind's natural key, or the row's whole content; the n-th identical row of a file is the
 * n-th record, so a file with two equal rows writes two, and writes them once.
 */
function rowKey<Input extends object>(kind: SheetKind<unknown, Input>, values: Record<string, unknown>, occurrences: Map<string, number>): string {
  const natural = kind.naturalKey?.(values as Input);
  if (natural !== undefined) return natural;
  const content = createHash('sha256').update(JSON.stringify(Object.keys(values).sort().map((field) => [field, values[field]]))).digest('base64url');
  const n = (occurrences.get(content) ?? 0) + 1;
  occurrences.set(content, n);
  return `${content}#${n}`;
}

export function isHeaderRow(kind: SheetKind<unknown, object>, cells: CellValue[]): boolean {
  const headers = new Set(kind.columns.map((column) => headerKey(column.header)));
  return cells.some((cell) => cell !== null && headers.has(headerKey(cellText(cell))));
}

/** The tables of imports and of imported rows' keys, in a subgraph's own schema (its migration calls this). */
export function spreadsheetTablesDdl(schema: string): string[] {
  return [
    `create table ${schema}.spreadsheet_import (
       id uuid primary key,
       kind text not null,
       file_sha256 text not null,
       mode text not null,
       rows_read integer not null,
       rows_written integer not null,
       rows_already_imported integer not null,
       rows_left_out integer not null,
       imported_by text,
       imported_at timestamptz not null default now())`,
    `create table ${schema}.spreadsheet_row (
       kind text not null,
       row_key text not null,
       import_id uuid not null,
       primary key (kind, row_key))`,
  ];
}
