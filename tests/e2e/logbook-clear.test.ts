/**
 * Team › Logboek: "Filters wissen" is a plain button, usable only when a
 * filter is set (found in the new-user walk: it looked like the main action
 * with nothing to clear).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-study';
import { openDemoApp, type OpenApp } from './open-app';

const dir = tempDir('veldwerk-e2e-logbook-clear-');
let app: OpenApp;

beforeAll(async () => {
  app = await openDemoApp(dir);
});

afterAll(() => app?.close());

it('offers "Filters wissen" only when a filter is set, as a plain button', async () => {
  const { page } = app;
  await page.getByTestId('view-team').click();
  await page.getByTestId('team-tab-logbook').click();
  const clear = page.getByRole('button', { name: 'Filters wissen' });
  const primaryLook = () => clear.evaluate((button) => getComputedStyle(button).color === 'rgb(255, 255, 255)');
  await clear.waitFor();
  expect(await clear.isDisabled()).toBe(true);
  expect(await primaryLook()).toBe(false);
  await page.getByTestId('logbook-search').fill('geopend');
  await expect.poll(() => clear.isEnabled()).toBe(true);
  await page.screenshot({ path: process.env.SHOT ?? join(dir, 'logboek.png') });
  await clear.click();
  expect(await page.getByTestId('logbook-search').inputValue()).toBe('');
  await expect.poll(() => clear.isDisabled()).toBe(true);
});
