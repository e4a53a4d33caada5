/**
 * Text extraction for the importer, in worker threads with a memory cap and a
 * per-file deadline, so a hostile or broken file costs a rejection, never the
 * app. Bad files never make these functions throw; a missing worker bundle (a
 * broken installation) does.
 *
 * The workers form a small persistent pool: loading the parsers and warming
 * up the JIT costs more than extracting a typical file, so a worker handles
 * many files in turn. A worker that overruns a deadline, runs out of memory,
 * fails or exits is terminated and replaced by a fresh one; one that has done
 * MAX_JOBS_PER_WORKER files is replaced too, to bound memory growth. Idle
 * workers do not keep the process alive, and end after IDLE_RELEASE_MS without
 * a file: each holds its own heap (tens of MB, more after large files), which
 * the backend should not keep through the report and merge jobs that follow an
 * import (bench: national-service). shutdownExtractionPool ends them all.
 */
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { asInputFile, ownedBytes, type FileRef } from '../../store/staging-store';
import { UserError } from '../../errors';
import { startWorkerBundle, workerBundlePath } from '../../worker-bundle';
import { onReleaseIdleWorkers } from '../../idle-workers';
import type { ExtractOcrProgress, ExtractReply, ExtractRequest } from './extract-worker';
import { DEFAULT_LIMITS, REASONS, rejected, type ExtractLimits, type ExtractOutcome } from './types';

export { DEFAULT_LIMITS } from './types';
export type { ExtractLimits, ExtractOutcome, ExtractedText } from './types';

/** The user's own file by its path, or a file to read (a staged upload, sealed until read). */
export type FileToExtract = FileRef;

export interface ExtractManyOptions<F extends FileToExtract> {
  /** Files in flight at once; the pool runs at most POOL_SIZE of them at a time. */
  concurrency?: number;
  limits?: ExtractLimits;
  /** Called as each file finishes, in completion order. */
  onProgress?: (file: F, outcome: ExtractOutcome) => void;
  /** Called as OCR starts each scanned page of a file. */
  onOcrPage?: (file: F, page: number, pages: number) => void;
  /** Aborting stops the running workers and rejects every file not finished (CANCELLED). */
  signal?: AbortSignal;
}

export interface ExtractFileOptions {
  onOcrPage?: (page: number, pages: number) => void;
  signal?: AbortSignal;
}

const UNREADABLE = 'Het bestand kan niet worden gelezen.';
const CRASHED = 'Het uitlezen is onverwacht afgebroken; het bestand is mogelijk beschadigd.';
const SHUT_DOWN = 'Het uitlezen is afgebroken omdat Veldwerk werd afgesloten.';
export const CANCELLED = 'Het uitlezen is afgebroken op verzoek; er is niets van dit bestand opgeslagen.';

/** Workers in the pool: one per core, at most two (each may use maxWorkerMemoryMb). */
const POOL_SIZE = Math.max(1, Math.min(2, availableParallelism()));
/** The pool's workers get DEFAULT_LIMITS' heap cap; a job asking for another runs in a worker of its own. */
const POOL_MEMORY_MB = DEFAULT_LIMITS.maxWorkerMemoryMb;
const MAX_JOBS_PER_WORKER = 200;
/** An idle pool worker ends after this long: longer than the gap between an import's batches, so an import keeps its warm workers. */
const IDLE_RELEASE_MS = 3000;

interface Job {
  request: ExtractRequest;
  resolve: (outcome: ExtractOutcome) => void;
  reject: (error: unknown) => void;
  onOcrPage?: (page: number, pages: number) => void;
}

/**
 * One worker thread with at most one job at a time. Whatever goes wrong with
 * a job settles it with a rejection and stops the worker for good.
 */
class ExtractionWorker {
  private readonly worker: Worker;
  private job: Job | null = null;
  private deadline: NodeJS.Timeout | undefined;
  private jobsDone = 0;
  private stopping: Promise<void> | null = null;
  private release: NodeJS.Timeout | undefined;

  constructor(
    private readonly memoryMb: number,
    private readonly maxJobs: number,
    private readonly events: { idle: (worker: ExtractionWorker) => void; stopped: (worker: ExtractionWorker) => void },
  ) {
    this.worker = startWorkerBundle('extract', { resourceLimits: { maxOldGenerationSizeMb: memoryMb } });
    // The listeners stay attached until the end: an 'error' emitted while the
    // worker is being terminated must find a listener, or it would be thrown
    // in the app's own thread.
    this.worker.on('message', (message: unknown) => {
      const job = this.job;
      if (job && isOcrProgress(message, job.request.id)) {
        // A scanned page is about to be read: from here the deadline runs per page, so a long scanned
        // dossier is read whole (the user sees each page and can stop it) while one stuck page still ends it.
        this.startDeadline(job);
        job.onOcrPage?.(message.ocr.page, message.ocr.pages);
      }
      else if (job && isReply(message, job.request.id)) this.finish(message.outcome);
      else void this.stop(rejected(CRASHED));
    });
    this.worker.on('error', (error) => void this.stop(rejected(workerErrorReason(error, this.memoryMb))));
    this.worker.on('exit', () => void this.stop(rejected(CRASHED)));
  }

  runs(job: Job): boolean {
    return this.job === job;
  }

  run(job: Job): void {
    clearTimeout(this.release);
    this.job = job;
    this.worker.ref();
    this.startDeadline(job);
    // The bytes move to the worker (no copy); this thread holds none of them after this.
    this.worker.postMessage(job.request, [job.request.bytes.buffer as ArrayBuffer]);
  }

  private startDeadline(job: Job): void {
    clearTimeout(this.deadline);
    const { timeoutMs } = job.request.limits;
    this.deadline = setTimeout(() => void this.stop(rejected(timeoutReason(timeoutMs))), timeoutMs);
  }

  /** Settles the running job, if any, with `outcome`, and terminates the worker. */
  stop(outcome: ExtractOutcome = rejected(CRASHED)): Promise<void> {
    if (this.stopping) return this.stopping;
    clearTimeout(this.release);
    this.settle(outcome);
    this.stopping = this.worker.terminate().then(
      () => undefined,
      () => undefined,
    );
    this.events.stopped(this);
    return this.stopping;
  }

  private finish(outcome: ExtractOutcome): void {
    this.settle(outcome);
    if (++this.jobsDone >= this.maxJobs) {
      void this.stop(); // recycled: no job is running, so no outcome to give
      return;
    }
    this.worker.unref();
    this.events.idle(this);
    if (this.job || this.stopping) return;
    this.release = setTimeout(() => void this.stop(), IDLE_RELEASE_MS);
    this.release.unref();
  }

  private settle(outcome: ExtractOutcome): void {
    clearTimeout(this.deadline);
    const job = this.job;
    this.job = null;
    job?.resolve(outcome);
  }
}

// The pool: created lazily, one job per worker at a time, the rest queued.
// A job's deadline starts when a worker takes it, not while it waits.
const pooled = new Set<ExtractionWorker>();
const idle: ExtractionWorker[] = [];
const queue: Job[] = [];
/** One-off workers for jobs with a heap cap other than the pool's. */
const dedicated = new Set<ExtractionWorker>();
let nextJobId = 1;

const poolEvents = {
  idle(worker: ExtractionWorker) {
    idle.push(worker);
    dispatch();
  },
  stopped(worker: ExtractionWorker) {
    pooled.delete(worker);
    const index = idle.indexOf(worker);
    if (index >= 0) idle.splice(index, 1);
    dispatch(); // a fresh worker for whatever waits
  },
};

// A heavy job after an import ends the idle pool workers at once instead of after IDLE_RELEASE_MS.
onReleaseIdleWorkers(() => {
  for (const worker of [...idle]) void worker.stop();
});

const dedicatedEvents = {
  idle(worker: ExtractionWorker) {
    void worker.stop();
  },
  stopped(worker: ExtractionWorker) {
    dedicated.delete(worker);
  },
};

function dispatch(): void {
  while (queue.length > 0) {
    let worker = idle.pop();
    if (!worker) {
      if (pooled.size >= POOL_SIZE) return;
      try {
        worker = new ExtractionWorker(POOL_MEMORY_MB, MAX_JOBS_PER_WORKER, poolEvents);
      } catch (error) {
        queue.shift()!.reject(error);
        continue;
      }
      pooled.add(worker);
    }
    worker.run(queue.shift()!);
  }
}

/**
 * Extract one file: by path (the user's own file; only a regular file within
 * the size limit is read), or its bytes (copied, as they go to the worker).
 */
export async function extractFile(
  file: string | Uint8Array,
  fileName: string,
  limits: ExtractLimits = DEFAULT_LIMITS,
  options: ExtractFileOptions = {},
): Promise<ExtractOutcome> {
  if (typeof file !== 'string') return extractOwned(new Uint8Array(file), fileName, limits, options);
  let bytes: Buffer;
  try {
    // Size first, so an oversized file is never read into memory; and only
    // regular files, since a device or pipe reports size 0 and never ends.
    const info = statSync(file);
    if (!info.isFile()) return rejected(UNREADABLE);
    if (info.size > limits.maxFileBytes) return rejected(REASONS.tooLarge(limits.maxFileBytes));
    bytes = readFileSync(file);
  } catch {
    return rejected(UNREADABLE);
  }
  return extractOwned(ownedBytes(bytes), fileName, limits, options);
}

/** A file to read, read only when a lane takes it: at most `concurrency` files are in memory at once. */
async function extractInput(file: FileToExtract, limits: ExtractLimits, options: ExtractFileOptions): Promise<ExtractOutcome> {
  if ('path' in file && file.path) return extractFile(file.path, file.fileName, limits, options);
  let bytes: Buffer;
  try {
    const input = asInputFile(file);
    if (input.size > limits.maxFileBytes) return rejected(REASONS.tooLarge(limits.maxFileBytes));
    bytes = input.read();
  } catch (error) {
    return rejected(error instanceof UserError ? error.message : UNREADABLE);
  }
  return extractOwned(ownedBytes(bytes), file.fileName, limits, options);
}

/** `bytes` are transferred to the worker: the caller must not use them afterwards. */
async function extractOwned(bytes: Uint8Array, fileName: string, limits: ExtractLimits, { onOcrPage, signal }: ExtractFileOptions): Promise<ExtractOutcome> {
  workerPath(); // a broken installation fails loudly here, not as a rejection of the file
  if (signal?.aborted) return rejected(CANCELLED);
  return new Promise((resolve, reject) => {
    const settled = (outcome: ExtractOutcome) => {
      signal?.removeEventListener('abort', cancel);
      resolve(outcome);
    };
    const job: Job = { request: { id: nextJobId++, bytes, fileName, limits }, resolve: settled, reject, ...(onOcrPage ? { onOcrPage } : {}) };
    // Waiting: taken out of the queue. Running: its worker is terminated, so OCR stops at once, mid-page.
    function cancel() {
      const waiting = queue.indexOf(job);
      if (waiting >= 0) {
        queue.splice(waiting, 1);
        settled(rejected(CANCELLED));
      } else void [...pooled, ...dedicated].find((worker) => worker.runs(job))?.stop(rejected(CANCELLED));
    }
    signal?.addEventListener('abort', cancel, { once: true });
    if (limits.maxWorkerMemoryMb === POOL_MEMORY_MB) {
      queue.push(job);
      dispatch();
      return;
    }
    const worker = new ExtractionWorker(limits.maxWorkerMemoryMb, 1, dedicatedEvents);
    dedicated.add(worker);
    worker.run(job);
  });
}

/** Outcomes come back in input order, whatever order the files finish in. */
export async function extractMany<F extends FileToExtract>(
  files: readonly F[],
  { concurrency = POOL_SIZE, limits = DEFAULT_LIMITS, onProgress, onOcrPage, signal }: ExtractManyOptions<F> = {},
): Promise<ExtractOutcome[]> {
  const outcomes = new Array<ExtractOutcome>(files.length);
  let nextIndex = 0;
  const runLane = async () => {
    while (nextIndex < files.length) {
      const index = nextIndex++;
      const file = files[index]!;
      const outcome = await extractInput(file, limits, {
        ...(onOcrPage ? { onOcrPage: (page: number, pages: number) => onOcrPage(file, page, pages) } : {}),
        ...(signal ? { signal } : {}),
      });
      outcomes[index] = outcome;
      onProgress?.(file, outcome);
    }
  };
  const lanes = Math.max(1, Math.min(concurrency, files.length));
  await Promise.all(Array.from({ length: lanes }, runLane));
  return outcomes;
}

/**
 * Terminates every extraction worker, for tests and app shutdown. Jobs still
 * running or waiting get a rejection; a later extractFile starts a new pool.
 */
/** Extraction workers alive now (pooled and one-off): what the pool holds in memory. */
export function extractionWorkerCount(): number {
  return pooled.size + dedicated.size;
}

export async function shutdownExtractionPool(): Promise<void> {
  for (const job of queue.splice(0)) job.resolve(rejected(SHUT_DOWN));
  await Promise.all([...pooled, ...dedicated].map((worker) => worker.stop(rejected(SHUT_DOWN))));
}

function timeoutReason(timeoutMs: number): string {
  const seconds = (timeoutMs / 1000).toLocaleString('nl-NL');
  return `Het uitlezen duurde te lang (meer dan ${seconds} seconden); het bestand is mogelijk beschadigd.`;
}

function workerErrorReason(error: Error, memoryMb: number): string {
  if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return `Het uitlezen vroeg meer dan ${memoryMb} MB geheugen; het bestand is mogelijk beschadigd of te groot.`;
  }
  return CRASHED;
}

function isOcrProgress(message: unknown, id: number): message is ExtractOcrProgress {
  if (typeof message !== 'object' || message === null) return false;
  const progress = message as Partial<ExtractOcrProgress>;
  return progress.id === id && Number.isInteger(progress.ocr?.page) && Number.isInteger(progress.ocr?.pages);
}

function isReply(message: unknown, id: number): message is ExtractReply {
  if (typeof message !== 'object' || message === null) return false;
  const reply = message as Partial<ExtractReply>;
  return reply.id === id && isExtractOutcome(reply.outcome);
}

function isExtractOutcome(message: unknown): message is ExtractOutcome {
  if (typeof message !== 'object' || message === null) return false;
  const candidate = message as { ok?: unknown; reason?: unknown; value?: { text?: unknown } };
  return candidate.ok === true ? typeof candidate.value?.text === 'string' : typeof candidate.reason === 'string';
}

/** The extraction worker bundle (see ../../worker-bundle.ts); throws when it is missing. */
export function workerPath(): string {
  return workerBundlePath('extract');
}
