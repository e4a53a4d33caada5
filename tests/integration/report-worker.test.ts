/**
 * Report drafts built in a worker thread (backend/reports/report-thread.ts):
 * the same document as in-process generation, Dutch errors for everything
 * that can go wrong in the worker without harm to the calling thread, and a
 * calling thread that keeps turning while a draft is built. Runs on the demo
 * study, through the real worker bundle (rebuilt here when stale).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoStudy } from '../../backend/demo/demo-study';
import { generateReport, type GenerateOptions } from '../../backend/reports/generate';
import { REPORT_WORKER_MESSAGES, generateReportInWorker, generateReportsInWorker } from '../../backend/reports/report-thread';
import { Study } from '../../backend/study/study';
import { docxParts, paragraphOutline } from '../helpers/docx-parts';
import { measureLoop } from '../helpers/event-loop';
import { tempDir } from '../helpers/temp-study';
import { ensureWorkerBundles, fakeWorker, rejection, withWorkerDir } from '../helpers/worker-bundles';

const dir = tempDir('veldwerk-report-worker-');
const demoPath = join(dir, 'demo.veldwerk');
const OPTIONS: GenerateOptions = { date: '2026-11-23', tocPageNumbers: false };
let study: Study;

beforeAll(async () => {
  ensureWorkerBundles();
  await ensureDemoStudy(demoPath);
  study = Study.open(demoPath);
}, 120_000);

afterAll(() => study?.close());




describe('report drafts in a worker thread', () => {
  it('are the same document as one built in-process', async () => {
    const institutionId = study.institutions()[0]!.id;
    for (const scope of [{ institutionId }, { overall: true as const }]) {
      const inProcess = await generateReport(study, scope, OPTIONS);
      const inWorker = await generateReportInWorker(study.path, scope, OPTIONS);
      expect(inWorker.fileName).toBe(inProcess.fileName);
      expect(inWorker.outline).toEqual(inProcess.outline);
      const [workerParts, processParts] = await Promise.all([docxParts(inWorker.data), docxParts(inProcess.data)]);
      expect([...workerParts.keys()].sort()).toEqual([...processParts.keys()].sort());
      expect(workerParts.get('word/styles.xml')).toBe(processParts.get('word/styles.xml'));
      expect(paragraphOutline(workerParts.get('word/document.xml')!)).toEqual(paragraphOutline(processParts.get('word/document.xml')!));
    }
  }, 120_000);

  it('build several drafts from one reading of the study, with progress for each', async () => {
    const scopes = [...study.institutions().map((institution) => ({ institutionId: institution.id })), { overall: true as const }];
    const progressed = new Set<number>();
    const finished: number[] = [];
    const reports = await generateReportsInWorker(
      { studyPath: study.path, scopes, options: OPTIONS },
      { onProgress: (index) => progressed.add(index), onReport: (index) => finished.push(index) },
    );
    expect(reports).toHaveLength(scopes.length);
    expect(finished).toEqual(scopes.map((_, index) => index));
    expect([...progressed].sort()).toEqual(finished);
    expect(reports.at(-1)!.fileName).toMatch(/^Rapport overkoepelend/);
    expect(reports.every((report) => report.data.subarray(0, 2).toString() === 'PK')).toBe(true);
  }, 120_000);

  it('see changes the app made just before, through their own read-only connection', async () => {
    study.write([{ entity: 'study', entityId: study.id, fields: { name: 'Toezichtronde Hernoemd' } }]);
    const scope = { institutionId: study.institutions()[0]!.id };
    const report = await generateReportInWorker(study.path, scope, { ...OPTIONS, chapters: ['samenvatting'] });
    expect((await docxParts(report.data)).get('word/document.xml')).toContain('Toezichtronde Hernoemd');
  }, 60_000);

  it('pass the worker\'s own Dutch messages on unchanged', async () => {
    const unknown = await rejection(generateReportInWorker(study.path, { institutionId: '00000000-0000-4000-8000-000000000000' }, OPTIONS));
    expect(unknown.message).toBe('Deze instelling bestaat niet (meer).');
    expect(unknown.code).toBe('not-found');
    const missing = await rejection(generateReportInWorker(join(dir, 'weg.veldwerk'), { overall: true }, OPTIONS));
    expect(missing.message).toContain('bestaat niet');
  }, 60_000);

  it('turn a crash, an exit, running out of memory or a stray message into a Dutch message, and the app carries on', async () => {
    const cases = [
      { name: 'gooit', body: "throw new Error('kapot');", expected: REPORT_WORKER_MESSAGES.crashed },
      { name: 'stopt', body: 'process.exit(3);', expected: REPORT_WORKER_MESSAGES.crashed },
      {
        name: 'vreet',
        body: 'const keep = []; for (;;) keep.push(new Array(100000).fill(Math.random()));',
        expected: REPORT_WORKER_MESSAGES.outOfMemory(32),
      },
      {
        name: 'raaskalt',
        body: "import { parentPort } from 'node:worker_threads'; parentPort.postMessage({ onzin: true }); setInterval(() => {}, 1000);",
        expected: REPORT_WORKER_MESSAGES.crashed,
      },
    ];
    for (const { name, body, expected } of cases) {
      const error = await withWorkerDir(fakeWorker(dir, 'report-worker.mjs', name, body), () =>
        rejection(generateReportInWorker(study.path, { overall: true }, OPTIONS, undefined, { memoryMb: 32 })),
      );
      expect(error.message, name).toBe(expected);
    }
    const noBundle = await withWorkerDir(join(dir, 'leeg'), () => rejection(generateReportInWorker(study.path, { overall: true }, OPTIONS)));
    expect(noBundle.message).toMatch(/^Het rapportconcept kan niet worden gemaakt\. De rapportmodule ontbreekt .*; bouw Veldwerk opnieuw met npm run build\.$/);

    // Still here, and the real worker still works.
    const report = await generateReportInWorker(study.path, { overall: true }, { ...OPTIONS, chapters: ['samenvatting'] });
    expect(report.data.subarray(0, 2).toString()).toBe('PK');
  }, 120_000);

  it('leave the calling thread free: a timer keeps ticking while a draft is built', async () => {
    const scope = { overall: true as const };
    const options: GenerateOptions = { ...OPTIONS, tocPageNumbers: true };
    const inProcess = await measureLoop(() => generateReport(study, scope, options));
    const inWorker = await measureLoop(() => generateReportInWorker(study.path, scope, options));
    console.info(
      `Rapportconcept: in de eigen thread ${inProcess.figures.ticks} tikken, langste pauze ${inProcess.figures.longestGapMs.toFixed(0)} ms ` +
        `(${inProcess.figures.durationMs.toFixed(0)} ms); in een werkthread ${inWorker.figures.ticks} tikken, ` +
        `langste pauze ${inWorker.figures.longestGapMs.toFixed(0)} ms (${inWorker.figures.durationMs.toFixed(0)} ms)`,
    );
    // Relative, not against a clock: the worker run holds the thread far shorter than building in it does.
    expect(inWorker.figures.longestGapMs).toBeLessThan(inProcess.figures.longestGapMs / 2);
    expect(inWorker.figures.ticks).toBeGreaterThan(inProcess.figures.ticks);
  }, 120_000);
});
