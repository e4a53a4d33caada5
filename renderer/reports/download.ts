/** Downloads of report drafts and the standard template from the browser host, which wants the access token on them. */
import { takeAccessToken } from '../api/access-token';
import { startDownload } from '../ui/download';

/** The download address with this run's access token (the browser host checks it on downloads). */
export function downloadHref(url: string): string {
  const token = takeAccessToken();
  return token ? `${url}?token=${encodeURIComponent(token)}` : url;
}

/** Start the download of a browser-host address as `fileName`. */
export function startHostDownload(url: string, fileName: string): void {
  startDownload(downloadHref(url), fileName);
}
