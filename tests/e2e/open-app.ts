/**
 * The browser host on a study file and a Chromium page on it, as the e2e
 * tests start them: one call in `beforeAll`, `close()` in `afterAll`.
 */
import type { Browser, Page } from 'playwright-core';
import { startServe } from '../helpers/cli';
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
