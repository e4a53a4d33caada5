/**
 * The exchange calls of the API: an export is made and kept in the session
 * like a report draft (the same store, download route and save step), and a
 * staged project or codebook is imported as one action.
 */
import type { Session } from '../api/session';
import { UserError } from '../errors';
import { keepReport, keptReport, writeFileAtomically } from '../reports/generate';
import type { ExchangeExported, ExchangeSaved, ImportPreview, QdpxImportResult, SegmentScope } from '../../shared/api/types';
import type { ExportKind, ImportMapping } from '../../shared/exchange';
import { importCodebook, importQdpx, previewExchangeImport } from './exchange';
import { exportFileInWorker } from './exchange-thread';

export async function exportForSession(
  session: Session,
  input: { kind: ExportKind; full: boolean; codeIds?: string[] | undefined; scope?: SegmentScope | undefined; jobId: string },
): Promise<ExchangeExported> {
  const study = session.requireStudy();
  session.reportProgress({ jobId: input.jobId, done: 0, total: 1, message: 'Export maken…' });
  const file = await exportFileInWorker({
    studyPath: study.path,
    kind: input.kind,
    mode: input.full ? 'full' : 'pseudonymised',
    codeIds: input.codeIds ?? null,
    scope: input.scope ?? null,
  });
  const exportId = keepReport(session, file.fileName, file.data);
  session.reportProgress({ jobId: input.jobId, done: 1, total: 1, message: 'Export klaar' });
  return {
    exportId,
    fileName: file.fileName,
    size: file.data.byteLength,
    downloadUrl: session.host.kind === 'browser' ? `/api/download/report/${exportId}` : null,
    warning: file.warning,
  };
}

export async function saveExport(session: Session, exportId: string): Promise<ExchangeSaved> {
  let kept;
  try {
    kept = keptReport(session, exportId);
  } catch {
    throw new UserError('Deze export is niet meer beschikbaar; maak hem opnieuw.', 'not-found');
  }
  if (!session.host.chooseSavePath) throw new UserError('Deze omgeving kan niet opslaan; download de export.', 'invalid-input');
  const path = await session.host.chooseSavePath(kept.fileName, 'export');
  if (!path) return { path: null };
  writeFileAtomically(path, kept.data);
  return { path };
}

export async function importForSession(session: Session, input: { stagedId: string; mapping?: ImportMapping | undefined; jobId: string }): Promise<QdpxImportResult> {
  const study = session.requireStudy();
  const [entry] = session.takeStaged([input.stagedId]);
  try {
    session.reportProgress({ jobId: input.jobId, done: 0, total: 1, message: `${entry!.fileName} inlezen…` });
    const result = /\.qdc$/i.test(entry!.fileName) ? importCodebook(study, entry!.path, input.mapping) : await importQdpx(study, entry!.path, input.mapping);
    session.reportProgress({ jobId: input.jobId, done: 1, total: 1, message: 'Ingelezen' });
    return result;
  } finally {
    session.discard([entry!]);
  }
}

/** The staged file is read and planned, not stored; the UI stages it again to import it with the user's mapping. */
export async function previewForSession(session: Session, input: { stagedId: string; jobId: string }): Promise<ImportPreview> {
  const study = session.requireStudy();
  const [entry] = session.takeStaged([input.stagedId]);
  try {
    session.reportProgress({ jobId: input.jobId, done: 0, total: 1, message: `${entry!.fileName} lezen…` });
    return await previewExchangeImport(study, entry!.path, /\.qdc$/i.test(entry!.fileName));
  } finally {
    session.discard([entry!]);
  }
}
