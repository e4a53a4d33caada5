/**
 * The longest pause of the answering thread during each national-scale job
 * (issue 9, item 8), with the backend running as `veldwerk serve` runs it: in
 * the service worker thread, the calling thread only relaying calls and
 * answers (backend/service/). For each job two figures:
 *
 * - `longestPauseMs`: the longest gap between ticks of a 5 ms timer on the
 *   thread that answers the UI (the host's thread), while the job runs;
 * - `longestReadWaitMs`: the longest a read call (`session.state`, sent every
 *   20 ms while the job runs) waited for its answer. Reads do not wait for
 *   writes in the call queue, so this is how long the service's own thread
 *   was held by the job: what a view asking for data meanwhile would wait.
 *
 * `idle` is the same measurement for 2 s with no job: the floor a busy
 * machine sets (its scheduler delays a thread that does nothing else).
 * The jobs: importing one batch of 50 new files, the 20 search queries, the
 * evidence matrix, the overarching report outline and draft, and applying
 * one bundle (backup, decryption and signature checks included).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startServiceWorker } from '../../backend/service/service-client';
import type { DispatchResult } from '../../backend/api/handlers';
import type { SourceMeta } from '../../shared/api/contract';
import { measureLoop } from '../../tests/helpers/event-loop';
import { QUERIES } from './foundation-bench';
import type { CorpusFile } from './generate-corpus';

const READ_EVERY_MS = 20;

export interface PauseJobs {
  studyPath: string;
  /** Files not yet in the study, imported as one batch. */
  importFiles: CorpusFile[];
  importMeta: SourceMeta;
  /** A bundle not yet applied, and its passphrase. */
  bundle: Uint8Array;
  passphrase: string;
}

type Call = (name: string, input: unknown) => Promise<DispatchResult>;

export async function measurePauses(jobs: PauseJobs): Promise<Record<string, { longestPauseMs: number; longestReadWaitMs: number; jobMs: number; reads: number }>> {
  const service = await startServiceWorker({ kind: 'cli', demoStudyPath: '' }, jobs.studyPath);
  if (service.openError) throw new Error(service.openError);
  const call: Call = async (name, input) => {
    const result = await service.client.call(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result;
  };
  const stage = async (fileName: string, bytes: Uint8Array) =>
    ((await call('files.stage', { fileName, bytes })) as { value: { stagedId: string } }).value.stagedId;
  try {
    const figures: Awaited<ReturnType<typeof measurePauses>> = {};
    // The same measurement with nothing running: on a machine shared with other work the
    // operating system alone delays the timer and the answers; this is that floor.
    figures.idle = await during(call, () => new Promise((resolve) => setTimeout(resolve, 2000)));
    const stagedFiles = await Promise.all(jobs.importFiles.map((file) => stage(file.fileName, new Uint8Array(readFileSync(file.path)))));
    figures.import = await during(call, () => call('sources.import', { stagedIds: stagedFiles, meta: jobs.importMeta }));
    figures.search = await during(call, async () => {
      for (const query of QUERIES) await call('search', { query, limit: 200 });
    });
    figures.evidenceMatrix = await during(call, () => call('evidence.matrix', { filter: {} }));
    figures.reportOutline = await during(call, () => call('report.outline', { scope: { overall: true } }));
    figures.overallDraft = await during(call, () => call('report.generate', { scope: { overall: true } }));
    const stagedBundle = await stage('bundel.vwbundle', jobs.bundle);
    figures.bundleApply = await during(call, () => call('bundle.apply', { stagedId: stagedBundle, passphrase: jobs.passphrase }));
    return figures;
  } finally {
    await service.stop();
  }
}

/** Run a job through the service while timing the host thread's ticks and a read sent every READ_EVERY_MS. */
export async function during(call: Call, job: () => Promise<unknown>) {
  let running = true;
  const readWaits: number[] = [];
  const reading = (async () => {
    while (running) {
      const sent = performance.now();
      await call('session.state', {});
      readWaits.push(performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, READ_EVERY_MS));
    }
  })();
  const { figures } = await measureLoop(async () => {
    try {
      return await job();
    } finally {
      running = false;
    }
  });
  await reading;
  return {
    longestPauseMs: Number(figures.longestGapMs.toFixed(1)),
    longestReadWaitMs: Number(Math.max(0, ...readWaits).toFixed(1)),
    jobMs: Math.round(figures.durationMs),
    reads: readWaits.length,
  };
}
