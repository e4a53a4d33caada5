/**
 * Detection at import (issue 10): the names in newly imported sources become
 * candidates in the persons register, found in a worker thread so the
 * service keeps answering the UI while the detectors read. One worker per
 * process, kept between the batches of an import (the word lists take half a
 * second to load; each batch should not pay that) and ended RELEASE_MS after
 * its last answer, so the backend does not hold its heap through the jobs
 * after an import (bench: national-service); it does not keep the process
 * alive when idle, and a worker that fails is replaced at the next import.
 *
 * Detection never undoes an import: when it fails, the sources stay and the
 * failure is logged; `veldwerk privacy detect` or the review's "Namen zoeken"
 * finds the names later.
 */
import type { Worker } from 'node:worker_threads';
import { startWorkerBundle } from '../worker-bundle';
import { onReleaseIdleWorkers } from '../idle-workers';
import { addCandidates, registerForms, sourceTexts, type NameCandidate } from './candidates';
import type { DetectReply, DetectRequest } from './detect-worker';
import { allowedWordsOf, namesInTitle } from './study-context';
import { studyPassContext } from './study-pass';
import type { Study } from '../study/study';
import type { Person } from '../../shared/privacy';

/** Characters of text per message: a national batch goes in parts, so no message holds hundreds of MB. */
const CHUNK_CHARS = 8_000_000;
const MEMORY_MB = 512;
/** An idle worker ends after this long: longer than the gap between an import's batches. */
const RELEASE_MS = 5000;

let worker: Worker | null = null;
let release: NodeJS.Timeout | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (candidates: NameCandidate[]) => void; reject: (error: Error) => void }>();

function failAll(failed: Worker, error: Error): void {
  if (worker === failed) worker = null;
  for (const job of pending.values()) job.reject(error);
  pending.clear();
}

/** End the worker now if it waits for no answer (its release timer would end it later). */
function endIfIdle(): void {
  if (!worker || pending.size > 0) return;
  const idle = worker;
  worker = null;
  clearTimeout(release);
  idle.removeAllListeners();
  idle.on('error', () => {});
  void idle.terminate();
}

onReleaseIdleWorkers(endIfIdle);

function detectionWorker(): Worker {
  if (worker) return worker;
  const started = startWorkerBundle('privacy', { resourceLimits: { maxOldGenerationSizeMb: MEMORY_MB } });
  started.on('message', (reply: DetectReply) => {
    const job = pending.get(reply.id);
    if (!job) return;
    pending.delete(reply.id);
    if (reply.type === 'done') job.resolve(reply.candidates);
    else job.reject(new Error(reply.detail));
    if (pending.size > 0) return;
    started.unref();
    // Its exit must not fail the jobs a next worker has taken by then (endIfIdle detaches it first).
    release = setTimeout(() => {
      if (worker === started) endIfIdle();
    }, RELEASE_MS);
    release.unref();
  });
  started.on('error', (error) => failAll(started, error));
  started.on('exit', () => failAll(started, new Error('De werkthread voor namen zoeken is gestopt.')));
  started.unref();
  worker = started;
  return started;
}

function inWorker(request: Omit<DetectRequest, 'id'>): Promise<NameCandidate[]> {
  clearTimeout(release);
  const target = detectionWorker();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    target.ref();
    target.postMessage({ ...request, id } satisfies DetectRequest);
  });
}

/**
 * The sources in parts of about CHUNK_CHARS characters, by id: each part's
 * texts are read when it is sent, so a national batch is never in memory at
 * once and no statement stays open while the worker reads.
 */
function chunksOf(study: Study, sourceIds?: string[]): string[][] {
  // Given sources are looked up by id (json_each first: an import never scans the source table).
  const from = sourceIds ? 'json_each(?) j CROSS JOIN source s ON s.id = j.value' : 'source s';
  const sizes = study.db
    .prepare(`SELECT s.id, length(c.text) + length(s.title) AS size FROM ${from} JOIN content c ON c.id = s.content_id WHERE s.deleted = 0`)
    .all(...(sourceIds ? [JSON.stringify(sourceIds)] : [])) as Array<{ id: string; size: number }>;
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let size = 0;
  for (const source of sizes) {
    chunk.push(source.id);
    size += source.size;
    if (size >= CHUNK_CHARS) {
      chunks.push(chunk);
      chunk = [];
      size = 0;
    }
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** Names in the titles of the given (or all) client and personnel files, as privacyContextFor takes them; given ones by id. */
function titleNames(study: Study, sourceIds?: string[]): string[] {
  const from = sourceIds ? 'json_each(?) j CROSS JOIN source s ON s.id = j.value' : 'source s';
  const titles = study.db
    .prepare(`SELECT s.title FROM ${from} WHERE s.deleted = 0 AND s.source_type IN ('clientdossier', 'personeelsdossier')`)
    .pluck()
    .all(...(sourceIds ? [JSON.stringify(sourceIds)] : [])) as string[];
  return [...new Set(titles.flatMap(namesInTitle))];
}

/**
 * Find the names in the given sources (all live ones when none are given) in
 * the worker and add the new ones to the register as candidates, in the
 * running action. Returns the persons added and the texts read.
 */
export async function detectCandidatesOffThread(study: Study, sourceIds?: string[]): Promise<{ added: Person[]; scanned: number }> {
  // The register, the inspectors, the names in these files' titles (known as names already, as the drafts know them) and
  // the study's own words; not every source's lower-case words (the worker takes them from the texts at hand).
  const context = studyPassContext(study, { names: titleNames(study, sourceIds), lowerCaseWords: new Set(), allowedWords: allowedWordsOf(study) });
  const base = { persons: context.persons, allowed: [...context.allowed], known: [...registerForms(study)] };
  const found: NameCandidate[] = [];
  let scanned = 0;
  for (const ids of chunksOf(study, sourceIds)) {
    const texts = sourceTexts(study, ids);
    scanned += texts.length * 2;
    found.push(...(await inWorker({ ...base, texts })));
  }
  return { added: addCandidates(study, found), scanned };
}

/** Detection at import: as above for the new sources, but a failure is logged and the import stands. */
export async function proposeCandidatesFor(study: Study, sourceIds: string[]): Promise<Person[]> {
  if (sourceIds.length === 0) return [];
  try {
    return (await detectCandidatesOffThread(study, sourceIds)).added;
  } catch (error) {
    console.error('Veldwerk: namen zoeken in de geïmporteerde bronnen is mislukt; de bronnen zijn wel geïmporteerd.', error);
    return [];
  }
}

/** Whether the worker is up (holding its word lists and heap). */
export function detectionWorkerRunning(): boolean {
  return worker !== null;
}

/** End the worker (tests, shutdown). */
export async function stopDetectionWorker(): Promise<void> {
  clearTimeout(release);
  const running = worker;
  worker = null;
  if (running) await running.terminate();
}
