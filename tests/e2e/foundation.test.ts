/**
 * The foundation as a new user meets it, in a real browser through the
 * browser host: create a study, import a file through the UI, find a phrase,
 * open the hit, reload, and find everything still there.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeDocx } from '../fixtures/make-files';
import { startServe } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';
import { expectContains, expectCount, expectValue, launchChromium } from './browser';

const dir = tempDir('veldwerk-e2e-');
const studyPath = join(dir, 'nieuwe-ronde.veldwerk');
let server: ReturnType<typeof startServe>;
let browser: Browser;
let page: Page;
let url: string;

beforeAll(async () => {
  server = startServe([studyPath], { VELDWERK_HOME: dir });
  url = await server.url;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (error) => console.error('paginafout:', error));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('foundation end to end', () => {
  it('creates a study through the setup wizard', async () => {
    await page.goto(url);
    await page.getByTestId('start-screen').waitFor();
    await page.getByTestId('new-study-button').click();
    await page.getByTestId('setup-name').fill('Toezichtronde E2E');
    await page.getByTestId('setup-institution-input').fill('GI Testland');
    await page.getByTestId('setup-institution-add').click();
    await page.getByTestId('setup-inspector-name').fill('Eva Testers');
    await page.getByTestId('setup-inspector-initials').fill('ET');
    await page.getByTestId('setup-inspector-add').click();
    await page.getByTestId('setup-submit').click();
    // A new study has no sources yet: the pane shows its empty state and the import button.
    await page.getByTestId('import-button').waitFor();
    await expectValue(() => page.getByText('Toezichtronde E2E').first().isVisible(), true);
  });

  it('imports a Word file through the UI with a progress bar and a result', async () => {
    const docx = join(dir, 'Gesprek met ouders.docx');
    writeFileSync(
      docx,
      await makeDocx([
        { text: 'Gesprek met ouders', heading: 1 },
        { text: 'Moeder vertelt dat zij pas na drie maanden over het plan van aanpak is geïnformeerd.' },
        { text: 'Vader zegt dat de kangoeroeafspraak over de weekenden goed werkt.' },
      ]),
    );
    await page.getByTestId('import-button').click();
    await page.getByTestId('import-file-input').setInputFiles(docx);
    await page.getByTestId('import-institution').selectOption({ label: 'GI Testland' });
    await page.getByTestId('import-type').selectOption('interview');
    await page.getByTestId('import-role').selectOption('ouder');
    await page.getByTestId('import-submit').click();
    const row = page.getByTestId('import-result-row');
    await row.first().waitFor();
    expect(await row.first().getAttribute('data-status')).toBe('imported');
    await page.getByTestId('import-close').click();
    await expectCount(page.getByTestId('source-row').filter({ hasText: 'Gesprek met ouders' }), 1);
  });

  it('finds a phrase with search and opens the hit in context', async () => {
    await page.getByTestId('search-input').fill('kangoeroeafspraak');
    await page.getByTestId('search-input').press('Enter');
    const hit = page.getByTestId('search-hit').first();
    await hit.waitFor();
    await hit.click();
    await expectContains(() => page.getByTestId('document-title').innerText(), 'Gesprek met ouders');
    const mark = page.getByTestId('hit-mark');
    await mark.waitFor({ state: 'visible' });
    expect(await mark.innerText()).toBe('kangoeroeafspraak');
    expect(await mark.isVisible()).toBe(true);
  });

  it('finds diacritics-folded text and keeps everything after a reload', async () => {
    await page.reload();
    await page.getByTestId('source-list').waitFor();
    await expectCount(page.getByTestId('source-row').filter({ hasText: 'Gesprek met ouders' }), 1);
    await page.getByTestId('search-input').fill('geinformeerd');
    await page.getByTestId('search-input').press('Enter');
    await page.getByTestId('search-hit').first().waitFor();
    await page.getByTestId('search-hit').first().click();
    await page.getByTestId('hit-mark').waitFor({ state: 'visible' });
    await expectValue(() => page.getByTestId('hit-mark').innerText(), 'geïnformeerd');
  });
});
