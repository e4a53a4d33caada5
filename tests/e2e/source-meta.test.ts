/**
 * Changing an imported source's details from the document view, in a real
 * browser on the demo study: the dialog starts from the stored values, a
 * malformed ECLI is refused with the Dutch message and changes nothing, a
 * new title and type (a ruling, with its ECLI) show in the header and the
 * source list through the pushed change, and Ctrl+Z undoes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceDocument, SourceSummary } from '../../shared/api/types';
import type { CallName } from '../../shared/api/contract';
import { SOURCE_TYPE_LABELS } from '../../shared/vocabulary';
import { tempDir } from '../helpers/temp-study';
import { expectContains, expectValue } from './browser';
import { callHost } from './host-api';
import { openDemoApp, type OpenApp } from './open-app';

const dir = tempDir('veldwerk-e2e-sourcemeta-');
let app: OpenApp;
const api = <T>(name: CallName, input: object = {}) => callHost<T>(app.url, name, input);

beforeAll(async () => {
  app = await openDemoApp(dir);
});

afterAll(async () => {
  await app?.close();
});

describe('gegevens van een bron wijzigen', () => {
  it('weigert een onjuiste ECLI, slaat titel en type op, toont ze in de lijst en maakt ze ongedaan', async () => {
    const { page } = app;
    const original = (await api<SourceSummary[]>('sources.list')).find((source) => source.sourceType !== 'uitspraak')!;
    const row = page.locator(`[data-testid="source-row"][data-source-id="${original.id}"]`);
    await row.click();
    await expectContains(() => page.getByTestId('document-title').innerText(), original.title);

    await page.getByTestId('source-meta-edit').click();
    const dialog = page.getByTestId('source-meta-dialog');
    expect(await dialog.getByTestId('source-meta-title').inputValue()).toBe(original.title);
    expect(await dialog.getByTestId('source-meta-type').inputValue()).toBe(original.sourceType);
    expect(await dialog.getByTestId('source-meta-institution').inputValue()).toBe(original.institutionId);
    expect(await dialog.getByTestId('source-meta-ecli').count()).toBe(0);

    const newTitle = 'Beschikking kinderrechter over de ondertoezichtstelling (fictief)';
    await dialog.getByTestId('source-meta-title').fill(newTitle);
    await dialog.getByTestId('source-meta-type').selectOption('uitspraak');
    // A year of two digits and a lower-case court: not an ECLI.
    await dialog.getByTestId('source-meta-ecli').fill('ECLI:NL:rbnne:25:1234');
    await dialog.getByTestId('source-meta-save').click();
    await expectContains(() => dialog.getByTestId('source-meta-error').innerText(), 'ECLI als ECLI:NL:RBNNE:2025:1234');
    const refused = await api<SourceDocument>('source.get', { id: original.id });
    expect([refused.title, refused.sourceType, refused.ecli]).toEqual([original.title, original.sourceType, null]);

    await dialog.getByTestId('source-meta-ecli').fill('ECLI:NL:RBNNE:2025:4821');
    await dialog.getByTestId('source-meta-save').click();
    await dialog.waitFor({ state: 'detached' });
    await expectContains(() => row.innerText(), newTitle);
    await expectContains(() => row.innerText(), SOURCE_TYPE_LABELS.uitspraak);
    await expectContains(() => page.getByTestId('document-title').innerText(), newTitle);
    await expectContains(() => page.locator('.doc-facts').innerText(), 'ECLI:NL:RBNNE:2025:4821');
    const saved = await api<SourceDocument>('source.get', { id: original.id });
    expect([saved.title, saved.sourceType, saved.ecli]).toEqual([newTitle, 'uitspraak', 'ECLI:NL:RBNNE:2025:4821']);

    // The dialog opened again starts from what is stored now, ECLI included.
    await page.getByTestId('source-meta-edit').click();
    expect(await dialog.getByTestId('source-meta-ecli').inputValue()).toBe('ECLI:NL:RBNNE:2025:4821');
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    await dialog.waitFor({ state: 'detached' });

    await expectValue(() => page.getByTestId('undo-button').getAttribute('title'), 'Ongedaan maken: Brongegevens wijzigen');
    await page.getByTestId('document-title').click();
    await page.keyboard.press('Control+z');
    await expectContains(() => row.innerText(), original.title);
    await expectContains(() => page.getByTestId('document-title').innerText(), original.title);
    const undone = await api<SourceDocument>('source.get', { id: original.id });
    expect([undone.title, undone.sourceType, undone.ecli]).toEqual([original.title, original.sourceType, null]);
  });
});
