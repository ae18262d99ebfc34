import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { writeTransaction } from '@hoi/common/writes';
import { conflict, notFound, ruleViolation } from '@hoi/common/errors';
import { sql } from '@hoi/common/orm';
import { loadPage, PageArgs, readPage } from '@hoi/common/pagination';
import { requireChapterWrite } from '../chapter/chapter.access.ts';
import { ChapterEntity } from '../chapter/chapter.entity.ts';
import { Chapter, ChapterLevel } from '../chapter/chapter.type.ts';
import type { RedCrossContext } from '../context.ts';
import { CampaignEntity } from './campaign.entity.ts';
import { CAMPAIGN_COLUMNS, toCampaign } from './campaign.loaders.ts';
import { Campaign, CampaignConnection, CampaignInput, CampaignScope } from './campaign.type.ts';

@Resolver(() => Campaign)
export class CampaignResolver {
  @Query(() => Campaign, { nullable: true, description: 'One campaign by id.' })
  campaign(@Arg('id', () => ID) id: string, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.CampaignByIdLoader.load(id);
  }

  @Query(() => CampaignConnection, { nullable: true, description: 'Campaigns in Vietnamese alphabetical order.' })
  campaigns(@Args(() => PageArgs) pageArgs: PageArgs, @Ctx() ctx: RedCrossContext) {
    return loadPage<Campaign>((query, params) => sql(ctx.em, query, params), {
      from: 'red_cross.campaign',
      where: 'true',
      params: [],
      orderColumns: ['name', 'id'],
      select: CAMPAIGN_COLUMNS,
    }, readPage(pageArgs));
  }

  @FieldResolver(() => Chapter, { description: 'The chapter that launched the campaign.' })
  organiser(@Root() campaign: Campaign, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.ChapterByIdLoader.load(campaign.organiserChapterId);
  }

  @Mutation(() => Campaign, { description: 'Launches a campaign (phát động phong trào).' })
  async createCampaign(@Arg('input', () => CampaignInput) input: CampaignInput, @Ctx() ctx: RedCrossContext): Promise<Campaign> {
    await requireChapterWrite(ctx, input.organiserChapterId, 'organiserChapterId');
    const entity = { id: randomUUID(), ...input, name: input.name.normalize('NFC').trim() };
    try {
      await writeTransaction(ctx.em, async (em) => {
        const organiser = await em.findOne(ChapterEntity, { id: input.organiserChapterId });
        if (!organiser) throw notFound('organiserChapterId', 'no chapter has this id');
        if (input.scope === CampaignScope.NATIONAL && organiser.level !== ChapterLevel.NATIONAL) {
          throw ruleViolation('scope', 'only the national society launches a NATIONAL campaign');
        }
        em.create(CampaignEntity, entity);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw conflict('name', 'this chapter already runs a campaign of this name');
      throw error;
    }
    return toCampaign(entity as CampaignEntity);
  }
}
