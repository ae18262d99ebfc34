import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { todayInVietnam } from '@hoi/common/dates';
import { badInput, notFound, ruleViolation } from '@hoi/common/errors';
import { sql } from '@hoi/common/orm';
import { runOnce, type Once } from '@hoi/common/spreadsheet/sheet-kind';
import { requireChapterWrite } from '../chapter/chapter.access.ts';
import type { RedCrossContext } from '../context.ts';
import { assertChapterPeriodOpen } from '../period-report/period-report.plug.ts';
import { BloodUnitReceiptEntity } from './blood-donation.entity.ts';
import type { BloodUnitReceipt, BloodUnitsReceivedInput } from './blood-donation.type.ts';

/** The Vietnam Red Cross Society was founded on 23 November 1946: nothing of it is older. */
export const SOCIETY_FOUNDED_ON = '1946-11-23';

/** A record is dated on a day that has happened, since the Society exists. */
export function checkRecordDate(date: string, field: string): void {
  if (date < SOCIETY_FOUNDED_ON) throw badInput(field, `${field} is before the Society was founded (${SOCIETY_FOUNDED_ON})`);
  if (date > todayInVietnam()) throw badInput(field, `${field} is in the future`);
}

export const cleanNote = (value: string | null | undefined) => (value == null ? null : value.normalize('NFC').trim());

/**
 * Checks, in one statement, that the chapter exists and that the programme (if any) exists and
 * may be recorded under by the chapter: a NATIONAL programme by anyone, a LOCAL one only within
 * its organiser's subtree.
 */
export async function checkChapterAndProgramme(em: EntityManager, chapterId: string, programmeId: string | null): Promise<void> {
  const [row] = await sql<{ programmeFound: boolean; applicable: boolean }>(
    em,
    `select p.id is not null as "programmeFound", coalesce(p.scope = 'NATIONAL' or c.path @> array[p.organiser_chapter_id], false) as applicable
       from red_cross.chapter c
       left join red_cross.blood_donation_programme p on p.id = ?
      where c.id = ?`,
    [programmeId, chapterId],
  );
  if (!row) throw notFound('chapterId', 'no chapter has this id');
  if (programmeId == null) return;
  if (!row.programmeFound) throw notFound('programmeId', 'no blood donation programme has this id');
  if (!row.applicable) throw ruleViolation('programmeId', 'this LOCAL programme is run by a chapter that is neither this chapter nor above it');
}

/** Every reporting period is whole months: a day is locked exactly when its month is. */
const monthOf = (day: string) => {
  const [year, month] = day.split('-').map(Number);
  return { start: `${day.slice(0, 7)}-01`, end: new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10) };
};

/**
 * Every rule of recording units of blood received, and its write, in one place: the mutation
 * `recordBloodUnitsReceived` calls it for one input, a spreadsheet import for each row, both
 * inside their one transaction. `once` lets an import check a chapter, a programme or a month's
 * lock once, however many rows name them.
 */
export async function recordBloodUnitsReceived(ctx: RedCrossContext, em: EntityManager, input: BloodUnitsReceivedInput, once: Once = runOnce): Promise<BloodUnitReceipt> {
  await requireChapterWrite(ctx, input.chapterId, 'chapterId');
  checkRecordDate(input.receivedOn, 'receivedOn');
  const receipt = {
    id: randomUUID(),
    chapterId: input.chapterId,
    programmeId: input.programmeId ?? null,
    receivedOn: input.receivedOn,
    units: input.units,
    kind: input.kind,
    note: cleanNote(input.note),
  };
  await once(`chapter-programme:${receipt.chapterId}:${receipt.programmeId}`, () => checkChapterAndProgramme(em, receipt.chapterId, receipt.programmeId));
  const month = monthOf(receipt.receivedOn);
  await once(`lock:${receipt.chapterId}:${month.start}`, () => assertChapterPeriodOpen(em, receipt.chapterId, month.start, month.end, 'receivedOn'));
  em.create(BloodUnitReceiptEntity, receipt);
  return receipt;
}
