/**
 * The study's report worker for the dialog, off the thread that answers the
 * UI. The dialog asks for an outline after every choice and then for drafts,
 * so one worker per study stays up while it is asked: it keeps its modules
 * loaded, the study open and its reading (StudyData) until the change log
 * moves. The first question pays for starting it; outlines after a choice
 * cost only the model, drafts only the model and the Word file (bench:
 * dialog). It ends after a minute without questions, on a crash, or when the
 * study is closed. Questions are answered one at a time, in order.
 */
import type { Worker } from 'node:worker_threads';
import { UserError } from '../errors';
import { studyKeyFor } from '../keys/unlock';
import { startWorkerBundle, type WorkerJobFailed } from '../worker-bundle';
import { releaseIdleWorkers } from '../idle-workers';
import type { ReportOptions, ReportOutline } from '../../shared/report-model';
import type { PrivacyScan } from '../../shared/privacy';
import type { GenerateOptions, GeneratedReport, ReportScope } from './generate';
import { REPORT_WORKER_MEMORY_MB, REPORT_WORKER_MESSAGES, type ReportJob } from './report-thread';
import type { WriteProgress } from './write-docx';

/** Parent → study worker. */
export type StudyWorkerRequest = { id: number; type: 'outline'; scope: ReportScope; options: ReportOptions } | { id: number; type: 'draft'; scope: ReportScope; options: GenerateOptions };

/** A finished draft as it crosses the thread boundary. */
export interface DraftMessage {
  fileName: string;
  data: Uint8Array;
  outline: ReportOutline;
  privacy: PrivacyScan;
  appendix?: { fileName: string; data: Uint8Array } | undefined;
}

/** Study worker → parent: progress of a draft, its answer, or why not. */
export type StudyWorkerReply =
  | { id: number; outline: ReportOutline }
  | { id: number; progress: WriteProgress }
  | { id: number; draft: DraftMessage }
  | { id: number; failed: WorkerJobFailed };

const IDLE_MS = 60_000;
/** The study worker's young generation, in MB (see the constructor). */
const REPORT_WORKER_YOUNG_MB = 8;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  onProgress?: ((progress: WriteProgress) => void) | undefined;
}

class StudyWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idle: NodeJS.Timeout | null = null;
  private ended = false;
  /** Settles when the thread has stopped and its memory is given back. */
  stopped: Promise<unknown> = Promise.resolve();

  constructor(
    readonly studyPath: string,
    private readonly onEnd: () => void,
  ) {
    const workerData: ReportJob = { studyPath, studyKey: studyKeyFor(studyPath), scopes: [], options: {}, serveOutlines: true };
    // A small young generation: reading a national study (every text, for the privacy pass's words) makes much short-lived
    // garbage, and V8's default nursery (tens of MB) is RSS the worker then holds while it waits for questions. Measured on the
    // national study (one thread, 2 MB semi-spaces): peak 233 -> 209 MB reading it, 280 -> 239 MB for the overarching outline, about 5% more CPU.
    this.worker = startWorkerBundle('report', { workerData, resourceLimits: { maxOldGenerationSizeMb: REPORT_WORKER_MEMORY_MB, maxYoungGenerationSizeMb: REPORT_WORKER_YOUNG_MB } });
    this.worker.unref();
    this.worker.on('message', (message: unknown) => this.receive(message as Partial<StudyWorkerReply>));
    this.worker.on('error', (error) => this.end(crash(error)));
    this.worker.on('exit', () => this.end(new UserError(REPORT_WORKER_MESSAGES.crashed, 'rejected')));
  }

  ask<T>(request: Omit<StudyWorkerRequest, 'id'>, onProgress?: (progress: WriteProgress) => void): Promise<T> {
    if (this.idle) clearTimeout(this.idle);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress });
      this.worker.postMessage({ ...request, id } as StudyWorkerRequest);
    });
  }

  private receive(reply: Partial<StudyWorkerReply>): void {
    const pending = typeof reply.id === 'number' ? this.pending.get(reply.id) : undefined;
    if (!pending) return this.end(new UserError(REPORT_WORKER_MESSAGES.crashed, 'rejected'));
    if ('progress' in reply && reply.progress) return pending.onProgress?.(reply.progress);
    this.pending.delete(reply.id!);
    if ('outline' in reply && typeof reply.outline === 'object') pending.resolve(reply.outline);
    else if ('draft' in reply && reply.draft && reply.draft.data instanceof Uint8Array) pending.resolve(toReport(reply.draft));
    else if ('failed' in reply && reply.failed) pending.reject(failure(reply.failed));
    else pending.reject(new UserError(REPORT_WORKER_MESSAGES.crashed, 'rejected'));
    if (this.pending.size === 0) {
      this.idle = setTimeout(() => this.end(null), IDLE_MS);
      this.idle.unref();
    }
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** Stop the worker; questions still open get `error` (or a crash message). */
  end(error: unknown): void {
    if (this.ended) return;
    this.ended = true;
    if (this.idle) clearTimeout(this.idle);
    for (const { reject } of this.pending.values()) reject(error ?? new UserError(REPORT_WORKER_MESSAGES.crashed, 'rejected'));
    this.pending.clear();
    this.stopped = this.worker.terminate().catch(() => undefined);
    this.onEnd();
  }
}

function toReport({ fileName, data, outline, privacy, appendix }: DraftMessage): GeneratedReport {
  const report: GeneratedReport = { fileName, data: toBuffer(data), outline, privacy };
  if (appendix) report.appendix = { fileName: appendix.fileName, data: toBuffer(appendix.data) };
  return report;
}

function toBuffer(data: Uint8Array): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

function failure(failed: WorkerJobFailed): UserError {
  if (failed.error) return new UserError(failed.error.message, failed.error.code);
  console.error(`Veldwerk: een rapportvraag mislukte in de werkthread:\n${failed.detail}`);
  return new UserError(REPORT_WORKER_MESSAGES.failed, 'rejected');
}

function crash(error: Error): UserError {
  if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') return new UserError(REPORT_WORKER_MESSAGES.outOfMemory(REPORT_WORKER_MEMORY_MB), 'rejected', error);
  console.error('Veldwerk: de rapportwerkthread viel uit:', error);
  return new UserError(REPORT_WORKER_MESSAGES.crashed, 'rejected', error);
}

const workers = new Map<string, StudyWorker>();

function workerFor(studyPath: string): StudyWorker {
  let worker = workers.get(studyPath);
  if (worker) return worker;
  // Reading the study takes a few hundred MB at national scale: not on top of an import's idle workers.
  releaseIdleWorkers();
  try {
    const started: StudyWorker = new StudyWorker(studyPath, () => {
      if (workers.get(studyPath) === started) workers.delete(studyPath);
    });
    worker = started;
  } catch (error) {
    throw new UserError(REPORT_WORKER_MESSAGES.missing((error as Error).message), 'rejected', error);
  }
  workers.set(studyPath, worker);
  return worker;
}

/** The outline of a draft, from the study's worker (started on the first question). */
export async function outlineInWorker(studyPath: string, scope: ReportScope, options: ReportOptions): Promise<ReportOutline> {
  return workerFor(studyPath).ask<ReportOutline>({ type: 'outline', scope, options });
}

/** A draft made by the study's worker, with its progress: the dialog's drafts, after its outlines. */
export async function draftInStudyWorker(studyPath: string, scope: ReportScope, options: GenerateOptions, onProgress?: (progress: WriteProgress) => void): Promise<GeneratedReport> {
  return workerFor(studyPath).ask<GeneratedReport>({ type: 'draft', scope, options }, onProgress);
}

/**
 * End the study's report worker when it waits for questions: before a long
 * job that writes (its reading of the study would be stale afterwards, and
 * it holds that reading, tens to hundreds of MB, while the job needs its own).
 */
export async function releaseIdleOutlineWorker(studyPath: string): Promise<void> {
  const worker = workers.get(studyPath);
  if (!worker || worker.busy) return;
  worker.end(null);
  // The job starts once the thread is gone: its reading and the job's memory are not held at once.
  await worker.stopped;
}

/** Whether the study's report worker is up (holding the study's reading). */
export function outlineWorkerRunning(studyPath: string): boolean {
  return workers.has(studyPath);
}

/** End the study's report worker (closed, or switched away from). */
export function stopOutlineWorker(studyPath: string): void {
  workers.get(studyPath)?.end(null);
}
