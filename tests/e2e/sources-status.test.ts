/**
 * The source list as an inspector works through it, in a real browser on the
 * demo study: search, titles told apart, coding counts that follow a new
 * coding, sort by counts, a status per source set from the document header
 * and shown in the list and the progress, and a single import that opens.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceProgress, SourceSummary } from '../../shared/api/types';
import type { CallName } from '../../shared/api/contract';
import { tempDir } from '../helpers/temp-study';
import { expectContains, expectCount, expectValue, waitFor } from './browser';
import { callHost } from './host-api';
import { openDemoApp, type OpenApp } from './open-app';

const dir = tempDir('veldwerk-e2e-sources-');
let app: OpenApp;
const api = <T>(name: CallName, input: object = {}) => callHost<T>(app.url, name, input);
const rows = () => app.page.getByTestId('source-row');

beforeAll(async () => {
  app = await openDemoApp(dir);
});

afterAll(async () => {
  await app?.close();
});

describe('bronnen met status', () => {
  it('zoekt, en onderscheidt gelijke titels met hun volledige instelling', async () => {
    const { page } = app;
    const sources = await api<SourceSummary[]>('sources.list');
    const same = sources.filter((source) => source.title === 'Gesprek met de bestuurder');
    expect(same.length).toBeGreaterThan(1);
    await page.getByTestId('source-search').fill('bestuurder');
    await expectCount(rows(), same.length);
    const labels = await page.getByTestId('source-distinguisher').allInnerTexts();
    expect(new Set(labels).size).toBe(same.length);
  });

  it('toont coderingen per bron, telt een nieuwe codering mee en sorteert erop', async () => {
    const { page } = app;
    const first = rows().first();
    const sourceId = (await first.getAttribute('data-source-id'))!;
    const before = (await api<SourceProgress>('sources.progress')).codingCounts[sourceId] ?? 0;
    await expectContains(() => first.getByTestId('source-coding-count').innerText(), `${before} cod.`);
    await first.click();
    await page.getByTestId('document-title').click();
    await page.evaluate(() => {
      const line = Array.from(document.querySelectorAll('.doc-text p.doc-line:not(.coded)')).find((candidate) => (candidate.textContent ?? '').length > 40)!;
      const range = document.createRange();
      range.setStart(line.firstChild!, 0);
      range.setEnd(line.firstChild!, 30);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
    });
    await page.keyboard.press('6'); // "Gevolgen": no sub-codes, applies at once
    await expectContains(() => first.getByTestId('source-coding-count').innerText(), `${before + 1} cod.`);

    await page.getByTestId('source-search').fill('');
    await page.getByTestId('source-sort').selectOption('coderingen');
    const counts = (await api<SourceProgress>('sources.progress')).codingCounts;
    const most = Math.max(...Object.values(counts));
    await expectValue(async () => counts[(await rows().first().getAttribute('data-source-id'))!], most);
  });

  it('zet de eigen status in de kop van de bron; de lijst en de voortgang tonen hem', async () => {
    const { page } = app;
    const openId = (await page.locator('.doc-text').getAttribute('data-source-id'))!;
    await page.getByTestId('source-status-select').selectOption('klaar');
    const row = page.locator(`[data-testid="source-row"][data-source-id="${openId}"]`);
    await expectValue(() => row.getByTestId('source-status').getAttribute('data-status'), 'klaar');
    const stored = await waitFor(async () => (await api<SourceProgress>('sources.progress')).statuses.find((entry) => entry.sourceId === openId), 'status opgeslagen');
    expect(stored.status).toBe('klaar');
    await page.locator('[data-testid="source-progress"] summary').click();
    await expectContains(() => page.locator(`[data-testid="progress-inspector"][data-id="${stored.inspectorId}"]`).innerText(), '1 klaar');
  });

  it('opent een enkel geïmporteerd bestand meteen', async () => {
    const { page } = app;
    const file = join(dir, 'verslag-huisbezoek.txt');
    writeFileSync(file, 'Verslag huisbezoek\n\nDe jeugdzorgwerker sprak de jeugdige alleen op haar kamer. Fictief.\n');
    await page.getByTestId('import-file-input').setInputFiles(file);
    await page.getByTestId('import-type').selectOption('clientdossier');
    const institution = page.getByTestId('import-institution');
    if (!(await institution.inputValue())) await institution.selectOption({ index: 1 });
    await page.getByTestId('import-date').fill('4-3-2026');
    await page.getByTestId('import-submit').click();
    await expectContains(() => page.getByTestId('document-view').innerText(), 'sprak de jeugdige alleen op haar kamer');
    const imported = (await api<SourceSummary[]>('sources.list')).find((source) => source.fileName === 'verslag-huisbezoek.txt')!;
    expect(imported.date).toBe('2026-03-04');
  });

  it('schrijft datums als dd-mm-jjjj, met een Nederlandse kalender en een melding bij onzin', async () => {
    const { page } = app;
    const file = join(dir, 'tweede-verslag.txt');
    writeFileSync(file, 'Tweede verslag, fictief.\n');
    await page.getByTestId('import-file-input').setInputFiles(file);
    const field = page.getByTestId('import-date');
    await field.fill('31-02-2026');
    await expectContains(() => page.getByRole('alert').first().innerText(), 'dd-mm-jjjj');
    await field.fill('');
    await page.getByRole('button', { name: 'Datum kiezen uit de kalender' }).click();
    const calendar = page.getByTestId('date-calendar');
    await expectContains(() => calendar.innerText(), 'ma');
    const shown = await calendar.locator('strong').innerText();
    expect(shown).toMatch(/^(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}$/);
    await page.keyboard.press('PageDown');
    await page.keyboard.press('ArrowRight');
    const chosen = (await calendar.locator('[data-focused="true"]').getAttribute('data-date'))!;
    await page.keyboard.press('Enter');
    await expectValue(() => field.inputValue(), chosen.split('-').reverse().join('-'));
    await page.getByRole('button', { name: 'Annuleren' }).first().click();
  });
});
