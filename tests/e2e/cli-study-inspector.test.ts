/**
 * A study made with `veldwerk init` (no inspector named) opened in the app:
 * the app asks who is working and lets them add themselves; no placeholder
 * person shows anywhere (found in the new-user walk).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { veldwerk } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';
import { openApp, type OpenApp } from './open-app';

const dir = tempDir('veldwerk-e2e-cli-inspector-');
const studyPath = join(dir, 'cli.veldwerk');
let app: OpenApp;

beforeAll(async () => {
  const env = { VELDWERK_HOME: dir };
  expect(veldwerk(['init', studyPath, '--name', 'Ronde CLI'], env).code).toBe(0);
  app = await openApp([studyPath], env);
});

afterAll(() => app?.close());

it('asks who is working, lets them add themselves, and shows no placeholder', async () => {
  const { page } = app;
  const dialog = page.getByRole('dialog', { name: 'Wie ben je?' });
  await dialog.waitFor();
  expect(await page.locator('body').innerText()).not.toMatch(/\bINS\b/);
  await dialog.getByTestId('inspector-new-name').fill('Iris Veld');
  await page.screenshot({ path: process.env.SHOT ?? join(dir, 'wie-ben-je.png') });
  await dialog.getByTestId('inspector-new-add').click();
  await dialog.waitFor({ state: 'detached' });
  await expect.poll(() => page.getByTestId('current-inspector').innerText()).toMatch(/IV/);
});
