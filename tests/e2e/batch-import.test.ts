/**
 * A new user imports a folder with sub-folders through the browser host: one
 * table before anything is stored, details guessed from folder names, titles
 * from the documents, refused files with their reason; one column set for the
 * selected rows; nothing is stored until Importeren. Then a dossier zip.
 * And a scanned PDF whose OCR shows its page and is cancelled from the panel;
 * one imported whole, whose coded OCR passage is marked "(OCR)".
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeDocx, makePdf } from '../fixtures/make-files';
import { makeScannedPdf } from '../fixtures/make-real-pdfs';
import { tempDir } from '../helpers/temp-study';
import { expectContains, expectValue } from './browser';
import { openApp, type OpenApp, createStudyInWizard } from './open-app';
import { callHost } from './host-api';
import type { Code, SourceDocument, SourceSummary } from '../../shared/api/types';

const dir = tempDir('veldwerk-e2e-batch-');
let app: OpenApp;
let page: Page;
const folder = join(dir, 'Aanlevering GI Testland');

beforeAll(async () => {
  mkdirSync(join(folder, 'Interviews jeugdigen'), { recursive: true });
  mkdirSync(join(folder, 'Diversen'), { recursive: true });
  writeFileSync(join(folder, 'Interviews jeugdigen', 'opname-7.docx'), await makeDocx([{ text: 'Gesprek met een jongere over contact', heading: 1 }, { text: 'Ik zie mijn jeugdbeschermer bijna nooit.' }]));
  writeFileSync(join(folder, 'Diversen', 'scan_0001.pdf'), await makePdf([['Verslag van een fictief huisbezoek.']]));
  writeFileSync(join(folder, 'Diversen', 'oud.doc'), 'geen echt document');
  app = await openApp([join(dir, 'batch.veldwerk')], { VELDWERK_HOME: dir });
  page = app.page;
});

afterAll(() => app?.close());

const sourceRows = () => page.getByTestId('source-row').count();

describe('batch import in the browser host', () => {
  it('shows a chosen folder as one table, stores nothing until confirmed, then imports every row', async () => {
    await createStudyInWizard(page, 'Map importeren E2E');
    await page.getByTestId('batch-folder-button').waitFor();

    await page.getByTestId('batch-folder-input').setInputFiles(folder);
    await page.getByTestId('batch-table').waitFor();
    const interview = page.locator('[data-testid="batch-row"][data-path$="opname-7.docx"]');
    const scan = page.locator('[data-testid="batch-row"][data-path$="scan_0001.pdf"]');
    expect(await interview.getByTestId('batch-title').inputValue()).toBe('Gesprek met een jongere over contact');
    expect(await interview.getByTestId('batch-type').inputValue()).toBe('interview');
    expect(await interview.getByTestId('batch-role').inputValue()).toBe('jeugdige');
    expect(await interview.getByTestId('batch-institution').locator('option:checked').innerText()).toBe('GI Testland');
    expect(await scan.getByTestId('batch-type').inputValue()).toBe('');
    expect(await scan.getByTestId('batch-file-facts').innerText()).toBe('PDF · 1 pagina');
    await expectContains(() => page.getByTestId('batch-refused-row').innerText(), 'oud.doc');
    await expectContains(() => page.getByTestId('batch-incomplete').innerText(), 'Vul bij 1 rij nog instelling en brontype in');
    expect(await page.getByTestId('batch-submit').isDisabled()).toBe(true);
    expect(await sourceRows()).toBe(0);

    // Set one column for the selected rows: both become policy documents.
    await page.getByTestId('batch-select-all').check();
    await page.getByTestId('batch-bulk-column').selectOption('sourceType');
    await page.getByTestId('batch-bulk-value').selectOption('beleidsdocument');
    await page.getByTestId('batch-bulk-apply').click();
    expect(await interview.getByTestId('batch-type').inputValue()).toBe('beleidsdocument');
    // And one row by hand.
    await interview.getByTestId('batch-type').selectOption('interview');
    await scan.getByTestId('batch-title').fill('Huisbezoek (fictief)');
    await page.screenshot({ path: process.env.VELDWERK_SCREENSHOT ?? join(dir, 'batch.png') });

    await page.getByTestId('batch-submit').click();
    await page.getByTestId('import-result-row').first().waitFor();
    await expectValue(() => sourceRows(), 2);
    await expectContains(() => page.getByTestId('source-list').innerText(), 'Huisbezoek (fictief)');
    await page.getByTestId('batch-close').click();
  });

  it('still takes loose files dropped on the window to the ordinary import', async () => {
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['Losse notitie van een fictief huisbezoek.'], 'los-gedropt.txt', { type: 'text/plain' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, cancelable: true }));
    });
    await expectContains(() => page.getByTestId('import-panel').innerText(), '1 bestand');
    expect(await page.getByTestId('batch-panel').count()).toBe(0);
    await page.getByTestId('import-close').click();
  });

  it('reads a dossier zip written by Info-ZIP and lists the files already imported', async () => {
    const zip = join(dir, 'dossier.zip');
    execFileSync('zip', ['-q', '-r', zip, 'Aanlevering GI Testland'], { cwd: dir });
    await page.getByTestId('batch-zip-input').setInputFiles(zip);
    await page.getByTestId('batch-counts').waitFor();
    await expectContains(() => page.getByTestId('batch-counts').innerText(), '0 bestanden te importeren, 3 niet');
    expect(await page.locator('[data-testid="batch-refused-row"][data-status="duplicate"]').count()).toBe(2);
    // The reason says it once; nothing to import offers only the way out.
    const duplicate = await page.locator('[data-testid="batch-refused-row"][data-status="duplicate"]').first().innerText();
    expect(duplicate).toContain('al geïmporteerd');
    expect(duplicate).not.toContain('(al aanwezig)');
    expect(await page.getByTestId('batch-submit').count()).toBe(0);
    expect(await page.getByTestId('batch-nothing-close').isVisible()).toBe(true);
    await page.getByTestId('batch-close').click();
    expect(await page.getByTestId('batch-panel').count()).toBe(0);
  });
});

describe('OCR progress and cancel in the import panel', () => {
  it('shows the page OCR reads and stores nothing of a scan whose import is cancelled', async () => {
    const path = join(dir, 'gescande-brief.pdf');
    writeFileSync(path, await makeScannedPdf(2));
    const before = await sourceRows();
    await page.getByTestId('import-button').click();
    await page.getByTestId('import-file-input').setInputFiles(path);
    await page.getByTestId('import-institution').selectOption({ label: 'GI Testland' });
    await page.getByTestId('import-type').selectOption('clientdossier');
    await page.getByTestId('import-submit').click();
    await expectContains(() => page.getByTestId('ocr-progress').innerText(), 'Tekstherkenning (OCR) in gescande-brief.pdf: pagina 1 van 2');
    await page.screenshot({ path: process.env.VELDWERK_SCREENSHOT_OCR ?? join(dir, 'ocr-cancel.png') });
    await page.getByTestId('import-cancel').click();
    await expectContains(() => page.getByTestId('import-result-row').innerText(), 'afgebroken op verzoek');
    expect(await page.getByTestId('import-result-row').getAttribute('data-status')).toBe('rejected');
    expect(await sourceRows()).toBe(before);
    await page.getByTestId('import-close').click();
  });

  it('marks a passage coded on an OCR page with (OCR) in the retrieval list', async () => {
    const path = join(dir, 'gescand-verslag.pdf');
    writeFileSync(path, await makeScannedPdf(1));
    await page.getByTestId('import-button').click();
    await page.getByTestId('import-file-input').setInputFiles(path);
    await page.getByTestId('import-institution').selectOption({ label: 'GI Testland' });
    await page.getByTestId('import-type').selectOption('clientdossier');
    await page.getByTestId('import-submit').click();
    await expectContains(() => page.getByTestId('document-ocr-pages').innerText(), 'pagina 2');
    const sources = await callHost<SourceSummary[]>(app.url, 'sources.list');
    const scan = sources.find((source) => source.fileName === 'gescand-verslag.pdf')!;
    const document = await callHost<SourceDocument>(app.url, 'source.get', { id: scan.id });
    const contact = (await callHost<Code[]>(app.url, 'framework.list')).find((code) => code.key === 'contact')!;
    const code = (start: number, end: number) => callHost(app.url, 'coding.create', { sourceId: scan.id, codeId: contact.id, start, end });
    await code(0, 10); // the typed cover page
    await code(document.pageStarts![1]!, document.pageStarts![1]! + 20); // the recognised page
    await page.getByTestId('retrieval-tab').click();
    await page.locator('[data-testid="retrieval-code"][data-code-key="contact"]').click();
    const cards = page.locator(`[data-testid="retrieval-segment"][data-source-id="${scan.id}"]`);
    await expectValue(() => cards.count(), 2);
    await expectValue(() => cards.getByTestId('segment-ocr').count(), 1);
    expect(await cards.nth(1).getByTestId('segment-ocr').innerText()).toBe('(OCR)');
    await page.screenshot({ path: process.env.VELDWERK_SCREENSHOT_OCR_MARK ?? join(dir, 'ocr-mark.png') });
  });
});

