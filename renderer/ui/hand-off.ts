/**
 * The one way a file the program produced reaches the user: a report draft
 * or its appendix, an exchange export, the standard template, a team bundle,
 * a survey table. The backend keeps the file for the session; the host hands
 * it over (renderer/api: a download by one-time link in the browser host, the
 * save dialog in the app; the CLI writes to the path it was given).
 */
import { handOffKept, handOffKind } from '../api/client';
import type { HandedOff } from '../api/transport';

export type { HandedOff } from '../api/transport';

/** A produced file as a call returned it: kept under `fileId`, or already written by the host to `path` (the app's bundle). */
export interface Produced {
  fileName: string;
  fileId?: string | null | undefined;
  /** Browser host: the address the call named for the file, when it named one. */
  downloadPath?: string | null | undefined;
  path?: string | null | undefined;
  opened?: boolean | undefined;
}

/** Whether handing off means downloading (browser host) or saving with a dialog (the app): for the buttons' words. */
export const handsOffByDownload = handOffKind === 'download';

/** Hand `produced` to the user; `open` opens a saved file in its program (the app). */
export async function handOffFile(produced: Produced, options: { open?: boolean } = {}): Promise<HandedOff> {
  if (produced.path) return { how: 'saved', path: produced.path, opened: produced.opened ?? false };
  if (!produced.fileId) return { how: 'cancelled' };
  return handOffKept({ fileId: produced.fileId, fileName: produced.fileName, downloadPath: produced.downloadPath }, options.open ?? false);
}
