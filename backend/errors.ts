/**
 * An error whose message is meant for the user: Dutch, specific, without a
 * stack trace. Anything else that escapes a handler is reported as an internal
 * error with a generic message (and logged).
 */
import type { ApiErrorShape } from '../shared/api/contract';

export const USER_ERROR_CODES = ['invalid-input', 'no-study', 'not-found', 'rejected', 'conflict'] as const;
export type UserErrorCode = (typeof USER_ERROR_CODES)[number];

export class UserError extends Error {
  constructor(
    message: string,
    readonly code: UserErrorCode = 'rejected',
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** What the caller is told: a UserError's own words, anything else as a generic internal error (logged). */
export function toApiError(error: unknown): ApiErrorShape {
  if (error instanceof UserError) return { code: error.code, message: error.message };
  console.error(error);
  return { code: 'internal', message: 'Er ging iets mis in Veldwerk. De wijziging is niet opgeslagen.' };
}

/** An error the user is told about, rebuilt from its shape (an answer from another process). */
export function fromApiError(error: ApiErrorShape): UserError {
  return new UserError(error.message, USER_ERROR_CODES.find((code) => code === error.code) ?? 'rejected');
}
