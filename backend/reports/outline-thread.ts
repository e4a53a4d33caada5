/**
 * The outline the report dialog previews, built off the thread that answers
 * the UI. The dialog asks for an outline after every choice, so one worker per
 * study stays up while outlines are asked for: it keeps the study open and its
 * reading (StudyData) until the change log moves, and the first outline pays
 * for starting it, the next ones only for the model (bench: dialog). It ends
 * after a minute without questions, on a crash, or when the study is closed.
 */
import type { Worker } from 'node:worker_threads';
import { UserError } from '../errors';
import { studyKeyFor } from '../keys/unlock';
import { startWorkerBundle, type WorkerJobFailed } from '../worker-bundle';
import type { ReportOptions, ReportOutline } from '../../shared/report-model';
import type { ReportScope } from './generate';
import { REPORT_WORKER_MEMORY_MB, REPORT_WORKER_MESSAGES, type ReportJob } from './report-thread';

/** Parent → outline worker. */
export interface OutlineRequest {
  id: number;
  scope: ReportScope;
  options: ReportOptions;
}

/** Outline worker → parent: the outline asked for, or why not. */
export type OutlineReply = { id: number; outline: ReportOutline } | { id: number; failed: WorkerJobFailed };

const IDLE_MS = 60_000;

interface Pending {
  resolve: (outline: ReportOutline) => void;
  reject: (error: unknown) => void;
}

class OutlineWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idle: NodeJS.Timeout | null = null;
  ended = false;

  constructor(
    readonly studyPath: string,
    private readonly onEnd: () => void,
  ) {
    const workerData: ReportJob = { studyPath, studyKey: studyKeyFor(studyPath), scopes: [], options: {}, serveOutlines: true };
    this.worker = startWorkerBundle('report', { workerData, resourceLimits: { maxOldGenerationSizeMb: REPORT_WORKER_MEMORY_MB } });
    this.worker.unref();
    this.worker.on('message', (message: unknown) => this.receive(message));
    this.worker.on('error', (error) => this.end(error));
    this.worker.on('exit', () => this.end(new UserError(REPORT_WORKER_MESSAGES.crashed, 'rejected')));
  }

  ask(scope: ReportScope, options: ReportOptions): Promise<ReportOutline> {
    if (this.idle) clearTimeout(this.idle);
    const id = this.nextId++;
    return new Promise<ReportOutline>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, scope, options } satisfies OutlineRequest);
    });
  }

  private receive(message: unknown): void {
    const reply = message as Partial<OutlineReply>;
    const pending = typeof reply.id === 'number' ? this.pending.get(reply.id) : undefined;
    if (!pending) return this.end(new UserError(REPORT_WORKER_MESSAGES.crashed, 'rejected'));
    this.pending.delete(reply.id!);
    if ('outline' in reply && typeof reply.outline === 'object') pending.resolve(reply.outline);
    else if ('failed' in reply && reply.failed) pending.reject(failure(reply.failed));
    else pending.reject(new UserError(REPORT_WORKER_MESSAGES.crashed, 'rejected'));
    if (this.pending.size === 0) {
      this.idle = setTimeout(() => this.end(null), IDLE_MS);
      this.idle.unref();
    }
  }

  /** Stop the worker; questions still open get `error` (or a crash message). */
  end(error: unknown): void {
    if (this.ended) return;
    this.ended = true;
    if (this.idle) clearTimeout(this.idle);
    for (const { reject } of this.pending.values()) reject(error ?? new UserError(REPORT_WORKER_MESSAGES.crashed, 'rejected'));
    this.pending.clear();
    void this.worker.terminate();
    this.onEnd();
  }
}

function failure(failed: WorkerJobFailed): UserError {
  if (failed.error) return new UserError(failed.error.message, failed.error.code);
  console.error(`Veldwerk: de opbouw van het rapport berekenen mislukt in de werkthread:\n${failed.detail}`);
  return new UserError(REPORT_WORKER_MESSAGES.failed, 'rejected');
}

const workers = new Map<string, OutlineWorker>();

/** The outline of a draft, from the study's outline worker (started on the first question). */
export function outlineInWorker(studyPath: string, scope: ReportScope, options: ReportOptions): Promise<ReportOutline> {
  let worker = workers.get(studyPath);
  if (!worker) {
    try {
      const started: OutlineWorker = new OutlineWorker(studyPath, () => {
        if (workers.get(studyPath) === started) workers.delete(studyPath);
      });
      worker = started;
    } catch (error) {
      return Promise.reject(new UserError(REPORT_WORKER_MESSAGES.missing((error as Error).message), 'rejected', error));
    }
    workers.set(studyPath, worker);
  }
  return worker.ask(scope, options);
}

/** End the outline worker of a study (closed, or switched away from). */
export function stopOutlineWorker(studyPath: string): void {
  workers.get(studyPath)?.end(null);
}
