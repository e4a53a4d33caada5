/**
 * The Personen view as an inspector meets it, in a real browser through the
 * browser host (issue 10): sources imported with the CLI brought their names
 * in as candidates; the view lists them with role, forms, pseudonym, status
 * and how many sources name them; search and filters narrow the list; an
 * inspector confirms, edits forms and pseudonym, marks "geen persoon", adds a
 * person and merges two entries, all stored in the study; and a change made
 * elsewhere shows without a reload (pushed changes).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Person } from '../../shared/privacy';
import { veldwerk } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';
import { expectCount, expectValue, waitFor } from './browser';
import { callHost } from './host-api';
import { openApp, type OpenApp } from './open-app';

const dir = tempDir('veldwerk-e2e-persons-');
const studyPath = join(dir, 'personen.veldwerk');
let app: OpenApp;
let page: Page;

const row = (name: string): Locator => page.getByTestId('person-row').and(page.locator(`[data-name="${name}"]`));
const persons = () => callHost<Person[]>(app.url, 'privacy.persons');
const person = async (name: string) => (await persons()).find((candidate) => candidate.name === name);

beforeAll(async () => {
  const env = { VELDWERK_HOME: dir };
  expect(veldwerk(['init', studyPath, '--inspector', 'Ina Smit', '--initials', 'INS'], env).code).toBe(0);
  const files = [
    ['gesprek-moeder.txt', 'Moeder Sandra vertelt dat Roos (9) sinds maart bij pleegvader Kees woont. Het huisbezoek was op 12 maart 2026.'],
    ['dossier.txt', 'In het dossier staat dat Roos (9) elke week met haar jeugdzorgwerker praat.'],
  ].map(([name, text]) => {
    const path = join(dir, name!);
    writeFileSync(path, text!);
    return path;
  });
  const imported = veldwerk(['import', studyPath, ...files, '--institution', 'GI Noord', '--type', 'interview', '--role', 'ouder'], env);
  expect(imported.code, imported.stderr).toBe(0);
  app = await openApp([studyPath], env);
  page = app.page;
  await page.getByTestId('view-persons').waitFor();
  // The study's only inspector may still have to be chosen for this copy.
  const choice = page.getByTestId('inspector-choice');
  if (await choice.isVisible()) await choice.getByRole('button').first().click();
});

afterAll(() => app?.close());

describe('the Personen view', () => {
  it('lists the candidates the import found, with role, status and how many sources name them', async () => {
    await page.getByTestId('view-persons').click();
    await page.getByTestId('persons-table').waitFor();
    await expectCount(page.getByTestId('person-row'), 3);
    const cells = async (name: string) => (await row(name).locator('th, td').allInnerTexts()).map((text) => text.trim());
    expect((await cells('Roos'))[0]).toBe('Roos');
    await expectValue(() => row('Roos').getByLabel('Rol van Roos').inputValue(), 'jeugdige');
    await expectValue(() => row('Sandra').getByLabel('Rol van Sandra').inputValue(), 'ouder');
    await expectValue(() => row('Kees').getByLabel('Rol van Kees').inputValue(), 'pleegouder');
    expect((await cells('Roos'))[4]).toBe('kandidaat');
    // Roos is named in both sources, Sandra in one.
    expect((await cells('Roos'))[5]).toBe('2');
    expect((await cells('Sandra'))[5]).toBe('1');
    await expectValue(() => page.getByTestId('persons-summary').innerText(), '3 personen; 3 kandidaten wachten op bevestiging.');
  });

  it('searches by any form and filters by status and role', async () => {
    await page.getByLabel('Zoek op naam, vorm of pseudoniem').fill('SAN');
    await expectCount(page.getByTestId('person-row'), 1);
    await page.getByLabel('Zoek op naam, vorm of pseudoniem').fill('');
    await page.getByLabel('Rol', { exact: true }).selectOption('jeugdige');
    await expectCount(page.getByTestId('person-row'), 1);
    await page.getByLabel('Rol', { exact: true }).selectOption('alle');
    await expectCount(page.getByTestId('person-row'), 3);
  });

  it('confirms, edits forms and pseudonym, and marks "geen persoon", stored in the study', async () => {
    await row('Roos').getByRole('button', { name: 'Roos bevestigen' }).click();
    await expectValue(async () => (await person('Roos'))?.status, 'bevestigd');
    await waitFor(async () => (await row('Roos').innerText()).includes('bevestigd'), 'Roos bevestigd in de lijst');

    const pseudonym = row('Roos').getByLabel('Pseudoniem van Roos');
    await pseudonym.fill('Noa');
    await pseudonym.press('Enter');
    await expectValue(async () => (await person('Roos'))?.pseudonym, 'Noa');

    const forms = row('Sandra').getByLabel(/^Vormen van Sandra/);
    await forms.fill('Sandra, S. Jansen, Sandra Jansen');
    await forms.press('Enter');
    await expectValue(async () => (await person('Sandra'))?.forms.join('|'), 'Sandra|S. Jansen|Sandra Jansen');

    await row('Kees').getByRole('button', { name: 'Kees is geen persoon' }).click();
    await expectValue(async () => (await person('Kees'))?.status, 'geen-persoon');
    await page.getByLabel('Status', { exact: true }).selectOption('geen-persoon');
    await expectCount(page.getByTestId('person-row'), 1);
    await page.getByLabel('Status', { exact: true }).selectOption('alle');
  });

  it('adds a person and merges two entries into one', async () => {
    await page.getByLabel('Naam van een nieuwe persoon').fill('Petra de Boer');
    await page.getByLabel('Rol van de nieuwe persoon').selectOption('ouder');
    await page.getByRole('button', { name: 'Persoon toevoegen' }).click();
    await row('Petra de Boer').waitFor();
    await expectValue(() => row('Petra de Boer').getByLabel('Pseudoniem van Petra de Boer').inputValue(), 'de ouder');

    await row('Sandra').getByLabel('Een andere vermelding samenvoegen in Sandra').selectOption({ label: 'Petra de Boer' });
    await expectCount(page.getByTestId('person-row'), 3);
    const merged = await person('Sandra');
    expect(merged?.forms).toEqual(expect.arrayContaining(['S. Jansen', 'Petra de Boer', 'Petra']));
    // Merging is a decision about the person: the entry kept is confirmed.
    expect(merged?.status).toBe('bevestigd');
    expect(await person('Petra de Boer')).toBeUndefined();
  });

  it('shows a change made elsewhere without a reload, and refuses bad input in Dutch', async () => {
    await callHost(app.url, 'privacy.addPerson', { name: 'Youssef', role: 'ouder', status: 'kandidaat' });
    await row('Youssef').waitFor({ timeout: 10_000 });
    await expectValue(() => page.getByTestId('persons-summary').innerText(), '4 personen; 1 kandidaat wacht op bevestiging.');
    // An over-long form is refused with a Dutch message, and nothing changes.
    const forms = row('Youssef').getByLabel(/^Vormen van Youssef/);
    await forms.fill(`Youssef, ${'x'.repeat(350)}`);
    await forms.press('Enter');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toBe('Een vorm mag hoogstens 300 tekens hebben (‘xxxxxxxxxxxxxxxxxxxx…’ heeft er 350).');
    expect((await person('Youssef'))?.forms).toEqual(['Youssef']);
    await page.screenshot({ path: join(process.env.VELDWERK_SCREENSHOT_DIR ?? dir, 'personen.png'), fullPage: true });
  });
});
