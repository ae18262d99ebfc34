import { constraintErrors, type ConstraintMeaning } from '@hoi/common/constraints';
import { MAX_SMALL_GROUP_MEMBERS } from './small-group.type.ts';

/**
 * What a constraint of the small-group tables means to the client, should a write race past the
 * checks the resolvers make first (or break a rule only the database sees).
 */
const CONSTRAINTS: Record<string, ConstraintMeaning> = {
  club_small_group_name_key: ['CONFLICT', 'name', 'the club already has a small group of this name'],
  club_small_group_member_one_group_key: ['CONFLICT', 'memberId', 'this member is already in a small group'],
  club_small_group_member_pkey: ['RULE_VIOLATION', 'memberId', `the group already has its ${MAX_SMALL_GROUP_MEMBERS} members`],
  club_small_group_member_member_fkey: ['RULE_VIOLATION', 'memberId', 'the member belongs to another club'],
};

export const smallGroupConstraintError = constraintErrors(CONSTRAINTS);
