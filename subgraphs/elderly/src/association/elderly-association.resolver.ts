import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { badInput } from '@hoi/common/errors';
import { Conditions, sql } from '@hoi/common/orm';
import { loadPage, PageArgs, readPage } from '@hoi/common/pagination';
import { AdministrativeUnitReference, unitReference } from '@hoi/common/references';
import { foldVietnamese, likeContains } from '@hoi/common/text';
import { ClubConnection } from '../club/club.type.ts';
import type { ElderlyContext } from '../context.ts';
import { ASSOCIATION_COLUMNS } from './elderly-association.loaders.ts';
import { AssociationLevel, ElderlyAssociation, ElderlyAssociationConnection } from './elderly-association.type.ts';

@ArgsType()
class AssociationFilterArgs {
  @Field(() => AssociationLevel, { nullable: true })
  level?: AssociationLevel | null;

  @Field(() => ID, { nullable: true, description: 'Only the units directly under this one.' })
  parentId?: string | null;

  @Field(() => String, { nullable: true, description: 'Part of the name, with or without diacritics.' })
  search?: string | null;
}

@Resolver(() => ElderlyAssociation)
export class ElderlyAssociationResolver {
  @Query(() => ElderlyAssociation, { nullable: true, description: 'One Elderly Association unit by id.' })
  elderlyAssociation(@Arg('id', () => ID) id: string, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ElderlyAssociationByIdLoader.load(id);
  }

  @Query(() => ElderlyAssociationConnection, { nullable: true, description: 'Elderly Association units in Vietnamese alphabetical order.' })
  elderlyAssociations(@Args(() => AssociationFilterArgs) filter: AssociationFilterArgs, @Args(() => PageArgs) pageArgs: PageArgs, @Ctx() ctx: ElderlyContext) {
    if (filter.search != null && filter.search.length > 100) throw badInput('search', 'search is at most 100 characters');
    const conditions = new Conditions();
    if (filter.level) conditions.add('level = ?', filter.level);
    if (filter.parentId) conditions.add('parent_id = ?', filter.parentId);
    if (filter.search?.trim()) conditions.add('name_folded like ?', likeContains(foldVietnamese(filter.search)));
    return loadPage<ElderlyAssociation>((query, values) => sql(ctx.em, query, values), {
      from: 'elderly.association',
      where: conditions.where,
      params: conditions.params,
      orderColumns: ['name', 'id'],
      select: ASSOCIATION_COLUMNS,
    }, readPage(pageArgs));
  }

  @FieldResolver(() => ElderlyAssociation, { nullable: true, description: 'The association level above this one.' })
  parent(@Root() association: ElderlyAssociation, @Ctx() ctx: ElderlyContext) {
    return association.parentId ? ctx.loaders.ElderlyAssociationByIdLoader.load(association.parentId) : null;
  }

  @FieldResolver(() => ClubConnection, { description: 'Clubs this unit manages directly.' })
  clubs(@Root() association: ElderlyAssociation, @Args(() => PageArgs) pageArgs: PageArgs, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ClubsByAssociationIdLoader.load({ parentId: association.id, page: readPage(pageArgs) });
  }

  @FieldResolver(() => AdministrativeUnitReference, { nullable: true, description: 'The administrative unit of this association, in the edition of the map of its time.' })
  unit(@Root() association: ElderlyAssociation) {
    return unitReference(association.unitId);
  }
}
