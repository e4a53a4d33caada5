/**
 * Team → Sleutels in the browser host (issue 12): the lead sees the
 * registered signing keys with their fingerprints and revokes an
 * inspector's keys after a confirmation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { veldwerk } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';
import { expectContains } from './browser';
import { openApp, type OpenApp } from './open-app';

const dir = tempDir('veldwerk-e2e-sleutels-');
const lead = `${dir}/ronde.veldwerk`;
let app: OpenApp;

beforeAll(async () => {
  const env = { VELDWERK_HOME: dir };
  expect(veldwerk(['init', lead, '--name', 'Ronde sleutels', '--inspector', 'Ina Smit', '--initials', 'INS'], env).code).toBe(0);
  expect(veldwerk(['inspector', 'add', lead, '--name', 'Sanne Smit', '--initials', 'SS'], env).code).toBe(0);
  const copied = veldwerk(['copy', lead, `${dir}/ronde-ss.veldwerk`, '--inspector', 'SS'], env);
  expect(copied.code, copied.stderr).toBe(0);
  app = await openApp([lead], env);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('Team → Sleutels end to end', () => {
  it('lists the keys and lets the lead revoke an inspector’s after a confirmation', async () => {
    const { page } = app;
    await page.getByTestId('view-team').click();
    await page.getByTestId('team-tab-keys').click();
    const keys = page.getByTestId('team-keys');
    await expectContains(() => keys.textContent(), 'Sanne Smit (SS)');
    expect(await keys.textContent()).toMatch(/[0-9A-F]{4} [0-9A-F]{4}/);
    await keys.getByRole('button', { name: 'Sleutels van Sanne Smit intrekken' }).click();
    await expectContains(() => keys.getByRole('alert').textContent(), 'niet ongedaan');
    await keys.getByRole('button', { name: 'Ja, intrekken' }).click();
    await expectContains(() => keys.textContent(), 'ingetrokken');
    expect(await keys.getByRole('button', { name: 'Sleutels van Sanne Smit intrekken' }).count()).toBe(0);
    const listed = JSON.parse(veldwerk(['inspector', 'list', lead, '--json'], { VELDWERK_HOME: dir }).stdout) as {
      inspectors: Array<{ initials: string; keys: Array<{ revokedAt: string | null }> }>;
    };
    expect(listed.inspectors.find((inspector) => inspector.initials === 'SS')?.keys[0]?.revokedAt).not.toBeNull();
  }, 60_000);
});
