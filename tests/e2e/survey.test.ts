/**
 * The questionnaire as a new user meets it, in a real browser through the
 * browser host: create a study, open "Vragenlijst", import a csv export,
 * confirm the mapping, and read the distribution, a split with a suppressed
 * group, and a mean per group, with the right numbers in Dutch notation; the
 * view follows an undo and a redo of the threshold, and keeps the chosen
 * question when the user comes back to it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { SurveyList } from '../../shared/api/types';
import { H, writeKnownSurvey } from '../fixtures/make-survey';
import { tempDir } from '../helpers/temp-study';
import { expectCount, expectValue, waitFor } from './browser';
import { callHost } from './host-api';
import { openApp, type OpenApp } from './open-app';

const dir = tempDir('veldwerk-e2e-survey-');
const studyPath = join(dir, 'vragenlijst-ronde.veldwerk');
let app: OpenApp;
let page: Page;
let files: Awaited<ReturnType<typeof writeKnownSurvey>>;

beforeAll(async () => {
  files = await writeKnownSurvey(dir);
  app = await openApp([studyPath], { VELDWERK_HOME: dir });
  page = app.page;
});

afterAll(() => app?.close());

/** The text of each cell of the rows of a table, trimmed. */
async function rows(testId: string, rowTestId: string): Promise<string[][]> {
  return page
    .getByTestId(testId)
    .getByTestId(rowTestId)
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((cell) => (cell.textContent ?? '').trim())));
}

describe('questionnaire end to end', () => {
  it('creates a study with two institutions and opens the questionnaire view', async () => {
    await page.getByTestId('start-screen').waitFor();
    await page.getByTestId('new-study-button').click();
    await page.getByTestId('setup-name').fill('Vragenlijst E2E');
    for (const name of ['GI Noord', 'GI Zuid']) {
      await page.getByTestId('setup-institution-input').fill(name);
      await page.getByTestId('setup-institution-add').click();
    }
    await page.getByTestId('setup-inspector-name').fill('Eva Testers');
    await page.getByTestId('setup-inspector-initials').fill('ET');
    await page.getByTestId('setup-inspector-add').click();
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('view-survey').click();
    await page.getByTestId('survey-view').waitFor();
    await expectValue(() => page.getByTestId('survey-import-button').first().isVisible(), true);
  });

  it('imports a csv through the mapping dialog', async () => {
    await page.getByTestId('survey-import-input').first().setInputFiles(files.csvSemicolonBom);
    const dialog = page.getByTestId('survey-mapping-dialog');
    await dialog.getByTestId('survey-import-submit').waitFor();
    const kindOf = (header: string) => dialog.locator(`[data-testid="survey-mapping-row"][data-header="${header}"] select`).inputValue();
    await expectValue(() => kindOf(H.mark), 'mark');
    await expectValue(() => kindOf(H.role), 'role');
    await expectValue(() => kindOf(H.remark), 'ignore');
    const target = (value: string) => dialog.locator(`[data-testid="survey-institution-target"][data-value="${value}"]`);
    await expectValue(() => target('gi zuid').locator('option:checked').innerText(), 'GI Zuid');
    await expectValue(() => target('Jeugdbescherming West').locator('option:checked').innerText(), 'Nieuwe instelling: Jeugdbescherming West');
    await dialog.getByTestId('survey-name').fill('Vragenlijst ronde 2026');
    await dialog.getByTestId('survey-import-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await expectValue(() => page.getByTestId('survey-respondents').innerText(), '40 respondenten · 25 jeugdigen · 15 ouders');
  });

  it('shows a distribution in natural order with Dutch percentages and a chart', async () => {
    await page.getByTestId('survey-question').filter({ hasText: H.explained }).click();
    await expectValue(() => page.getByTestId('survey-question-title').innerText(), H.explained);
    await page.getByTestId('survey-table').getByText('47,4%').waitFor();
    expect(await rows('survey-table', 'survey-row')).toEqual([
      ['Ja', '18', '47,4%'],
      ['Een beetje', '9', '23,7%'],
      ['Nee', '7', '18,4%'],
      ['Weet ik niet', '4', '10,5%'],
    ]);
    await expectValue(() => page.getByTestId('survey-total').innerText(), '38');
    await expectCount(page.getByTestId('survey-chart'), 1);
    await expectCount(page.getByTestId('survey-chart').locator('text', { hasText: '47,4%' }), 1);
  });

  it('splits by institution with the small group shown as n < 10, and a mean per group', async () => {
    await page.getByTestId('survey-by').selectOption(H.institution);
    await page.getByTestId('survey-table').getByText('GI Zuid').waitFor();
    const split = await rows('survey-table', 'survey-row');
    expect(split[0]).toEqual(['GI Noord', '20', '90,0% (18)', '10,0% (2)', '0,0% (0)', '0,0% (0)']);
    expect(split[1]).toEqual(['GI Zuid', 'n < 10']);
    await page.getByTestId('survey-by').selectOption(H.workers);
    await page.getByTestId('survey-mean').selectOption(H.mark);
    await page.getByTestId('survey-mean-table').waitFor();
    expect(await rows('survey-mean-table', 'survey-mean-row')).toEqual([
      ['1', '12', '8,0'],
      ['2', '12', '6,5'],
      ['3', 'n < 10'],
      ['4', 'n < 10'],
      ['Meer dan 5', 'n < 10'],
    ]);
  });

  it('exports the shown table to Excel', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('survey-export-mean').click()]);
    expect(download.suggestedFilename()).toMatch(/^Vragenlijst - .*\.xlsx$/);
    const path = join(dir, 'export.xlsx');
    await download.saveAs(path);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
    const values = workbook.worksheets[0]!.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
    expect(values.find((row) => row[0] === '2')?.slice(0, 3)).toEqual(['2', 12, 6.5]);
  });

  it('keeps the survey after a reload and follows the threshold setting', async () => {
    await page.reload();
    await page.getByTestId('view-survey').click();
    await page.getByTestId('survey-question').filter({ hasText: H.explained }).click();
    await page.getByTestId('survey-by').selectOption(H.institution);
    await page.getByTestId('survey-table').getByText('GI Zuid').waitFor();
    await page.getByTestId('survey-min-group').fill('9');
    await page.getByTestId('survey-min-group').press('Enter');
    await page.getByTestId('survey-table').getByText('77,8% (7)').waitFor();
    const split = await rows('survey-table', 'survey-row');
    expect(split[1]).toEqual(['GI Zuid', '9', '0,0% (0)', '77,8% (7)', '22,2% (2)', '0,0% (0)']);
  });

  it('follows an undo and a redo of the threshold (Ctrl+Z, Ctrl+Shift+Z), on screen and in the study', async () => {
    const minGroup = async () => (await callHost<SurveyList>(app.url, 'survey.list')).minGroup;
    const field = page.getByTestId('survey-min-group');
    const zuid = page.getByTestId('survey-table').getByTestId('survey-row').filter({ hasText: 'GI Zuid' });
    // Out of the field first: there Ctrl+Z undoes the typing.
    await page.getByTestId('survey-question-title').click();
    await page.keyboard.press('Control+z');
    await zuid.and(page.locator('[data-suppressed="true"]')).waitFor();
    await waitFor(async () => (await field.inputValue()) === '10', 'de drempel terug op 10');
    expect(await minGroup()).toBe(10);

    await page.keyboard.press('Control+Shift+z');
    await page.getByTestId('survey-table').getByText('77,8% (7)').waitFor();
    await waitFor(async () => (await field.inputValue()) === '9', 'de drempel weer op 9');
    expect(await minGroup()).toBe(9);
    // The split and the question stayed as chosen.
    await expectValue(() => page.getByTestId('survey-by').inputValue(), H.institution);
    await expectValue(() => page.getByTestId('survey-question-title').innerText(), H.explained);
  });

  it('keeps the question and the split when the user comes back from another view', async () => {
    await page.getByTestId('view-coding').click();
    await page.getByTestId('survey-view').waitFor({ state: 'detached' });
    await page.getByTestId('view-survey').click();
    await page.getByTestId('survey-table').getByText('77,8% (7)').waitFor();
    await expectValue(() => page.getByTestId('survey-question-title').innerText(), H.explained);
    await expectValue(() => page.getByTestId('survey-by').inputValue(), H.institution);
  });
});
