import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { writeTransaction } from '@hoi/common/writes';
import { badInput, conflict, notFound, ruleViolation } from '@hoi/common/errors';
import { Conditions, sql } from '@hoi/common/orm';
import { loadPage, PageArgs, readPage } from '@hoi/common/pagination';
import { AdministrativeUnitReference, unitReference } from '@hoi/common/references';
import { foldVietnamese, likeContains } from '@hoi/common/text';
import { ChapterEntity } from './chapter.entity.ts';
import { Chapter, ChapterConnection, ChapterLevel, OpenChapterInput } from './chapter.type.ts';
import type { RedCrossContext } from '../context.ts';
import { CHAPTER_COLUMNS, toChapter } from './chapter.loaders.ts';
import { requireChapterWrite } from './chapter.access.ts';

type Context = RedCrossContext;

/** Which levels may sit directly under each level; after the 2025 reform grassroots sit under provinces. */
const CHILD_LEVELS: Record<ChapterLevel, ChapterLevel[]> = {
  NATIONAL: [ChapterLevel.PROVINCE],
  PROVINCE: [ChapterLevel.DISTRICT, ChapterLevel.GRASSROOTS],
  DISTRICT: [ChapterLevel.GRASSROOTS],
  GRASSROOTS: [ChapterLevel.BRANCH],
  BRANCH: [],
};
/** The administrative level a chapter's unit must have; grassroots and branches sit in communes. */
const UNIT_LEVEL: Record<ChapterLevel, string | null> = {
  NATIONAL: null,
  PROVINCE: 'PROVINCE',
  DISTRICT: 'DISTRICT',
  GRASSROOTS: 'COMMUNE',
  BRANCH: 'COMMUNE',
};

@ArgsType()
class ChapterFilterArgs {
  @Field(() => ChapterLevel, { nullable: true })
  level?: ChapterLevel | null;

  @Field(() => ID, { nullable: true, description: 'Only the direct children of this chapter.' })
  parentId?: string | null;

  @Field(() => String, { nullable: true, description: 'Part of the name, with or without diacritics.' })
  search?: string | null;
}

@Resolver(() => Chapter)
export class ChapterResolver {
  @Query(() => Chapter, { nullable: true, description: 'One Red Cross chapter by id.' })
  chapter(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Chapter | null> {
    return ctx.loaders.ChapterByIdLoader.load(id);
  }

  @Query(() => ChapterConnection, { nullable: true, description: 'Red Cross chapters in Vietnamese alphabetical order.' })
  chapters(@Args(() => ChapterFilterArgs) filter: ChapterFilterArgs, @Args(() => PageArgs) pageArgs: PageArgs, @Ctx() ctx: Context) {
    if (filter.search != null && filter.search.length > 100) throw badInput('search', 'search is at most 100 characters');
    const conditions = new Conditions();
    if (filter.level) conditions.add('level = ?', filter.level);
    if (filter.parentId) conditions.add('parent_id = ?', filter.parentId);
    if (filter.search?.trim()) conditions.add('name_folded like ?', likeContains(foldVietnamese(filter.search)));
    return loadPage<Chapter>((query, values) => sql(ctx.em, query, values), {
      from: 'red_cross.chapter',
      where: conditions.where,
      params: conditions.params,
      orderColumns: ['name', 'id'],
      select: CHAPTER_COLUMNS,
    }, readPage(pageArgs));
  }

  @Mutation(() => Chapter, { description: 'Opens a chapter under an existing one, at the level below it.' })
  async openChapter(@Arg('input', () => OpenChapterInput) input: OpenChapterInput, @Ctx() ctx: Context): Promise<Chapter> {
    await requireChapterWrite(ctx, input.parentId, 'parentId');
    const name = input.name.normalize('NFC').trim();
    if (!name) throw badInput('name', 'a chapter needs a name');
    const entity = { id: randomUUID(), parentId: input.parentId, level: input.level, name, nameFolded: foldVietnamese(name), unitId: input.unitId ?? null };
    try {
      await writeTransaction(ctx.em, async (em) => {
        const parent = await em.findOne(ChapterEntity, { id: input.parentId });
        if (!parent) throw notFound('parentId', 'no chapter has this id');
        if (!CHILD_LEVELS[parent.level as ChapterLevel].includes(input.level)) {
          throw ruleViolation('level', `a ${parent.level} chapter cannot have a ${input.level} chapter under it`);
        }
        if (input.unitId) {
          // The read-only places reference schema is shared by every subgraph for checks and roll-ups.
          const [unit] = await sql<{ level: string }>(em, `select level from places.administrative_unit where id = ?`, [input.unitId]);
          if (!unit) throw notFound('unitId', 'no administrative unit has this id');
          if (unit.level !== UNIT_LEVEL[input.level]) {
            throw ruleViolation('unitId', `a ${input.level} chapter sits in a ${UNIT_LEVEL[input.level] ?? 'no'} unit, not a ${unit.level}`);
          }
        }
        em.create(ChapterEntity, entity);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw conflict('name', 'the parent already has a chapter of this name');
      throw error;
    }
    return toChapter(entity as ChapterEntity);
  }

  @FieldResolver(() => Chapter, { nullable: true, description: 'The chapter above this one; none for the national headquarters.' })
  parent(@Root() chapter: Chapter, @Ctx() ctx: Context) {
    return chapter.parentId ? ctx.loaders.ChapterByIdLoader.load(chapter.parentId) : null;
  }

  @FieldResolver(() => ChapterConnection, { description: 'The chapters directly under this one.' })
  children(@Root() chapter: Chapter, @Args(() => PageArgs) pageArgs: PageArgs, @Ctx() ctx: Context) {
    return ctx.loaders.ChildrenByChapterIdLoader.load({ parentId: chapter.id, page: readPage(pageArgs) });
  }

  @FieldResolver(() => ChapterConnection, {
    description: 'Every chapter below this one at any depth (the whole subtree without the chapter itself), in Vietnamese order.',
  })
  descendants(
    @Root() chapter: Chapter,
    @Arg('level', () => ChapterLevel, { nullable: true, description: 'Only the descendants of this level.' }) level: ChapterLevel | null,
    @Args(() => PageArgs) pageArgs: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const filter = level ? { where: 'c.level = ?', params: [level] } : undefined;
    return ctx.loaders.DescendantsByChapterIdLoader.load({ parentId: chapter.id, page: readPage(pageArgs), filter });
  }

  @FieldResolver(() => AdministrativeUnitReference, {
    nullable: true,
    description: 'The administrative unit the chapter was set up in, in the edition of the map of that time.',
  })
  unit(@Root() chapter: Chapter) {
    return unitReference(chapter.unitId);
  }
}
