import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { date, oneOf, text, wholeNumber, yesNo, type CellParser, type CellValue } from './cells.ts';
import { csvRows, NotASpreadsheet, spool, xlsxRows } from './read.ts';

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
    const file = await spool(Readable.from([Buffer.from(await workbook.xlsx.writeBuffer())]), 1e8, () => new Error('too large'));
    const read: string[] = [];
    for await (const row of xlsxRows(file.path, (cells) => cells[0] === 'Ghi chú')) if (row.rowNumber > 1) read.push(String(row.cells[0]));
    await file.remove();
    expect(read).toEqual(notes);
  });

  it('reads the same workbook 2000 times, its chunks cut anywhere, alike every time (node-unzipper#190 made about one in a thousand fail)', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Hướng dẫn').addRow(['Điền trang "Dữ liệu"']);
    const sheet = workbook.addWorksheet('Dữ liệu');
    sheet.addRow(['Đơn vị', 'Số lượng']);
    for (let i = 1; i <= 5; i++) sheet.addRow([`Hội xã ${i}`, i]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const outcomes = new Map<string, number>();
    const readOnce = async (i: number) => {
      const cut = 1 + ((i * 7919) % (bytes.length - 1));
      const file = await spool(Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]), 1e8, () => new Error('too large'));
      let outcome: string;
      try {
        const rows: unknown[] = [];
        for await (const row of xlsxRows(file.path, (cells) => cells[0] === 'Đơn vị')) rows.push([row.rowNumber, ...row.cells]);
        outcome = JSON.stringify(rows);
      } catch (error) {
        outcome = (error as Error).message;
      } finally {
        await file.remove();
      }
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    };
    // Eight reads at a time: part of a read waits on the file system (measured: 35 s one by one,
    // 25 s so, on a loaded machine), and reads interleaved vary the timing the bug depended on.
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < 2000) await readOnce(next++);
    }));
    const expected = JSON.stringify([[1, 'Đơn vị', 'Số lượng'], ...[1, 2, 3, 4, 5].map((i) => [i + 1, `Hội xã ${i}`, i])]);
    expect(Object.fromEntries(outcomes)).toEqual({ [expected]: 2000 });
  }, 240_000);

  it('refuses what is no spreadsheet as NotASpreadsheet: truncated, empty, random, a zip without a workbook, a CSV quote never closed', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Dữ liệu').addRow(['Đơn vị']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const bodies = [bytes.subarray(0, bytes.length - 1), bytes.subarray(0, 100), Buffer.alloc(0), Buffer.from('Đơn vị\nHội xã'), Buffer.from('PK\u0003\u0004 và thế thôi')];
    for (const body of bodies) {
      const file = await spool(Readable.from([body]), 1e8, () => new Error('too large'));
      await expect((async () => {
        for await (const _ of xlsxRows(file.path, () => true));
      })()).rejects.toBeInstanceOf(NotASpreadsheet);
      await file.remove();
    }
    await expect((async () => {
      for await (const _ of csvRows(Readable.from([Buffer.from('a;b\n"x;1\n')])));
    })()).rejects.toBeInstanceOf(NotASpreadsheet);
    await expect(spool(Readable.from([Buffer.alloc(10)]), 9, () => new Error('too large'))).rejects.toThrow('too large');
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
