import { DriverException } from '@mikro-orm/core';
import { conflict, ruleViolation, type DomainError } from '@hoi/common/errors';

/**
 * What a constraint of the governance tables means to the client, should two requests race past
 * the checks the resolvers make first: the field at fault and a message.
 */
const CONSTRAINTS: Record<string, [field: string, message: string]> = {
  term_no_overlap: ['startYear', 'the chapter already has a term overlapping these years'],
  term_ordinal_key: ['ordinal', 'the chapter already has a term with this ordinal'],
  office_holder_single_holder: ['role', 'this office already has a holder for this period'],
  term_document_kind_key: ['kind', 'the term already has a document of this kind'],
};

export function constraintConflict(error: unknown): DomainError | null {
  if (!(error instanceof DriverException)) return null;
  const known = CONSTRAINTS[String((error as { constraint?: unknown }).constraint)];
  return known ? conflict(...known) : null;
}

export interface TermYears {
  startYear: number;
  endYear: number;
}

/** A date of a term's life (taking office, a draft, an adoption) falls within the term's years. */
export function assertWithinTerm(term: TermYears, date: string | null | undefined, field: string): void {
  if (date == null) return;
  const year = Number(date.slice(0, 4));
  if (year < term.startYear || year > term.endYear) {
    throw ruleViolation(field, `${field} must fall within the term's years ${term.startYear}–${term.endYear}`);
  }
}

/** Today's date in Vietnam, as an ISO date. */
export function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** NFC, trimmed, single spaces: how names and titles are stored. */
export function cleanText(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ');
}
