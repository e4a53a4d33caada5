/**
 * A Qualtrics export in the mapping dialog, as a new user meets it: the three
 * header rows are shown marked and named, the respondents counted without
 * them; choosing one header row makes them respondents, choosing three again
 * puts them back, and the import stores the five respondents only.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { qualtricsCsv } from '../fixtures/make-survey-layouts';
import { tempDir } from '../helpers/temp-study';
import { expectValue } from './browser';
import { openApp, type OpenApp, createStudyInWizard } from './open-app';

const dir = tempDir('veldwerk-e2e-survey-heads-');
let app: OpenApp;
let page: Page;

beforeAll(async () => {
  app = await openApp([join(dir, 'koppen.veldwerk')], { VELDWERK_HOME: dir });
  page = app.page;
});

afterAll(() => app?.close());

describe('survey header rows end to end', () => {
  it('shows, changes and imports the header rows of a Qualtrics export', async () => {
    await createStudyInWizard(page, 'Koppen E2E', 'GI Noord');
    await page.getByTestId('view-survey').click();
    await page.getByTestId('survey-view').waitFor();

    const path = join(dir, 'qualtrics-export.csv');
    writeFileSync(path, qualtricsCsv());
    await page.getByTestId('survey-import-input').first().setInputFiles(path);
    const dialog = page.getByTestId('survey-mapping-dialog');
    await dialog.getByTestId('survey-import-submit').waitFor();
    const intro = () => dialog.locator('.survey-mapping > p').first().innerText();
    const headerFlags = () => dialog.getByTestId('survey-head-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-header')).join(','));
    await expectValue(async () => (await dialog.getByTestId('survey-recognised').innerText()).trim(), 'Herkend: Qualtrics.');
    await expectValue(async () => (await intro()).startsWith('qualtrics-export.csv: 5 respondenten'), true);
    await expectValue(headerFlags, 'true,true,true,false,false');
    await dialog.screenshot({ path: process.env.VELDWERK_SCREENSHOT ?? join(dir, 'kopregels.png') });

    await dialog.getByTestId('survey-header-rows-count').selectOption('1');
    await expectValue(async () => (await intro()).startsWith('qualtrics-export.csv: 7 respondenten'), true);
    await expectValue(headerFlags, 'true,false,false,false,false');
    await dialog.getByTestId('survey-header-rows-count').selectOption('3');
    await expectValue(async () => (await intro()).startsWith('qualtrics-export.csv: 5 respondenten'), true);

    await dialog.getByTestId('survey-import-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await expectValue(async () => (await page.getByTestId('survey-respondents').innerText()).startsWith('5 respondenten'), true);
  });
});
