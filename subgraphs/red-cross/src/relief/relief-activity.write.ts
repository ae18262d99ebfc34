import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { todayInVietnam } from '@hoi/common/dates';
import { badInput, notFound, ruleViolation } from '@hoi/common/errors';
import { sql } from '@hoi/common/orm';
import { runOnce, type Once } from '@hoi/common/spreadsheet/sheet-kind';
import { CampaignEntity } from '../campaign/campaign.entity.ts';
import { requireChapterWrite } from '../chapter/chapter.access.ts';
import { ChapterEntity } from '../chapter/chapter.entity.ts';
import type { RedCrossContext } from '../context.ts';
import { assertChapterPeriodOpen } from '../period-report/period-report.plug.ts';
import { ReliefActivityEntity } from './relief-activity.entity.ts';
import { type ReliefActivity, type ReliefActivityInput, ReliefKind } from './relief-activity.type.ts';

const lastDayOf = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

/**
 * Every rule of recording a relief activity, and its write, in one place: the mutation
 * `recordReliefActivity` calls it for one input, a spreadsheet import for each row, both inside
 * their one transaction. `once` lets an import read a chapter's lock or a campaign once, not per row.
 */
export async function recordReliefActivity(ctx: RedCrossContext, em: EntityManager, input: ReliefActivityInput, once: Once = runOnce): Promise<ReliefActivity> {
  await requireChapterWrite(ctx, input.chapterId, 'chapterId');
  if (input.occurredOn > todayInVietnam()) throw badInput('occurredOn', 'an activity cannot be recorded before it happens');
  await once(`chapter:${input.chapterId}`, async () => {
    const chapter = await em.findOne(ChapterEntity, { id: input.chapterId }, { fields: ['id'] });
    if (!chapter) throw notFound('chapterId', 'no chapter has this id');
  });
  // Every reporting period is whole months, so the day is locked exactly when its month is: an
  // import checks each chapter's month once, however many rows it has there.
  const month = input.occurredOn.slice(0, 7);
  await once(`lock:${input.chapterId}:${month}`, () => assertChapterPeriodOpen(em, input.chapterId, `${month}-01`, lastDayOf(month), 'occurredOn'));
  const campaignId = input.campaignId;
  if (campaignId) {
    await once(`campaign:${campaignId}:${input.chapterId}`, async () => {
      const campaign = await em.findOne(CampaignEntity, { id: campaignId });
      if (!campaign) throw notFound('campaignId', 'no campaign has this id');
      const [{ inside }] = await sql<{ inside: boolean }>(em, `select path @> array[?]::uuid[] as inside from red_cross.chapter where id = ?`, [campaign.organiserChapterId, input.chapterId]);
      if (!inside) throw ruleViolation('campaignId', 'the chapter is not under the chapter that runs this campaign');
    });
  }
  const activity = {
    id: randomUUID(),
    chapterId: input.chapterId,
    campaignId: campaignId ?? null,
    kind: input.kind,
    quantity: input.quantity,
    peopleReached: input.peopleReached,
    valueVnd: String(input.valueVnd),
    occurredOn: input.occurredOn,
    note: input.note?.normalize('NFC').trim() ?? null,
  };
  em.create(ReliefActivityEntity, activity);
  return { ...activity, kind: activity.kind as ReliefKind };
}
