/** File names and addresses the Team view shows (files reach the user through ui/hand-off.ts). */

/** The file name (as the backend forms it) of a copy next to the study: "<study>-<initials>.veldwerk". */
export function copyFileName(studyPath: string, initials: string): string {
  const base = studyPath.split(/[\\/]/).pop() ?? '';
  const safe = (name: string, fallback: string) => name.replace(/[^\p{L}\p{N}._ -]/gu, '_').trim().slice(0, 80) || fallback;
  return `${safe(base.replace(/\.veldwerk$/i, ''), 'onderzoek')}-${safe(initials, 'onderzoek')}.veldwerk`;
}

/** Where the browser host serves an exported bundle (handed off by ui/hand-off.ts, by a one-time link). */
export function bundleDownloadPath(downloadId: string): string {
  return `/api/download/bundle/${encodeURIComponent(downloadId)}`;
}
