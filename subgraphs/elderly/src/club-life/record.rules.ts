import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { badInput, conflict, type DomainError } from '@hoi/common/errors';
import { todayInVietnam } from '@hoi/common/dates';
import { cleanText } from '@hoi/common/text';
export { cleanText, todayInVietnam };

/**
 * Rules shared by the elderly subgraph's records of events (trainings, meetings, activities):
 * a record is dated on a day that has happened, since the Vietnam Association of the Elderly
 * exists (founded on 10 May 1995).
 */
export const ASSOCIATION_FOUNDED_ON = '1995-05-10';


export function checkRecordDate(date: string, field: string): void {
  if (date < ASSOCIATION_FOUNDED_ON) throw badInput(field, `${field} is before the Association was founded (${ASSOCIATION_FOUNDED_ON})`);
  if (date > todayInVietnam()) throw badInput(field, `${field} is in the future`);
}

/** NFC and trimmed: how free-text notes are stored (their line breaks kept). */
export const cleanNote = (value: string | null | undefined) => (value == null ? null : value.normalize('NFC').trim());

/** A text that is not only spaces. */
export const NOT_BLANK = /\S/;

/** An administrative unit id of the places subgraph: edition and GSO code, e.g. "BEFORE_2025:19". */
export const UNIT_ID = /^(BEFORE_2025|CURRENT):[0-9]{2,5}$/;


/**
 * What a unique index means to the client when a write breaks it (two requests racing past the
 * checks, or a duplicate only the database sees): the field at fault and a message.
 */
export function uniqueConflict(error: unknown, indexes: Record<string, [field: string, message: string]>): DomainError | null {
  if (!(error instanceof UniqueConstraintViolationException)) return null;
  const known = indexes[String((error as { constraint?: unknown }).constraint)];
  return known ? conflict(...known) : null;
}
