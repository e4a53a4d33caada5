import type { ApiErrorShape } from '../../shared/api/contract';

/** A failed call. `message` is Dutch and meant for the user as it is. */
export class ApiError extends Error {
  readonly code: string;

  constructor(shape: ApiErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
  }
}

/** The message to show for any error, whatever threw it. */
export function errorMessage(error: unknown, fallback: string): string {
  if (error instanceof ApiError) return error.message;
  return fallback;
}
