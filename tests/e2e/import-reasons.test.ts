/**
 * A refused or skipped file is named once: the row shows the file name, the
 * reason beside it does not repeat it (found in the new-user walk), in the
 * single import and in the folder table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeDocx, truncate } from '../fixtures/make-files';
import { tempDir } from '../helpers/temp-study';
import { openDemoApp, type OpenApp } from './open-app';

const dir = tempDir('veldwerk-e2e-import-reasons-');
let app: OpenApp;
const times = (text: string, part: string) => text.split(part).length - 1;

beforeAll(async () => {
  app = await openDemoApp(dir);
});

afterAll(() => app?.close());

it('names a refused file once in the import results and a skipped one once in the folder table', async () => {
  const { page } = app;
  const damaged = join(dir, 'kapot-verslag.docx');
  writeFileSync(damaged, truncate(await makeDocx([{ text: 'Verslag van een fictief huisbezoek.' }])));
  const note = join(dir, 'notitie-e2e.txt');
  writeFileSync(note, 'Fictieve notitie over een huisbezoek.');
  await page.getByTestId('import-button').click();
  await page.getByTestId('import-file-input').setInputFiles([damaged, note]);
  await page.getByTestId('import-institution').selectOption({ index: 1 });
  await page.getByTestId('import-type').selectOption('clientdossier');
  await page.getByTestId('import-submit').click();
  const refused = page.locator('[data-testid="import-result-row"][data-status="rejected"]');
  await refused.waitFor();
  await page.screenshot({ path: process.env.SHOT ?? join(dir, 'import.png') });
  const row = await refused.innerText();
  expect(row).toMatch(/beschadigd/);
  expect(times(row, 'kapot-verslag.docx')).toBe(1);

  const folder = join(dir, 'levering');
  mkdirSync(folder);
  writeFileSync(join(folder, 'notitie-e2e.txt'), 'Fictieve notitie over een huisbezoek.');
  await page.getByTestId('batch-folder-input').setInputFiles(folder);
  const skipped = page.locator('[data-testid="batch-refused-row"][data-status="duplicate"]');
  await skipped.waitFor();
  await page.screenshot({ path: process.env.SHOT_BATCH ?? join(dir, 'map.png') });
  const skippedRow = await skipped.innerText();
  expect(skippedRow).toMatch(/al geïmporteerd/i);
  expect(times(skippedRow, 'notitie-e2e.txt')).toBe(1);
});
