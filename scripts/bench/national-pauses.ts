/**
 * The longest pause of the answering thread and the backend's memory during
 * each national-scale job (issue 9, item 8), with the backend running as the
 * app runs it: the service entry in a process of its own (service-process.ts;
 * Electron's utilityProcess), behind a process that only relays calls and
 * answers as the main process does (relay-process.ts). For each job:
 *
 * - `longestPauseMs`: the longest gap between ticks of a 5 ms timer on the
 *   relay's thread (the app's main process, which passes on every answer
 *   and event to the window), while the job runs;
 * - `longestReadWaitMs`: the longest a read call (`session.state`, sent every
 *   20 ms while the job runs) waited for its answer. Reads do not wait for
 *   writes in the call queue, so this is how long the service's own thread
 *   was held by the job: what a view asking for data meanwhile would wait;
 * - `memory`: the peak RSS of the service process (its worker threads
 *   included) during the job, and what it held before and after
 *   (process-memory.ts): what the user's machine gives the backend;
 * - `longestHostGcMs`: the longest garbage collection of the relay's own
 *   heap during the job (part of its longest pause when they coincide).
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
import { startRelayedService } from './relayed-service';
import type { RelayPauses } from './relay-process';
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
  const service = await startRelayedService();
  const memory = new ProcessMemory(service.servicePid);
  const call: Call = async (name, input) => {
    const result = await service.call(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result;
  };
  const stage = async (fileName: string, bytes: Uint8Array) =>
    ((await call('files.stage', { fileName, bytes })) as { value: { stagedId: string } }).value.stagedId;
  try {
    const figures: Record<string, JobFigures> = {};
    const job = async (name: string, run: () => Promise<unknown>) => {
      const pauses = await memory.during(name, () => during(call, run, service.pauses));
      figures[name] = { ...pauses, memory: memory.jobs[name]! };
    };
    // The same measurement with nothing running: on a machine shared with other work the
    // operating system alone delays the timer and the answers; this is that floor.
    await job('idle', () => new Promise((resolve) => setTimeout(resolve, 2000)));
    await job('open', async () => {
      const opened = await service.switchTo(jobs.studyPath);
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

/**
 * Run a job through the service while timing the relaying thread's ticks and
 * a read sent every READ_EVERY_MS. `relay`: the relay process to measure (the
 * app's main process); without it, this process's own thread (the browser
 * host, whose HTTP thread relays to the service worker).
 */
export async function during(call: Call, job: () => Promise<unknown>, relay?: { start(): Promise<void>; stop(): Promise<RelayPauses> }) {
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
  if (!relay) collections.observe({ entryTypes: ['gc'] });
  await relay?.start();
  const { figures } = await measureLoop(async () => {
    try {
      return await job();
    } finally {
      running = false;
    }
  });
  const relayed = await relay?.stop();
  await reading;
  collections.disconnect();
  return {
    longestPauseMs: Number((relayed?.longestPauseMs ?? figures.longestGapMs).toFixed(1)),
    longestReadWaitMs: Number(Math.max(0, ...readWaits).toFixed(1)),
    longestHostGcMs: Number((relayed?.longestGcMs ?? longestGc).toFixed(1)),
    jobMs: Math.round(figures.durationMs),
    reads: readWaits.length,
  };
}
