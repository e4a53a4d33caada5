/**
 * An error whose message is meant for the user: Dutch, specific, without a
 * stack trace. Anything else that escapes a handler is reported as an internal
 * error with a generic message (and logged).
 */
export type UserErrorCode = 'invalid-input' | 'no-study' | 'not-found' | 'rejected' | 'conflict';

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
