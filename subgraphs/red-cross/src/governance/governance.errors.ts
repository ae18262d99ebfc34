import { constraintErrors, type ConstraintMeaning } from '@hoi/common/constraints';
import { ruleViolation } from '@hoi/common/errors';
import { todayInVietnam } from '@hoi/common/dates';
export { todayInVietnam };
import { cleanText } from '@hoi/common/text';
export { cleanText };

/**
 * What a constraint of the governance tables means to the client, should two requests race past
 * the checks the resolvers make first: the field at fault and a message.
 */
const CONSTRAINTS: Record<string, ConstraintMeaning> = {
  term_no_overlap: ['CONFLICT', 'startYear', 'the chapter already has a term overlapping these years'],
  term_ordinal_key: ['CONFLICT', 'ordinal', 'the chapter already has a term with this ordinal'],
  office_holder_single_holder: ['CONFLICT', 'role', 'this office already has a holder for this period'],
  term_document_kind_key: ['CONFLICT', 'kind', 'the term already has a document of this kind'],
};

export const constraintConflict = constraintErrors(CONSTRAINTS);

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


