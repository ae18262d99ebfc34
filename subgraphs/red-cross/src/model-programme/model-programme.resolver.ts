import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { writeTransaction } from '@hoi/common/writes';
import { badInput, conflict, notFound } from '@hoi/common/errors';
import { requireChapterWrite } from '../chapter/chapter.access.ts';
import { ChapterEntity } from '../chapter/chapter.entity.ts';
import { Chapter } from '../chapter/chapter.type.ts';
import type { RedCrossContext } from '../context.ts';
import { assertChapterPeriodOpen } from '../period-report/period-report.plug.ts';
import { ModelProgrammeEntity } from './model-programme.entity.ts';
import { ModelProgramme, ModelProgrammeInput } from './model-programme.type.ts';
import { cleanText } from '@hoi/common/text';

/** The current year in Vietnam (UTC+7). */
export function yearInVietnam(now = new Date()): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(now));
}


@Resolver(() => Chapter)
export class ChapterModelProgrammeResolver {
  @FieldResolver(() => [ModelProgramme], { description: 'The model programmes (mô hình điểm) the chapter registered, newest year first, in Vietnamese order.' })
  modelProgrammes(
    @Root() chapter: Chapter,
    @Arg('year', () => Int, { nullable: true, description: 'Only those registered for this year.' }) year: number | null,
    @Ctx() ctx: RedCrossContext,
  ) {
    return ctx.loaders.ModelProgrammesByChapterLoader.load({ chapterId: chapter.id, year: year ?? null });
  }
}

@Resolver(() => ModelProgramme)
export class ModelProgrammeResolver {
  @Mutation(() => ModelProgramme, { description: 'Registers a model programme (đăng ký mô hình điểm) of a chapter for a year.' })
  async registerModelProgramme(@Arg('input', () => ModelProgrammeInput) input: ModelProgrammeInput, @Ctx() ctx: RedCrossContext): Promise<ModelProgramme> {
    await requireChapterWrite(ctx, input.chapterId, 'chapterId');
    const latest = yearInVietnam() + 1;
    if (input.year > latest) throw badInput('year', `a model programme is registered for ${latest} at the latest`);
    const programme = {
      id: randomUUID(),
      chapterId: input.chapterId,
      year: input.year,
      name: cleanText(input.name),
      description: input.description == null ? null : input.description.normalize('NFC').trim(),
    };
    try {
      await writeTransaction(ctx.em, async (em) => {
        if (!(await em.findOne(ChapterEntity, { id: programme.chapterId }, { fields: ['id'] }))) {
          throw notFound('chapterId', 'no chapter has this id');
        }
        await assertChapterPeriodOpen(em, programme.chapterId, `${programme.year}-01-01`, `${programme.year}-12-31`, 'year');
        em.create(ModelProgrammeEntity, programme);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw conflict('name', 'this chapter has already registered a model programme of this name for this year');
      }
      throw error;
    }
    return programme;
  }

  @FieldResolver(() => Chapter)
  chapter(@Root() programme: ModelProgramme, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.ChapterByIdLoader.load(programme.chapterId);
  }
}
