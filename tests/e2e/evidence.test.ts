/**
 * Evidence and judgments as a team uses them, in a real browser through the
 * browser host, on the demo study: the evidence matrix agrees with
 * `veldwerk stats`, a cell opens its segments, a segment becomes evidence and
 * opens in its source, a judgment is recorded with its rationale and survives
 * a reload, a memo saves itself, and a file-review answer changes the
 * aggregated "Dossieranalyse".
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CallName } from '../../shared/api/contract';
import type { FileReview, Judgment, ReviewQuestion, SessionState, SourceSummary, StudyStats } from '../../shared/api/types';
import { startServe, veldwerk } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';
import { expectContains, launchChromium, waitFor } from './browser';
import { callHost } from './host-api';

const dir = tempDir('veldwerk-e2e-evidence-');
const studyPath = join(dir, 'demo.veldwerk');
const env = { VELDWERK_HOME: dir };
let server: ReturnType<typeof startServe>;
let browser: Browser;
let page: Page;
let url: string;
let stats: StudyStats;
let session: SessionState;
/** The institution whose "hulp" cell the test works with (one that has codings there). */
let institutionId: string;
/** The coding the test links as evidence. */
let linkedCodingId: string;
let hulpId: string;

/** The backend, through this run's browser host. */
function api<T>(name: CallName, input: object = {}): Promise<T> {
  return callHost<T>(url, name, input);
}

const cellOf = (testId: string, codeKey: string, institution: string) =>
  page.locator(`[data-testid="${testId}"][data-code-key="${codeKey}"][data-institution-id="${institution}"]`);

beforeAll(async () => {
  expect(veldwerk(['init', studyPath, '--demo'], env).code).toBe(0);
  const before = JSON.parse(veldwerk(['stats', studyPath, '--json'], env).stdout) as StudyStats;
  if (!before.codings.byNorm.hulp) {
    const result = veldwerk(['autocode', studyPath, 'wachtlijst', '--norm', 'hulp', '--valence', 'negatief'], env);
    expect(result.code, result.stderr).toBe(0);
  }
  stats = JSON.parse(veldwerk(['stats', studyPath, '--json'], env).stdout) as StudyStats;
  expect(stats.codings.byNorm.hulp).toBeGreaterThan(0);

  server = startServe([studyPath], env);
  url = await server.url;
  session = await api<SessionState>('session.state');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => console.error('paginafout:', error));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('evidence and judgments end to end', () => {
  it('shows the evidence matrix with the same counts as veldwerk stats', async () => {
    await page.goto(url);
    await page.getByTestId('view-evidence').click();
    await page.getByTestId('evidence-matrix').waitFor();
    expect(await page.getByTestId('view-evidence').getAttribute('aria-current')).toBe('page');

    const total = cellOf('evidence-cell', 'hulp', 'totaal');
    await waitFor(async () => Number(await total.getAttribute('data-total')) === stats.codings.byNorm.hulp, 'het totaal van hulp');
    for (const institution of session.institutions) {
      const column = page.locator(`[data-testid="evidence-column-total"][data-institution-id="${institution.id}"]`);
      expect(Number(await column.getAttribute('data-total'))).toBe(stats.codings.byInstitution[institution.name] ?? 0);
    }
    // Sub-codes sit under their norm and fold away.
    const subRows = await page.locator('tr.matrix-row.depth-1').count();
    expect(subRows).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Subcodes van Betekenisvol contact verbergen' }).click();
    expect(await page.locator('tr.matrix-row.depth-1').count()).toBeLessThan(subRows);
  });

  it('opens the segments of a cell with the keyboard, and they add up to its total', async () => {
    let cellTotal = 0;
    for (const institution of session.institutions) {
      const n = Number(await cellOf('evidence-cell', 'hulp', institution.id).getAttribute('data-total'));
      if (n > cellTotal) [cellTotal, institutionId] = [n, institution.id];
    }
    expect(cellTotal).toBeGreaterThan(0);

    // Click the cell to its left, then move right with the arrow key and press Enter.
    const cell = cellOf('evidence-cell', 'hulp', institutionId);
    const col = Number(await cell.getAttribute('data-col'));
    const row = Number(await cell.getAttribute('data-row'));
    await page.locator(`[data-testid="evidence-cell"][data-row="${row - 1}"][data-col="${col}"]`).click();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await cell.getAttribute('aria-selected')).toBe('true');

    const list = page.getByTestId('evidence-segments');
    await list.waitFor();
    await waitFor(async () => (await list.getByTestId('evidence-segment').count()) === cellTotal, `${cellTotal} fragmenten`);
    const first = list.getByTestId('evidence-segment').first();
    expect(await first.locator('mark').innerText()).not.toBe('');
  });

  it('links a segment to the judgment and jumps to it in its source', async () => {
    // The first segment not yet linked (the demo may have linked some already).
    const first = page.getByTestId('evidence-segment').filter({ has: page.locator('[data-testid="segment-evidence-toggle"][aria-pressed="false"]') }).first();
    linkedCodingId = (await first.getAttribute('data-coding-id'))!;
    const toggle = page.locator(`[data-testid="evidence-segment"][data-coding-id="${linkedCodingId}"] [data-testid="segment-evidence-toggle"]`);
    await toggle.click();
    await waitFor(async () => (await toggle.getAttribute('aria-pressed')) === 'true', 'gekoppeld bewijs');

    const linked = page.locator(`[data-testid="evidence-segment"][data-coding-id="${linkedCodingId}"]`);
    const title = await linked.locator('.segment-title').innerText();
    const marked = await linked.locator('mark').innerText();
    await linked.getByTestId('segment-jump').click();
    expect(await page.getByTestId('view-coding').getAttribute('aria-current')).toBe('page');
    await waitFor(async () => (await page.getByTestId('document-title').innerText()) === title, 'de titel van de bron');
    await expectContains(() => page.getByTestId('document-view').innerText(), marked);
  });

  it('records a judgment with its rationale and evidence in the judgment table', async () => {
    await page.keyboard.press('Control+3');
    const table = page.getByTestId('judgment-table');
    await table.waitFor();
    const { scale, judgments } = await api<{ scale: string[]; judgments: Judgment[] }>('judgments.list');
    hulpId = (await api<Array<{ id: string; key: string }>>('framework.list')).find((code) => code.key === 'hulp')!.id;
    const current = judgments.find((judgment) => judgment.institutionId === institutionId && judgment.codeId === hulpId);
    expect(current?.evidenceCodingIds).toContain(linkedCodingId);
    const rating = scale.find((value) => value !== current?.rating)!;

    const cell = cellOf('judgment-cell', 'hulp', institutionId);
    await cell.click();
    const editor = page.getByTestId('judgment-editor');
    await editor.waitFor();
    const evidence = editor.getByTestId('judgment-evidence-segment');
    await waitFor(async () => (await evidence.count()) === current!.evidenceCodingIds.length, 'het gekoppelde bewijs');
    expect(await editor.locator(`[data-coding-id="${linkedCodingId}"]`).count()).toBe(1);

    await page.getByTestId('judgment-rating').selectOption(rating);
    await page.getByTestId('judgment-rationale').fill('Jeugdigen wachten maanden op specialistische hulp; overbrugging is niet altijd passend.');
    await page.getByTestId('judgment-save').click();
    await waitFor(async () => (await cell.getAttribute('data-rating')) === rating, 'het oordeel in de tabel');
    await expectContains(() => cell.innerText(), 'overbrugging');
    const overview = page.locator('[data-testid="judgment-overview"][data-code-key="hulp"]');
    await expectContains(() => overview.innerText(), rating);
  });

  it('keeps the judgment after a reload', async () => {
    await page.reload();
    await page.getByTestId('view-judgments').click();
    const cell = cellOf('judgment-cell', 'hulp', institutionId);
    await waitFor(async () => (await cell.getAttribute('data-rating')) !== '', 'het bewaarde oordeel');
    const stored = (await api<{ judgments: Judgment[] }>('judgments.list')).judgments.find(
      (judgment) => judgment.institutionId === institutionId && judgment.codeId === hulpId,
    )!;
    expect(stored.rationale).toContain('overbrugging');
    expect(stored.rating).toBe(await cell.getAttribute('data-rating'));
    expect(stored.evidenceCodingIds).toContain(linkedCodingId);
    await expectContains(() => cell.innerText(), 'overbrugging');
    const evidenceText = stored.evidenceCodingIds.length === 1 ? '1 fragment als bewijs' : `${stored.evidenceCodingIds.length} fragmenten als bewijs`;
    await expectContains(() => cell.innerText(), evidenceText);
  });

  it('saves a memo on the norm by itself', async () => {
    await page.getByTestId('view-evidence').click();
    await cellOf('evidence-cell', 'hulp', institutionId).click();
    await page.getByTestId('evidence-tab-code-memo').click();
    const memo = page.getByTestId('memo-editor');
    await memo.getByRole('textbox', { name: /Jouw memo bij/ }).fill('Wachtlijsten navragen bij de gemeente.');
    await waitFor(async () => /Opgeslagen om \d\d:\d\d/.test(await memo.getByTestId('memo-status').innerText()), 'het opslaan van de memo');
  });

  it('changes the Dossieranalyse when a client file is answered', async () => {
    const questions = await api<ReviewQuestion[]>('review.questions');
    const question = questions.find((candidate) => candidate.key === 'contact-5-dagen') ?? questions.find((candidate) => candidate.answerType === 'choice')!;
    const file = (await api<SourceSummary[]>('sources.list', { sourceType: 'clientdossier' }))[0]!;
    const original = (await api<FileReview>('review.get', { sourceId: file.id })).answers[question.id];
    const other = question.options.find((option) => option !== original)!;

    const summaryCell = page.locator(
      `[data-testid="review-summary-cell"][data-question-key="${question.key}"][data-institution-id="${file.institutionId}"]`,
    );
    await summaryCell.waitFor();
    const countOf = async (answer: string) =>
      Number(new RegExp(`(?:^|· )${answer} (\\d+)`).exec(await summaryCell.innerText())?.[1] ?? 0);
    const answeredBefore = Number(await summaryCell.getAttribute('data-answered'));
    const otherBefore = await countOf(other);

    await page.getByTestId('view-coding').click();
    await page.getByTestId('source-row').filter({ hasText: file.title }).first().click();
    await waitFor(async () => (await page.getByTestId('document-title').innerText()) === file.title, 'het dossier');
    await page.getByTestId('review-tab').click();
    const item = page.getByTestId('file-review-form').locator(`[data-testid="review-question"][data-question-key="${question.key}"]`);
    await item.waitFor();
    if (original !== undefined) {
      // Clear the answer first ("wissen"), then give another.
      await item.getByRole('button', { name: `Antwoord wissen: ${question.text}` }).click();
      await waitFor(async () => (await item.getAttribute('data-answered')) === 'false', 'het gewiste antwoord');
    }
    await item.getByRole('radio', { name: other }).check();
    await waitFor(async () => (await item.getByTestId('review-save-state').innerText()).includes('Opgeslagen'), 'het opgeslagen antwoord');
    expect((await api<FileReview>('review.get', { sourceId: file.id })).answers[question.id]).toBe(other);

    await page.getByTestId('view-evidence').click();
    const answeredAfter = answeredBefore + (original === undefined ? 1 : 0);
    await waitFor(async () => (await countOf(other)) === otherBefore + 1, 'de bijgewerkte dossieranalyse');
    expect(Number(await summaryCell.getAttribute('data-answered'))).toBe(answeredAfter);
    await expectContains(() => summaryCell.innerText(), `n=${answeredAfter}`);
  });
});
