import type { ErrorCode } from './codes.ts';

export interface FieldProblem {
  path: string;
  message: string;
}

/** A domain error with a stable code; the HTTP layer maps the code to a status. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldProblem[] = [],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found`);

export const invalidField = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, [{ path, message }]);
