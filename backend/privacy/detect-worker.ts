/**
 * Worker-thread entry (bundled to dist/workers/privacy-worker.mjs): name
 * detection over imported sources, off the thread that answers the UI. A
 * long-lived worker (./detect-off-thread.ts keeps it), so the word lists are
 * loaded once; it takes one job at a time and answers under the job's id.
 */
import { parentPort } from 'node:worker_threads';
import { findCandidates, type CandidateText, type NameCandidate } from './candidates';
import { passContext, type PassPerson } from './privacy-pass';
import { collectLowerCaseWords } from './study-context';
import { workerJobFailed, type WorkerJobFailed } from '../worker-bundle';

/** Parent → worker. */
export interface DetectRequest {
  id: number;
  texts: CandidateText[];
  /** Everyone the pass already replaces (register, inspectors, known names). */
  persons: PassPerson[];
  /** Lower-case words that are never a name here. */
  allowed: string[];
  /** Lower-case forms of the register (candidates, confirmed and "geen persoon"): not proposed again. */
  known: string[];
}

/** Worker → parent. */
export type DetectReply = { id: number; type: 'done'; candidates: NameCandidate[] } | ({ id: number } & WorkerJobFailed);

export function detectJob({ texts, persons, allowed, known }: Omit<DetectRequest, 'id'>): NameCandidate[] {
  // The study's words in lower case are those of the texts at hand: reading every source again would cost more than the detection.
  const lowerCaseWords = new Set<string>();
  for (const { text } of texts) collectLowerCaseWords(text, lowerCaseWords);
  const context = passContext({ persons, choices: new Map(), allowed: new Set(allowed), lowerCaseWords });
  return findCandidates(texts, context, new Set(known));
}

parentPort?.on('message', (request: DetectRequest) => {
  let reply: DetectReply;
  try {
    reply = { id: request.id, type: 'done', candidates: detectJob(request) };
  } catch (error) {
    reply = { id: request.id, ...workerJobFailed(error) };
  }
  parentPort!.postMessage(reply);
});
