/**
 * The app fills the window and never scrolls as a whole: only its panes do.
 * Found walking the demo: in Bewijs, Oordelen and Personen the screen-reader
 * texts of long tables (absolutely placed, so outside their scrolling pane)
 * gave the page its own scrollbar, which pushed the top bar 15 px aside and
 * let the whole app, top bar included, scroll away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-study';
import { openDemoApp, type OpenApp } from './open-app';

const dir = tempDir('veldwerk-e2e-shell-');
let app: OpenApp;

beforeAll(async () => {
  app = await openDemoApp(dir);
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('the app shell', () => {
  it('gives the page no scrollbar of its own in any view', async () => {
    const { page } = app;
    // Each view with what shows it is loaded: the long tables are what overflowed.
    const views: Array<[string, string]> = [
      ['evidence', '.evidence-matrix tbody tr'],
      ['judgments', '[data-testid="judgment-cell"]'],
      ['persons', '[data-testid="persons-table"] tbody tr'],
      ['coding', '[data-testid="source-list"]'],
    ];
    for (const [view, shown] of views) {
      await page.getByTestId(`view-${view}`).click();
      await page.locator(shown).first().waitFor();
      const page_ = await page.evaluate(() => ({ height: document.documentElement.scrollHeight, window: window.innerHeight }));
      expect(page_.height, `${view}: pagina ${page_.height} px hoog in een venster van ${page_.window} px`).toBeLessThanOrEqual(page_.window);
    }
  });

  it('shows the whole placeholder of the search fields in Logboek and Personen, and the logbook’s clear button on the fields’ line', async () => {
    const { page } = app;
    // The placeholder's width in the field's own font, against the room inside the field.
    const fits = (selector: string) =>
      page.locator(selector).evaluate((input: HTMLInputElement) => {
        const style = getComputedStyle(input);
        const context = document.createElement('canvas').getContext('2d')!;
        context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return { text: input.placeholder, needed: Math.ceil(context.measureText(input.placeholder).width), room: Math.floor(room) };
      });
    await page.getByTestId('view-team').click();
    await page.getByRole('tab', { name: 'Logboek' }).click();
    await page.getByTestId('logbook-search').waitFor();
    const logbook = await fits('[data-testid="logbook-search"]');
    expect(logbook.needed, `"${logbook.text}" in ${logbook.room} px`).toBeLessThanOrEqual(logbook.room);
    const bottoms = await page.evaluate(() => {
      const bottom = (element: Element | null) => Math.round(element!.getBoundingClientRect().bottom);
      return { search: bottom(document.querySelector('[data-testid="logbook-search"]')), clear: bottom(document.querySelector('.logbook-filters > button')) };
    });
    expect(Math.abs(bottoms.search - bottoms.clear), `zoekveld onderaan ${bottoms.search}, knop ${bottoms.clear}`).toBeLessThanOrEqual(1);
    await page.getByTestId('view-persons').click();
    await page.locator('.persons-filters input[type="search"]').waitFor();
    const persons = await fits('.persons-filters input[type="search"]');
    expect(persons.needed, `"${persons.text}" in ${persons.room} px`).toBeLessThanOrEqual(persons.room);
  });

  it('draws every export choice in Uitwisselen with a radio button of one size, also beside a two-line description', async () => {
    const { page } = app;
    await page.getByTestId('exchange-button').click();
    const radios = page.locator('.exchange-kind input[type="radio"]');
    await radios.first().waitFor();
    const widths = await radios.evaluateAll((inputs) => inputs.map((input) => Math.round(input.getBoundingClientRect().width)));
    expect(new Set(widths).size, `breedtes ${widths.join(', ')}`).toBe(1);
    await page.keyboard.press('Escape');
  });
});
