import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '@hoi/common/ids';
import { insertMissing } from '@hoi/common/orm';

/** National movements the articles name (DOMAIN.md §1), launched by the national society. */
export const CAMPAIGNS = {
  tetForThePoor: { slug: 'red-cross:campaign:tet-vi-nguoi-ngheo', name: 'Tết vì người nghèo và nạn nhân chất độc da cam', recurrence: 'YEARLY' },
  tetNhanAi: { slug: 'red-cross:campaign:tet-nhan-ai', name: 'Tết Nhân ái', recurrence: 'YEARLY' },
  humanitarianMonth: { slug: 'red-cross:campaign:thang-nhan-dao', name: 'Tháng Nhân đạo', recurrence: 'YEARLY' },
  humanitarianAddress: {
    slug: 'red-cross:campaign:dia-chi-nhan-dao',
    name: 'Mỗi tổ chức, cá nhân gắn với một địa chỉ nhân đạo',
    recurrence: 'STANDING',
  },
} as const;

export async function loadCampaignDemoData(em: EntityManager): Promise<void> {
  await insertMissing(
    em,
    'red_cross.campaign',
    Object.values(CAMPAIGNS).map((campaign) => ({
      id: stableId(campaign.slug),
      name: campaign.name.normalize('NFC'),
      scope: 'NATIONAL',
      recurrence: campaign.recurrence,
      organiser_chapter_id: stableId('red-cross:national'),
    })),
  );
}
