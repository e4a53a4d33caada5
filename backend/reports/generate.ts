/**
 * Report drafts as the API, the CLI and the benchmark use them: the model for
 * a scope (one institution, or the overarching report), its outline, and the
 * finished .docx. Generated drafts wait in the session with every other
 * produced file (api/produced-files.ts) until they are handed to the user.
 */
import type { Study } from '../study/study';
import { outlineOf, reportFileName, type ReportModel, type ReportOptions, type ReportOutline } from '../../shared/report-model';
import { institutionModelFromData, overallModelFromData } from './build-model';
import { readStudyData, type StudyData } from './study-data';
import { reportStyles } from './study-template';
import { writeReportDocx, type WriteProgress } from './write-docx';
import { passReportModel } from '../privacy/report-pass';
import { appendixFileName, splitAppendix } from './appendix';
import { studyPassContext } from '../privacy/study-pass';
import type { PrivacyScan } from '../../shared/privacy';

export type ReportScope = { institutionId: string } | { overall: true };

/** The model of a draft as it may leave: through the privacy pass (what the pass found comes along, for the review). */
export function passedReportModel(data: StudyData, scope: ReportScope, options: ReportOptions): { model: ReportModel; scan: PrivacyScan } {
  const built = 'institutionId' in scope ? institutionModelFromData(data, scope.institutionId, options) : overallModelFromData(data, options);
  return passReportModel(built, studyPassContext(data.study, data.privacy));
}

export function reportModelFromData(data: StudyData, scope: ReportScope, options: ReportOptions): ReportModel {
  return passedReportModel(data, scope, options).model;
}

export function reportModel(study: Study, scope: ReportScope, options: ReportOptions = {}): ReportModel {
  return reportModelFromData(readStudyData(study, options.privacyNames ?? []), scope, options);
}

export function reportOutline(study: Study, scope: ReportScope, options: ReportOptions = {}): ReportOutline {
  return outlineOf(reportModel(study, scope, options));
}

export interface GeneratedReport {
  fileName: string;
  data: Buffer;
  outline: ReportOutline;
  /** What the privacy pass found and replaced (for the review and `report --strict`). */
  privacy: PrivacyScan;
  /** The internal appendix (verantwoording), a file of its own, never inside the draft that can be sent. */
  appendix?: { fileName: string; data: Buffer } | undefined;
}

export interface GenerateOptions extends ReportOptions {
  /** A template .docx to take the styles from, instead of the study's house style (the CLI's --template). */
  templatePath?: string | undefined;
  /** Lay out the pages to fill in the table of contents' page numbers (default true; slower). */
  tocPageNumbers?: boolean | undefined;
}

/**
 * One draft, built in the calling thread. The app, the browser host and the
 * CLI build drafts in a worker thread (report-thread.ts), which calls this.
 */
export async function generateReport(
  study: Study,
  scope: ReportScope,
  options: GenerateOptions = {},
  onProgress?: (progress: WriteProgress) => void,
  data?: StudyData,
): Promise<GeneratedReport> {
  onProgress?.({ done: 0, total: 0, message: 'Gegevens verzamelen' });
  const { model, scan } = passedReportModel(data ?? readStudyData(study, options.privacyNames ?? []), scope, options);
  const styles = await reportStyles(study, options.templatePath);
  const { draft, appendix } = splitAppendix(model, scan);
  const bytes = await writeReportDocx(draft, { styles, pageNumbers: options.tocPageNumbers, onProgress });
  const fileName = reportFileName(draft);
  const report: GeneratedReport = { fileName, data: bytes, outline: outlineOf(model), privacy: scan };
  if (appendix) report.appendix = { fileName: appendixFileName(fileName), data: await writeReportDocx(appendix, { styles, pageNumbers: options.tocPageNumbers }) };
  return report;
}

export interface GenerateEvents {
  /** Progress of the draft for `scopes[index]`. */
  onProgress?: (index: number, progress: WriteProgress) => void;
  /** A draft is finished (they finish in the order of `scopes`). */
  onReport?: (index: number, report: GeneratedReport) => void;
}

/** Several drafts from one reading of the study (the CLI's --all), one after the other. */
export async function generateReports(
  study: Study,
  scopes: ReportScope[],
  options: GenerateOptions = {},
  events: GenerateEvents = {},
): Promise<GeneratedReport[]> {
  const data = readStudyData(study, options.privacyNames ?? []);
  const reports: GeneratedReport[] = [];
  for (const [index, scope] of scopes.entries()) {
    const report = await generateReport(study, scope, options, (progress) => events.onProgress?.(index, progress), data);
    events.onReport?.(index, report);
    reports.push(report);
  }
  return reports;
}
