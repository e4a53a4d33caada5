/**
 * Memos that work, in a real browser on the demo study: a memo on a selected
 * passage from the keyboard (Alt+M in the code palette), anchored by its
 * offsets and marked in the margin; taken back and restored with undo and
 * redo; found by the main search; and in the list of all memos, filtered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Memo, SourceSummary } from '../../shared/api/types';
import type { CallName } from '../../shared/api/contract';
import { tempDir } from '../helpers/temp-study';
import { expectCount, expectValue, waitFor } from './browser';
import { callHost } from './host-api';
import { openDemoApp, type OpenApp } from './open-app';

const dir = tempDir('veldwerk-e2e-memos-');
const MEMO_TEXT = 'Let op: zebrapadoverleg met de moeder ontbreekt in het plan.';
let app: OpenApp;
let source: SourceSummary;
let span: { start: number; end: number };
const api = <T>(name: CallName, input: object = {}) => callHost<T>(app.url, name, input);
const passages = () => api<Memo[]>('memos.passages', { sourceId: source.id });

beforeAll(async () => {
  app = await openDemoApp(dir);
  const sources = await api<SourceSummary[]>('sources.list');
  source = sources.find((candidate) => candidate.sourceType === 'clientdossier' && candidate.format === 'txt') ?? sources[0]!;
  await app.page.getByTestId('source-row').filter({ hasText: source.title }).first().click();
  await expectValue(() => app.page.getByTestId('document-title').innerText(), source.title);
});

afterAll(async () => {
  await app?.close();
});

describe('memo’s', () => {
  it('schrijft met Alt+M een memo bij de geselecteerde passage, verankerd op de offsets en zichtbaar in de marge', async () => {
    const { page } = app;
    await page.getByTestId('document-title').click();
    span = await page.evaluate(() => {
      const line = Array.from(document.querySelectorAll<HTMLElement>('.doc-text p.doc-line:not(.coded)')).find((candidate) => (candidate.textContent ?? '').length > 50)!;
      const range = document.createRange();
      range.setStart(line.firstChild!, 5);
      range.setEnd(line.firstChild!, 45);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      return { start: Number(line.dataset.start) + 5, end: Number(line.dataset.start) + 45 };
    });
    await page.getByTestId('code-palette').waitFor();
    await page.keyboard.press('Alt+m');
    const input = page.getByTestId('passage-memo-input');
    await input.waitFor();
    await input.fill(MEMO_TEXT);
    await page.keyboard.press('Control+Enter');
    const stored = await waitFor(async () => (await passages())[0], 'memo opgeslagen');
    expect({ start: stored.start, end: stored.end, text: stored.text }).toEqual({ ...span, text: MEMO_TEXT });
    await expectCount(page.getByTestId('passage-memo-mark'), 1);
    await expectCount(page.getByTestId('passage-memo'), 1);
  });

  it('neemt de memo terug met Ctrl+Z en zet hem terug met Ctrl+Shift+Z', async () => {
    const { page } = app;
    await page.getByTestId('document-title').click();
    await page.keyboard.press('Control+z');
    await waitFor(async () => (await passages()).length === 0, 'memo ongedaan');
    await expectCount(page.getByTestId('passage-memo-mark'), 0);
    await page.keyboard.press('Control+Shift+z');
    await waitFor(async () => (await passages()).length === 1, 'memo terug');
    await expectCount(page.getByTestId('passage-memo-mark'), 1);
  });

  it('wordt gevonden door de hoofdzoekfunctie', async () => {
    const { page } = app;
    await page.getByTestId('search-tab').click();
    await page.getByTestId('search-input').fill('zebrapadoverleg');
    await expectCount(page.getByTestId('memo-search-hit'), 1);
  });

  it('staat in de lijst van alle memo’s, te filteren op soort en te doorzoeken', async () => {
    const { page } = app;
    const all = await api<Memo[]>('memos.all');
    await page.getByTestId('memos-tab').click();
    await page.locator('[data-testid="all-memos"] summary').click();
    const items = page.getByTestId('memo-list-item');
    await expectCount(items, all.length);
    await page.getByTestId('memo-list-kind').selectOption('passage');
    await expectCount(items, 1);
    await page.getByTestId('memo-list-kind').selectOption('');
    await page.getByTestId('memo-list-search').fill('ZEBRAPADOVERLEG');
    await expectCount(items, 1);
    await page.getByTestId('memo-list-search').fill('bestaat-nergens');
    await expectCount(items, 0);
  });
});
