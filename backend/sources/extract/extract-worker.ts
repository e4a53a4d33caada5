/**
 * Worker-thread entry (bundled to dist/workers/extract-worker.mjs): a
 * long-lived worker of the extraction pool (./index.ts). It takes jobs from
 * the parent one at a time and posts each ExtractOutcome back under the job's
 * id. Parsing hostile files happens here, where the parent can cap memory and
 * kill a hang without harm to the app; a worker that misbehaves is replaced.
 */
import { parentPort } from 'node:worker_threads';
import { extractBytes } from './extract-core';
import type { ExtractLimits, ExtractOutcome } from './types';

/** The file's bytes come with the job (their buffer transferred, not copied): the worker reads no path, so nothing needs a plaintext copy on disk. */
export interface ExtractJob {
  bytes: Uint8Array;
  fileName: string;
  limits: ExtractLimits;
}

/** Parent → worker. */
export interface ExtractRequest extends ExtractJob {
  id: number;
}

/** Worker → parent: the outcome, the last message of a job. */
export interface ExtractReply {
  id: number;
  outcome: ExtractOutcome;
}

/** Worker → parent, while a job runs: OCR starts page `page` of `pages`. */
export interface ExtractOcrProgress {
  id: number;
  ocr: { page: number; pages: number };
}

// The parent sends the next job only after this one's reply, but chaining
// keeps the jobs sequential even if it did not. An exception that escapes
// extractJob is deliberately left unhandled: it ends this worker with an
// 'error' in the parent, which rejects the job and starts a fresh worker.
let previous: Promise<void> = Promise.resolve();
parentPort?.on('message', ({ id, bytes, fileName, limits }: ExtractRequest) => {
  previous = previous.then(async () => {
    const onOcrPage = (page: number, pages: number) => parentPort!.postMessage({ id, ocr: { page, pages } } satisfies ExtractOcrProgress);
    const reply: ExtractReply = { id, outcome: await extractBytes(bytes, fileName, limits, { onOcrPage }) };
    parentPort!.postMessage(reply);
  });
});
