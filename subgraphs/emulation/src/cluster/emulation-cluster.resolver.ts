import { Arg, Args, ArgsType, Ctx, Directive, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Conditions, sql } from '@hoi/common/orm';
import { loadPage, PageArgs, readPage } from '@hoi/common/pagination';
import { AdministrativeUnitReference, unitReference } from '@hoi/common/references';
import type { EmulationContext } from '../context.ts';
import { CLUSTER_COLUMNS } from './emulation-cluster.loaders.ts';
import {
  ClusterKind,
  ClusterMember,
  ClusterMemberConnection,
  ClusterOrganisation,
  EmulationCluster,
  EmulationClusterConnection,
  ExternalOrganisation,
} from './emulation-cluster.type.ts';

type Context = EmulationContext;

@ArgsType()
class ClusterFilterArgs {
  @Field(() => Int, { nullable: true, description: 'Only the clusters of this emulation year.' })
  year?: number | null;

  @Field(() => ClusterKind, { nullable: true })
  kind?: ClusterKind | null;
}

@Resolver(() => EmulationCluster)
export class EmulationClusterResolver {
  @Query(() => EmulationCluster, { nullable: true, description: 'One emulation cluster by id.' })
  emulationCluster(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.EmulationClusterByIdLoader.load(id);
  }

  @Query(() => EmulationClusterConnection, { nullable: true, description: 'Emulation clusters, newest year first, then by name.' })
  emulationClusters(@Args(() => ClusterFilterArgs) filter: ClusterFilterArgs, @Args(() => PageArgs) pageArgs: PageArgs, @Ctx() ctx: Context) {
    const conditions = new Conditions();
    if (filter.year != null) conditions.add('year = ?', filter.year);
    if (filter.kind) conditions.add('kind = ?', filter.kind);
    return loadPage<EmulationCluster>((query, values) => sql(ctx.em, query, values), {
      from: 'emulation.cluster',
      where: conditions.where,
      params: conditions.params,
      // Newest first: the negated year keeps one ascending keyset.
      orderColumns: ['-year', 'name', 'id'],
      select: CLUSTER_COLUMNS,
    }, readPage(pageArgs));
  }

  @FieldResolver(() => ClusterMemberConnection, { description: 'The member organisations (đơn vị thành viên), in the cluster\'s order.' })
  members(@Root() cluster: EmulationCluster, @Args(() => PageArgs) pageArgs: PageArgs, @Ctx() ctx: Context) {
    return ctx.loaders.MembersByClusterIdLoader.load({ parentId: cluster.id, page: readPage(pageArgs) });
  }

  // The red-cross and elderly subgraphs @require these to add up their own figures for a cluster;
  // clients read `members` instead.
  @FieldResolver(() => [ID])
  @Directive('@inaccessible')
  async memberChapterIds(@Root() cluster: EmulationCluster, @Ctx() ctx: Context): Promise<string[]> {
    return (await ctx.loaders.MemberReferencesByClusterIdLoader.load(cluster.id)).chapterIds;
  }

  @FieldResolver(() => [ID])
  @Directive('@inaccessible')
  async memberAssociationIds(@Root() cluster: EmulationCluster, @Ctx() ctx: Context): Promise<string[]> {
    return (await ctx.loaders.MemberReferencesByClusterIdLoader.load(cluster.id)).associationIds;
  }

  @FieldResolver(() => AdministrativeUnitReference, { nullable: true, description: 'The province of a bloc of one province.' })
  unit(@Root() cluster: EmulationCluster) {
    return unitReference(cluster.unitId);
  }
}

@Resolver(() => ClusterMember)
export class ClusterMemberResolver {
  @FieldResolver(() => ClusterOrganisation, {
    nullable: true,
    description: 'The member organisation; null, with a SUBGRAPH_UNAVAILABLE error, while the subgraph that owns it does not answer.',
  })
  organisation(@Root() member: ClusterMember, @Ctx() ctx: Context) {
    if (member.chapterId) return { __typename: 'Chapter', id: member.chapterId };
    if (member.elderlyAssociationId) return { __typename: 'ElderlyAssociation', id: member.elderlyAssociationId };
    return ctx.loaders.ExternalOrganisationByIdLoader.load(member.externalOrganisationId!);
  }
}

@Resolver(() => ExternalOrganisation)
export class ExternalOrganisationResolver {
  @FieldResolver(() => AdministrativeUnitReference, { nullable: true })
  unit(@Root() organisation: ExternalOrganisation) {
    return unitReference(organisation.unitId);
  }
}
