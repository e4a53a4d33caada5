/**
 * The exchange calls of the API: an export is made and kept in the session
 * like a report draft (the same store, download route and save step), and a
 * staged project or codebook is imported as one action.
 */
import type { Session } from '../api/session';
import { downloadPathOf, keepProducedFile, saveProducedFile } from '../api/produced-files';
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
  const exportId = keepProducedFile(session, { fileName: file.fileName, data: file.data, kind: 'export' });
  session.reportProgress({ jobId: input.jobId, done: 1, total: 1, message: 'Export klaar' });
  return {
    exportId,
    fileName: file.fileName,
    size: file.data.byteLength,
    downloadUrl: downloadPathOf(session, exportId),
    warning: file.warning,
  };
}

export async function saveExport(session: Session, exportId: string): Promise<ExchangeSaved> {
  return { path: (await saveProducedFile(session, exportId, false)).path };
}

export async function importForSession(session: Session, input: { stagedId: string; mapping?: ImportMapping | undefined; jobId: string }): Promise<QdpxImportResult> {
  const study = session.requireStudy();
  const [entry] = session.takeStaged([input.stagedId]);
  try {
    session.reportProgress({ jobId: input.jobId, done: 0, total: 1, message: `${entry!.fileName} inlezen…` });
    const result = /\.qdc$/i.test(entry!.fileName) ? importCodebook(study, entry!, input.mapping) : await importQdpx(study, entry!, input.mapping);
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
    return await previewExchangeImport(study, entry!, /\.qdc$/i.test(entry!.fileName));
  } finally {
    session.discard([entry!]);
  }
}
