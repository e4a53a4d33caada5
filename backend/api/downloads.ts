/**
 * The files the browser host hands out by address (GET /api/download/<what>):
 * a file produced in this session (produced-files.ts: a draft, an export, a
 * template, a bundle, a survey table), or the original file of a source. Resolved where the session lives, in-process or
 * in the backend service, so the HTTP side only writes the answer.
 */
import { producedFile } from './produced-files';
import { originalFile } from '../sources/original-file';
import type { ApiErrorShape } from '../../shared/api/contract';
import { toApiError } from './handlers';
import type { Session } from './session';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The content type of a kept file, by its extension. */
const KEPT_TYPES: Array<[RegExp, string]> = [
  [/\.docx$/i, DOCX],
  [/\.xlsx$/i, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  [/\.(qdpx|qdc)$/i, 'application/octet-stream'],
];

export type DownloadResult =
  | { ok: true; fileName: string; contentType: string; bytes: Uint8Array; noStore: boolean }
  | { ok: false; error: ApiErrorShape };

const notFound = (message: string): DownloadResult => ({ ok: false, error: { code: 'not-found', message } });

export function resolveDownload(session: Session, what: string): DownloadResult {
  try {
    // `bundle/` is the older address of a kept bundle; every kept file is in the one store.
    const kept = /^(?:report|bundle)\/([0-9a-f-]{36})$/.exec(what);
    if (kept) {
      const file = producedFile(session, kept[1]!);
      const contentType = KEPT_TYPES.find(([pattern]) => pattern.test(file.fileName))?.[1] ?? 'application/octet-stream';
      return { ok: true, fileName: file.fileName, contentType, bytes: file.data, noStore: true };
    }
    const original = /^original\/([0-9a-f-]{36})$/.exec(what);
    if (!original) return notFound('Onbekende download.');
    const { fileName, data } = originalFile(session.requireStudy(), original[1]!);
    return { ok: true, fileName, contentType: 'application/octet-stream', bytes: data, noStore: false };
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
}
