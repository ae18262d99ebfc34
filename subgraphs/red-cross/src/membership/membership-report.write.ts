import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, notFound } from '@hoi/common/errors';
import { resolvePeriod } from '@hoi/common/period';
import { runOnce, type Once } from '@hoi/common/spreadsheet/sheet-kind';
import { requireChapterWrite } from '../chapter/chapter.access.ts';
import { ChapterEntity } from '../chapter/chapter.entity.ts';
import type { RedCrossContext } from '../context.ts';
import { assertChapterPeriodOpen } from '../period-report/period-report.plug.ts';
import { MembershipReportEntity } from './membership-report.entity.ts';
import type { MembershipReport, MembershipReportInput } from './membership-report.type.ts';

export const ALREADY_REPORTED = 'this chapter has already reported this period';

/**
 * Every rule of filing a chapter's membership report, and its write, in one place: the mutation
 * `submitMembershipReport` calls it for one input, a spreadsheet import for each row, both inside
 * their one transaction. A period is reported once: checked here (so an import names the row),
 * and by the table's unique key against a concurrent filing (the mutation maps that to CONFLICT).
 */
export async function submitMembershipReport(ctx: RedCrossContext, em: EntityManager, input: MembershipReportInput, once: Once = runOnce): Promise<MembershipReport> {
  await requireChapterWrite(ctx, input.chapterId, 'chapterId');
  const period = resolvePeriod(input.period, 'period');
  const { period: _period, chapterId, ...figures } = input;
  await once(`chapter:${chapterId}`, async () => {
    if (!(await em.findOne(ChapterEntity, { id: chapterId }, { fields: ['id'] }))) throw notFound('chapterId', 'no chapter has this id');
  });
  await once(`lock:${chapterId}:${period.start}:${period.end}`, () => assertChapterPeriodOpen(em, chapterId, period.start, period.end, 'period'));
  if (await em.findOne(MembershipReportEntity, { chapterId, periodType: period.type, periodStart: period.start }, { fields: ['id'] })) {
    throw conflict('period', ALREADY_REPORTED);
  }
  const id = randomUUID();
  em.create(MembershipReportEntity, { id, chapterId, periodType: period.type, periodStart: period.start, periodEnd: period.end, ...figures });
  return { id, chapterId, period, ...figures };
}
