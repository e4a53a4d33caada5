/**
 * Downloads from the browser host (report drafts, the standard template, bundles).
 * A download cannot carry the access token in a header, and the token must
 * not go in an address (history, downloads list); so each download asks the
 * host for a one-time link first (POST /api/download-link) and follows that.
 */
import { takeAccessToken } from '../api/access-token';
import { TOKEN_HEADER } from '../api/http-transport';
import { nl } from '../text/nl';
import { ApiError } from '../api/api-error';
import { startDownload } from '../ui/download';

/** A one-time address for a browser-host download path. */
export async function oneTimeHref(path: string, token: string | null = takeAccessToken()): Promise<string> {
  if (!token) throw new ApiError({ code: 'rejected', message: nl.errors.noToken });
  const response = await fetch('/api/download-link', {
    method: 'POST',
    headers: { [TOKEN_HEADER]: token, 'Content-Type': 'application/json' },
    body: JSON.stringify({ path }),
  }).catch(() => null);
  const parsed = (await response?.json().catch(() => null)) as { ok?: boolean; value?: { href?: string }; error?: { message?: string } } | null;
  if (!parsed?.ok || typeof parsed.value?.href !== 'string') {
    throw new ApiError({ code: 'internal', message: parsed?.error?.message ?? nl.errors.unexpected });
  }
  return parsed.value.href;
}

/** Start the download of a browser-host path as `fileName`, by a one-time link. */
export async function startHostDownload(path: string, fileName: string): Promise<void> {
  startDownload(await oneTimeHref(path), fileName);
}
