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

/**
 * Polls `read` until its value passes `check`. What the page shows follows an
 * action after one or more renders, so one read right after it can race them.
 */
async function expectEventually<T>(read: () => Promise<T>, check: (value: T) => boolean, expectation: string, timeoutMs = 10_000): Promise<void> {
  let seen: T | undefined;
  try {
    await waitFor(async () => check((seen = await read())), expectation, timeoutMs);
  } catch {
    throw new Error(`verwacht ${expectation}, gezien ${JSON.stringify(seen)}`);
  }
}

export const expectValue = <T>(read: () => Promise<T>, expected: T) =>
  expectEventually(read, (value) => Object.is(value, expected), JSON.stringify(expected));

export const expectContains = (read: () => Promise<string | null>, part: string) =>
  expectEventually(read, (value) => value?.includes(part) ?? false, `iets met ${JSON.stringify(part)}`);

export const expectMatch = (read: () => Promise<string | null>, pattern: RegExp) =>
  expectEventually(read, (value) => value !== null && pattern.test(value), String(pattern));
