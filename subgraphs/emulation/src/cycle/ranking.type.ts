import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { LocalDate } from '@hoi/common/dates';
import { IsUUID } from 'class-validator';
import { ClusterMember } from '../cluster/emulation-cluster.type.ts';

@ObjectType({
  description:
    'A member\'s place in the ranking (xếp hạng) of a cluster year. The weighted score is Σ(weight × points) ÷ 100 over the criteria: since the weights add up to 100, the weighted mean of the member\'s points, computed in SQL with integers and exact to two decimals. Ranks are standard competition ranks ("1224"): members with equal weighted scores share a rank (đồng hạng), and the next rank is 1 + the number of members placed above, so a rank always says how many members did better. Ties are not broken: tied members are listed in the cluster\'s order.',
})
export class EmulationRankingEntry {
  @Field(() => Int, { description: '1 + the number of members with a higher weighted score.' })
  rank!: number;

  @Field(() => ClusterMember)
  member!: ClusterMember;

  @Field(() => String, { description: 'The exact weighted score as a decimal string with two decimals, e.g. "87.50".' })
  weightedScore!: string;

  @Field(() => [ClusterMember], { description: 'The other members with the same weighted score, who share this rank; empty when not tied.' })
  tiedWith!: ClusterMember[];

  @Field(() => String, { nullable: true, description: 'How a tie was ranked, in words; null when not tied.' })
  tieNote!: string | null;

  clusterId!: string;
}

@InputType({ description: 'Closes scoring and ranks the members; every member must be scored on every criterion.' })
export class ComputeEmulationRankingInput {
  @Field(() => ID)
  @IsUUID()
  clusterId!: string;

  @Field(() => LocalDate, { nullable: true, description: 'By default today in Vietnam; not before scoring started, not in the future.' })
  rankedOn?: string | null;
}
