/**
 * The report calls as the handlers run them: drafts built in a worker thread
 * and kept in the session, and the study's house style (choosing a template,
 * going back to the standard, saving the standard template to edit in Word).
 */
import type { Session } from '../api/session';
import { UserError } from '../errors';
import type { JobProgress, ReportGenerated, ReportTemplateInfo, TemplateSaved } from '../../shared/api/types';
import { keepReport, writeFileAtomically, type GenerateOptions, type ReportScope } from './generate';
import { draftInStudyWorker } from './outline-thread';
import { chooseStudyTemplate, useStandardHouseStyle } from './study-template';
import { makeDefaultTemplate } from './template';

/** The name the standard template is offered under. */
export const STANDARD_TEMPLATE_FILE_NAME = 'Rapportsjabloon Veldwerk.docx';

/** Browser host: where a kept draft or template is downloaded (http-server.ts serves it). */
const downloadUrlOf = (session: Session, keptId: string) => (session.host.kind === 'browser' ? `/api/download/report/${keptId}` : null);

export async function generateDraft(
  session: Session,
  input: { scope: ReportScope; options: GenerateOptions; jobId: string },
): Promise<ReportGenerated> {
  const study = session.requireStudy();
  const progress = (event: Omit<JobProgress, 'jobId'>) => session.reportProgress({ jobId: input.jobId, ...event });
  // In the study's worker, which the dialog's outlines have started: its modules and the study's reading are ready.
  const report = await draftInStudyWorker(study.path, input.scope, input.options, progress);
  const reportId = keepReport(session, report.fileName, report.data);
  const appendixId = report.appendix ? keepReport(session, report.appendix.fileName, report.appendix.data) : null;
  return {
    reportId,
    fileName: report.fileName,
    size: report.data.byteLength,
    outline: report.outline,
    downloadUrl: downloadUrlOf(session, reportId),
    appendix: report.appendix && appendixId ? { reportId: appendixId, fileName: report.appendix.fileName, downloadUrl: downloadUrlOf(session, appendixId) } : null,
    privacy: report.privacy,
  };
}

/** A staged template becomes the study's house style; `null` means the standard one. The staged copy is removed either way. */
export async function setStudyTemplate(session: Session, stagedId: string | null): Promise<ReportTemplateInfo> {
  const study = session.requireStudy();
  if (stagedId === null) return useStandardHouseStyle(study);
  const [entry] = session.takeStaged([stagedId]);
  try {
    return await chooseStudyTemplate(study, entry!.path, entry!.fileName);
  } finally {
    session.discard([entry!]);
  }
}

/** The standard template: desktop saves it where the user chooses (and opens it); the browser host offers a download. */
export async function saveStandardTemplate(session: Session, open: boolean): Promise<TemplateSaved> {
  const bytes = await makeDefaultTemplate();
  const fileName = STANDARD_TEMPLATE_FILE_NAME;
  if (session.host.kind === 'browser') {
    return { fileName, path: null, opened: false, downloadUrl: downloadUrlOf(session, keepReport(session, fileName, bytes)) };
  }
  if (!session.host.chooseSavePath) throw new UserError('Deze omgeving kan niet opslaan.', 'invalid-input');
  const path = await session.host.chooseSavePath(fileName, 'template');
  if (!path) return { fileName, path: null, opened: false, downloadUrl: null };
  writeFileAtomically(path, bytes);
  const opened = open && session.host.openPath ? await session.host.openPath(path) : false;
  return { fileName, path, opened, downloadUrl: null };
}
