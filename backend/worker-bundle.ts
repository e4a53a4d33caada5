/**
 * Finding and starting a worker bundle: the worker-thread entry points that
 * scripts/build.mjs bundles into dist/workers/ (text extraction, report
 * building, reading survey exports). One mechanism for every kind of worker,
 * so that they are found the same way from the source tree (tests), from
 * dist/ (CLI, browser host) and inside the packaged app; and one way to run a
 * one-off job in a worker of its own (runWorkerJob), with its failures told
 * in Dutch.
 *
 * In the packaged app the path lies inside app.asar. This relies on the
 * asar support Electron gives worker threads (since Electron 17.3): the
 * worker starts from that path and resolves its dependencies (better-sqlite3,
 * docx, …) from the archive's node_modules. electron-builder.yml unpacks
 * dist/workers/ as well; Electron reads unpacked files through the same asar
 * path, and worker-integrity.ts checks each against its hash inside the
 * archive. No test runs a packaged app, so this path is not exercised here.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { projectRoot } from './app-paths';
import { UserError, type UserErrorCode } from './errors';
import { checkWorkerBundle, isPackagedPath, WORKER_HASHES_FILE } from './worker-integrity';

/** The worker bundles scripts/build.mjs writes, with how a user would name them in a message. */
export const WORKER_BUNDLES = {
  extract: { file: 'extract-worker.mjs', name: 'De uitleesmodule' },
  report: { file: 'report-worker.mjs', name: 'De rapportmodule' },
  survey: { file: 'survey-worker.mjs', name: 'De inleesmodule voor vragenlijsten' },
  service: { file: 'service-worker.mjs', name: 'De backenddienst' },
  exchange: { file: 'exchange-worker.mjs', name: 'De exportmodule' },
  logbook: { file: 'logbook-worker.mjs', name: 'De exportmodule van het logboek' },
  privacy: { file: 'privacy-worker.mjs', name: 'De module die namen zoekt' },
  merge: { file: 'merge-worker.mjs', name: 'De module die bundels samenvoegt' },
} as const;

export type WorkerBundle = keyof typeof WORKER_BUNDLES;

/**
 * The path of a worker bundle: in $VELDWERK_WORKER_DIR when set (tests), else
 * in dist/workers/ of the Veldwerk installation this code runs from. Throws
 * (in Dutch) when the bundle is missing: a broken installation.
 */
export function workerBundlePath(bundle: WorkerBundle): string {
  const { file, name } = WORKER_BUNDLES[bundle];
  const directory = process.env.VELDWERK_WORKER_DIR || join(projectRoot(), 'dist', 'workers');
  const path = join(directory, file);
  if (!existsSync(path)) throw new Error(`${name} ontbreekt (${path}); bouw Veldwerk opnieuw met npm run build.`);
  // In the packaged app the bundle lies unpacked, outside the archive's integrity check: its hash inside the archive vouches for it.
  if (isPackagedPath(path)) checkWorkerBundle(path, join(projectRoot(), 'dist', WORKER_HASHES_FILE));
  return path;
}

/** Start a worker thread running `bundle`. */
export function startWorkerBundle(bundle: WorkerBundle, options: WorkerOptions = {}): Worker {
  return new Worker(workerBundlePath(bundle), options);
}

/** How a worker job's end reads to the user when the worker cannot say it itself. */
export interface WorkerJobMessages {
  /** The worker threw outside its job, exited or sent something that is not part of the job. */
  crashed: string;
  /** The job failed on something other than a UserError: a bug, logged in full. */
  failed: string;
  outOfMemory: (memoryMb: number) => string;
  /** The bundle is missing; `detail` says where it was looked for. */
  missing: (detail: string) => string;
}

/** Worker → parent, the job's last word when it fails: its own UserError passed on, or anything else (a bug) for the log. */
export interface WorkerJobFailed {
  type: 'failed';
  error: { message: string; code: UserErrorCode } | null;
  detail: string;
}

/** Inside a worker: the message that ends a job which threw `error`. A UserError's message is for the user; anything else is a bug, logged by the parent. */
export function workerJobFailed(error: unknown): WorkerJobFailed {
  return {
    type: 'failed',
    error: error instanceof UserError ? { message: error.message, code: error.code } : null,
    detail: error instanceof Error ? (error.stack ?? error.message) : String(error),
  };
}

/** One job for a worker of its own (see runWorkerJob). `M` are the job's messages besides WorkerJobFailed. */
export interface WorkerJob<M, R> {
  workerData: unknown;
  /** Buffers inside workerData that move to the worker instead of being copied (a file's bytes). */
  transferList?: ArrayBuffer[];
  /** The worker's heap cap. */
  memoryMb: number;
  messages: WorkerJobMessages;
  /** For the log: what the job does ("rapportconcept maken"). */
  task: string;
  /** Whether a message is one of the job's own; anything else is taken for a crash. */
  isMessage: (message: unknown) => message is M;
  /**
   * Handles one of the job's messages; calls `finish` when it is the last, and
   * `reply` to answer the worker (one that waits for the go-ahead before its
   * next large message). An error thrown here ends the job with that error.
   */
  receive: (message: M, finish: (result: R) => void, reply: (message: unknown) => void) => void;
}

/**
 * Run one job in a worker thread of its own, started from `bundle` with a
 * heap cap, and resolve with what `receive` finishes it with. Whatever goes
 * wrong comes back as a UserError with a Dutch message: the worker's own
 * UserErrors unchanged, a bug, a crash, an exit, a stray message or running
 * out of memory as the sentences in `messages`. The worker is always
 * terminated; the calling thread carries on.
 */
export function runWorkerJob<M, R>(bundle: WorkerBundle, job: WorkerJob<M, R>): Promise<R> {
  const { messages, task, memoryMb } = job;
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = startWorkerBundle(bundle, {
        workerData: job.workerData,
        resourceLimits: { maxOldGenerationSizeMb: memoryMb },
        ...(job.transferList ? { transferList: job.transferList } : {}),
      });
    } catch (error) {
      reject(new UserError(messages.missing((error as Error).message), 'rejected', error));
      return;
    }
    let settled = false;
    const settle = (outcome: { error: unknown } | { result: R }) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if ('error' in outcome) reject(outcome.error);
      else resolve(outcome.result);
    };
    const finish = (result: R) => settle({ result });
    const reply = (message: unknown) => {
      if (!settled) worker.postMessage(message);
    };
    // The listeners stay attached to the end: an 'error' emitted while the
    // worker is being terminated must find one, or it would be thrown in the
    // calling thread. So must an error of the caller's `receive` (a draft
    // that cannot be saved): it ends the job, not the app.
    worker.on('message', (message: unknown) => {
      if (settled) return;
      try {
        if (isJobFailed(message)) settle({ error: failure(message, messages, task) });
        else if (job.isMessage(message)) job.receive(message, finish, reply);
        else settle({ error: new UserError(messages.crashed, 'rejected') });
      } catch (error) {
        settle({ error });
      }
    });
    worker.on('error', (error) => settle({ error: crash(error, messages, task, memoryMb) }));
    worker.on('exit', () => settle({ error: new UserError(messages.crashed, 'rejected') }));
  });
}

function failure(message: WorkerJobFailed, messages: WorkerJobMessages, task: string): UserError {
  if (message.error) return new UserError(message.error.message, message.error.code);
  console.error(`Veldwerk: ${task} mislukt in de werkthread:\n${message.detail}`);
  return new UserError(messages.failed, 'rejected');
}

function crash(error: Error, messages: WorkerJobMessages, task: string, memoryMb: number): UserError {
  if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new UserError(messages.outOfMemory(memoryMb), 'rejected', error);
  }
  console.error(`Veldwerk: de werkthread voor ${task} viel uit:`, error);
  return new UserError(messages.crashed, 'rejected', error);
}

function isJobFailed(message: unknown): message is WorkerJobFailed {
  if (typeof message !== 'object' || message === null || (message as { type?: unknown }).type !== 'failed') return false;
  const { error, detail } = message as { error?: unknown; detail?: unknown };
  return typeof detail === 'string' && (error === null || (typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string'));
}
