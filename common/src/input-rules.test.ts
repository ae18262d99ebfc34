import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { dateProblem } from './dates.ts';
import { coercionField } from './errors.ts';
import { textProblem } from './input-rules.ts';
import { decodeCursor } from './pagination.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

describe('input rules', () => {
  it.each([
    ['Nguyễn Thị Hoà', 'name', null],
    ['Hội viên\nthứ hai\tcột', 'text', null],
    ['Nhóm 👨\u200D👩\u200D👧', 'text', null],
    ['2025', 'text', null],
    ['2025', 'name', 'a name needs at least one letter'],
    ['\u200B', 'name', 'a name needs at least one letter'],
    ['\u0301\u0323', 'name', 'a name needs at least one letter'],
    ['\u200B\uFEFF', 'text', 'must not be blank: leave it out instead'],
    [' \t\n', 'text', 'must not be blank: leave it out instead'],
    ['a\u0000b', 'text', 'contains a character that is not allowed in text (U+0000)'],
    ['a\uD800b', 'text', 'contains a character that is not allowed in text (U+D800)'],
    ['\uDC00', 'text', 'contains a character that is not allowed in text (U+DC00)'],
    ['a\u0085b', 'text', 'contains a character that is not allowed in text (U+0085)'],
    ['a\u202Eb', 'name', 'contains a character that is not allowed in text (U+202E)'],
    ['a\rb', 'text', 'contains a character that is not allowed in text (U+000D)'],
    ['x'.repeat(301), 'name', 'at most 300 characters'],
    ['x'.repeat(10_001), 'text', 'at most 10000 characters'],
  ] as const)('%j as %s: %s', (text, kind, problem) => {
    expect(textProblem(text, kind)).toBe(problem);
  });

  it.each([
    ['2025-02-28', null],
    ['2024-02-29', null],
    ['1900-01-01', null],
    ['2100-12-31', null],
    ['2025-02-30', '2025-02-30 is not a day of the calendar'],
    ['2025-13-01', '2025-13-01 is not a day of the calendar'],
    ['0000-01-01', 'a date lies between 1900-01-01 and 2100-12-31'],
    ['0001-01-01', 'a date lies between 1900-01-01 and 2100-12-31'],
    ['1800-06-15', 'a date lies between 1900-01-01 and 2100-12-31'],
    ['2101-01-01', 'a date lies between 1900-01-01 and 2100-12-31'],
    ['99999-01-01', 'a date is written YYYY-MM-DD'],
    ['', 'a date is written YYYY-MM-DD'],
    ['2025-01-01T00:00:00Z', 'a date is written YYYY-MM-DD'],
    [20250101, 'a date is written YYYY-MM-DD'],
  ])('the date %j: %s', (value, problem) => {
    expect(dateProblem(value)).toBe(problem);
  });

  it.each([
    ['Variable "$input" got invalid value 1.5 at "input.valueVnd"; Vnd is a whole number of đồng', 'valueVnd'],
    ['Variable "$input" got invalid value "x" at "input.criteria[0].name"; String cannot represent', 'criteria.0.name'],
    ['Variable "$input" got invalid value { a: " at \\"b\\"; " }; Field "name" of required type "String!" was not provided.', 'name'],
    ['Variable "$input" got invalid value { x: 1 } at "input.period"; Field "type" of required type "PeriodType!" was not provided.', 'period.type'],
    ['Variable "$input" of required type "ClubInput!" was not provided.', 'input'],
    ['Variable "$after" got invalid value 1; String cannot represent a non string value: 1', 'after'],
    ['Syntax Error: Unexpected Name "x".', null],
  ])('names the field of %j', (message, field) => {
    expect(coercionField(message)).toBe(field);
  });

  it.each([
    ['garbage', '!!!'],
    ['an object', b64({ a: 1 })],
    ['an empty list', b64([])],
    ['a nested list', b64([[1], 'a'])],
    ['null', b64([null, 'a'])],
    ['a fraction', b64([1.5, 'a'])],
    ['an unsafe integer', b64([2 ** 53 + 2, 'a'])],
    ['a boolean', b64([true])],
    ['a NUL', b64(['a\u0000'])],
    ['too many keys', b64(Array.from({ length: 9 }, () => 1))],
  ])('refuses a cursor of %s before SQL', (_label, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ extensions: { code: 'INVALID_CURSOR', field: 'after' } }));
  });

  it('keeps a cursor of names, ids and numbers', () => {
    expect(decodeCursor(b64(['Hội Chữ thập đỏ', -5, '0b8f6a6e-3a55-4f0e-9b5e-1d2c3b4a5f60']))).toEqual(['Hội Chữ thập đỏ', -5, '0b8f6a6e-3a55-4f0e-9b5e-1d2c3b4a5f60']);
  });
});
