/** Downloads from the browser host: report drafts and the standard template. */
import { takeAccessToken } from '../api/access-token';

/** The download address with this run's access token (the browser host checks it on downloads). */
export function downloadHref(url: string): string {
  const token = takeAccessToken();
  return token ? `${url}?token=${encodeURIComponent(token)}` : url;
}

/** Start the download of `url` as `fileName`, as a click on a download link would. */
export function startDownload(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = downloadHref(url);
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}
