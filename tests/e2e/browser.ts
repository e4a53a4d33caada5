/** Headless Debian Chromium driven by playwright-core; no browser is downloaded. */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Locator } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium ontbreekt op ${CHROMIUM_PATH}; installeer het (apt-get install chromium) of zet CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/**
 * Polls `probe` until it returns something truthy. The UI renders
 * asynchronously, so a check read once right after an action can race it.
 */
export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`te lang gewacht op: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until `locator` matches exactly `expected` elements; fails with the last count seen. */
export async function expectCount(locator: Locator, expected: number, timeoutMs = 10_000): Promise<void> {
  let seen = -1;
  try {
    await waitFor(async () => (seen = await locator.count()) === expected, `${expected} elementen`, timeoutMs);
  } catch {
    throw new Error(`verwacht ${expected} elementen voor ${String(locator)}, gezien ${seen}`);
  }
}
