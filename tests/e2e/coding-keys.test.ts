/**
 * The coding view from the keyboard alone, in a real browser through the
 * browser host on the demo study: a digit sequence reaches a sub-code, a
 * valence key straight after the code (or before it) sets the valence, the
 * code's label with its valence symbol stands in the margin (and L hides
 * it), J/K walk the codings and open them, + C Delete change and delete the
 * open one, ? shows the shortcut sheet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Code, Coding, SourceSummary } from '../../shared/api/types';
import type { CallName } from '../../shared/api/contract';
import { tempDir } from '../helpers/temp-study';
import { expectContains, expectValue, waitFor } from './browser';
import { callHost } from './host-api';
import { openDemoApp, type OpenApp } from './open-app';

const dir = tempDir('veldwerk-e2e-keys-');
let app: OpenApp;
let source: SourceSummary;
let codes: Code[];

const api = <T>(name: CallName, input: object = {}) => callHost<T>(app.url, name, input);
const codings = () => api<Coding[]>('codings.forSource', { sourceId: source.id });
const keyOf = (coding: Coding) => codes.find((code) => code.id === coding.codeId)?.key;

/** Selects the `skip`-th uncoded sentence of the open source in the page, as a keyboard user would with Shift+arrows. */
async function selectSentence(skip: number): Promise<{ start: number; end: number }> {
  return app.page.evaluate((skipLines) => {
    const lines = Array.from(document.querySelectorAll<HTMLElement>('.doc-text p.doc-line:not(.coded)'));
    let skipped = 0;
    for (const line of lines) {
      const match = /(?:^|\. )([A-Z][^.]{25,110}\.)/.exec(line.textContent ?? '');
      if (!match || line.childNodes.length !== 1 || skipped++ < skipLines) continue;
      line.scrollIntoView({ block: 'center' });
      const from = match.index + match[0].length - match[1]!.length;
      const range = document.createRange();
      range.setStart(line.firstChild!, from);
      range.setEnd(line.firstChild!, from + match[1]!.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      const start = Number(line.dataset.start) + from;
      return { start, end: start + match[1]!.length };
    }
    throw new Error('geen ongecodeerde zin gevonden');
  }, skip);
}

async function codingAt(span: { start: number; end: number }): Promise<Coding> {
  return waitFor(async () => (await codings()).find((coding) => coding.start === span.start && coding.end === span.end), 'de nieuwe codering');
}

beforeAll(async () => {
  app = await openDemoApp(dir);
  const sources = await api<SourceSummary[]>('sources.list');
  source = sources.find((candidate) => candidate.sourceType === 'clientdossier' && candidate.format === 'txt') ?? sources[0]!;
  codes = await api<Code[]>('framework.list');
  await app.page.getByTestId('source-row').filter({ hasText: source.title }).first().click();
  await expectValue(() => app.page.getByTestId('document-title').innerText(), source.title);
});

afterAll(async () => {
  await app?.close();
});

describe('coderen met het toetsenbord', () => {
  let first: Coding;

  it('2 1 kiest de eerste subcode van norm 2 en − direct daarna maakt haar negatief', async () => {
    const { page } = app;
    await page.getByTestId('document-title').click();
    const span = await selectSentence(0);
    await page.keyboard.press('2');
    await page.keyboard.press('1');
    await page.keyboard.press('-');
    await page.getByTestId('code-palette').waitFor({ state: 'detached' });
    first = await codingAt(span);
    expect(keyOf(first)).toBe('veiligheid.taxatie');
    await waitFor(async () => (await codings()).find((coding) => coding.id === first.id)?.valence === 'negatief', 'waardering negatief');
  });

  it('toont het codelabel met het waarderingsteken in de marge, en L verbergt het', async () => {
    const { page } = app;
    const label = page.locator(`[data-testid="margin-label"][data-coding-id="${first.id}"]`);
    await expectValue(() => label.getAttribute('data-symbol'), '−');
    await expectValue(() => label.getAttribute('data-label'), 'Veiligheidstaxatie');
    expect(await label.isVisible()).toBe(true);
    await page.keyboard.press('l');
    await waitFor(async () => !(await label.isVisible()), 'label verborgen');
    await page.keyboard.press('l');
    await waitFor(() => label.isVisible(), 'label weer zichtbaar');
  });

  it('+ vóór het cijfer geldt voor de code die volgt', async () => {
    const { page } = app;
    const span = await selectSentence(0);
    await page.keyboard.press('+');
    await page.keyboard.press('3');
    await page.keyboard.press('Enter');
    const made = await codingAt(span);
    expect(keyOf(made)).toBe('participatie');
    expect(made.valence).toBe('positief');
  });

  it('J en K lopen de coderingen langs en openen ze; + C en Delete veranderen en verwijderen', async () => {
    const { page } = app;
    const ordered = (await codings()).sort((a, b) => a.start - b.start);
    await page.getByTestId('document-title').click();
    await page.keyboard.press('j');
    const popover = page.getByTestId('coding-popover');
    await expectValue(() => popover.getAttribute('data-coding-id'), ordered[0]!.id);
    await page.keyboard.press('j');
    await expectValue(() => popover.getAttribute('data-coding-id'), ordered[1]!.id);
    await expectContains(() => page.getByTestId('coding-announcer').textContent(), `Codering 2 van ${ordered.length}`);
    await page.keyboard.press('k');
    await expectValue(() => popover.getAttribute('data-coding-id'), ordered[0]!.id);

    const target = ordered[0]!;
    await page.keyboard.press('+');
    await page.keyboard.press('c');
    await waitFor(async () => {
      const now = (await codings()).find((coding) => coding.id === target.id);
      return now?.valence === 'positief' && now.quotable === !target.quotable;
    }, 'waardering en citeerbaar opgeslagen');

    await page.keyboard.press('Delete');
    await waitFor(async () => !(await codings()).some((coding) => coding.id === target.id), 'codering verwijderd');
    expect(await popover.count()).toBe(0);
  });

  it('? toont de sneltoetsen', async () => {
    const { page } = app;
    await page.getByTestId('document-title').click();
    await page.keyboard.press('?');
    const sheet = page.getByTestId('shortcut-sheet');
    await expectContains(() => sheet.textContent(), 'Volgende codering openen');
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
  });
});
