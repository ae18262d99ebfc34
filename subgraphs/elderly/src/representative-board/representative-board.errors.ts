import { constraintErrors, type ConstraintMeaning } from '@hoi/common/constraints';

/**
 * What a constraint of the board table means to the client, should a write race past the checks
 * the resolver makes first: the code, the field at fault and a message.
 */
const CONSTRAINTS: Record<string, ConstraintMeaning> = {
  representative_board_one_head: ['CONFLICT', 'role', 'the Representative Board already has a head for this period'],
  representative_board_member_association_fkey: ['RULE_VIOLATION', 'associationId', 'only a provincial association unit has a Representative Board'],
  representative_board_member_period_check: ['RULE_VIOLATION', 'endedOn', 'endedOn must come after startedOn'],
};

export const boardConstraintError = constraintErrors(CONSTRAINTS);
