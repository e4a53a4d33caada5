/**
 * The files the browser host hands out by address (GET /api/download/<what>):
 * a report draft or export generated in this session, a bundle exported in it, or the
 * original file of a source. Resolved where the session lives, in-process or
 * in the backend service, so the HTTP side only writes the answer.
 */
import { getDownload } from '../merge/session-files';
import { keptReport } from '../reports/generate';
import { originalFile } from '../sources/original-file';
import type { ApiErrorShape } from '../../shared/api/contract';
import { toApiError } from './handlers';
import type { Session } from './session';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Kept files are Word drafts, or exports (`exchange.export`) of other types. */
const KEPT_TYPES: Array<[RegExp, string]> = [
  [/\.xlsx$/i, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  [/\.(qdpx|qdc)$/i, 'application/octet-stream'],
];

export type DownloadResult =
  | { ok: true; fileName: string; contentType: string; bytes: Uint8Array; noStore: boolean }
  | { ok: false; error: ApiErrorShape };

const notFound = (message: string): DownloadResult => ({ ok: false, error: { code: 'not-found', message } });

export function resolveDownload(session: Session, what: string): DownloadResult {
  try {
    const report = /^report\/([0-9a-f-]{36})$/.exec(what);
    if (report) {
      const kept = keptReport(session, report[1]!);
      const contentType = KEPT_TYPES.find(([pattern]) => pattern.test(kept.fileName))?.[1] ?? DOCX;
      return { ok: true, fileName: kept.fileName, contentType, bytes: kept.data, noStore: true };
    }
    const bundle = /^bundle\/([0-9a-f-]{36})$/.exec(what);
    if (bundle) {
      const download = getDownload(session, bundle[1]!);
      if (!download) return notFound('Deze bundel is niet (meer) beschikbaar.');
      return { ok: true, fileName: download.fileName, contentType: 'application/octet-stream', bytes: download.bytes, noStore: false };
    }
    const original = /^original\/([0-9a-f-]{36})$/.exec(what);
    if (!original) return notFound('Onbekende download.');
    const { fileName, data } = originalFile(session.requireStudy(), original[1]!);
    return { ok: true, fileName, contentType: 'application/octet-stream', bytes: data, noStore: false };
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
}
