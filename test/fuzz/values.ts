import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
} from 'graphql';

/** mulberry32: a small seedable PRNG, so a failing campaign can be replayed from its seed. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * What a bad value tests. `numeric-bounds` are the maximal numbers the API must refuse once every
 * quantity and amount has a domain bound: reported as a class of their own.
 */
export type FuzzClass = 'type' | 'required' | 'numeric-bounds' | 'numeric' | 'length' | 'unicode' | 'date' | 'id' | 'cursor' | 'structure';

export interface Variant {
  label: string;
  value: unknown;
  /** `delete` removes the field instead of setting it. */
  remove?: boolean;
  cls: FuzzClass;
  /** The API must answer with an error on the field (otherwise the input may be accepted or refused). */
  mustRefuse: boolean;
}

const v = (cls: FuzzClass, label: string, value: unknown, mustRefuse: boolean): Variant => ({ cls, label, value, mustRefuse });

const TEXT: Variant[] = [
  v('unicode', 'NUL byte', 'Hội\u0000viên', true),
  v('unicode', 'lone high surrogate', 'Hội \uD800 viên', true),
  v('unicode', 'lone low surrogate', '\uDC00Hội', true),
  v('unicode', 'zero-width space only', '\u200B', true),
  v('unicode', 'zero-width joiners only', '\u200D\u200C\uFEFF', true),
  v('unicode', 'C0 control characters', '\u0001\u0002\u001B', true),
  v('unicode', 'C1 control character', 'Hội\u0085viên', true),
  v('unicode', 'carriage return', 'Hội\rviên', true),
  v('unicode', 'RTL override', 'Hội \u202Eviên', true),
  v('unicode', 'combining marks only', '\u0301\u0323\u0300', true),
  v('unicode', 'U+FFFD', 'Hội \uFFFD', true),
  v('unicode', 'whitespace only', ' \t\n\u00A0\u3000', true),
  v('unicode', 'empty', '', true),
  v('unicode', 'non-NFC (decomposed Vietnamese)', 'Nguye\u0302\u0303n Thi\u0323 Hoa\u0300 khu pho\u0302\u0301 2', false),
  v('unicode', 'emoji and ZWJ sequence', 'Nhóm 👨\u200D👩\u200D👧 vui', false),
  v('unicode', 'SQL and markup', `'); drop table x; -- <script>alert(1)</script> %_\\`, false),
  v('length', '20,000 characters', 'Hội viên '.repeat(2_223), true),
  v('length', '301 letters', 'a'.repeat(301), false),
  v('type', 'a number', 12345, true),
  v('type', 'a boolean', true, true),
  v('type', 'an object', { text: 'x' }, true),
];

const INTS: Variant[] = [
  v('numeric', '0', 0, false),
  v('numeric', '-1', -1, false),
  v('numeric-bounds', '2^31-1', 2 ** 31 - 1, true),
  v('numeric', '2^31', 2 ** 31, true),
  v('numeric', '2^53-1', 2 ** 53 - 1, true),
  v('numeric', '2^53+1', 2 ** 53 + 1, true),
  v('numeric', '1.5', 1.5, true),
  v('numeric', 'numeric string "1"', '1', true),
  v('type', 'a word', 'many', true),
];

const VND: Variant[] = [
  v('numeric', '0', 0, false),
  v('numeric', '-1', -1, false),
  v('numeric', '2^31-1', 2 ** 31 - 1, false),
  v('numeric', '2^31', 2 ** 31, false),
  v('numeric-bounds', '2^53-1', 2 ** 53 - 1, true),
  v('numeric', '2^53+1', 2 ** 53 + 1, true),
  v('numeric', '1.5', 1.5, true),
  v('numeric', 'numeric string "100"', '100', true),
  v('numeric', '1e300', 1e300, true),
  v('type', 'a word', 'much', true),
];

const DATES: Variant[] = [
  v('date', '0000-01-01', '0000-01-01', true),
  v('date', '2025-02-30', '2025-02-30', true),
  v('date', 'empty', '', true),
  v('date', '99999-01-01', '99999-01-01', true),
  v('date', 'year 1', '0001-01-01', true),
  v('date', 'year 1800', '1800-06-15', true),
  v('date', 'far future 2080', '2080-01-01', false),
  v('date', 'year 2101', '2101-01-01', true),
  v('date', 'a timestamp', '2025-01-01T00:00:00Z', true),
  v('date', 'a number', 20250101, true),
  v('date', 'NUL inside', '2025-01-0\u00001', true),
];

const ID_SHAPES: Variant[] = [
  v('id', 'not a uuid', 'not-a-uuid', true),
  v('id', 'unknown uuid', '00000000-0000-4000-8000-000000000000', true),
  v('id', 'empty', '', true),
  v('id', 'NUL inside', `${'0'.repeat(8)}\u0000`, true),
  v('id', 'SQL', `' or 1=1 --`, true),
  v('id', 'a unit id', 'CURRENT:01', false),
  v('id', '10,000 characters', 'x'.repeat(10_000), true),
  v('type', 'a number', 42, false),
];

const ENUMS: Variant[] = [
  v('type', 'not a value', 'NOT_A_VALUE', true),
  v('type', 'lower case', 'lower_case', true),
  v('type', 'a number', 1, true),
];

/** Bad values of a leaf type. `otherIds`: ids of other kinds of organisation, to pass where one kind is wanted. */
export function leafVariants(type: GraphQLInputType, otherIds: string[]): Variant[] {
  const named = getNamedType(type);
  if (isEnumType(named)) return ENUMS;
  if (!isScalarType(named)) return [];
  switch (named.name) {
    case 'String':
      return TEXT;
    case 'Int':
      return INTS;
    case 'Vnd':
      return VND;
    case 'LocalDate':
      return DATES;
    case 'ID':
      return [...ID_SHAPES, ...otherIds.map((id, index) => v('id', `an id of another kind of organisation #${index + 1}`, id, true))];
    default:
      return [v('type', 'a string', 'x', false)];
  }
}

/** Bad values of the field itself, whatever its type: null, missing, wrong shapes. */
export function fieldVariants(type: GraphQLInputType): Variant[] {
  const required = isNonNullType(type);
  const nullable = getNullableType(type);
  const variants: Variant[] = [v('required', 'null', null, required), { ...v('required', 'missing', undefined, required), remove: true }];
  if (isListType(nullable)) {
    variants.push(v('structure', 'not a list', { a: 1 }, true), v('structure', 'a list of null', [null], isNonNullType(nullable.ofType)));
    variants.push(v('structure', 'a list of 1,000 copies', 'COPIES', false));
  }
  if (isInputObjectType(nullable)) variants.push(v('structure', 'a string', 'x', true), v('structure', 'an unknown field', 'UNKNOWN_FIELD', true));
  return variants;
}
