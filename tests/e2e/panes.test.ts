/**
 * The coding view's resizable panes in a real browser, on the demo study:
 * drag the source list's handle and the width holds after a reload; move the
 * side panel's handle with the keyboard and reset it with a double click; the
 * document re-wraps to the new width, keeps the passage being read at the top
 * of the view, and an open coding popover moves along with its coding.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SourceDocument, SourceSummary } from '../../shared/api/types';
import { PANE_LIMITS } from '../../renderer/app/pane-widths';
import { startServe, veldwerk } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';
import { expectValue, launchChromium, waitFor } from './browser';
import { callHost } from './host-api';

const dir = tempDir('veldwerk-e2e-panes-');
const studyPath = join(dir, 'demo.veldwerk');
let server: ReturnType<typeof startServe>;
let browser: Browser;
let page: Page;
/** The source with the longest paragraph that has enough text after it to scroll it to the top, and where it starts. */
let source: SourceSummary;
let paragraphStart: number;
const errors: string[] = [];

/** The drawn width of an element, in whole pixels. */
async function widthOf(selector: string): Promise<number> {
  return Math.round(await page.locator(selector).evaluate((element) => element.getBoundingClientRect().width));
}

async function waitForWidth(selector: string, expected: number): Promise<void> {
  let seen = -1;
  try {
    await waitFor(async () => Math.abs((seen = await widthOf(selector)) - expected) <= 1, `${selector} ${expected} px breed`);
  } catch {
    throw new Error(`verwacht ${selector} ${expected} px breed, gezien ${seen}`);
  }
}

async function waitForValue(testId: string, expected: number): Promise<void> {
  await waitFor(async () => (await page.getByTestId(testId).getAttribute('aria-valuenow')) === String(expected), `${testId} op ${expected}`);
}

/** Drag a handle sideways by `dx` pixels in small steps, as a hand would. */
async function dragHandle(testId: string, dx: number): Promise<void> {
  const box = (await page.getByTestId(testId).boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let step = 1; step <= 8; step++) await page.mouse.move(x + (dx * step) / 8, y);
  await page.mouse.up();
}

/** The line at the top of the document's view, and how far into it (fraction of its height) the view starts. */
function lineAtTop(): Promise<{ start: string; fraction: number } | null> {
  return page.evaluate(() => {
    const top = document.querySelector('.doc-scroller')!.getBoundingClientRect().top;
    const line = Array.from(document.querySelectorAll<HTMLElement>('.doc-text [data-start]')).find((element) => element.getBoundingClientRect().bottom > top + 1);
    if (!line) return null;
    const box = line.getBoundingClientRect();
    return { start: line.dataset.start!, fraction: (top - box.top) / box.height };
  });
}

beforeAll(async () => {
  const init = veldwerk(['init', studyPath, '--demo'], { VELDWERK_HOME: dir });
  expect(init.code, init.stderr).toBe(0);
  server = startServe([studyPath], { VELDWERK_HOME: dir });
  const url = await server.url;
  let longestParagraph = -1;
  for (const candidate of await callHost<SourceSummary[]>(url, 'sources.list', {})) {
    const { text } = await callHost<SourceDocument>(url, 'source.get', { id: candidate.id });
    let start = 0;
    for (const line of text.split('\n')) {
      const roomBelow = text.length - start - line.length > 2500;
      if (roomBelow && line.length > longestParagraph) [longestParagraph, source, paragraphStart] = [line.length, candidate, start];
      start += line.length + 1;
    }
  }
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(url);
  await page.getByTestId('source-list').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('resizable panes', () => {
  it('widens the source list by dragging its handle, and keeps the width after a reload', async () => {
    const handle = page.getByTestId('pane-handle-sources');
    await expectValue(() => handle.getAttribute('role'), 'separator');
    await waitForWidth('#source-pane', PANE_LIMITS.sources.initial);
    await expectValue(() => handle.getAttribute('aria-valuenow'), String(PANE_LIMITS.sources.initial));

    await dragHandle('pane-handle-sources', 120);
    await waitForWidth('#source-pane', PANE_LIMITS.sources.initial + 120);
    await waitForValue('pane-handle-sources', PANE_LIMITS.sources.initial + 120);

    await page.reload();
    await page.getByTestId('source-list').waitFor();
    await waitForWidth('#source-pane', PANE_LIMITS.sources.initial + 120);
    await waitForValue('pane-handle-sources', PANE_LIMITS.sources.initial + 120);
  });

  it('moves the side panel’s handle with the keyboard and resets it with a double click', async () => {
    const handle = page.getByTestId('pane-handle-side');
    const initial = PANE_LIMITS.side.initial;
    await waitForWidth('#side-pane', initial);
    await handle.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await waitForValue('pane-handle-side', initial + 20);
    await waitForWidth('#side-pane', initial + 20);
    await page.keyboard.press('Shift+ArrowRight');
    await waitForValue('pane-handle-side', initial - 30);
    await page.keyboard.press('Home');
    await waitForValue('pane-handle-side', PANE_LIMITS.side.min);
    await page.keyboard.press('End');
    const largest = Number(await handle.getAttribute('aria-valuemax'));
    expect(largest).toBeGreaterThan(initial);
    await waitForValue('pane-handle-side', largest);
    await waitForWidth('#side-pane', largest);

    await handle.dblclick();
    await waitForValue('pane-handle-side', initial);
    await waitForWidth('#side-pane', initial);
  });

  it('re-wraps the document to the new width and keeps the passage being read at the top', async () => {
    await page.getByTestId('pane-handle-sources').dblclick();
    await waitForValue('pane-handle-sources', PANE_LIMITS.sources.initial);
    await page.getByTestId('source-row').filter({ hasText: source.title }).first().click();
    await expectValue(() => page.getByTestId('document-title').innerText(), source.title);
    // Halfway into the long paragraph: the browser's own scroll anchoring would keep its first row in place instead.
    await page.evaluate((start) => {
      const scroller = document.querySelector<HTMLElement>('.doc-scroller')!;
      const line = document.querySelector<HTMLElement>(`.doc-text [data-start="${start}"]`)!;
      const box = line.getBoundingClientRect();
      scroller.scrollTop += box.top + box.height / 2 - scroller.getBoundingClientRect().top;
    }, paragraphStart);
    // The view remembers what is at its top once a scroll has been drawn.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const before = (await lineAtTop())!;
    expect(before.start).toBe(String(paragraphStart));
    expect(before.fraction).toBeGreaterThan(0.3);
    const textWidth = await widthOf('.doc-text');

    await dragHandle('pane-handle-side', -200);
    await waitForValue('pane-handle-side', PANE_LIMITS.side.initial + 200);
    await waitFor(async () => (await widthOf('.doc-text')) < textWidth, 'de tekstkolom wordt smaller');
    const after = (await lineAtTop())!;
    expect(after.start).toBe(before.start);
    // The same share of the paragraph lies above the view: the same passage, though the paragraph has more rows now.
    expect(Math.abs(after.fraction - before.fraction)).toBeLessThan(0.02);

    await page.getByTestId('pane-handle-side').dblclick();
    await waitForValue('pane-handle-side', PANE_LIMITS.side.initial);
    const back = (await lineAtTop())!;
    expect(back.start).toBe(before.start);
  });

  it('moves an open coding popover along with its coding when the text re-wraps', async () => {
    const piece = page.locator('.doc-text .coding-hl').first();
    await piece.scrollIntoViewIfNeeded();
    await piece.click();
    const popover = page.getByTestId('coding-popover');
    await popover.waitFor();
    const codingId = (await popover.getAttribute('data-coding-id'))!;
    /** Pixels from the bottom of the coding's first row to the top of the popover. */
    const gap = () =>
      page.evaluate((id) => {
        const row = document.querySelector(`.doc-text .coding-hl[data-coding-id="${id}"]`)!.getClientRects()[0]!;
        return Math.round(document.querySelector('[data-testid="coding-popover"]')!.getBoundingClientRect().top - row.bottom);
      }, codingId);

    await dragHandle('pane-handle-side', -150);
    await waitForValue('pane-handle-side', PANE_LIMITS.side.initial + 150);
    await waitFor(async () => Math.abs((await gap()) - 6) <= 1, 'de popover staat weer onder zijn codering');
    await page.keyboard.press('Escape');
    await popover.waitFor({ state: 'detached' });
    await page.getByTestId('pane-handle-side').dblclick();
    expect(errors).toEqual([]);
  });
});
