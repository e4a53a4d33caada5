/**
 * The report calls as the handlers run them: drafts built in a worker thread
 * and kept in the session, and the study's house style (choosing a template,
 * going back to the standard, saving the standard template to edit in Word).
 */
import type { Session } from '../api/session';
import { downloadPathOf, keepProducedFile, saveProducedFile } from '../api/produced-files';
import type { JobProgress, ReportGenerated, ReportTemplateInfo, TemplateSaved } from '../../shared/api/types';
import type { GenerateOptions, ReportScope } from './generate';
import { draftInStudyWorker } from './outline-thread';
import { chooseStudyTemplate, useStandardHouseStyle } from './study-template';
import { makeDefaultTemplate } from './template';

/** The name the standard template is offered under. */
export const STANDARD_TEMPLATE_FILE_NAME = 'Rapportsjabloon Veldwerk.docx';

export async function generateDraft(
  session: Session,
  input: { scope: ReportScope; options: GenerateOptions; jobId: string },
): Promise<ReportGenerated> {
  const study = session.requireStudy();
  const progress = (event: Omit<JobProgress, 'jobId'>) => session.reportProgress({ jobId: input.jobId, ...event });
  // In the study's worker, which the dialog's outlines have started: its modules and the study's reading are ready.
  const report = await draftInStudyWorker(study.path, input.scope, input.options, progress);
  const reportId = keepProducedFile(session, { fileName: report.fileName, data: report.data, kind: 'report' });
  const appendixId = report.appendix ? keepProducedFile(session, { fileName: report.appendix.fileName, data: report.appendix.data, kind: 'report' }) : null;
  return {
    reportId,
    fileName: report.fileName,
    size: report.data.byteLength,
    outline: report.outline,
    downloadUrl: downloadPathOf(session, reportId),
    appendix: report.appendix && appendixId ? { reportId: appendixId, fileName: report.appendix.fileName, downloadUrl: downloadPathOf(session, appendixId) } : null,
    privacy: report.privacy,
  };
}

/** A staged template becomes the study's house style; `null` means the standard one. The staged copy is removed either way. */
export async function setStudyTemplate(session: Session, stagedId: string | null): Promise<ReportTemplateInfo> {
  const study = session.requireStudy();
  if (stagedId === null) return useStandardHouseStyle(study);
  const [entry] = session.takeStaged([stagedId]);
  try {
    return await chooseStudyTemplate(study, entry!, entry!.fileName);
  } finally {
    session.discard([entry!]);
  }
}

/** The standard template, kept and handed off like every produced file: a download in the browser host, saved (and opened) where the user chooses in the app. */
export async function saveStandardTemplate(session: Session, open: boolean): Promise<TemplateSaved> {
  const fileName = STANDARD_TEMPLATE_FILE_NAME;
  const fileId = keepProducedFile(session, { fileName, data: await makeDefaultTemplate(), kind: 'template' });
  const downloadUrl = downloadPathOf(session, fileId);
  if (downloadUrl) return { fileName, path: null, opened: false, downloadUrl, fileId };
  return { fileName, ...(await saveProducedFile(session, fileId, open)), downloadUrl: null };
}
