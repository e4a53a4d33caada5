/**
 * The exchange dialog as an analyst meets it, on the demo study in a real
 * browser through the browser host: opened from the top bar, an Excel table
 * exported pseudonymised and downloaded, the warning of a full export shown,
 * and a project imported (a broken one refused with a Dutch message).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServe } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';
import { launchChromium } from './browser';

const dir = tempDir('veldwerk-e2e-exchange-');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('exchange dialog end to end', () => {
  it('exports a table for download, warns for a full export, and imports a project', async () => {
    const server = startServe(['--demo'], { VELDWERK_HOME: join(dir, 'home') });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    try {
      await page.goto(await server.url);
      await page.getByTestId('source-list').waitFor({ timeout: 60_000 });
      await page.getByTestId('exchange-button').click();
      const dialog = page.getByTestId('exchange-dialog');
      await dialog.waitFor();

      await dialog.getByRole('radio', { name: /Gecodeerde fragmenten/ }).check();
      await page.getByTestId('exchange-export').click();
      const link = dialog.getByTestId('exchange-download');
      await link.waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('exchange-result').textContent()).toMatch(/fragmenten\.xlsx/);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toMatch(/ - fragmenten\.xlsx$/);

      await page.getByTestId('exchange-full').check();
      expect(await dialog.getByRole('alert').textContent()).toMatch(/herkenbare gegevens/);
      await page.getByTestId('exchange-full').uncheck();

      // The demo's own project, exported here and imported back: nothing is added twice.
      await dialog.getByRole('radio', { name: /Project \(REFI-QDA/ }).check();
      await page.getByTestId('exchange-export').click();
      const projectLink = dialog.getByTestId('exchange-download');
      await expect.poll(async () => (await page.getByTestId('exchange-result').textContent()) ?? '', { timeout: 60_000 }).toMatch(/\.qdpx/);
      const [projectDownload] = await Promise.all([page.waitForEvent('download'), projectLink.click()]);
      const input = page.getByTestId('exchange-import-input');
      await input.setInputFiles({ name: 'kapot.qdpx', mimeType: 'application/octet-stream', buffer: Buffer.from('geen zip') });
      await expect.poll(async () => (await page.getByTestId('exchange-error').textContent()) ?? '', { timeout: 30_000 }).toMatch(/zip-archief is beschadigd/);
      await input.setInputFiles((await projectDownload.path())!);
      // First what it would add, and where each code goes; the user can change that before importing.
      const mapping = page.getByTestId('exchange-mapping');
      await mapping.waitFor({ timeout: 60_000 });
      expect(await mapping.textContent()).toMatch(/voegt 0 bronnen en 0 coderingen toe/);
      const contact = mapping.getByRole('combobox', { name: 'Waar gaat "Betekenisvol contact" heen' });
      expect(await contact.inputValue()).toBe('contact');
      await mapping.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(process.env.VELDWERK_SCREENSHOT_DIR ?? dir, 'uitwisselen-koppeling.png') });
      await page.getByTestId('exchange-import').click();
      await expect.poll(async () => (await page.getByTestId('exchange-imported').textContent()) ?? '', { timeout: 60_000 }).toMatch(/^Ingelezen: 0 bronnen toegevoegd .* 0 coderingen toegevoegd/);
      await page.screenshot({ path: join(process.env.VELDWERK_SCREENSHOT_DIR ?? dir, 'uitwisselen.png') });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await server.stop();
    }
  });
});
