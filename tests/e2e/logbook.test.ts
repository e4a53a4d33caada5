/**
 * The logbook as a lead meets it, in a real browser through the browser host:
 * a full export made on the command line, a command that only read and the
 * opening of the study by the host are lines in Team › Logboek; the kind filter and the search narrow the
 * lines; setting the retention is a line at once; the filtered log downloads
 * as Excel, and that export is a line too.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogbookPage } from '../../shared/api/types';
import { veldwerk } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';
import { expectCount } from './browser';
import { callHost } from './host-api';
import { openApp, type OpenApp } from './open-app';

const dir = tempDir('veldwerk-e2e-logboek-');
const env = { VELDWERK_HOME: dir };
const study = join(dir, 'ronde.veldwerk');
let app: OpenApp;

beforeAll(async () => {
  expect(veldwerk(['init', study, '--demo'], env).code).toBe(0);
  expect(veldwerk(['export', 'segments', study, '--out', join(dir, 'fragmenten.xlsx'), '--full'], env).code).toBe(0);
  expect(veldwerk(['stats', study], env).code).toBe(0);
  app = await openApp([study], env);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('the logbook in the app', () => {
  it('shows the lines, filters them, and downloads them as Excel', async () => {
    const { page } = app;
    await page.getByTestId('source-list').waitFor({ timeout: 60_000 });
    await page.getByTestId('view-team').click();
    await page.getByTestId('team-tab-logbook').click();
    const lines = page.getByTestId('logbook-line');
    await expect.poll(async () => (await page.getByTestId('logbook-lines').textContent()) ?? '', { timeout: 30_000 }).toContain('Onderzoek geopend (browser)');
    expect(await page.getByTestId('logbook-lines').textContent()).toContain('Geëxporteerd: gecodeerde fragmenten (Excel) (volledig, met namen)');

    await page.getByTestId('logbook-kind').selectOption('exchange.export');
    await expectCount(lines, 1);
    await page.getByTestId('logbook-kind').selectOption('');
    await page.getByTestId('logbook-search').fill('opdrachtregel');
    await expectCount(lines, 1);
    expect(await lines.first().textContent()).toContain('Onderzoek geopend (opdrachtregel: veldwerk stats)');
    await page.screenshot({ path: join(process.env.VELDWERK_SCREENSHOT_DIR ?? dir, 'logboek.png') });

    // The retention is a setting here; setting it is a line, shown without a reload (the push after the call).
    await page.getByTestId('logbook-search').fill('');
    await page.getByTestId('logbook-retention').selectOption('365');
    await expect.poll(async () => (await lines.first().textContent()) ?? '', { timeout: 10_000 }).toContain('Bewaartermijn van het logboek gezet op 365 dagen');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('logbook-export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^logboek-.*\.xlsx$/);
    const logged = await callHost<LogbookPage>(app.url, 'logbook.list', { filter: { call: 'logbook.export' } });
    expect(logged.lines[0]).toMatchObject({ label: 'Logboek geëxporteerd (Excel)', result: 'done' });
  });
});
