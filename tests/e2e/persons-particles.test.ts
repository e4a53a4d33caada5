/**
 * The Personen view refuses a form or a name of only particles ("van", "De"),
 * which would replace every "van" and "de" in a report, with a Dutch message,
 * and stores nothing (the national draft read "Wijze de ouder bestuur").
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Person } from '../../shared/privacy';
import { veldwerk } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';
import { expectValue } from './browser';
import { callHost } from './host-api';
import { openApp, type OpenApp } from './open-app';

const dir = tempDir('veldwerk-e2e-persons-particles-');
const studyPath = join(dir, 'personen.veldwerk');
let app: OpenApp;
let page: Page;

const row = (name: string): Locator => page.getByTestId('person-row').and(page.locator(`[data-name="${name}"]`));
const persons = () => callHost<Person[]>(app.url, 'privacy.persons');

beforeAll(async () => {
  const env = { VELDWERK_HOME: dir };
  expect(veldwerk(['init', studyPath, '--inspector', 'Ina Smit', '--initials', 'INS'], env).code).toBe(0);
  const added = veldwerk(['privacy', 'add', studyPath, 'Jan van Dijk', '--role', 'ouder'], env);
  expect(added.code, added.stderr).toBe(0);
  app = await openApp([studyPath], env);
  page = app.page;
  await page.getByTestId('view-persons').waitFor();
  const choice = page.getByTestId('inspector-choice');
  if (await choice.isVisible()) await choice.getByRole('button').first().click();
  await page.getByTestId('view-persons').click();
  await row('Jan van Dijk').waitFor();
});

afterAll(() => app?.close());

describe('the Personen view and name particles', () => {
  it('refuses "van" as a form, and "De" as a new person, in Dutch, and stores nothing', async () => {
    const before = await persons();
    const forms = row('Jan van Dijk').getByLabel(/^Vormen van Jan van Dijk/);
    await forms.fill('Jan van Dijk, Jan, van');
    await forms.press('Enter');
    await expectValue(() => page.getByRole('alert').innerText(), "‘van’ is geen naam: alleen tussenvoegsels of gewone woorden (zoals ‘van’ of ‘de’) zouden overal in een rapport vervangen worden. Geef de naam in zijn geheel, bijvoorbeeld ‘Jan van Dijk’ of ‘Van Dijk’.");
    await page.getByLabel('Naam van een nieuwe persoon').fill('De');
    await page.getByRole('button', { name: 'Persoon toevoegen' }).click();
    await expectValue(() => page.getByRole('alert').innerText(), "‘De’ is geen naam: alleen tussenvoegsels of gewone woorden (zoals ‘van’ of ‘de’) zouden overal in een rapport vervangen worden. Geef de naam in zijn geheel, bijvoorbeeld ‘Jan van Dijk’ of ‘Van Dijk’.");
    expect(await persons()).toEqual(before);
    expect(before[0]!.forms).not.toContain('van');
    await page.screenshot({ path: join(process.env.VELDWERK_SCREENSHOT_DIR ?? dir, 'personen-tussenvoegsel.png'), fullPage: true });
  });
});
