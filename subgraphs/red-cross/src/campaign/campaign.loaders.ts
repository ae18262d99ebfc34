import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CampaignEntity } from './campaign.entity.ts';
import type { Campaign, CampaignRecurrence, CampaignScope } from './campaign.type.ts';

export const CAMPAIGN_COLUMNS = `id, name, scope, recurrence, organiser_chapter_id as "organiserChapterId"`;

export function toCampaign({ id, name, scope, recurrence, organiserChapterId }: CampaignEntity): Campaign {
  return { id, name, scope: scope as CampaignScope, recurrence: recurrence as CampaignRecurrence, organiserChapterId };
}

export function createCampaignLoaders(em: EntityManager) {
  return {
    CampaignByIdLoader: new DataLoader<string, Campaign | null>(async (ids) => {
      const found = await em.find(CampaignEntity, { id: { $in: [...ids] } });
      const byId = new Map(found.map((campaign) => [campaign.id, toCampaign(campaign)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
