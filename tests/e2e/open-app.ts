/**
 * The browser host on a study file and a Chromium page on it, as the e2e
 * tests start them: one call in `beforeAll`, `close()` in `afterAll`.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { startServe, veldwerk } from '../helpers/cli';
import { launchChromium } from './browser';

export interface OpenApp {
  /** The host's address with its token (also what `callHost` takes). */
  url: string;
  browser: Browser;
  page: Page;
  /** Close the browser and stop the host; safe to call twice. */
  close(): Promise<void>;
}

export async function openApp(serveArgs: string[], env: Record<string, string>): Promise<OpenApp> {
  const server = startServe(serveArgs, env);
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await server.stop();
  };
  try {
    const url = await server.url;
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    page.on('pageerror', (error) => console.error('paginafout:', error));
    await page.goto(url);
    return { url, browser, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The browser host on a new demo study in `dir` (made with `veldwerk init --demo`), its source list shown. */
export async function openDemoApp(dir: string): Promise<OpenApp & { studyPath: string }> {
  const studyPath = join(dir, 'demo.veldwerk');
  const init = veldwerk(['init', studyPath, '--demo'], { VELDWERK_HOME: dir });
  expect(init.code, init.stderr).toBe(0);
  const app = await openApp([studyPath], { VELDWERK_HOME: dir });
  await app.page.getByTestId('source-list').waitFor();
  return { ...app, studyPath };
}

/**
 * A new study made through the setup wizard from the start screen: one institution, inspector Eva Testers (ET).
 * `passphrase`: typed twice where the wizard asks for one (a host without a keychain or passphrase file).
 */
export async function createStudyInWizard(page: Page, name: string, institution = 'GI Testland', passphrase?: string): Promise<void> {
  await page.getByTestId('start-screen').waitFor();
  await page.getByTestId('new-study-button').click();
  await page.getByTestId('setup-name').fill(name);
  await page.getByTestId('setup-institution-input').fill(institution);
  await page.getByTestId('setup-institution-add').click();
  await page.getByTestId('setup-inspector-name').fill('Eva Testers');
  await page.getByTestId('setup-inspector-initials').fill('ET');
  await page.getByTestId('setup-inspector-add').click();
  if (passphrase !== undefined) {
    const asked = page.getByTestId('setup-passphrase');
    await asked.getByTestId('new-passphrase').fill(passphrase);
    await asked.getByTestId('repeat-passphrase').fill(passphrase);
  }
  await page.getByTestId('setup-submit').click();
}
