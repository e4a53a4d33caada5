/** The report calls as the handlers run them: drafts built in a worker thread and kept in the session. */
import type { Session } from '../api/session';
import type { JobProgress, ReportGenerated } from '../../shared/api/types';
import { keepReport, type GenerateOptions, type ReportScope } from './generate';
import { generateReportInWorker } from './report-thread';

/** Browser host: where a kept draft is downloaded (http-server.ts serves it). */
const downloadUrlOf = (session: Session, keptId: string) => (session.host.kind === 'browser' ? `/api/download/report/${keptId}` : null);

export async function generateDraft(
  session: Session,
  input: { scope: ReportScope; options: GenerateOptions; jobId: string },
): Promise<ReportGenerated> {
  const study = session.requireStudy();
  const progress = (event: Omit<JobProgress, 'jobId'>) => session.reportProgress({ jobId: input.jobId, ...event });
  const report = await generateReportInWorker(study.path, input.scope, input.options, progress);
  const reportId = keepReport(session, report.fileName, report.data);
  return { reportId, fileName: report.fileName, size: report.data.byteLength, outline: report.outline, downloadUrl: downloadUrlOf(session, reportId) };
}
