import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { date, oneOf, text, wholeNumber, yesNo, type CellParser, type CellValue } from './cells.ts';
import { csvRows, xlsxRows } from './read.ts';

const parsed = <T>(parser: CellParser<T>, cell: CellValue) => {
  const result = parser.parse(cell);
  return 'value' in result ? result.value : result.problem.code;
};

describe('cells written the Vietnamese way', () => {
  it('reads dates as Excel dates, serials, dd/mm/yyyy and ISO, and refuses days that are not', () => {
    const cases: [CellValue, string][] = [
      [new Date(Date.UTC(2013, 2, 5)), '2013-03-05'],
      [41338, '2013-03-05'],
      ['05/03/2013', '2013-03-05'],
      ['5/3/2013', '2013-03-05'],
      ['05.03.2013', '2013-03-05'],
      ['2013-03-05', '2013-03-05'],
      ['31/02/2013', 'INVALID_DATE'],
      ['03/05', 'INVALID_DATE'],
      ['05/03/1850', 'INVALID_DATE'],
      ['hôm qua', 'INVALID_DATE'],
    ];
    for (const [cell, expected] of cases) expect(parsed(date, cell), String(cell)).toBe(expected);
  });

  it('reads whole numbers with dots or spaces between thousands, and refuses decimals and junk', () => {
    const cases: [CellValue, number | string][] = [
      [23500, 23500],
      ['23.500', 23500],
      ['1.250.000.000', 1_250_000_000],
      ['23 500', 23500],
      ['23\u00A0500', 23500],
      ['23500', 23500],
      ['-5', -5],
      ['23,5', 'INVALID_NUMBER'],
      ['2.35', 'INVALID_NUMBER'],
      [2.5, 'INVALID_NUMBER'],
      ['mười', 'INVALID_NUMBER'],
      ['99999999999999999999', 'INVALID_NUMBER'],
    ];
    for (const [cell, expected] of cases) expect(parsed(wholeNumber, cell), String(cell)).toBe(expected);
  });

  it('reads yes/no and list labels in either tone-mark style, without marks, or by code', () => {
    const kinds = oneOf({ SUPPORT: 'Hỗ trợ thủy lợi', FEE: 'Phí hòa giải' });
    const cases: [CellValue, string][] = [
      ['Hỗ trợ thuỷ lợi', 'SUPPORT'],
      ['ho tro thuy loi', 'SUPPORT'],
      ['Phí hoà giải', 'FEE'],
      ['fee', 'FEE'],
      ['Phí', 'NOT_IN_LIST'],
    ];
    for (const [cell, expected] of cases) expect(parsed(kinds, cell), String(cell)).toBe(expected);
    expect([parsed(yesNo, 'Có'), parsed(yesNo, 'khong'), parsed(yesNo, 'x'), parsed(yesNo, true), parsed(yesNo, 'có lẽ')]).toEqual([true, false, true, true, 'INVALID_YES_NO']);
    expect(parsed(text('name'), ' Thuy\u0309  Hòa ')).toBe('Thuỷ Hòa');
    expect(parsed(text(), 'a\u0000b')).toBe('INVALID_TEXT');
  });
});

describe('reading files as streams', () => {
  it('keeps Vietnamese text whole across the zip\'s chunk boundaries (exceljs patched)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Dữ liệu');
    sheet.addRow(['Ghi chú']);
    const notes = Array.from({ length: 3000 }, (_, i) => `dòng ${i} Thuỷ Hòa Đồng Nai`);
    for (const note of notes) sheet.addRow([note]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const read: string[] = [];
    for await (const row of xlsxRows(Readable.from([file]), (cells) => cells[0] === 'Ghi chú')) if (row.rowNumber > 1) read.push(String(row.cells[0]));
    expect(read).toEqual(notes);
  });

  it('reads CSV with a byte-order mark, either separator and quoted fields, numbering rows as a spreadsheet does', async () => {
    const rows = [];
    for await (const row of csvRows(Readable.from([Buffer.from('\uFEFFa;b\n"x; y";2\n\n3;\n')]))) rows.push(row);
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['a', 'b'] },
      { rowNumber: 2, cells: ['x; y', '2'] },
      { rowNumber: 4, cells: ['3', null] },
    ]);
  });
});
