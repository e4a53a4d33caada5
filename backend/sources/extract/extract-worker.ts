/**
 * Worker-thread entry (bundled to dist/workers/extract-worker.mjs): a
 * long-lived worker of the extraction pool (./index.ts). It takes jobs from
 * the parent one at a time and posts each ExtractOutcome back under the job's
 * id. Parsing hostile files happens here, where the parent can cap memory and
 * kill a hang without harm to the app; a worker that misbehaves is replaced.
 */
import { readFile, stat } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { extractBytes } from './extract-core';
import { REASONS, rejected, type ExtractHooks, type ExtractLimits, type ExtractOutcome } from './types';

export interface ExtractJob {
  path: string;
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

const UNREADABLE = 'Het bestand kan niet worden gelezen.';

async function extractJob({ path, fileName, limits }: ExtractJob, hooks: ExtractHooks): Promise<ExtractOutcome> {
  let bytes: Buffer;
  try {
    // Size first, so an oversized file is never read into memory; and only
    // regular files, since a device or pipe reports size 0 and never ends.
    const info = await stat(path);
    if (!info.isFile()) return rejected(UNREADABLE);
    if (info.size > limits.maxFileBytes) return rejected(REASONS.tooLarge(limits.maxFileBytes));
    bytes = await readFile(path);
  } catch {
    return rejected(UNREADABLE);
  }
  return extractBytes(bytes, fileName, limits, hooks);
}

// The parent sends the next job only after this one's reply, but chaining
// keeps the jobs sequential even if it did not. An exception that escapes
// extractJob is deliberately left unhandled: it ends this worker with an
// 'error' in the parent, which rejects the job and starts a fresh worker.
let previous: Promise<void> = Promise.resolve();
parentPort?.on('message', ({ id, path, fileName, limits }: ExtractRequest) => {
  previous = previous.then(async () => {
    const onOcrPage = (page: number, pages: number) => parentPort!.postMessage({ id, ocr: { page, pages } } satisfies ExtractOcrProgress);
    const reply: ExtractReply = { id, outcome: await extractJob({ path, fileName, limits }, { onOcrPage }) };
    parentPort!.postMessage(reply);
  });
});
