/**
 * The privacy review in the report dialog as a report writer meets it, on the
 * demo study in a real browser (browser host): "Controleren" shows what the
 * overarching draft would carry, by person and kind, in context; a choice is
 * stored and shows at once.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServe } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';
import { launchChromium } from './browser';

const dir = tempDir('veldwerk-e2e-privacy-');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('privacy review end to end', () => {
  it('lists the details a draft would carry and stores a choice', async () => {
    const server = startServe(['--demo'], { VELDWERK_HOME: join(dir, 'home') });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    try {
      await page.goto(await server.url);
      await page.getByTestId('source-list').waitFor({ timeout: 60_000 });
      await page.getByTestId('report-button').click();
      const dialog = page.getByTestId('report-dialog');
      await dialog.getByRole('radio', { name: 'Overkoepelend rapport' }).check();
      const review = page.getByTestId('privacy-review');
      await review.getByTestId('privacy-check').click();
      await review.getByTestId('privacy-unresolved').waitFor({ timeout: 90_000 });
      // The demo's jeugdzorgwerker named in a client file: found, proposed to the register from the sources, and replaced by her role.
      const row = review.locator('li', { has: page.locator('mark', { hasText: 'Rianne' }) }).first();
      await row.waitFor();
      expect(await row.textContent()).toMatch(/wordt (?:\[naam\]|de jeugdzorgwerker)/i);
      await row.getByRole('button', { name: 'Vervangen' }).click();
      await expect.poll(() => row.getByRole('button', { name: 'Vervangen' }).getAttribute('aria-pressed'), { timeout: 60_000 }).toBe('true');
      // The pseudonym the reports use is the register's, and changing it shows at once.
      // Rianne's own group (the review lists every person the draft names, alphabetically).
      const riannesGroup = review.locator('.privacy-group', { has: page.locator('h4', { hasText: /^Rianne →/ }) });
      const pseudonym = riannesGroup.getByRole('textbox', { name: 'In het rapport' });
      await pseudonym.fill('haar jeugdzorgwerker');
      await pseudonym.press('Enter');
      await expect.poll(() => row.textContent(), { timeout: 60_000 }).toContain('wordt Haar jeugdzorgwerker');
      await page.screenshot({ path: join(process.env.VELDWERK_SCREENSHOT_DIR ?? dir, 'privacycontrole.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await server.stop();
    }
  });
});
