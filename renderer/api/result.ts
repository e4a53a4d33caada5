import type { BridgeResult } from '../../shared/api/bridge';
import { ApiError } from './api-error';

/** Unwrap `{ ok, value }` / `{ ok, error }`, throwing an ApiError for the latter. */
export function unwrap<T>(result: BridgeResult<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(result.error);
}

/** True when a parsed body looks like a backend result object. */
export function isBridgeResult(body: unknown): body is BridgeResult<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  const candidate = body as { ok: unknown; error?: { message?: unknown } };
  return candidate.ok === true || (candidate.ok === false && typeof candidate.error?.message === 'string');
}
