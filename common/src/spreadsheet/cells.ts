import { dateProblem } from '../dates.ts';
import { textProblem, type TextKind } from '../input-rules.ts';
import { foldVietnamese, toneKey } from '../text.ts';

/**
 * What a cell of a sheet may hold, read the way a Vietnamese office writes it: dates as Excel
 * dates or dd/mm/yyyy, numbers with dots between thousands (23.500), yes/no as "có"/"không",
 * list values by their Vietnamese label in either tone-mark style, text in NFC. Each parser
 * returns the value the GraphQL input takes, or a problem with a stable code and a Vietnamese
 * message; the rules of the value itself stay with the input type (one copy of each rule).
 */
export type CellValue = string | number | boolean | Date | null;

export interface CellProblem {
  code: CellCode;
  message: string;
}

export type CellCode = 'REQUIRED' | 'INVALID_DATE' | 'INVALID_NUMBER' | 'INVALID_YES_NO' | 'NOT_IN_LIST' | 'INVALID_TEXT';

export type Parsed<T> = { value: T } | { problem: CellProblem };

export interface CellParser<T> {
  /** What the instructions sheet says the column takes. */
  describe: string;
  parse(cell: CellValue): Parsed<T>;
  /** The values of a drop-down list, when the column has one. */
  list?: readonly string[];
}

const problem = (code: CellCode, message: string) => ({ problem: { code, message } });

/** The text of a cell as typed; numbers and dates as they would be shown. */
export function cellText(cell: CellValue): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).normalize('NFC').trim();
}

const pad = (n: number) => String(n).padStart(2, '0');
// Excel counts days from 1899-12-30 (its 1900 leap-year bug included).
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

export const date: CellParser<string> = {
  describe: 'Ngày: ô kiểu ngày của Excel, hoặc dd/mm/yyyy (ví dụ 05/03/2024)',
  parse(cell) {
    let iso: string | null = null;
    if (cell instanceof Date) iso = `${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
    else if (typeof cell === 'number' && Number.isInteger(cell) && cell > 0) iso = new Date(EXCEL_EPOCH + cell * 86_400_000).toISOString().slice(0, 10);
    else {
      const text = cellText(cell);
      const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
      if (dmy) iso = `${dmy[3]}-${pad(Number(dmy[2]))}-${pad(Number(dmy[1]))}`;
      else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) iso = text;
    }
    if (iso === null) return problem('INVALID_DATE', `"${cellText(cell)}" không phải là ngày: ghi theo dạng dd/mm/yyyy`);
    const wrong = dateProblem(iso);
    return wrong ? problem('INVALID_DATE', `"${cellText(cell)}" không phải là ngày hợp lệ (${wrong})`) : { value: iso };
  },
};

/**
 * A whole number: 23.500 and 23 500 are twenty-three thousand five hundred, as Vietnamese writes
 * them; a comma is a decimal sign there, so "23,5" is refused rather than read as 235.
 */
export const wholeNumber: CellParser<number> = {
  describe: 'Số nguyên; dấu chấm hoặc khoảng trắng ngăn cách hàng nghìn (23.500)',
  parse(cell) {
    if (typeof cell === 'number') {
      return Number.isSafeInteger(cell) ? { value: cell } : problem('INVALID_NUMBER', `${cell} không phải là số nguyên`);
    }
    const text = cellText(cell).replace(/[\s\u00A0\u202F]/g, '');
    if (!/^-?\d{1,3}(\.\d{3})*$|^-?\d+$/.test(text)) return problem('INVALID_NUMBER', `"${cellText(cell)}" không phải là số nguyên (ví dụ 23.500)`);
    const value = Number(text.replace(/\./g, ''));
    return Number.isSafeInteger(value) ? { value } : problem('INVALID_NUMBER', `"${cellText(cell)}" quá lớn`);
  },
};

const YES = new Set(['co', 'x', 'yes', 'true', '1', 'dung']);
const NO = new Set(['khong', 'no', 'false', '0', 'sai']);

export const yesNo: CellParser<boolean> = {
  describe: 'Có hoặc Không',
  list: ['Có', 'Không'],
  parse(cell) {
    if (typeof cell === 'boolean') return { value: cell };
    const key = foldVietnamese(cellText(cell));
    if (YES.has(key)) return { value: true };
    if (NO.has(key)) return { value: false };
    return problem('INVALID_YES_NO', `"${cellText(cell)}" không phải Có hoặc Không`);
  },
};

/** A value of a list by its Vietnamese label (either tone-mark style, or without marks) or its code. */
export function oneOf<T extends string>(labels: Readonly<Record<T, string>>): CellParser<T> {
  const byKey = new Map<string, T>();
  for (const [code, label] of Object.entries(labels) as [T, string][]) {
    byKey.set(toneKey(label), code);
    byKey.set(foldVietnamese(label), code);
    byKey.set(code.toLowerCase(), code);
  }
  const list = Object.values(labels) as string[];
  return {
    describe: `Một trong: ${list.join('; ')}`,
    list,
    parse(cell) {
      const text = cellText(cell);
      const code = byKey.get(toneKey(text)) ?? byKey.get(foldVietnamese(text));
      return code ? { value: code } : problem('NOT_IN_LIST', `"${text}" không có trong danh mục`);
    },
  };
}

/** Text as the API stores it: NFC, trimmed; refused where the API refuses it. */
export function text(kind: TextKind = 'text'): CellParser<string> {
  return {
    describe: kind === 'name' ? 'Tên (chữ)' : 'Văn bản',
    parse(cell) {
      const value = cellText(cell).replace(/\s+/g, ' ');
      const wrong = textProblem(value, kind);
      return wrong ? problem('INVALID_TEXT', `văn bản không hợp lệ: ${wrong}`) : { value };
    },
  };
}

/** A value from a list known only at run time (the caller's organisations), matched by `lookup`. */
export function lookup(describe: string, find: (text: string) => string | null | undefined): CellParser<string> {
  return {
    describe,
    parse(cell) {
      const text = cellText(cell);
      const value = find(text);
      return value ? { value } : problem('NOT_IN_LIST', `"${text}" không có trong danh sách được phép`);
    },
  };
}
