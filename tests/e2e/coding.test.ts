/**
 * The coding workbench as an inspector uses it, in a real browser through the
 * browser host, on the demo study: select a sentence with the mouse, press a
 * number to code it, see it counted in the evidence view, undo and redo it
 * with the keyboard, find it again after a reload, change its valence in the
 * popover and delete it; code a selection across two lines through the
 * palette's filter; auto-code search hits.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Coding, EvidenceMatrix, SourceDocument, SourceSummary } from '../../shared/api/types';
import type { CallName } from '../../shared/api/contract';
import { startServe, veldwerk } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';
import { expectContains, expectCount, expectValue, launchChromium, waitFor } from './browser';
import { callHost } from './host-api';

const dir = tempDir('veldwerk-e2e-coding-');
const studyPath = join(dir, 'demo.veldwerk');
let server: ReturnType<typeof startServe>;
let browser: Browser;
let page: Page;
let url: string;
let source: SourceSummary;
let sourceText: string;

/** The backend, through this run's browser host. */
function api<T>(name: CallName, input: object = {}): Promise<T> {
  return callHost<T>(url, name, input);
}

interface TargetSentence {
  lineStart: number;
  /** Offsets of the sentence in the source text. */
  start: number;
  end: number;
  text: string;
  /** Window coordinates just inside the first and the last character. */
  from: { x: number; y: number };
  to: { x: number; y: number };
}

/**
 * An uncoded line of the open source with a sentence in it: its offsets and
 * where its first and last characters are on screen (so the mouse can select it).
 * `skip` lines are passed over; `nextLine` also reports the following line.
 */
async function findSentence(skip = 0): Promise<TargetSentence> {
  return page.evaluate((skipLines) => {
    const lines = Array.from(document.querySelectorAll<HTMLElement>('.doc-text p.doc-line:not(.coded)'));
    let skipped = 0;
    for (const line of lines) {
      const text = line.textContent ?? '';
      const match = /(?:^|\. )([A-Z][^.]{25,110}\.)/.exec(text);
      if (!match || line.childNodes.length !== 1) continue;
      if (skipped++ < skipLines) continue;
      line.scrollIntoView({ block: 'center' });
      const node = line.firstChild!;
      const from = match.index + match[0].length - match[1]!.length;
      const to = from + match[1]!.length;
      const charRect = (offset: number) => {
        const range = document.createRange();
        range.setStart(node, offset);
        range.setEnd(node, offset + 1);
        return range.getClientRects()[0]!;
      };
      const first = charRect(from);
      const last = charRect(to - 1);
      const lineStart = Number(line.dataset.start);
      return {
        lineStart,
        start: lineStart + from,
        end: lineStart + to,
        text: match[1]!,
        from: { x: first.left + 1, y: first.top + first.height / 2 },
        to: { x: last.right - 1, y: last.top + last.height / 2 },
      };
    }
    throw new Error('geen ongecodeerde zin gevonden');
  }, skip);
}

async function dragSelect(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

/** The stored (not pending) coding highlighted exactly over [start, end), read from the DOM. */
async function highlightOver(start: number, end: number): Promise<{ id: string; text: string } | null> {
  const codings = await api<Coding[]>('codings.forSource', { sourceId: source.id });
  const coding = codings.find((candidate) => candidate.start === start && candidate.end === end);
  if (!coding) return null;
  const pieces = page.locator(`.doc-text [data-testid="coding-highlight"][data-coding-id="${coding.id}"]`);
  if ((await pieces.count()) === 0) return null;
  const text = await page.evaluate((id) => {
    // Nested pieces repeat their text: count each text node once, in order.
    const seen = new Set<Node>();
    const parts: string[] = [];
    let previousLine: Element | null = null;
    for (const piece of Array.from(document.querySelectorAll(`.doc-text .coding-hl[data-coding-id="${id}"]`))) {
      const line = piece.closest('[data-start]');
      const walker = document.createTreeWalker(piece, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (seen.has(node)) continue;
        seen.add(node);
        if (previousLine && line !== previousLine) parts.push('\n');
        previousLine = line;
        parts.push(node.nodeValue ?? '');
      }
    }
    return parts.join('');
  }, coding.id);
  return { id: coding.id, text };
}

async function openSource(): Promise<void> {
  await page.getByTestId('source-row').filter({ hasText: source.title }).first().click();
  await expectValue(() => page.getByTestId('document-title').innerText(), source.title);
}

beforeAll(async () => {
  const init = veldwerk(['init', studyPath, '--demo'], { VELDWERK_HOME: dir });
  expect(init.code, init.stderr).toBe(0);
  server = startServe([studyPath], { VELDWERK_HOME: dir });
  url = await server.url;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (error) => console.error('paginafout:', error));
  const sources = await api<SourceSummary[]>('sources.list', {});
  source = sources.find((candidate) => candidate.sourceType === 'clientdossier' && candidate.format === 'txt') ?? sources[0]!;
  sourceText = (await api<SourceDocument>('source.get', { id: source.id })).text;
  await page.goto(url);
  await page.getByTestId('source-list').waitFor();
  await openSource();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('coding end to end', () => {
  let sentence: TargetSentence;
  let codingId: string;

  it('codes a sentence selected with the mouse by pressing a number', async () => {
    sentence = await findSentence();
    expect(sourceText.slice(sentence.start, sentence.end)).toBe(sentence.text);
    await dragSelect(sentence.from, sentence.to);

    const palette = page.getByTestId('code-palette');
    await palette.waitFor();
    const firstItem = palette.getByTestId('palette-item').first();
    await expectValue(() => firstItem.getAttribute('data-code-key'), 'contact');
    await expectContains(() => firstItem.innerText(), '1');

    await page.keyboard.press('1');
    await palette.waitFor({ state: 'detached' });
    const highlight = await waitFor(() => highlightOver(sentence.start, sentence.end), 'de nieuwe markering');
    expect(highlight.text).toBe(sentence.text);
    codingId = highlight.id;

    const stored = (await api<Coding[]>('codings.forSource', { sourceId: source.id })).find((coding) => coding.id === codingId)!;
    expect(stored.valence).toBe('neutraal');
    expect(sourceText.slice(stored.start, stored.end)).toBe(sentence.text);
    const stripes = page.locator(`[data-testid="margin-stripe"][data-coding-id="${codingId}"]`);
    await expectCount(stripes, 1);
    await expectValue(() => page.getByTestId('undo-button').getAttribute('title'), 'Ongedaan maken: Coderen');
  });

  it('counts the new coding in the evidence view', async () => {
    const cell = page.locator(`[data-testid="evidence-cell"][data-code-key="contact"][data-institution-id="${source.institutionId}"]`);
    const matrix = await api<EvidenceMatrix>('evidence.matrix', {});
    const codeId = (await api<Coding[]>('codings.forSource', { sourceId: source.id })).find((coding) => coding.id === codingId)!.codeId;
    const expected = matrix.cells.find((entry) => entry.codeId === codeId && entry.institutionId === source.institutionId)?.total ?? 0;
    expect(expected).toBeGreaterThan(0);
    await page.getByTestId('view-evidence').click();
    await cell.waitFor();
    await waitFor(async () => Number(await cell.getAttribute('data-total')) === expected, `evidence-cel met ${expected}`);
    await page.getByTestId('view-coding').click();
    await page.getByTestId('document-view').waitFor();
  });

  it('undoes with Ctrl+Z and redoes with Ctrl+Shift+Z', async () => {
    await page.getByTestId('document-title').click();
    await page.keyboard.press('Control+z');
    await waitFor(
      async () => (await page.locator(`[data-coding-id="${codingId}"]`).count()) === 0,
      'de markering verdwijnt na ongedaan maken',
    );
    expect((await api<Coding[]>('codings.forSource', { sourceId: source.id })).some((coding) => coding.id === codingId)).toBe(false);

    await page.keyboard.press('Control+Shift+z');
    const back = await waitFor(() => highlightOver(sentence.start, sentence.end), 'de markering is terug na opnieuw');
    expect(back.text).toBe(sentence.text);
    codingId = back.id;
  });

  it('finds the coding again after a reload', async () => {
    await page.reload();
    await page.getByTestId('source-list').waitFor();
    await openSource();
    const again = await waitFor(() => highlightOver(sentence.start, sentence.end), 'de markering na herladen');
    expect(again.text).toBe(sentence.text);
  });

  it('changes the valence in the popover and deletes the coding', async () => {
    const piece = page.locator(`.doc-text .coding-hl[data-coding-id="${codingId}"]`).first();
    await piece.scrollIntoViewIfNeeded();
    await piece.click();
    const popover = page.getByTestId('coding-popover');
    await popover.waitFor();
    await popover.getByTestId('coding-valence').selectOption('positief');
    await waitFor(
      async () =>
        (await api<Coding[]>('codings.forSource', { sourceId: source.id })).find((coding) => coding.id === codingId)?.valence === 'positief',
      'de waardering is opgeslagen',
    );
    await expectContains(() => piece.getAttribute('title'), 'Positief');

    await popover.getByTestId('coding-note').fill('Contact binnen vijf dagen, volgens het journaal.');
    await popover.getByTestId('coding-quotable').check();
    await waitFor(async () => {
      const coding = (await api<Coding[]>('codings.forSource', { sourceId: source.id })).find((candidate) => candidate.id === codingId);
      return coding?.quotable === true && coding.note === 'Contact binnen vijf dagen, volgens het journaal.';
    }, 'notitie en citeerbaar zijn opgeslagen');

    await popover.getByTestId('coding-delete').click();
    await popover.waitFor({ state: 'detached' });
    await waitFor(async () => (await page.locator(`[data-coding-id="${codingId}"]`).count()) === 0, 'de markering is weg');
    expect((await api<Coding[]>('codings.forSource', { sourceId: source.id })).some((coding) => coding.id === codingId)).toBe(false);
    await expectValue(() => page.getByTestId('undo-button').getAttribute('title'), 'Ongedaan maken: Codering verwijderen');
  });

  it('codes a selection over two lines through the palette filter, with a valence', async () => {
    const first = await findSentence(3);
    const second = await page.evaluate((lineStart) => {
      const line = document.querySelector<HTMLElement>(`.doc-text [data-start="${lineStart}"]`)!;
      let next = line.nextElementSibling as HTMLElement | null;
      const usable = (element: HTMLElement) => element.matches('p.doc-line:not(.coded)') && (element.textContent ?? '').length > 30;
      while (next && !usable(next)) next = next.nextElementSibling as HTMLElement | null;
      if (!next) throw new Error('geen volgende regel');
      const node = next.firstChild!;
      const text = node.nodeValue ?? '';
      let end = 12;
      while (/\s/.test(text[end - 1] ?? '')) end++;
      const range = document.createRange();
      range.setStart(node, end - 1);
      range.setEnd(node, end);
      const rect = range.getClientRects()[0]!;
      return { end: Number(next.dataset.start) + end, to: { x: rect.right - 1, y: rect.top + rect.height / 2 } };
    }, first.lineStart);
    await dragSelect(first.from, second.to);
    const palette = page.getByTestId('code-palette');
    await palette.waitFor();
    await page.keyboard.type('wachtt');
    await expectCount(palette.getByTestId('palette-item'), 1);
    await page.keyboard.press('-');
    await expectValue(() => palette.getByTestId('palette-valence-negatief').getAttribute('aria-pressed'), 'true');
    await page.keyboard.press('Enter');
    await palette.waitFor({ state: 'detached' });
    // Empty lines between the two have no highlighted text: compare with runs of line ends as one.
    const expected = sourceText.slice(first.start, second.end).trim().replace(/\n+/g, '\n');
    const coded = await waitFor(() => highlightOver(first.start, second.end), 'de markering over twee regels');
    expect(coded.text).toBe(expected);
    const stored = (await api<Coding[]>('codings.forSource', { sourceId: source.id })).find((coding) => coding.id === coded.id)!;
    expect(stored.valence).toBe('negatief');
    const stripes = page.locator(`[data-testid="margin-stripe"][data-coding-id="${coded.id}"]`);
    await waitFor(async () => (await stripes.count()) >= 2, 'twee of meer kantlijnstrepen');

    // A click on its margin stripe opens the same coding; Escape closes it.
    await stripes.first().click();
    const popover = page.getByTestId('coding-popover');
    await expectValue(() => popover.getAttribute('data-coding-id'), coded.id);
    await expectValue(() => popover.getByTestId('coding-valence').inputValue(), 'negatief');
    await page.keyboard.press('Escape');
    await popover.waitFor({ state: 'detached' });
  });

  it('auto-codes the checked search hits in one undoable action', async () => {
    await page.getByTestId('search-input').fill('contactverbod');
    await page.getByTestId('search-input').press('Enter');
    await page.getByTestId('autocode-button').click();
    const form = page.getByTestId('autocode-form');
    await form.waitFor();
    await page.getByTestId('hit-checkbox').first().check();
    // Checking a hit switches the scope to "checked hits" on the next render.
    await waitFor(() => form.getByTestId('autocode-scope-checked').isChecked(), 'bereik: aangevinkte treffers');
    const before = await api<Coding[]>('codings.forSource', { sourceId: source.id });
    await form.getByTestId('autocode-code').selectOption({ label: '\u2003Veiligheidstaxatie' });
    await form.getByTestId('autocode-submit').click();
    await page.getByTestId('toast').filter({ hasText: '1 codering gemaakt' }).waitFor();
    const after = await api<Coding[]>('codings.forSource', { sourceId: source.id });
    expect(after.length).toBe(before.length + 1);
    const created = after.find((coding) => !before.some((old) => old.id === coding.id))!;
    expect(sourceText.slice(created.start, created.end).toLowerCase()).toBe('contactverbod');
    await waitFor(async () => (await page.locator(`.coding-hl[data-coding-id="${created.id}"]`).count()) > 0, 'de automatische markering');

    await page.getByTestId('undo-button').click();
    await waitFor(async () => (await page.locator(`[data-coding-id="${created.id}"]`).count()) === 0, 'automatisch coderen ongedaan');
  });
});
