import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { writeTransaction } from '@hoi/common/writes';
import { conflict, notFound, ruleViolation } from '@hoi/common/errors';
import { resolvePeriod } from '@hoi/common/period';
import { CampaignEntity } from '../campaign/campaign.entity.ts';
import { Campaign } from '../campaign/campaign.type.ts';
import { requireChapterWrite } from '../chapter/chapter.access.ts';
import { ChapterEntity } from '../chapter/chapter.entity.ts';
import { Chapter } from '../chapter/chapter.type.ts';
import type { RedCrossContext } from '../context.ts';
import { TargetEntity } from './target.entity.ts';
import { Target, TargetAchievement, TargetInput } from './target.type.ts';

@Resolver(() => Target)
export class TargetResolver {
  @Mutation(() => Target, { description: 'Sets a target (giao chỉ tiêu) for a child chapter; each chapter gets its own value.' })
  async setTarget(@Arg('input', () => TargetInput) input: TargetInput, @Ctx() ctx: RedCrossContext): Promise<Target> {
    // The parent sets targets for its children: the write is the setter's.
    await requireChapterWrite(ctx, input.setterChapterId, 'setterChapterId');
    const period = resolvePeriod(input.period, 'period');
    const target = {
      id: randomUUID(),
      setterChapterId: input.setterChapterId,
      chapterId: input.chapterId,
      metric: input.metric,
      campaignId: input.campaignId ?? null,
      periodType: period.type,
      periodStart: period.start,
      periodEnd: period.end,
      value: String(input.value),
    };
    try {
      await writeTransaction(ctx.em, async (em) => {
        const setter = await em.findOne(ChapterEntity, { id: input.setterChapterId }, { fields: ['id'] });
        if (!setter) throw notFound('setterChapterId', 'no chapter has this id');
        const child = await em.findOne(ChapterEntity, { id: input.chapterId }, { fields: ['id', 'parentId'] });
        if (!child) throw notFound('chapterId', 'no chapter has this id');
        if (child.parentId !== input.setterChapterId) throw ruleViolation('chapterId', 'a chapter sets targets only for its direct children');
        if (input.campaignId && !(await em.findOne(CampaignEntity, { id: input.campaignId }, { fields: ['id'] }))) {
          throw notFound('campaignId', 'no campaign has this id');
        }
        em.create(TargetEntity, target);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw conflict('period', 'this chapter already has a target for this metric, campaign and period');
      }
      throw error;
    }
    return { ...target, period, metric: input.metric };
  }

  @FieldResolver(() => TargetAchievement)
  achievement(@Root() target: Target, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.TargetAchievementByTargetIdLoader.load(target.id);
  }

  @FieldResolver(() => Chapter, { description: 'The chapter that set the target.' })
  setBy(@Root() target: Target, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.ChapterByIdLoader.load(target.setterChapterId);
  }

  @FieldResolver(() => Chapter, { description: 'The chapter the target is for.' })
  chapter(@Root() target: Target, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.ChapterByIdLoader.load(target.chapterId);
  }

  @FieldResolver(() => Campaign, { nullable: true })
  campaign(@Root() target: Target, @Ctx() ctx: RedCrossContext) {
    return target.campaignId ? ctx.loaders.CampaignByIdLoader.load(target.campaignId) : null;
  }
}

@Resolver(() => Chapter)
export class ChapterTargetResolver {
  @FieldResolver(() => [Target], { description: 'Targets set for this chapter by its parent, newest period first.' })
  targets(@Root() chapter: Chapter, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.TargetsByChapterIdLoader.load(chapter.id);
  }
}
