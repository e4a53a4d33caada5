/**
 * Coding latency in the real UI: a 300-page PDF source holding 2,000 codings
 * by two coders, served by the browser host in this process and driven in
 * headless Chromium.
 *
 * - open: from the click on the source row until the text and its first
 *   highlights are in the DOM (and until the next frame after that);
 * - coding: 30 times a fresh span of visible text is selected (Selection API),
 *   the palette shows, a number key and Enter are pressed; measured in the page from the
 *   keydown to the new highlight in the DOM ("shown", optimistic), and to the
 *   highlight carrying the stored coding's id ("stored": the backend has
 *   committed it and the UI has reconciled).
 *
 * Nothing is asserted; `npm run bench` reports the figures.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { Session } from '../../backend/api/session';
import { rendererDir } from '../../backend/app-paths';
import { createCodings, type NewCoding } from '../../backend/coding/codings';
import { listCodes } from '../../backend/framework/framework';
import { startBrowserHost } from '../../backend/host/http-server';
import { importFiles } from '../../backend/sources/import-sources';
import { createStudy } from '../../backend/study/setup';
import { makePdf } from '../../tests/fixtures/make-files';
import { launchChromium } from '../../tests/e2e/browser';
import { seededRandom } from '../../shared/seeded-random';
import { pageLines } from './generate-corpus';
import { latencySummary } from './percentiles';

const PAGES = 300;
const LINES_PER_PAGE = 34; // as generate-corpus.ts pageLines() makes them
const CODINGS = 2000;
const SAMPLES = 30;

/** Build the study: one 300-page PDF, 2,000 codings spread over it by two coders. */
async function buildStudy(workDir: string) {
  const random = seededRandom(7);
  const pdfPath = join(workDir, 'dossier-300.pdf');
  writeFileSync(pdfPath, await makePdf(Array.from({ length: PAGES }, () => pageLines(random))));
  const study = createStudy(join(workDir, 'latency.veldwerk'), {
    name: 'Latentie',
    periodStart: null,
    periodEnd: null,
    institutions: ['GI Bench'],
    inspectors: [
      { name: 'Eerste Codeur', initials: 'EC' },
      { name: 'Tweede Codeur', initials: 'TC' },
    ],
  });
  const institutionId = study.institutions()[0]!.id;
  const [outcome] = await importFiles(study, [{ path: pdfPath, fileName: 'dossier-300.pdf' }], {
    institutionId,
    sourceType: 'clientdossier',
    role: null,
    measure: 'ots',
    date: null,
    inspectorId: null,
  });
  if (outcome?.status !== 'imported') throw new Error(`import mislukt: ${JSON.stringify(outcome)}`);
  const sourceId = outcome.sourceId;
  const textLength = (study.db.prepare('SELECT length(c.text) AS n FROM source s JOIN content c ON c.id = s.content_id WHERE s.id = ?').get(sourceId) as { n: number }).n;
  const codes = listCodes(study);
  const [first, second] = study.inspectors();
  for (const [coder, count] of [[second!, CODINGS / 2], [first!, CODINGS / 2]] as const) {
    study.setCurrentInspector(coder.id);
    const codings: NewCoding[] = Array.from({ length: count }, () => {
      const start = Math.floor(random() * (textLength - 500));
      const length = 15 + Math.floor(random() * 400);
      return {
        sourceId,
        codeId: codes[Math.floor(random() * codes.length)]!.id,
        start,
        end: Math.min(textLength, start + length),
        valence: (['positief', 'negatief', 'neutraal'] as const)[Math.floor(random() * 3)]!,
        note: '',
        quotable: random() < 0.1,
      };
    });
    createCodings(study, codings, 'Benchmark');
  }
  // The first coder is at the keyboard.
  study.setCurrentInspector(first!.id);
  return { study, sourceId, textLength };
}

/** Click the source row; time until the document text and its highlights are in the DOM, and until the next frame. */
async function timeOpen(page: Page): Promise<{ domMs: number; frameMs: number }> {
  return page.evaluate(
    () =>
      new Promise<{ domMs: number; frameMs: number }>((resolve) => {
        const ready = () => document.querySelector('.doc-text [data-testid="coding-highlight"]') && document.querySelector('[data-testid="document-title"]');
        const row = document.querySelector<HTMLElement>('[data-testid="source-row"]')!;
        const started = performance.now();
        const observer = new MutationObserver(() => {
          if (!ready()) return;
          observer.disconnect();
          const domMs = performance.now() - started;
          requestAnimationFrame(() => setTimeout(() => resolve({ domMs, frameMs: performance.now() - started }), 0));
        });
        observer.observe(document.body, { childList: true, subtree: true });
        row.click();
      }),
  );
}

/** Scroll to the place of this round: spread over the whole document. */
async function scrollToRound(page: Page, round: number): Promise<void> {
  await page.evaluate((index) => {
    const scroller = document.querySelector<HTMLElement>('.doc-scroller')!;
    scroller.scrollTop = (scroller.scrollHeight - scroller.clientHeight) * (index / 30);
  }, round);
}

/**
 * Select a fresh, visible, uncoded stretch of text (Selection API) and arm the
 * probes: a keydown listener stamps the start; a MutationObserver stamps when
 * a highlight appears in that line and when it carries a stored id.
 */
async function selectFreshSpan(page: Page, round: number): Promise<boolean> {
  return page.evaluate((skip) => {
    const scroller = document.querySelector<HTMLElement>('.doc-scroller')!;
    // An uncoded line in view, away from the edges.
    const view = scroller.getBoundingClientRect();
    const lines = Array.from(document.querySelectorAll<HTMLElement>('.doc-text p.doc-line:not(.coded)'));
    const line = lines.find((candidate) => {
      if (candidate.childNodes.length !== 1 || (candidate.textContent ?? '').length < 50) return false;
      const box = candidate.getBoundingClientRect();
      return box.top > view.top + 80 && box.bottom < view.bottom - 300;
    });
    void skip;
    if (!line) {
      scroller.scrollTop += 200;
      return false;
    }
    const node = line.firstChild!;
    const range = document.createRange();
    range.setStart(node, 5);
    range.setEnd(node, 40);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);

    const probe = { keydown: 0, shown: 0, stored: 0 };
    (window as unknown as { __probe: typeof probe }).__probe = probe;
    window.addEventListener('keydown', () => (probe.keydown = performance.now()), { capture: true, once: true });
    const observer = new MutationObserver(() => {
      const pieces = line.querySelectorAll<HTMLElement>('[data-testid="coding-highlight"]');
      if (pieces.length === 0) return;
      if (!probe.shown) probe.shown = performance.now();
      if (Array.from(pieces).some((piece) => !piece.dataset.pending)) {
        probe.stored = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(line, { childList: true, subtree: true, attributes: true });
    return true;
  }, round);
}

export async function measureCodingLatency(): Promise<object> {
  const workDir = join(tmpdir(), `veldwerk-coding-latency-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
  const setupStart = performance.now();
  const { study, textLength } = await buildStudy(workDir);
  const setupSeconds = (performance.now() - setupStart) / 1000;
  const session = new Session({ kind: 'browser', demoStudyPath: () => join(workDir, 'demo.veldwerk'), fixedStudyPath: study.path });
  session.setStudy(study);
  const host = await startBrowserHost(session, { rendererDir: rendererDir() });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (error) => console.error('paginafout:', error));
    await page.goto(host.url);
    await page.getByTestId('source-row').first().waitFor();
    const open = await timeOpen(page);
    // Chunks far from view are built as the reader nears them: what the open built.
    const atOpen = await page.evaluate(() => ({
      chunks: document.querySelectorAll('.doc-text .doc-chunk').length,
      chunksBuilt: document.querySelectorAll('.doc-text .doc-chunk:not(.pending)').length,
      linesBuilt: document.querySelectorAll('.doc-text [data-start]').length,
      highlightElements: document.querySelectorAll('.doc-text [data-testid="coding-highlight"]').length,
    }));

    const shown: number[] = [];
    const stored: number[] = [];
    const untilRequest: number[] = [];
    const afterResponse: number[] = [];
    for (let round = 0; round < SAMPLES; round++) {
      // As a reader would: scroll to the place, let it settle, then select.
      await scrollToRound(page, round);
      await page.waitForTimeout(150);
      let selected = await selectFreshSpan(page, round);
      for (let retry = 0; !selected && retry < 5; retry++) {
        await page.waitForTimeout(150);
        selected = await selectFreshSpan(page, round);
      }
      if (!selected) continue;
      await page.getByTestId('code-palette').waitFor();
      // A digit, then Enter: a norm with sub-codes waits for a second digit (DIGIT_SEQUENCE_MS) unless Enter follows.
      await page.keyboard.press(String(1 + (round % 8)));
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => (window as unknown as { __probe: { stored: number } }).__probe.stored > 0, null, { timeout: 10_000 });
      const probe = await page.evaluate(() => {
        const found = (window as unknown as { __probe: { keydown: number; shown: number; stored: number } }).__probe;
        const creates = performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/coding.create')) as PerformanceResourceTiming[];
        const last = creates[creates.length - 1]!;
        return { ...found, requestStart: last.startTime, responseEnd: last.responseEnd };
      });
      shown.push(probe.shown - probe.keydown);
      stored.push(probe.stored - probe.keydown);
      untilRequest.push(probe.requestStart - probe.keydown);
      afterResponse.push(probe.stored - probe.responseEnd);
      await page.getByTestId('code-palette').waitFor({ state: 'detached' });
    }
    // Where the time goes: the requests as the browser saw them (server time + loopback).
    const requests = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => /\/api\/call\/(coding\.create|source\.get|codings\.forSource)$/.test(entry.name))
        .map((entry) => ({ name: entry.name.split('/').pop()!, ms: entry.duration })),
    );
    const requestTimes = (name: string) => requests.filter((entry) => entry.name === name).map((entry) => entry.ms);
    return {
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      document: { pages: PAGES, lines: PAGES * LINES_PER_PAGE, characters: textLength, codings: CODINGS, coders: 2 },
      atOpen,
      setupSeconds: Number(setupSeconds.toFixed(1)),
      openMs: { dom: Number(open.domMs.toFixed(1)), nextFrame: Number(open.frameMs.toFixed(1)) },
      codeSelection: { shown: latencySummary(shown), stored: latencySummary(stored) },
      requests: {
        sourceGetMs: requestTimes('source.get').map((ms) => Number(ms.toFixed(1))),
        codingsForSourceMs: requestTimes('codings.forSource').map((ms) => Number(ms.toFixed(1))),
        codingCreate: latencySummary(requestTimes('coding.create')),
        keydownToRequestStart: latencySummary(untilRequest),
        responseToStoredHighlight: latencySummary(afterResponse),
      },
    };
  } finally {
    await browser.close();
    await host.close();
    session.setStudy(null);
    rmSync(workDir, { recursive: true, force: true });
  }
}

// Run on its own: `node dist/bench/coding-latency.mjs` or through tsx/vitest tooling.
if (process.argv[1] && /coding-latency\.(ts|mjs|js)$/.test(process.argv[1])) {
  const figures = await measureCodingLatency();
  const text = JSON.stringify(figures, null, 2);
  console.log(text);
  mkdirSync('bench-out', { recursive: true });
  writeFileSync(join('bench-out', 'coding-latency.json'), text);
}
