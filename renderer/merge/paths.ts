/** File names and addresses the Team view shows or fetches (the download itself: ui/download.ts). */
import { takeAccessToken } from '../api/access-token';

/** The file name (as the backend forms it) of a copy next to the study: "<study>-<initials>.veldwerk". */
export function copyFileName(studyPath: string, initials: string): string {
  const base = studyPath.split(/[\\/]/).pop() ?? '';
  const safe = (name: string, fallback: string) => name.replace(/[^\p{L}\p{N}._ -]/gu, '_').trim().slice(0, 80) || fallback;
  return `${safe(base.replace(/\.veldwerk$/i, ''), 'onderzoek')}-${safe(initials, 'onderzoek')}.veldwerk`;
}

/** Where the browser host hands out an exported bundle; the token goes in the query (downloads cannot send headers). */
export function bundleDownloadHref(downloadId: string, token: string | null = takeAccessToken()): string {
  const path = `/api/download/bundle/${encodeURIComponent(downloadId)}`;
  return token ? `${path}?token=${encodeURIComponent(token)}` : path;
}
