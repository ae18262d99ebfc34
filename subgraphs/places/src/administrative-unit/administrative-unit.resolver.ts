import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@hoi/common/context';
import { Conditions, sql } from '@hoi/common/orm';
import { loadPage, PageArgs, readPage } from '@hoi/common/pagination';
import { likeContains, searchKey } from '@hoi/common/text';
import { badInput } from '@hoi/common/errors';
import { AdministrativeUnit, AdministrativeUnitConnection, UnitEdition, UnitLevel } from './administrative-unit.type.ts';
import { UNIT_COLUMNS, type UnitLoaders } from './administrative-unit.loaders.ts';

type Context = RequestContext<UnitLoaders>;

@ArgsType()
class UnitFilterArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Part of the name, with or without diacritics, in either tone-mark style: "Thai Nguyen", "Hoà Bình" and "Hòa Bình" all match.',
  })
  search?: string | null;

  @Field(() => UnitEdition, { nullable: true })
  edition?: UnitEdition | null;

  @Field(() => UnitLevel, { nullable: true })
  level?: UnitLevel | null;

  @Field(() => ID, { nullable: true, description: 'Only the units directly under this one.' })
  parentId?: string | null;
}

@Resolver(() => AdministrativeUnit)
export class AdministrativeUnitResolver {
  @Query(() => AdministrativeUnit, { nullable: true, description: 'One administrative unit by id ("CURRENT:24").' })
  administrativeUnit(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<AdministrativeUnit | null> {
    return ctx.loaders.AdministrativeUnitByIdLoader.load(id);
  }

  @Query(() => AdministrativeUnitConnection, {
    nullable: true,
    description: 'Administrative units, provinces first, then in Vietnamese alphabetical order of their names.',
  })
  async administrativeUnits(
    @Args(() => UnitFilterArgs) filter: UnitFilterArgs,
    @Args(() => PageArgs) pageArgs: PageArgs,
    @Ctx() ctx: Context,
  ) {
    if (filter.search != null && filter.search.length > 100) throw badInput('search', 'search is at most 100 characters');
    const search = filter.search?.trim() ? searchKey(filter.search) : null;
    const conditions = new Conditions();
    if (filter.edition) conditions.add('edition = ?', filter.edition);
    if (filter.level) conditions.add('level = ?', filter.level);
    if (filter.parentId) conditions.add('parent_id = ?', filter.parentId);
    if (search) conditions.add(search.folded ? 'name_folded like ?' : 'name_tone_key like ?', likeContains(search.key));
    return loadPage<AdministrativeUnit>((query, values) => sql(ctx.em, query, values), {
      from: 'places.administrative_unit',
      where: conditions.where,
      params: conditions.params,
      orderColumns: ['level_rank', 'short_name', 'id'],
      select: UNIT_COLUMNS,
    }, readPage(pageArgs));
  }

  @FieldResolver(() => AdministrativeUnit, { nullable: true, description: 'The unit this one lies in (a commune\'s district before 2025, its province after).' })
  parent(@Root() unit: AdministrativeUnit, @Ctx() ctx: Context): Promise<AdministrativeUnit | null> | null {
    return unit.parentId ? ctx.loaders.AdministrativeUnitByIdLoader.load(unit.parentId) : null;
  }

  @FieldResolver(() => [AdministrativeUnit], {
    description: 'The unit(s) of today\'s map this unit now lies in (đơn vị kế thừa). A current unit answers itself.',
  })
  async successors(@Root() unit: AdministrativeUnit, @Ctx() ctx: Context): Promise<AdministrativeUnit[]> {
    if (unit.edition === UnitEdition.CURRENT) return [unit];
    return ctx.loaders.SuccessorsByUnitIdLoader.load(unit.id);
  }

  @FieldResolver(() => [AdministrativeUnit], { description: 'For a current unit, the units of its level before the reform that went into it, wholly or in part.' })
  predecessors(@Root() unit: AdministrativeUnit, @Ctx() ctx: Context): Promise<AdministrativeUnit[]> {
    return ctx.loaders.PredecessorsByUnitIdLoader.load(unit.id);
  }
}
