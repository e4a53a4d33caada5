/**
 * A new user imports one PDF whose middle page is a scan without text: the
 * source opens by itself after the import, under the title from the PDF, and
 * the document view says which page has no readable text.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makePdfWithBlankPage, makeScannedPdf } from '../fixtures/make-real-pdfs';
import { tempDir } from '../helpers/temp-study';
import { expectContains, expectValue } from './browser';
import { openApp, type OpenApp, createStudyInWizard } from './open-app';

const dir = tempDir('veldwerk-e2e-realfiles-');
let app: OpenApp;
let page: Page;

beforeAll(async () => {
  app = await openApp([join(dir, 'echte-bestanden.veldwerk')], { VELDWERK_HOME: dir });
  page = app.page;
});

afterAll(() => app?.close());

describe('importing a real file end to end', () => {
  it('opens the new source under its own title and flags the page without text', async () => {
    await createStudyInWizard(page, 'Echte bestanden E2E');
    await page.getByTestId('import-button').waitFor();

    const pdf = await PDFDocument.load(await makePdfWithBlankPage());
    pdf.setTitle('Dossierstuk gezinsvoogdij (fictief)');
    const path = join(dir, 'scan_0042.pdf');
    writeFileSync(path, await pdf.save());
    await page.getByTestId('import-button').click();
    await page.getByTestId('import-file-input').setInputFiles(path);
    await page.getByTestId('import-institution').selectOption({ label: 'GI Testland' });
    await page.getByTestId('import-type').selectOption('clientdossier');
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-result-row').first().waitFor();

    await expectValue(() => page.getByTestId('document-title').innerText(), 'Dossierstuk gezinsvoogdij (fictief)');
    await expectContains(() => page.getByTestId('document-sparse-pages').innerText(), 'Pagina 2 bevat weinig of geen leesbare tekst');
    await page.screenshot({ path: process.env.VELDWERK_SCREENSHOT ?? join(dir, 'bron.png') });
  });

  it('reads a scanned page by OCR and says so in the document view', async () => {
    const path = join(dir, 'gescand-verslag.pdf');
    writeFileSync(path, await makeScannedPdf());
    await page.getByTestId('import-button').click();
    await page.getByTestId('import-file-input').setInputFiles(path);
    await page.getByTestId('import-institution').selectOption({ label: 'GI Testland' });
    await page.getByTestId('import-type').selectOption('clientdossier');
    await page.getByTestId('import-submit').click();
    await expectValue(() => page.getByTestId('document-title').innerText(), 'gescand-verslag');
    await expectContains(() => page.getByTestId('document-ocr-pages').innerText(), 'De tekst van pagina 2 is met tekstherkenning (OCR)');
    await expectContains(() => page.getByTestId('document-view').innerText(), 'huisbezoek');
    await page.screenshot({ path: process.env.VELDWERK_SCREENSHOT_OCR ?? join(dir, 'ocr.png') });
  });
});
