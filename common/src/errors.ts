import { GraphQLError } from 'graphql';

/** Stable codes clients can branch on; messages are for people and may change. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  INVALID_CURSOR = 'INVALID_CURSOR',
  NOT_FOUND = 'NOT_FOUND',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** An expected failure: it reaches the client with its code and the input field at fault. */
export class DomainError extends GraphQLError {
  constructor(code: ErrorCode, message: string, field?: string) {
    super(message, { extensions: { code, ...(field ? { field } : {}) } });
  }
}

export const badInput = (field: string, message: string) => new DomainError(ErrorCode.BAD_USER_INPUT, message, field);
export const notFound = (field: string, message: string) => new DomainError(ErrorCode.NOT_FOUND, message, field);
