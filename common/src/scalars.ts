import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/**
 * Money in whole Vietnamese đồng. PostgreSQL keeps it as bigint; it travels as a JSON integer,
 * exact up to 9,007,199,254,740,991 VND (Number.MAX_SAFE_INTEGER), far above any figure here.
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
      throw new GraphQLError('Vnd is a whole number of đồng', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return Number(ast.value);
  },
});

/** A whole number of đồng, as the Vnd scalar hands it to resolvers: a safe integer, never a fraction. */
export type WholeVnd = number;
