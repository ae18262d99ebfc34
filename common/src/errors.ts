import { GraphQLError } from 'graphql';

/** Stable codes clients can branch on; messages are for people and may change. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  INVALID_CURSOR = 'INVALID_CURSOR',
  NOT_FOUND = 'NOT_FOUND',
  /** The write would duplicate something that exists (a second report for one chapter and period). */
  CONFLICT = 'CONFLICT',
  /** The caller may not see or do this (e.g. a person's sensitive fields outside the club's managers). */
  FORBIDDEN = 'FORBIDDEN',
  /** The input is well-formed but breaks a rule of the domain (a target for a chapter that is not a child). */
  RULE_VIOLATION = 'RULE_VIOLATION',
  /** A deadlock or serialization failure undid the write, retries included: send it again. */
  WRITE_CONFLICT = 'WRITE_CONFLICT',
  /** An Idempotency-Key already used for another request body (HTTP 422). */
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  /** The first request with this Idempotency-Key is still running (HTTP 409): retry shortly. */
  IDEMPOTENCY_KEY_IN_USE = 'IDEMPOTENCY_KEY_IN_USE',
  /** An Idempotency-Key that is empty, too long or not printable ASCII (HTTP 400). */
  IDEMPOTENCY_KEY_INVALID = 'IDEMPOTENCY_KEY_INVALID',
  /** The write changes an organisation's figures in a period whose report is approved (extensions name the report). */
  PERIOD_LOCKED = 'PERIOD_LOCKED',
  /** A period report's state does not allow this step (approving a draft, submitting an approved report). */
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  /** A parent's report cannot be approved before its children's reports are (unless approved with missing). */
  CHILDREN_NOT_APPROVED = 'CHILDREN_NOT_APPROVED',
  /** Basis APPROVED for an organisation and period no approval has frozen: the answer is null at that field only. */
  NOT_APPROVED = 'NOT_APPROVED',
  /** Basis APPROVED asks for a breakdown the approved figures do not hold (a grouping no snapshot freezes, or a snapshot older than the figure). */
  NOT_IN_APPROVED_FIGURES = 'NOT_IN_APPROVED_FIGURES',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** An expected failure: it reaches the client with its code and the input field at fault. */
export class DomainError extends GraphQLError {
  constructor(code: ErrorCode, message: string, field?: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...(field ? { field } : {}), ...details } });
  }
}

export const badInput = (field: string, message: string) => new DomainError(ErrorCode.BAD_USER_INPUT, message, field);
export const notFound = (field: string, message: string) => new DomainError(ErrorCode.NOT_FOUND, message, field);
export const forbidden = (field: string, message: string) => new DomainError(ErrorCode.FORBIDDEN, message, field);
export const conflict = (field: string, message: string) => new DomainError(ErrorCode.CONFLICT, message, field);
export const ruleViolation = (field: string, message: string) => new DomainError(ErrorCode.RULE_VIOLATION, message, field);

interface ValidationFailure {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationFailure[];
}

/** The path and message of the first failed class-validator constraint, e.g. `period.index`. */
export function firstValidationFailure(failures: ValidationFailure[], prefix = ''): { field: string; message: string } | null {
  for (const failure of failures) {
    const field = prefix ? `${prefix}.${failure.property}` : failure.property;
    const message = failure.constraints ? Object.values(failure.constraints)[0] : undefined;
    if (message) return { field, message };
    const nested = firstValidationFailure(failure.children ?? [], field);
    if (nested) return nested;
  }
  return null;
}

/**
 * The field at fault in graphql-js's message for a variable it could not coerce (a wrong type, a
 * missing required field, a scalar that refused the value), named as our own errors name it: for a
 * mutation's `$input` the path inside it (`period.index`, `criteria.0.name`), otherwise the path
 * from the variable.
 */
export function coercionField(message: string): string | null {
  const variable = /^Variable "\$(\w+)"/.exec(message);
  if (!variable) return null;
  let path = / at "([\w.[\]]+)"; /.exec(message)?.[1] ?? variable[1];
  const inner = /; Field "(\w+)" (?:of required type|is not defined)/.exec(message);
  if (inner) path += `.${inner[1]}`;
  path = path.replace(/\[(\d+)\]/g, '.$1');
  return path.startsWith('input.') ? path.slice('input.'.length) : path;
}
