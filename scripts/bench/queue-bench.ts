/**
 * The write queue (issue 9): how long a writing call waits for its turn, and
 * what a write costs with its action row, measured through `dispatch` as the
 * hosts call it.
 *
 * - idle: 200 codings created one after the other (nothing else running):
 *   wait for the turn and the whole call;
 * - under load: while an import of 100 text files runs (extraction in worker
 *   threads, then one transaction per file), a coding is sent every 25 ms;
 *   their waits (the import holds the queue to its end, by design) and reads
 *   sent meanwhile (which do not wait);
 * - burst: 200 codings sent at once: the wait of the last in line;
 * - answering thread: the longest pause of the thread that answers the UI
 *   while an import of 100 files is stored, with the backend in that thread
 *   (in-process dispatch) and in the service worker (as `veldwerk serve`);
 *   and, for the service, how long a read sent every 5 ms during that import
 *   waits for its answer: the longest pause of the service's own loop as the
 *   UI sees it (the import yields between files, backend/slices.ts); the
 *   same for applying a bundle of 10,000 codings (its merge is one
 *   transaction, not sliced: the figure says how long it holds the service).
 *
 * Nothing is asserted; `npm run bench` reports the figures.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import type { CallKind } from '../../backend/api/call-queue';
import { listCodes } from '../../backend/framework/framework';
import { importFiles } from '../../backend/sources/import-sources';
import { createStudy } from '../../backend/study/setup';
import { shutdownExtractionPool } from '../../backend/sources/extract';
import { seededRandom } from '../../shared/seeded-random';
import { pageLines } from './generate-corpus';
import { startServiceWorker, type ServiceClient } from '../../backend/service/service-client';
import { randomUUID } from 'node:crypto';
import { copyStudyForInspector } from '../../backend/merge/copy';
import { exportBundle } from '../../backend/merge/export';
import { Study } from '../../backend/study/study';
import { measureLoop } from '../../tests/helpers/event-loop';
import { latencySummary } from './percentiles';

const IMPORT_FILES = 100;
const PAGES_PER_FILE = 20;
const CODINGS = 200;

export async function measureQueue(): Promise<object> {
  const workDir = join(tmpdir(), `veldwerk-bench-queue-${process.pid}`);
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const random = seededRandom(9);
  const study = createStudy(join(workDir, 'wachtrij.veldwerk'), {
    name: 'Wachtrij',
    periodStart: null,
    periodEnd: null,
    institutions: ['GI Bench'],
    inspectors: [{ name: 'Eerste Codeur', initials: 'EC' }],
  });
  const institutionId = study.institutions()[0]!.id;
  const sourcePath = join(workDir, 'bron.txt');
  writeFileSync(sourcePath, Array.from({ length: 50 }, () => pageLines(random).join('\n')).join('\n\n'));
  const meta: Meta = { institutionId, sourceType: 'interview', role: null, measure: null, date: null, inspectorId: null };
  const [source] = await importFiles(study, [{ path: sourcePath, fileName: 'bron.txt' }], meta);
  if (source?.status !== 'imported') throw new Error('bron niet geïmporteerd');
  const codeIds = listCodes(study).map((code) => code.id);

  const session = new Session({ kind: 'cli', demoStudyPath: () => '' });
  session.setStudy(study);
  const waits: Record<CallKind, number[]> = { read: [], write: [], switch: [] };
  session.calls.observer = (kind, waitedMs) => waits[kind].push(waitedMs);
  const coding = () => {
    const start = Math.floor(random() * 50_000);
    return dispatch(session, 'coding.create', { sourceId: source.sourceId, codeId: codeIds[Math.floor(random() * codeIds.length)]!, start, end: start + 40 });
  };
  const timed = async (run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    return performance.now() - started;
  };
  const drain = (kind: CallKind) => waits[kind].splice(0);

  // Idle: one at a time.
  const idleCalls: number[] = [];
  for (let index = 0; index < CODINGS; index++) idleCalls.push(await timed(coding));
  const idleWaits = drain('write');
  drain('read');

  // Under load: an import holds the queue; codings and reads arrive meanwhile.
  const stagedIds = Array.from({ length: IMPORT_FILES }, (_, index) => {
    const path = join(workDir, `verslag-${index}.txt`);
    writeFileSync(path, Array.from({ length: PAGES_PER_FILE }, () => pageLines(random).join('\n')).join('\n\n'));
    return session.registerLocalFile(path);
  });
  const importMs = timed(() => dispatch(session, 'sources.import', { stagedIds, meta }));
  const sent: Array<Promise<unknown>> = [];
  const readCalls: number[] = [];
  let importing = true;
  void importMs.then(() => (importing = false));
  while (importing) {
    sent.push(coding());
    readCalls.push(await timed(() => dispatch(session, 'sources.list', {})));
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await Promise.all(sent);
  const importTook = await importMs;
  const loadWaits = drain('write').filter((_, index) => index > 0); // the first is the import's own turn
  const readWaits = drain('read');

  // Burst: everything at once.
  await Promise.all(Array.from({ length: CODINGS }, coding));
  const burstWaits = drain('write');

  session.close();
  const answeringThread = await measureAnsweringThread(workDir, random, meta);
  const bundleApply = await measureBundleApply(workDir, meta);
  await shutdownExtractionPool();
  rmSync(workDir, { recursive: true, force: true });
  return {
    answeringThreadDuringImport: answeringThread,
    serviceReadDuringBundleApply: bundleApply,
    idle: { waitForTurn: latencySummary(idleWaits), wholeCall: latencySummary(idleCalls) },
    underImport: {
      importFiles: IMPORT_FILES,
      importMs: Number(importTook.toFixed(0)),
      writeWaitForTurn: latencySummary(loadWaits),
      readWaitForTurn: latencySummary(readWaits),
      readWholeCall: latencySummary(readCalls),
    },
    burstOf200: { writeWaitForTurn: latencySummary(burstWaits) },
  };
}

type Meta = { institutionId: string; sourceType: 'interview'; role: null; measure: null; date: null; inspectorId: null };

/** The same import (fresh files, fresh study) in-process and through the service worker; the calling thread's longest pause in each. */
async function measureAnsweringThread(workDir: string, random: () => number, meta: Meta) {
  const files = (tag: string) =>
    Array.from({ length: IMPORT_FILES }, (_, index) => {
      const path = join(workDir, `${tag}-${index}.txt`);
      writeFileSync(path, Array.from({ length: PAGES_PER_FILE }, () => pageLines(random).join('\n')).join('\n\n'));
      return path;
    });
  const studyAt = (name: string) => {
    const study = createStudy(join(workDir, name), { name, periodStart: null, periodEnd: null, institutions: ['GI Bench'], inspectors: [{ name: 'Eerste Codeur', initials: 'EC' }] });
    const path = study.path;
    const institutionId = study.institutions()[0]!.id;
    study.close();
    return { path, meta: { ...meta, institutionId } };
  };

  const inProcess = studyAt('in-proces.veldwerk');
  const session = new Session({ kind: 'cli', demoStudyPath: () => '' });
  session.openPath(inProcess.path);
  const stagedIds = files('a').map((path) => session.registerLocalFile(path));
  const here = await measureLoop(() => dispatch(session, 'sources.import', { stagedIds, meta: inProcess.meta }));
  session.close();

  const viaService = studyAt('dienst.veldwerk');
  const service = await startServiceWorker({ kind: 'cli', demoStudyPath: '' }, viaService.path);
  const staged = await Promise.all(
    files('b').map((path) => service.client.call('files.stage', { fileName: 'verslag.txt', bytes: new Uint8Array(readFileSync(path)) })),
  );
  const serviceStaged = staged.map((result) => (result as { value: { stagedId: string } }).value.stagedId);
  const reads: number[] = [];
  const there = await measureLoop(() => probeReads(service.client, () => service.client.call('sources.import', { stagedIds: serviceStaged, meta: viaService.meta }), reads));
  await service.stop();
  const figures = (measured: typeof here) => ({
    longestPauseMs: Number(measured.figures.longestGapMs.toFixed(1)),
    importMs: Number(measured.figures.durationMs.toFixed(0)),
    busyShare: Number(measured.figures.utilization.toFixed(2)),
  });
  return {
    files: IMPORT_FILES,
    inProcess: figures(here),
    serviceWorker: figures(there),
    serviceReadDuringImport: latencySummary(reads),
  };
}

/** Run `work` in the service while a read is sent every 5 ms; reads do not queue behind writes, so each wait is the service loop's pause. */
async function probeReads<T>(client: ServiceClient, work: () => Promise<T>, reads: number[]): Promise<T> {
  const working = work();
  let running = true;
  void working.finally(() => (running = false));
  while (running) {
    const sent = performance.now();
    await client.call('session.state', {});
    reads.push(performance.now() - sent);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return working;
}

const BUNDLE_CODINGS = 10_000;

/** A copy's bundle of 10,000 codings applied through the service worker, with reads sent meanwhile. */
async function measureBundleApply(workDir: string, meta: Meta) {
  const lead = createStudy(join(workDir, 'bundel-lead.veldwerk'), { name: 'Bundel', periodStart: null, periodEnd: null, institutions: ['GI Bench'], inspectors: [{ name: 'Eerste Codeur', initials: 'EC' }, { name: 'Tweede Codeur', initials: 'TC' }] });
  const textPath = join(workDir, 'bundel-bron.txt');
  writeFileSync(textPath, Array.from({ length: 200 }, (_, index) => `${index + 1}. De jeugdzorgwerker besprak het plan van aanpak met de ouders en de jeugdige.`).join('\n'));
  const [source] = await importFiles(lead, [{ path: textPath, fileName: 'bundel-bron.txt' }], { ...meta, institutionId: lead.institutions()[0]!.id });
  if (source?.status !== 'imported') throw new Error('bron niet geïmporteerd');
  const codeIds = listCodes(lead).map((code) => code.id);
  const copy = Study.open(copyStudyForInspector(lead, join(workDir, 'bundel-kopie.veldwerk'), 'TC').path);
  const coderId = copy.currentInspectorId;
  copy.write(
    Array.from({ length: BUNDLE_CODINGS }, (_, n) => ({
      entity: 'coding' as const,
      entityId: randomUUID(),
      fields: { sourceId: source.sourceId, codeId: codeIds[n % codeIds.length]!, start: (n * 37) % 5000, end: ((n * 37) % 5000) + 40, valence: 'neutraal', note: '', quotable: 0, coderId, createdAt: new Date().toISOString() },
    })),
  );
  const made = await exportBundle(copy, { passphrase: 'bench-team-wachtwoord', scryptWorkFactor: 12 });
  made.commit();
  copy.close();
  const leadPath = lead.path;
  lead.close();

  const service = await startServiceWorker({ kind: 'cli', demoStudyPath: '' }, leadPath);
  const staged = (await service.client.call('files.stage', { fileName: 'bundel.vwbundle', bytes: made.bytes })) as { value: { stagedId: string } };
  const reads: number[] = [];
  const started = performance.now();
  const applied = await probeReads(service.client, () => service.client.call('bundle.apply', { stagedId: staged.value.stagedId, passphrase: 'bench-team-wachtwoord' }), reads);
  const applyMs = performance.now() - started;
  await service.stop();
  if (!applied.ok) throw new Error(`bundel niet toegepast: ${applied.error.message}`);
  return { changes: made.changes, applyMs: Number(applyMs.toFixed(0)), read: latencySummary(reads) };
}
