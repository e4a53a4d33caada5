/**
 * The longest pause of the answering thread and the backend's memory during
 * each national-scale job (issue 9, item 8), with the backend running as the
 * app runs it: the service entry in a process of its own (service-process.ts;
 * Electron's utilityProcess), the calling thread only relaying calls and
 * answers as the main process does (backend/service/). For each job:
 *
 * - `longestPauseMs`: the longest gap between ticks of a 5 ms timer on the
 *   thread that answers the UI (the host's thread, here the bench's), while
 *   the job runs;
 * - `longestReadWaitMs`: the longest a read call (`session.state`, sent every
 *   20 ms while the job runs) waited for its answer. Reads do not wait for
 *   writes in the call queue, so this is how long the service's own thread
 *   was held by the job: what a view asking for data meanwhile would wait;
 * - `memory`: the peak RSS of the service process (its worker threads
 *   included) during the job, and what it held before and after
 *   (process-memory.ts): what the user's machine gives the backend;
 * - `longestHostGcMs`: the longest garbage collection of the relaying
 *   thread's own heap during the job (the bench's process holds the whole
 *   national corpus and its bundles, far more than a host does, so a long
 *   pause that is this collection says more about the bench than about the app).
 *
 * `idle` is the same measurement for 2 s with no job: the floor a busy
 * machine sets (its scheduler delays a thread that does nothing else).
 * The jobs: opening the study up to the data of the first view (session
 * state, sources list, framework), importing one batch of 50 new files, the 20 search queries, the
 * evidence matrix, the overarching report outline and draft, and applying
 * one bundle (backup, decryption and signature checks included).
 */
import { readFileSync } from 'node:fs';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { startServiceProcess } from './service-process';
import { ProcessMemory, type JobMemory } from './process-memory';
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

type JobFigures = { longestPauseMs: number; longestReadWaitMs: number; longestHostGcMs: number; jobMs: number; reads: number; memory: JobMemory };

export async function measurePauses(jobs: PauseJobs): Promise<{ jobs: Record<string, JobFigures>; servicePeakRssMB: number }> {
  const service = await startServiceProcess({ kind: 'cli', demoStudyPath: '' });
  const memory = new ProcessMemory(service.pid);
  const call: Call = async (name, input) => {
    const result = await service.client.call(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result;
  };
  const stage = async (fileName: string, bytes: Uint8Array) =>
    ((await call('files.stage', { fileName, bytes })) as { value: { stagedId: string } }).value.stagedId;
  try {
    const figures: Record<string, JobFigures> = {};
    const job = async (name: string, run: () => Promise<unknown>) => {
      const pauses = await memory.during(name, () => during(call, run));
      figures[name] = { ...pauses, memory: memory.jobs[name]! };
    };
    // The same measurement with nothing running: on a machine shared with other work the
    // operating system alone delays the timer and the answers; this is that floor.
    await job('idle', () => new Promise((resolve) => setTimeout(resolve, 2000)));
    await job('open', async () => {
      const opened = await service.client.switchTo(jobs.studyPath);
      if (!opened.ok) throw new Error(`openen: ${opened.error.message}`);
      for (const name of ['session.state', 'sources.list', 'framework.list']) await call(name, {});
    });
    const stagedFiles = await Promise.all(jobs.importFiles.map((file) => stage(file.fileName, new Uint8Array(readFileSync(file.path)))));
    await job('import', () => call('sources.import', { stagedIds: stagedFiles, meta: jobs.importMeta }));
    await job('search', async () => {
      for (const query of QUERIES) await call('search', { query, limit: 200 });
    });
    await job('evidenceMatrix', () => call('evidence.matrix', { filter: {} }));
    await job('reportOutline', () => call('report.outline', { scope: { overall: true } }));
    await job('overallDraft', () => call('report.generate', { scope: { overall: true } }));
    const stagedBundle = await stage('bundel.vwbundle', jobs.bundle);
    await job('bundleApply', () => call('bundle.apply', { stagedId: stagedBundle, passphrase: jobs.passphrase }));
    return { jobs: figures, servicePeakRssMB: memory.peakRssMB };
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
  let longestGc = 0;
  const collections = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestGc = Math.max(longestGc, entry.duration);
  });
  collections.observe({ entryTypes: ['gc'] });
  const { figures } = await measureLoop(async () => {
    try {
      return await job();
    } finally {
      running = false;
    }
  });
  await reading;
  collections.disconnect();
  return {
    longestPauseMs: Number(figures.longestGapMs.toFixed(1)),
    longestReadWaitMs: Number(Math.max(0, ...readWaits).toFixed(1)),
    longestHostGcMs: Number(longestGc.toFixed(1)),
    jobMs: Math.round(figures.durationMs),
    reads: readWaits.length,
  };
}
