/**
 * The report dialog as a report writer meets it, on the demo study in a real
 * browser through the browser host: opened from the top bar, the outline with
 * its counts follows the choices, the house style is taken from a template
 * the writer uploads (a broken one is refused), a draft is made with a
 * progress bar and downloaded as a Word file in that house style.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { organisationTemplate } from '../fixtures/make-template';
import { startServe } from '../helpers/cli';
import { docxParts, styleElement } from '../helpers/docx-parts';
import { tempDir } from '../helpers/temp-study';
import { expectValue, launchChromium } from './browser';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const dir = tempDir('veldwerk-e2e-report-');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** The house style: the standard template downloads, a broken template is refused, the organisation's is taken. */
async function chooseHouseStyle(page: Page): Promise<void> {
  const dialog = page.getByTestId('report-dialog');
  const current = page.getByTestId('report-house-style');
  await expect.poll(() => current.textContent(), { timeout: 10_000 }).toBe('Standaardhuisstijl van Veldwerk');

  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Standaardsjabloon downloaden' }).click()]);
  expect(download.suggestedFilename()).toBe('Rapportsjabloon Veldwerk.docx');
  expect(readFileSync((await download.path())!).subarray(0, 2).toString()).toBe('PK');

  const input = page.getByTestId('report-template-input');
  await input.setInputFiles({ name: 'kapot.docx', mimeType: DOCX_TYPE, buffer: Buffer.from('Dit is geen Word-document.') });
  await expect.poll(() => page.getByTestId('report-house-style-error').textContent(), { timeout: 10_000 }).toBe('Het rapportsjabloon is geen geldig Word-document.');
  expect(await current.textContent()).toBe('Standaardhuisstijl van Veldwerk');

  await input.setInputFiles({ name: 'Huisstijl Inspectie.docx', mimeType: DOCX_TYPE, buffer: organisationTemplate() });
  await expect.poll(() => current.textContent(), { timeout: 10_000 }).toBe('Eigen sjabloon: Huisstijl Inspectie.docx');
  expect(await page.getByTestId('report-house-style-error').count()).toBe(0);
}

/** A minimum above the material hides the quotable fragments: the dialog says how many, and the writer may keep them. */
async function quotesBelowMinimum(page: Page): Promise<void> {
  const dialog = page.getByTestId('report-dialog');
  const outline = page.getByTestId('report-outline');
  const totals = () => outline.locator('.report-outline-totals').textContent();
  const minimum = dialog.getByLabel('Citaten pas bij minimaal … coderingen per norm');
  await minimum.fill('100');
  const panel = page.getByTestId('report-below-minimum');
  await panel.waitFor({ timeout: 10_000 });
  await expect.poll(totals, { timeout: 10_000 }).toMatch(/, 0 citaten,/);
  expect(await panel.locator('legend').textContent()).toMatch(/^Het minimum verbergt \d+ citeerbare fragmenten$/);
  if (process.env.VELDWERK_SCREENSHOT_DIR) await page.screenshot({ path: join(process.env.VELDWERK_SCREENSHOT_DIR, 'rapportvenster-minimum.png') });
  await panel.getByTestId('report-keep-quotes').check();
  await expect.poll(totals, { timeout: 10_000 }).not.toMatch(/, 0 citaten,/);
  expect(await panel.locator('legend').textContent()).toMatch(/citeerbare fragmenten onder het minimum toch gebruikt$/);
  await panel.getByRole('radio', { name: /Minimum toepassen/ }).check();
  await minimum.fill('3');
  await expect.poll(totals, { timeout: 10_000 }).not.toMatch(/, 0 citaten,/);
}

async function exerciseDialog(page: Page): Promise<void> {
  const dialog = page.getByTestId('report-dialog');
  await dialog.waitFor();
  const outline = page.getByTestId('report-outline');
  await outline.getByText('Betekenisvol contact').waitFor({ timeout: 30_000 });
  await expectValue(() => outline.getByText(/citaten/).first().isVisible(), true);

  // Leaving out a chapter shows in the outline; so does the appendix.
  await dialog.getByRole('checkbox', { name: 'Oorzaken' }).uncheck();
  await expect.poll(async () => outline.getByText('Oorzaken', { exact: true }).count(), { timeout: 10_000 }).toBe(0);
  await dialog.getByRole('checkbox', { name: /Verantwoording/ }).check();
  await outline.getByText('Bijlage: verantwoording (intern)').waitFor();
  await quotesBelowMinimum(page);
  await chooseHouseStyle(page);

  await page.getByTestId('report-generate').click();
  await page.getByTestId('report-progress').waitFor();
  const download = page.getByRole('button', { name: 'Downloaden', exact: true });
  await download.waitFor({ timeout: 90_000 });
  // Under the pointer the link stays readable: white text keeps its accent background.
  await download.hover();
  const hovered = await download.evaluate((element) => [getComputedStyle(element).color, getComputedStyle(element).backgroundColor]);
  expect(hovered[1], `tekst ${hovered[0]} op achtergrond ${hovered[1]}`).not.toMatch(/rgb\((24\d|25\d), (24\d|25\d), (24\d|25\d)\)/);
  // The button follows a one-time link: the access token is never in a download address.
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  const href = new URL(file.url()).pathname;
  expect(file.url()).toMatch(/\/api\/download\/report\/[0-9a-f-]{36}\?once=[\w-]+$/);
  const fetched = await page.evaluate(async (path) => {
    const token = sessionStorage.getItem('veldwerk.token')!;
    const link = await fetch('/api/download-link', { method: 'POST', headers: { 'X-Veldwerk-Token': token }, body: JSON.stringify({ path }) });
    const { value } = (await link.json()) as { value: { href: string } };
    const response = await fetch(value.href);
    const bytes = new Uint8Array(await response.arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return { status: response.status, type: response.headers.get('content-type'), base64: btoa(binary) };
  }, href);
  expect(fetched.status).toBe(200);
  expect(fetched.type).toContain('wordprocessingml');
  const draft = Buffer.from(fetched.base64, 'base64');
  expect(draft.subarray(0, 2).toString()).toBe('PK');
  expect(draft.byteLength).toBeGreaterThan(50_000);
  // In the chosen house style: the organisation's font and colour on the chapter headings.
  const heading = styleElement((await docxParts(draft)).get('word/styles.xml')!, 'Heading1');
  expect(heading).toContain('w:ascii="Georgia"');
  expect(heading).toContain('w:val="8B1A1A"');
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
