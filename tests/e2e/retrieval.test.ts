/**
 * Retrieval beside the text, in a real browser on the demo study: the code
 * tree with counts for the open source and the study, a code's segments in
 * context, narrowed by the evidence filters, linked to a judgment from there,
 * and a jump to one of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Code, Coding, EvidenceMatrix, EvidenceSegment, Judgment, SessionState, SourceSummary } from '../../shared/api/types';
import type { CallName } from '../../shared/api/contract';
import { column, readWithOpenpyxl } from '../helpers/openpyxl';
import { tempDir } from '../helpers/temp-study';
import { expectContains, expectCount, expectValue, waitFor } from './browser';
import { callHost } from './host-api';
import { openDemoApp, type OpenApp } from './open-app';

const dir = tempDir('veldwerk-e2e-retrieval-');
let app: OpenApp;
let source: SourceSummary;
let codes: Code[];
const api = <T>(name: CallName, input: object = {}) => callHost<T>(app.url, name, input);

beforeAll(async () => {
  app = await openDemoApp(dir);
  codes = await api<Code[]>('framework.list');
  const sources = await api<SourceSummary[]>('sources.list');
  source = sources.find((candidate) => candidate.sourceType === 'clientdossier' && candidate.format === 'txt') ?? sources[0]!;
  await app.page.getByTestId('source-row').filter({ hasText: source.title }).first().click();
  await expectValue(() => app.page.getByTestId('document-title').innerText(), source.title);
  await app.page.getByTestId('retrieval-tab').click();
});

afterAll(async () => {
  await app?.close();
});

describe('fragmenten naast de tekst', () => {
  const norm = 'contact';
  const codeButton = () => app.page.locator(`[data-testid="retrieval-code"][data-code-key="${norm}"]`);

  it('telt per code in deze bron en in het onderzoek, een norm met haar subcodes', async () => {
    const normId = codes.find((code) => code.key === norm)!.id;
    const family = new Set(codes.filter((code) => code.id === normId || code.parentId === normId).map((code) => code.id));
    const inSource = (await api<Coding[]>('codings.forSource', { sourceId: source.id })).filter((coding) => family.has(coding.codeId)).length;
    const matrix = await api<EvidenceMatrix>('evidence.matrix', { filter: {} });
    const inStudy = matrix.cells.filter((cell) => cell.codeId === normId).reduce((sum, cell) => sum + cell.total, 0);
    expect(inStudy).toBeGreaterThan(0);
    await expectValue(async () => Number(await codeButton().getAttribute('data-source-count')), inSource);
    await expectValue(async () => Number(await codeButton().getAttribute('data-study-count')), inStudy);
  });

  it('toont de fragmenten van een code met hun context, gefilterd als het bewijs', async () => {
    const { page } = app;
    const normId = codes.find((code) => code.key === norm)!.id;
    const all = await api<EvidenceSegment[]>('evidence.segments', { codeId: normId, institutionId: null, filter: {} });
    await codeButton().click();
    const cards = page.getByTestId('retrieval-segment');
    await expectCount(cards, all.length);
    await expectContains(() => cards.first().innerText(), all[0]!.text.slice(0, 30));

    const positive = all.filter((segment) => segment.valence === 'positief').length;
    expect(positive).toBeLessThan(all.length);
    await page.getByTestId('retrieval').getByTestId('evidence-filter-valence').selectOption('positief');
    await expectCount(cards, positive);
    await page.getByTestId('retrieval').getByTestId('evidence-filter-valence').selectOption('');
    await expectCount(cards, all.length);
  });

  it('koppelt een fragment als bewijs aan het oordeel van zijn norm en instelling, en ontkoppelt het', async () => {
    const { page } = app;
    const normId = codes.find((code) => code.key === norm)!.id;
    const card = page.getByTestId('retrieval-segment').first();
    const codingId = (await card.getAttribute('data-coding-id'))!;
    const linkedIn = async () =>
      (await api<{ judgments: Judgment[] }>('judgments.list')).judgments.some((judgment) => judgment.codeId === normId && judgment.evidenceCodingIds.includes(codingId));
    const before = await linkedIn();
    await card.getByTestId('retrieval-link').click();
    await waitFor(async () => (await linkedIn()) !== before, 'koppeling gewijzigd');
    await expectValue(() => card.getByTestId('retrieval-link').getAttribute('aria-pressed'), String(!before));
    await card.getByTestId('retrieval-link').click();
    await waitFor(async () => (await linkedIn()) === before, 'koppeling terug');
  });

  it('zet de fragmenten van de code in een Word-bestand', async () => {
    const { page } = app;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('retrieval-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it('springt naar een fragment in een andere bron', async () => {
    const { page } = app;
    const card = page.locator(`[data-testid="retrieval-segment"]:not([data-source-id="${source.id}"])`).first();
    const targetId = (await card.getAttribute('data-source-id'))!;
    const target = (await api<SourceSummary[]>('sources.list')).find((candidate) => candidate.id === targetId)!;
    await card.getByTestId('segment-jump').click();
    await expectValue(() => page.getByTestId('document-title').innerText(), target.title);
    await page.getByTestId('hit-mark').first().waitFor();
  });
});

describe('een cel van de bewijsmatrix in de fragmentenlijst', () => {
  const norm = 'contact';
  const listCards = () => app.page.getByTestId('retrieval-list').getByTestId('retrieval-segment');
  const cardIds = async () => Promise.all((await listCards().all()).map((card) => card.getAttribute('data-coding-id')));

  it('opent met de muis het negatieve deel van norm × instelling naast de tekst, en springt naar elk fragment', async () => {
    const { page } = app;
    // A norm's cell at one institution that holds negative segments among others.
    const norms = new Map(codes.filter((code) => code.kind === 'norm' && code.parentId === null).map((code) => [code.id, code]));
    const matrix = await api<EvidenceMatrix>('evidence.matrix', { filter: {} });
    const cell = matrix.cells
      .filter((candidate) => norms.has(candidate.codeId) && (candidate.byValence.negatief ?? 0) > 0 && candidate.byValence.negatief! < candidate.total)
      .sort((a, b) => b.byValence.negatief! - a.byValence.negatief!)[0]!;
    const expected = await api<EvidenceSegment[]>('evidence.segments', { codeId: cell.codeId, institutionId: cell.institutionId, filter: { valence: 'negatief' } });
    expect(expected.length).toBe(cell.byValence.negatief);
    expect(expected.length).toBeLessThan(cell.total);

    await page.getByTestId('view-evidence').click();
    const matrixCell = page.locator(`[data-testid="evidence-cell"][data-code-key="${norms.get(cell.codeId)!.key}"][data-institution-id="${cell.institutionId}"]`);
    await matrixCell.locator('[data-split-key="valence"][data-split-value="negatief"]').click();
    await expectCount(page.getByTestId('evidence-segments').getByTestId('evidence-segment'), expected.length);
    await page.screenshot({ path: join(process.env.VELDWERK_SCREENSHOT_DIR ?? dir, 'bewijs-deel-van-cel.png') });
    await page.getByTestId('evidence-open-retrieval').click();

    await expectValue(() => page.getByTestId('view-coding').getAttribute('aria-current'), 'page');
    await expectValue(() => page.getByTestId('retrieval-tab').getAttribute('aria-selected'), 'true');
    await expectCount(listCards(), expected.length);
    expect(await cardIds()).toEqual(expected.map((segment) => segment.codingId));
    await expectContains(() => page.getByTestId('retrieval-scope').innerText(), 'negatief');
    // The list, not the code tree above it, is in view; the window itself did not scroll (the top bar stays).
    const listInView = () =>
      page.getByTestId('retrieval-list').evaluate((section) => {
        const panel = section.closest('.side-scroll')!.getBoundingClientRect();
        const top = section.getBoundingClientRect().top;
        return top >= panel.top - 1 && top < panel.top + 40;
      });
    await waitFor(listInView, 'de fragmentenlijst bovenaan het paneel');
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await page.screenshot({ path: join(process.env.VELDWERK_SCREENSHOT_DIR ?? dir, 'fragmenten-uit-cel.png') });

    for (const segment of expected.slice(0, 3)) {
      await page.locator(`[data-testid="retrieval-list"] [data-coding-id="${segment.codingId}"]`).getByTestId('segment-jump').click();
      await expectValue(() => page.getByTestId('document-title').innerText(), segment.sourceTitle);
      await expectContains(async () => segment.text, (await page.getByTestId('hit-mark').first().innerText()).trim());
      // The list stays beside the text, so the next segment is one click away.
      await expectCount(listCards(), expected.length);
    }
  });

  it('opent met het toetsenbord (Enter op de cel, dan een bronsoort) en toont daarna weer de hele code', async () => {
    const { page } = app;
    const normId = codes.find((code) => code.key === norm)!.id;
    const all = await api<EvidenceSegment[]>('evidence.segments', { codeId: normId, institutionId: null, filter: {} });
    const byType = new Map<string, number>();
    for (const segment of all) byType.set(segment.sourceType, (byType.get(segment.sourceType) ?? 0) + 1);
    const [sourceType, n] = [...byType].sort((a, b) => b[1] - a[1])[0]!;
    expect(n).toBeLessThan(all.length);

    await page.getByTestId('view-evidence').click();
    await page.locator(`[data-testid="evidence-cell"][data-code-key="${norm}"][data-institution-id="totaal"]`).focus();
    await page.keyboard.press('Enter');
    await expectCount(page.getByTestId('evidence-segments').getByTestId('evidence-segment'), all.length);
    await page.locator(`[data-testid="cell-part"][data-part="sourceType:${sourceType}"]`).focus();
    await page.keyboard.press('Enter');
    await expectCount(page.getByTestId('evidence-segments').getByTestId('evidence-segment'), n);
    await page.getByTestId('evidence-open-retrieval').focus();
    await page.keyboard.press('Enter');

    await expectValue(() => page.getByTestId('retrieval-tab').getAttribute('aria-selected'), 'true');
    await expectCount(listCards(), n);
    expect(new Set(await Promise.all((await listCards().all()).map((card) => card.getAttribute('data-coding-id'))))).toEqual(
      new Set(all.filter((segment) => segment.sourceType === sourceType).map((segment) => segment.codingId)),
    );
    await page.getByTestId('retrieval-widen').click();
    await expectCount(listCards(), all.length);
    await expectCount(page.getByTestId('retrieval-scope'), 0);
  });

  it('zet de fragmenten van de lijst (met haar filter) in Excel, gepseudonimiseerd tenzij volledig met waarschuwing', async () => {
    const { page } = app;
    const normId = codes.find((code) => code.key === norm)!.id;
    const expected = await api<EvidenceSegment[]>('evidence.segments', { codeId: normId, institutionId: null, filter: { valence: 'negatief' } });
    await page.getByTestId('retrieval').getByTestId('evidence-filter-valence').selectOption('negatief');
    await expectCount(listCards(), expected.length);
    const { inspectors } = await api<SessionState>('session.state');
    const coders = new Set(expected.map((segment) => segment.coderId));
    const named = inspectors.filter((inspector) => coders.has(inspector.id));
    expect(named.length).toBeGreaterThan(0);

    const download = async (name: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('retrieval-export-excel').click()]);
      expect(file.suggestedFilename()).toMatch(/fragmenten\.xlsx$/);
      const path = join(dir, name);
      await file.saveAs(path);
      return readWithOpenpyxl(path)[0]!;
    };
    const sheet = await download('pseudo.xlsx');
    const rows = sheet.rows.slice(1);
    expect(rows.map((row) => [row[column(sheet, 'Begin')]!.value, row[column(sheet, 'Einde')]!.value])).toEqual(expected.map((segment) => [segment.start, segment.end]));
    expect(rows.every((row) => row[column(sheet, 'Valentie')]!.value === 'negatief')).toBe(true);
    const coderCells = new Set(rows.map((row) => row[column(sheet, 'Codeur')]!.value));
    for (const inspector of named) expect(coderCells.has(inspector.name)).toBe(false);

    await page.getByTestId('retrieval-export-full').check();
    await expectContains(() => page.getByTestId('retrieval-export-warning').innerText(), 'volledige export');
    expect(await page.getByTestId('retrieval-export-warning').getAttribute('role')).toBe('alert');
    const fullSheet = await download('full.xlsx');
    const fullCoders = new Set(fullSheet.rows.slice(1).map((row) => row[column(fullSheet, 'Codeur')]!.value));
    for (const inspector of named) expect(fullCoders.has(inspector.name)).toBe(true);
    await page.getByTestId('retrieval-export-full').uncheck();
    await page.getByTestId('retrieval').getByTestId('evidence-filter-valence').selectOption('');
  });
});
