/**
 * Findings as a report writer writes them, in a real browser through the
 * browser host, on the demo study: beside a judgment the data suggest findings
 * with computed figures, one is taken over, a conclusion is written, and Ctrl+Z
 * takes it back, each checked through the API.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CallName } from '../../shared/api/contract';
import type { SessionState } from '../../shared/api/types';
import type { Finding } from '../../shared/findings';
import { startServe, veldwerk } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';
import { expectCount, launchChromium, waitFor } from './browser';
import { callHost } from './host-api';

const dir = tempDir('veldwerk-e2e-findings-');
const studyPath = join(dir, 'demo.veldwerk');
const env = { VELDWERK_HOME: dir };
let server: ReturnType<typeof startServe>;
let browser: Browser;
let page: Page;
let url: string;
let institutionId: string;
let contactId: string;

const api = <T>(name: CallName, input: object = {}) => callHost<T>(url, name, input);
const findingsHere = async () => (await api<Finding[]>('finding.list')).filter((finding) => finding.codeId === contactId && finding.institutionId === institutionId);

beforeAll(async () => {
  expect(veldwerk(['init', studyPath, '--demo'], env).code).toBe(0);
  server = startServe([studyPath], env);
  url = await server.url;
  institutionId = (await api<SessionState>('session.state')).institutions[0]!.id;
  contactId = (await api<Array<{ id: string; key: string }>>('framework.list')).find((code) => code.key === 'contact')!.id;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => console.error('paginafout:', error));
  await page.goto(url);
  await page.getByTestId('view-judgments').click();
  await page.locator(`[data-testid="judgment-cell"][data-code-key="contact"][data-institution-id="${institutionId}"]`).click();
  await page.getByTestId('findings-panel').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('findings beside the judgment', () => {
  it('takes over a suggestion from the data with its computed figures', async () => {
    const suggestion = page.getByTestId('finding-suggestion').first();
    await suggestion.waitFor();
    const text = (await suggestion.locator('.finding-text').innerText()).trim();
    await suggestion.getByTestId('finding-accept').click();
    await expectCount(page.getByTestId('finding'), 1);
    const stored = await waitFor(async () => (await findingsHere()).find((finding) => finding.text === text), 'de overgenomen bevinding');
    expect(stored.figures.length).toBeGreaterThan(0);
    // Taken over, it is no longer offered.
    expect(await page.getByTestId('finding-suggestion').locator('.finding-text', { hasText: text }).count()).toBe(0);
  });

  it('writes a conclusion, and Ctrl+Z takes it back', async () => {
    await page.getByTestId('finding-new').click();
    await page.getByTestId('finding-kind').selectOption('conclusie');
    await page.getByTestId('finding-text').fill('Het eerste contact komt bij deze instelling vaak te laat.');
    await page.getByTestId('finding-save').click();
    await expectCount(page.getByTestId('finding'), 2);
    const conclusion = await waitFor(async () => (await findingsHere()).find((finding) => finding.kind === 'conclusie'), 'de conclusie');
    expect(conclusion.text).toBe('Het eerste contact komt bij deze instelling vaak te laat.');

    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await expectCount(page.getByTestId('finding'), 1);
    expect((await findingsHere()).some((finding) => finding.kind === 'conclusie')).toBe(false);
  });
});

describe('the storyline in the report dialog', () => {
  it('adds a theme over a norm, which the overarching outline follows', async () => {
    await page.keyboard.press('Escape');
    await page.getByTestId('report-button').click();
    const dialog = page.getByTestId('report-dialog');
    await dialog.getByRole('radio', { name: 'Overkoepelend rapport' }).check();
    await dialog.getByTestId('storyline-add').click();
    const theme = dialog.getByTestId('storyline-theme');
    await expectCount(theme, 1);
    await theme.getByRole('textbox', { name: 'Titel van het thema' }).fill('Onvoldoende bescherming en begeleiding');
    // The checkbox follows the stored theme, so it turns on once saved.
    await theme.getByRole('checkbox', { name: 'Betekenisvol contact' }).click();
    const stored = await waitFor(async () => {
      const [one] = await api<Array<{ title: string; codeIds: string[] }>>('theme.list');
      return one && one.title === 'Onvoldoende bescherming en begeleiding' && one.codeIds.includes(contactId) ? one : null;
    }, 'het thema in het onderzoek');
    expect(stored.codeIds).toEqual([contactId]);
    await page.getByTestId('report-outline').getByText('Onvoldoende bescherming en begeleiding').waitFor({ timeout: 30_000 });
  });
});
