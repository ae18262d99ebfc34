import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { EmulationCluster } from '../cluster/emulation-cluster.type.ts';
import type { EmulationContext } from '../context.ts';
import { EmulationAwardResolver } from './award.resolver.ts';
import { CommendationProposal, EmulationTitleAward } from './award.type.ts';
import { EmulationCriteriaResolver } from './criterion.resolver.ts';
import { EmulationCriterion } from './criterion.type.ts';
import { EmulationCycle } from './cycle.type.ts';
import { EmulationRankingResolver } from './ranking.resolver.ts';
import { EmulationRankingEntry } from './ranking.type.ts';
import { EmulationRegistrationResolver } from './registration.resolver.ts';
import { EmulationRegistration } from './registration.type.ts';
import { EmulationScoresResolver } from './score.resolver.ts';
import { EmulationScore } from './score.type.ts';

/** The cycle's data on a cluster year; each field is one statement for all the clusters of a request. */
@Resolver(() => EmulationCluster)
export class EmulationClusterCycleResolver {
  @FieldResolver(() => EmulationCycle, { description: 'The yearly cycle: its stage and the date of each transition.' })
  cycle(@Root() cluster: EmulationCluster, @Ctx() ctx: EmulationContext) {
    return ctx.loaders.EmulationCycleByClusterIdLoader.load(cluster.id);
  }

  @FieldResolver(() => [EmulationRegistration], { description: 'Commitments and model programmes the members registered, in the members\' order.' })
  registrations(@Root() cluster: EmulationCluster, @Ctx() ctx: EmulationContext) {
    return ctx.loaders.EmulationRegistrationsByClusterIdLoader.load(cluster.id);
  }

  @FieldResolver(() => [EmulationCriterion], { description: 'The scoring criteria (tiêu chí chấm điểm), in their order; empty until set.' })
  criteria(@Root() cluster: EmulationCluster, @Ctx() ctx: EmulationContext) {
    return ctx.loaders.EmulationCriteriaByClusterIdLoader.load(cluster.id);
  }

  @FieldResolver(() => [EmulationScore], { description: 'The scores, by member in the cluster\'s order, then by criterion.' })
  scores(@Root() cluster: EmulationCluster, @Ctx() ctx: EmulationContext) {
    return ctx.loaders.EmulationScoresByClusterIdLoader.load(cluster.id);
  }

  @FieldResolver(() => [EmulationRankingEntry], {
    description: 'The ranking (xếp hạng) by weighted score, best first, with standard competition ranks for ties; empty until the cycle is RANKED.',
  })
  ranking(@Root() cluster: EmulationCluster, @Ctx() ctx: EmulationContext) {
    return ctx.loaders.EmulationRankingByClusterIdLoader.load(cluster.id);
  }

  @FieldResolver(() => [EmulationTitleAward], { description: 'The emulation titles the cluster voted (suy tôn) for its members, by title, then in the members\' order.' })
  titles(@Root() cluster: EmulationCluster, @Ctx() ctx: EmulationContext) {
    return ctx.loaders.EmulationTitleAwardsByClusterIdLoader.load(cluster.id);
  }

  @FieldResolver(() => [CommendationProposal], { description: 'The commendations the cluster proposed (đề nghị khen thưởng) for its members, by form, then in the members\' order.' })
  commendationProposals(@Root() cluster: EmulationCluster, @Ctx() ctx: EmulationContext) {
    return ctx.loaders.CommendationProposalsByClusterIdLoader.load(cluster.id);
  }
}

/** Every resolver of the yearly cycle, for the subgraph's schema. */
export const CYCLE_RESOLVERS = [
  EmulationClusterCycleResolver,
  EmulationRegistrationResolver,
  EmulationCriteriaResolver,
  EmulationScoresResolver,
  EmulationRankingResolver,
  EmulationAwardResolver,
] as const;
