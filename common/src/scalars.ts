import { GraphQLError, GraphQLScalarType, isScalarType, Kind, type GraphQLSchema, type ValueNode } from 'graphql';
import { LocalDate } from './dates.ts';

/**
 * Money in whole Vietnamese đồng. PostgreSQL keeps it as bigint; it travels as a JSON integer,
 * exact up to 9,007,199,254,740,991 VND (Number.MAX_SAFE_INTEGER). Inputs are bounded far below
 * that (README, "Bounds on figures"); sums of many amounts are VndTotal, never Vnd.
 */
export const Vnd = new GraphQLScalarType({
  name: 'Vnd',
  description: 'An amount of money in whole Vietnamese đồng (VND): an integer, never a float.',
  serialize(value) {
    const amount = typeof value === 'string' || typeof value === 'bigint' ? Number(value) : value;
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) throw new GraphQLError(`Vnd cannot represent ${String(value)}`);
    return amount;
  },
  parseValue(value) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw new GraphQLError('Vnd is a whole number of đồng', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.INT || !Number.isSafeInteger(Number(ast.value))) {
      // The node locates the argument at fault: validation reports this error as it is.
      throw new GraphQLError('Vnd is a whole number of đồng', { nodes: ast, extensions: { code: 'BAD_USER_INPUT' } });
    }
    return Number(ast.value);
  },
});

/** A whole number of đồng, as the Vnd scalar hands it to resolvers: a safe integer, never a fraction. */
export type WholeVnd = number;

const DECIMAL_DIGITS = /^-?(0|[1-9][0-9]*)$/;

/**
 * A whole number of any size written as decimal digits. Sums are computed in SQL numeric and
 * reach the client as PostgreSQL's own text: never through a JS number, so never rounded.
 */
function decimalDigitsScalar(name: string, description: string) {
  const refuse = (ast?: ValueNode) =>
    new GraphQLError(`${name} is a whole number written as a string of decimal digits`, { nodes: ast, extensions: { code: 'BAD_USER_INPUT' } });
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize(value) {
      const text = typeof value === 'bigint' || (typeof value === 'number' && Number.isSafeInteger(value)) ? String(value) : value;
      if (typeof text !== 'string' || !DECIMAL_DIGITS.test(text)) throw new GraphQLError(`${name} cannot represent ${String(value)}`);
      return text;
    },
    parseValue(value) {
      if (typeof value !== 'string' || !DECIMAL_DIGITS.test(value)) throw refuse();
      return value;
    },
    parseLiteral(ast) {
      if (ast.kind !== Kind.STRING || !DECIMAL_DIGITS.test(ast.value)) throw refuse(ast);
      return ast.value;
    },
  });
}

export const VndTotal = decimalDigitsScalar(
  'VndTotal',
  'A total of money (tổng số tiền) in whole Vietnamese đồng, e.g. "260000000000": a sum of đồng as a string of decimal digits, because a sum over many records can exceed what a JSON number carries exactly.',
);

export const WholeNumber = decimalDigitsScalar(
  'WholeNumber',
  'A total of whole quantities (tổng số: people, gifts, units, houses, members…), e.g. "622000", or a ratio computed from one: a string of decimal digits, because a sum over many records can exceed what a JSON number carries exactly.',
);

/** Every custom scalar of the API, by name: the subgraphs use them, the gateway gives its schema the same rules. */
export const CUSTOM_SCALARS: readonly GraphQLScalarType[] = [Vnd, VndTotal, WholeNumber, LocalDate];

/**
 * Gives a schema built from SDL (the gateway's, from the supergraph) the input rules of our
 * custom scalars, in place: SDL alone gives each scalar the identity, so a bad value would pass
 * the gateway and come back from the subgraph as a failed fetch. With the rules, the gateway
 * refuses it itself, as the subgraph would: 400 BAD_USER_INPUT naming the variable or argument.
 * Output is left as it is: the subgraph has serialized it already.
 */
export function giveScalarRules(schema: GraphQLSchema): void {
  for (const scalar of CUSTOM_SCALARS) {
    const type = schema.getType(scalar.name);
    if (!isScalarType(type)) continue;
    type.parseValue = scalar.parseValue;
    type.parseLiteral = scalar.parseLiteral;
  }
}
