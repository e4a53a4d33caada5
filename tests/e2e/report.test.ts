/**
 * The report dialog as a report writer meets it, on the demo study in a real
 * browser through the browser host: opened from the top bar, the outline with
 * its counts follows the choices, a draft is made with a progress bar and
 * downloaded as a Word file.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServe } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';
import { launchChromium } from './browser';

const dir = tempDir('veldwerk-e2e-report-');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function exerciseDialog(page: Page): Promise<void> {
  const dialog = page.getByTestId('report-dialog');
  await dialog.waitFor();
  const outline = page.getByTestId('report-outline');
  await outline.getByText('Betekenisvol contact').waitFor({ timeout: 30_000 });
  await expect(outline.getByText(/citaten/).first().isVisible()).resolves.toBe(true);

  // Leaving out a chapter shows in the outline; so does the appendix.
  await dialog.getByRole('checkbox', { name: 'Oorzaken' }).uncheck();
  await expect.poll(async () => outline.getByText('Oorzaken', { exact: true }).count(), { timeout: 10_000 }).toBe(0);
  await dialog.getByRole('checkbox', { name: /Verantwoording/ }).check();
  await outline.getByText('Bijlage: verantwoording (intern)').waitFor();

  await page.getByTestId('report-generate').click();
  await page.getByTestId('report-progress').waitFor();
  const download = page.getByRole('link', { name: 'Downloaden' });
  await download.waitFor({ timeout: 90_000 });
  const href = await download.getAttribute('href');
  expect(href).toMatch(/^\/api\/download\/report\/[0-9a-f-]{36}\?token=/);
  const fetched = await page.evaluate(async (address) => {
    const response = await fetch(address!);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, type: response.headers.get('content-type'), start: String.fromCharCode(bytes[0]!, bytes[1]!), size: bytes.length };
  }, href);
  expect(fetched).toMatchObject({ status: 200, start: 'PK' });
  expect(fetched.type).toContain('wordprocessingml');
  expect(fetched.size).toBeGreaterThan(50_000);
}

describe('report dialog end to end', () => {
  it('opens from the Rapport… button, makes a draft and offers it for download', async () => {
    const server = startServe(['--demo'], { VELDWERK_HOME: join(dir, 'home') });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    try {
      await page.goto(await server.url);
      await page.getByTestId('source-list').waitFor({ timeout: 60_000 });
      await page.getByTestId('report-button').click();
      await exerciseDialog(page);
      await page.screenshot({ path: join(process.env.VELDWERK_SCREENSHOT_DIR ?? dir, 'rapportvenster.png') });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await server.stop();
    }
  });
});
