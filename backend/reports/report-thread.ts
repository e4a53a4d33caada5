/**
 * Report drafts built in a worker thread (report-worker.ts), so that the
 * thread answering the UI (Electron's main process, the browser host's
 * server, the CLI's progress output) stays free during the seconds a draft
 * takes. The worker reads the study file through a read-only connection of
 * its own, which SQLite's WAL allows beside the app's connection; it sees
 * every committed change.
 *
 * Whatever goes wrong in the worker comes back (through runWorkerJob) as a
 * UserError with a Dutch message: the worker's own UserErrors unchanged (an unknown institution, an
 * unusable template), a crash, an exit or running out of memory as a
 * sentence the user can act on. The worker is always terminated; the app
 * carries on.
 */
import { UserError } from '../errors';
import { runWorkerJob } from '../worker-bundle';
import { studyKeyFor } from '../keys/unlock';
import type { ReportOutline } from '../../shared/report-model';
import type { PrivacyScan } from '../../shared/privacy';
import type { GenerateEvents, GenerateOptions, GeneratedReport, ReportScope } from './generate';
import type { WriteProgress } from './write-docx';

/** What the worker is asked to build (its workerData). */
export interface ReportJob {
  studyPath: string;
  /** The key of an encrypted study, handed to the worker (it cannot see this thread's unlocked keys); added by generateReportsInWorker. */
  studyKey?: Uint8Array;
  scopes: ReportScope[];
  options: GenerateOptions;
  /** Only what the privacy pass would find in these drafts (the review), no Word files. */
  privacyScan?: boolean | undefined;
  /** Stay up and answer outline requests (outline-thread.ts) until terminated, keeping the study's reading between them. */
  serveOutlines?: boolean | undefined;
}

/** Worker → parent, besides the WorkerJobFailed that ends a failed job. */
export type ReportWorkerMessage =
  | { type: 'progress'; index: number; progress: WriteProgress }
  | { type: 'report'; index: number; fileName: string; data: Uint8Array; outline: ReportOutline; privacy: PrivacyScan; appendix?: { fileName: string; data: Uint8Array } | undefined }
  | { type: 'scan'; scan: PrivacyScan }
  | { type: 'done' };

/** The worker's heap cap: far above what a large round needs, and it keeps a runaway draft from taking the app down. */
export const REPORT_WORKER_MEMORY_MB = 2048;

export const REPORT_WORKER_MESSAGES = {
  crashed: 'Het maken van het rapportconcept is onverwacht afgebroken. Probeer het opnieuw; lukt het dan weer niet, meld het dan bij de beheerder.',
  failed: 'Er ging iets mis bij het maken van het rapportconcept. Probeer het opnieuw; lukt het dan weer niet, meld het dan bij de beheerder.',
  outOfMemory: (memoryMb: number) =>
    `Het rapportconcept vroeg meer dan ${memoryMb.toLocaleString('nl-NL')} MB geheugen en is afgebroken. Maak het concept met minder hoofdstukken of instellingen.`,
  missing: (detail: string) => `Het rapportconcept kan niet worden gemaakt. ${detail}`,
} as const;

export interface ReportThreadOptions {
  /** The worker's heap cap (tests lower it). */
  memoryMb?: number;
}

/** Build the drafts for `scopes` in one worker (the study is read once); resolves with them in the order of `scopes`. */
export function generateReportsInWorker(
  job: ReportJob,
  events: GenerateEvents = {},
  { memoryMb = REPORT_WORKER_MEMORY_MB }: ReportThreadOptions = {},
): Promise<GeneratedReport[]> {
  const reports: GeneratedReport[] = [];
  return runWorkerJob<ReportWorkerMessage, GeneratedReport[]>('report', {
    workerData: { ...job, studyKey: job.studyKey ?? studyKeyFor(job.studyPath) },
    memoryMb,
    messages: REPORT_WORKER_MESSAGES,
    task: 'rapportconcepten maken',
    isMessage: isWorkerMessage,
    // An error of the caller's callbacks (a draft that cannot be saved) ends the job, not the app.
    receive(message, finish) {
      switch (message.type) {
        case 'progress':
          return events.onProgress?.(message.index, message.progress);
        case 'report': {
          const report: GeneratedReport = { fileName: message.fileName, data: toBuffer(message.data), outline: message.outline, privacy: message.privacy };
          if (message.appendix) report.appendix = { fileName: message.appendix.fileName, data: toBuffer(message.appendix.data) };
          reports.push(report);
          return events.onReport?.(message.index, report);
        }
        case 'scan':
          return;
        case 'done':
          return finish(reports);
      }
    },
  });
}

/** What the privacy pass finds in the drafts of `scopes` (null: every draft), built in a worker as the drafts are. */
export function scanDraftsInWorker(studyPath: string, scopes: ReportScope[] | null, options: GenerateOptions): Promise<PrivacyScan> {
  let scan: PrivacyScan | null = null;
  return runWorkerJob<ReportWorkerMessage, PrivacyScan>('report', {
    workerData: { studyPath, scopes: scopes ?? [], options, privacyScan: true } satisfies ReportJob,
    memoryMb: REPORT_WORKER_MEMORY_MB,
    messages: REPORT_WORKER_MESSAGES,
    task: 'de privacycontrole uitvoeren',
    isMessage: isWorkerMessage,
    receive(message, finish) {
      if (message.type === 'scan') scan = message.scan;
      else if (message.type === 'done') finish(scan ?? { findings: [], unresolved: 0 });
    },
  });
}

/** One draft in a worker, with its progress. */
export async function generateReportInWorker(
  studyPath: string,
  scope: ReportScope,
  options: GenerateOptions,
  onProgress?: (progress: WriteProgress) => void,
  threadOptions?: ReportThreadOptions,
): Promise<GeneratedReport> {
  const [report] = await generateReportsInWorker({ studyPath, scopes: [scope], options }, { onProgress: (_, progress) => onProgress?.(progress) }, threadOptions);
  if (!report) throw new UserError(REPORT_WORKER_MESSAGES.crashed, 'rejected');
  return report;
}

/** The bytes as a Buffer, without copying (a posted Uint8Array arrives as a plain Uint8Array). */
function toBuffer(data: Uint8Array): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

function isWorkerMessage(message: unknown): message is ReportWorkerMessage {
  if (typeof message !== 'object' || message === null) return false;
  const candidate = message as { type?: unknown; index?: unknown; data?: unknown; fileName?: unknown };
  switch (candidate.type) {
    case 'progress':
      return typeof candidate.index === 'number';
    case 'report':
      return typeof candidate.index === 'number' && typeof candidate.fileName === 'string' && candidate.data instanceof Uint8Array;
    case 'scan':
      return typeof (candidate as { scan?: unknown }).scan === 'object';
    case 'done':
      return true;
    default:
      return false;
  }
}
