import { Directive, Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A share of a whole, exact: basis points (1/100 of a percent) and a two-decimal percentage.' })
@Directive('@shareable')
export class Share {
  @Field(() => Int, { description: 'Parts per 10,000, rounded half up (6696 = 66.96 %).' })
  basisPoints!: number;

  @Field(() => String, { description: 'The percentage with two decimals, e.g. "66.96"; "0.00" when the whole is zero.' })
  percent!: string;
}

/** SQL for a share of `part` in `whole`, as the columns `<alias>BasisPoints` and `<alias>Percent`. */
export function shareSql(part: string, whole: string, alias: string): string {
  return `coalesce(round(${part} * 10000.0 / nullif(${whole}, 0)), 0)::int as "${alias}BasisPoints",
    to_char(coalesce(round(${part} * 100.0 / nullif(${whole}, 0), 2), 0), 'FM999990.00') as "${alias}Percent"`;
}

export function shareOf(row: Record<string, unknown>, alias: string): Share {
  return { basisPoints: Number(row[`${alias}BasisPoints`]), percent: String(row[`${alias}Percent`]) };
}

/**
 * The same share as `shareSql`, of two exact counts (strings of digits) already summed in SQL, as
 * a frozen report holds them: half up, like PostgreSQL's round on numeric.
 */
export function shareOfCounts(part: string | number, whole: string | number): Share {
  const p = BigInt(part);
  const w = BigInt(whole);
  if (w === 0n) return { basisPoints: 0, percent: '0.00' };
  const halfUp = (numerator: bigint) => (numerator * 2n + w) / (2n * w);
  const hundredths = halfUp(p * 10000n);
  return { basisPoints: Number(hundredths), percent: `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}` };
}
