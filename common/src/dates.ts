import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';

/** Today's date in Vietnam (UTC+7) as an ISO date: "not in the future" means after this day there. */
export function todayInVietnam(now = new Date()): string {
  return VIETNAM_DAY.format(now);
}

// Made once: building an Intl.DateTimeFormat costs about a millisecond, the largest cost of a
// row of a spreadsheet import when it was made per call.
const VIETNAM_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * Every date the API takes lies in these years: no record of the associations (founded 1946 and
 * later) nor a living member's birth falls before 1900, and nothing is planned past 2100. Outside
 * them a date is a typing error (0000-01-01, 20255-01-01), refused before it reaches PostgreSQL.
 */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The error for a date outside the calendar or the years above, or null for a good one. */
export function dateProblem(value: unknown): string | null {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!match) return 'a date is written YYYY-MM-DD';
  const [year, month, day] = match.slice(1).map(Number);
  if (year < FIRST_YEAR || year > LAST_YEAR) return `a date lies between ${FIRST_YEAR}-01-01 and ${LAST_YEAR}-12-31`;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day ? `${value} is not a day of the calendar` : null;
}

/** `ast` locates a literal at fault: validation reports the error as it is. */
function parseDate(value: unknown, ast?: ValueNode): string {
  const problem = dateProblem(value);
  if (problem) throw new GraphQLError(problem, { nodes: ast, extensions: { code: 'BAD_USER_INPUT' } });
  return value as string;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A `YYYY-MM-DD` day of the calendar, any year: what graphql-scalars' LocalDate lets out, told
 * without the Date and the ISO string it makes of every date an answer carries.
 */
function isCalendarDay(value: unknown): value is string {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

/** ISO dates in, ISO dates out; input limited to real days of the years above. */
export const LocalDate = new GraphQLScalarType({
  name: 'LocalDate',
  description: `A calendar day in \`YYYY-MM-DD\` format, e.g. \`2020-01-01\`, with no time zone; as input, a real day between ${FIRST_YEAR}-01-01 and ${LAST_YEAR}-12-31.`,
  // graphql-scalars' own serializer only for what it refuses, with its error.
  serialize: (value) => (isCalendarDay(value) ? value : LocalDateResolver.serialize(value)),
  parseValue: (value) => parseDate(value),
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('a date is written YYYY-MM-DD', { nodes: ast, extensions: { code: 'BAD_USER_INPUT' } });
    return parseDate(ast.value, ast);
  },
});

