/** The browser host: the same calls as JSON over HTTP on 127.0.0.1, guarded by a token. */
import type { MenuCommand } from '../../shared/api/bridge';
import type { CallName } from '../../shared/api/contract';
import type { StagedFile } from '../../shared/api/types';
import { nl } from '../text/nl';
import { ApiError } from './api-error';
import { ProgressStream } from './progress-stream';
import { isBridgeResult, unwrap } from './result';
import type { Transport } from './transport';

export const TOKEN_HEADER = 'X-Veldwerk-Token';

export function createHttpTransport(token: string | null): Transport {
  const headers = (): Record<string, string> => (token ? { [TOKEN_HEADER]: token } : {});
  const progress = new ProgressStream('/api/events', headers);

  const post = async (path: string, body: BodyInit, contentType: string): Promise<unknown> => {
    if (!token) throw new ApiError({ code: 'rejected', message: nl.errors.noToken });
    let response: Response;
    try {
      response = await fetch(path, { method: 'POST', headers: { ...headers(), 'Content-Type': contentType }, body });
    } catch {
      throw new ApiError({ code: 'network', message: nl.errors.network });
    }
    const parsed: unknown = await response.json().catch(() => null);
    if (!isBridgeResult(parsed)) throw new ApiError({ code: 'internal', message: nl.errors.unexpected });
    return unwrap(parsed);
  };

  return {
    call(name: CallName, input: unknown) {
      if (name === 'files.stage') return stageBytes(input as { fileName: string; bytes: Uint8Array });
      return post(`/api/call/${encodeURIComponent(name)}`, JSON.stringify(input ?? {}), 'application/json');
    },
    stageFile(file, relativePath) {
      return post(stagePath(file.name, relativePath ?? file.webkitRelativePath), file, 'application/octet-stream') as Promise<StagedFile>;
    },
    onProgress: (listener) => progress.subscribe(listener),
    onStudyChanged: (listener) => progress.subscribeStudyChanged(listener),
    // The browser has no application menu.
    onMenuCommand: (_listener: (command: MenuCommand) => void) => () => {},
    handOff: 'download',
    async handOffFile(file) {
      startDownload(await oneTimeHref(file.downloadPath ?? `/api/download/report/${encodeURIComponent(file.fileId)}`), file.fileName);
      return { how: 'downloaded' };
    },
  };

  /**
   * A download cannot carry the token in a header, and the token must not go
   * in an address (history, downloads list); so the page asks the host for a
   * one-time link to the path first (POST /api/download-link) and follows that.
   */
  async function oneTimeHref(path: string): Promise<string> {
    const parsed = (await post('/api/download-link', JSON.stringify({ path }), 'application/json')) as { href?: unknown };
    if (typeof parsed?.href !== 'string') throw new ApiError({ code: 'internal', message: nl.errors.unexpected });
    return parsed.href;
  }

  function stageBytes(input: { fileName: string; bytes: Uint8Array }): Promise<unknown> {
    const body = new Blob([input.bytes as Uint8Array<ArrayBuffer>]);
    return post(stagePath(input.fileName), body, 'application/octet-stream');
  }
}

/** `relativePath`: where a file of a chosen folder sits in it (empty for a single file). */
function stagePath(fileName: string, relativePath = ''): string {
  const path = relativePath ? `&path=${encodeURIComponent(relativePath)}` : '';
  return `/api/stage?name=${encodeURIComponent(fileName)}${path}`;
}

/** Start a download of a same-origin address, as if a download link were clicked. */
function startDownload(href: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}
