import { randomUUID } from 'node:crypto';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { writeTransaction } from '@hoi/common/writes';
import { notFound } from '@hoi/common/errors';
import { PageArgs, readPage } from '@hoi/common/pagination';
import { ElderlyAssociationEntity } from '../association/elderly-association.entity.ts';
import { ElderlyAssociation } from '../association/elderly-association.type.ts';
import { cleanText, uniqueConflict } from '../club-life/record.rules.ts';
import type { ElderlyContext } from '../context.ts';
import { ReplicationSchemeEntity } from './replication-scheme.entity.ts';
import { ReplicationScheme, ReplicationSchemeConnection, ReplicationSchemeInput, ReplicationSchemeProgress, resolveSchemePeriod } from './replication-scheme.type.ts';
import { requireAssociationWrite } from '../association/association.access.ts';

const UNIQUE_INDEXES: Record<string, [string, string]> = {
  replication_scheme_name_key: ['name', 'this association already has a scheme of this name'],
};

@Resolver(() => ReplicationScheme)
export class ReplicationSchemeResolver {
  @Query(() => ReplicationScheme, { nullable: true, description: 'One replication scheme (đề án nhân rộng mô hình CLB) by id.' })
  replicationScheme(@Arg('id', () => ID) id: string, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ReplicationSchemeByIdLoader.load(id);
  }

  @Mutation(() => ReplicationScheme, { description: 'Records that an association unit adopts a scheme to replicate the club model (đề án nhân rộng mô hình CLB) for a period.' })
  async adoptReplicationScheme(@Arg('input', () => ReplicationSchemeInput) input: ReplicationSchemeInput, @Ctx() ctx: ElderlyContext): Promise<ReplicationScheme> {
    await requireAssociationWrite(ctx, input.associationId, 'associationId');
    const { startsOn, endsOn } = resolveSchemePeriod(input.period, 'period');
    const scheme = {
      id: randomUUID(),
      associationId: input.associationId,
      name: cleanText(input.name),
      approvedBy: input.approvedBy == null ? null : cleanText(input.approvedBy),
      startsOn,
      endsOn,
      targetClubs: input.targetClubs ?? null,
    };
    try {
      await writeTransaction(ctx.em, async (em) => {
        if (!(await em.findOne(ElderlyAssociationEntity, { id: input.associationId }, { fields: ['id'] }))) {
          throw notFound('associationId', 'no association unit has this id');
        }
        em.create(ReplicationSchemeEntity, scheme);
      });
    } catch (error) {
      throw uniqueConflict(error, UNIQUE_INDEXES) ?? error;
    }
    return scheme;
  }

  @FieldResolver(() => ReplicationSchemeProgress, { description: 'Clubs founded in the period across the association\'s subtree, against the target.' })
  progress(@Root() scheme: ReplicationScheme, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ReplicationSchemeProgressBySchemeIdLoader.load(scheme.id);
  }

  @FieldResolver(() => ElderlyAssociation, { description: 'The association unit that carries it out.' })
  association(@Root() scheme: ReplicationScheme, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ElderlyAssociationByIdLoader.load(scheme.associationId);
  }
}

@Resolver(() => ElderlyAssociation)
export class AssociationReplicationSchemeResolver {
  @FieldResolver(() => ReplicationSchemeConnection, { description: 'Replication schemes this unit adopted, latest start first.' })
  replicationSchemes(@Root() association: ElderlyAssociation, @Args(() => PageArgs) pageArgs: PageArgs, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ReplicationSchemesByAssociationIdLoader.load({ parentId: association.id, page: readPage(pageArgs) });
  }
}
