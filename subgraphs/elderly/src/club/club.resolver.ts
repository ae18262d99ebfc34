import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { badInput } from '@hoi/common/errors';
import { Conditions, sql } from '@hoi/common/orm';
import { loadPage, PageArgs, readPage } from '@hoi/common/pagination';
import { AdministrativeUnitReference, unitReference } from '@hoi/common/references';
import { foldVietnamese, likeContains } from '@hoi/common/text';
import { ElderlyAssociation } from '../association/elderly-association.type.ts';
import type { ElderlyContext } from '../context.ts';
import { CLUB_COLUMNS } from './club.loaders.ts';
import { Club, ClubConnection } from './club.type.ts';

@ArgsType()
class ClubFilterArgs {
  @Field(() => ID, { nullable: true, description: 'Only the clubs of this association unit.' })
  associationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Part of the name, with or without diacritics.' })
  search?: string | null;
}

@Resolver(() => Club)
export class ClubResolver {
  @Query(() => Club, { nullable: true, description: 'One club by id.' })
  club(@Arg('id', () => ID) id: string, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ClubByIdLoader.load(id);
  }

  @Query(() => ClubConnection, { nullable: true, description: 'Clubs in Vietnamese alphabetical order.' })
  clubs(@Args(() => ClubFilterArgs) filter: ClubFilterArgs, @Args(() => PageArgs) pageArgs: PageArgs, @Ctx() ctx: ElderlyContext) {
    if (filter.search != null && filter.search.length > 100) throw badInput('search', 'search is at most 100 characters');
    const conditions = new Conditions();
    if (filter.associationId) conditions.add('association_id = ?', filter.associationId);
    if (filter.search?.trim()) conditions.add('name_folded like ?', likeContains(foldVietnamese(filter.search)));
    return loadPage<Club>((query, values) => sql(ctx.em, query, values), {
      from: 'elderly.club',
      where: conditions.where,
      params: conditions.params,
      orderColumns: ['name', 'id'],
      select: CLUB_COLUMNS,
    }, readPage(pageArgs));
  }

  @FieldResolver(() => ElderlyAssociation, { description: 'The association unit that manages the club.' })
  association(@Root() club: Club, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ElderlyAssociationByIdLoader.load(club.associationId);
  }

  @FieldResolver(() => AdministrativeUnitReference, { nullable: true, description: 'The commune or ward of the club, in the edition of the map of its founding.' })
  unit(@Root() club: Club) {
    return unitReference(club.unitId);
  }
}
