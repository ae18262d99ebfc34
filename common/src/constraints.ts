import { DriverException } from '@mikro-orm/core';
import { conflict, ruleViolation, type DomainError } from './errors.ts';

export type ConstraintMeaning = [code: 'CONFLICT' | 'RULE_VIOLATION', field: string, message: string];

/**
 * What the database's named constraints mean to a client, for the writes that race past the
 * resolvers' own checks (or break a rule only the database sees): the code, the field, a message.
 */
export function constraintErrors(meanings: Record<string, ConstraintMeaning>) {
  return (error: unknown): DomainError | null => {
    if (!(error instanceof DriverException)) return null;
    const known = meanings[String((error as { constraint?: unknown }).constraint)];
    if (!known) return null;
    const [code, field, message] = known;
    return code === 'CONFLICT' ? conflict(field, message) : ruleViolation(field, message);
  };
}
