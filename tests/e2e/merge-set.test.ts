/**
 * Reading several bundles at once in the Team view (issue 9): the dialog
 * takes more than one file, says they go in together with one backup, applies
 * them all, and the undo dialog says it takes back all of them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createStudy } from '../../backend/study/setup';
import { TEAM_SETUP } from '../property/merge-kit';
import { veldwerk } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';
import { expectContains } from './browser';
import { openApp, type OpenApp } from './open-app';

const dir = tempDir('veldwerk-e2e-merge-set-');
const env = { VELDWERK_HOME: dir, VELDWERK_BUNDLE_SCRYPT_LOG_N: '10' };
const lead = join(dir, 'ronde.veldwerk');
const passphraseFile = join(dir, 'wachtwoord.txt');
const PASSPHRASE = 'slootjes-springen-2026';
let app: OpenApp;
let page: Page;
const bundles: string[] = [];

function run(args: string[]): void {
  const result = veldwerk(args, env);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
}

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  createStudy(lead, TEAM_SETUP).close();
  writeFileSync(passphraseFile, `${PASSPHRASE}\n`);
  const source = join(dir, 'gesprek.txt');
  writeFileSync(source, 'Ouder: de jeugdbeschermer kwam pas na drie weken.\n');
  run(['import', lead, source, '--institution', 'GI Noord', '--type', 'interview', '--role', 'ouder']);
  for (const initials of ['AA', 'BB']) {
    const copy = join(dir, `ronde-${initials}.veldwerk`);
    const bundle = join(dir, `${initials}.vwbundle`);
    run(['copy', lead, copy, '--inspector', initials]);
    run(['autocode', copy, 'drie weken', '--norm', 'contact', '--coder', initials]);
    run(['bundle', 'export', copy, '--out', bundle, '--passphrase-file', passphraseFile]);
    bundles.push(bundle);
  }
  app = await openApp([lead], env);
  page = app.page;
});

afterAll(() => app?.close());

describe('several bundles at once', () => {
  it('go in together after one backup, and undo says it takes back all of them', async () => {
    await page.getByTestId('view-coding').waitFor();
    await page.keyboard.press('Control+5');
    await page.getByTestId('team-view').waitFor();
    await page.getByTestId('team-import').click();
    const dialog = page.getByTestId('team-import-dialog');
    await dialog.getByTestId('team-import-file').setInputFiles(bundles);
    await expectContains(() => dialog.getByTestId('team-import-set-note').innerText(), 'één reservekopie van vóór alle 2');
    await dialog.getByTestId('team-import-passphrase').fill(PASSPHRASE);
    await expectContains(() => dialog.getByTestId('team-import-preview').innerText(), '2 bundels samenvoegen');
    await dialog.getByTestId('team-import-preview').click();
    const done = dialog.getByTestId('team-import-set-done');
    await expectContains(() => done.innerText(), '2 bundels samengevoegd');
    await expectContains(() => done.innerText(), 'Eén reservekopie van vóór alle 2 bundels');
    if (process.env.KEEP_SCREENSHOTS) await page.screenshot({ path: join(process.env.KEEP_SCREENSHOTS, 'merge-set-done.png') });
    await dialog.getByTestId('team-import-close').click();

    await page.getByTestId('team-tab-exchange').click();
    await page.getByTestId('team-undo').click();
    const undo = page.getByTestId('team-undo-dialog');
    await expectContains(() => undo.getByTestId('team-undo-set').innerText(), 'ongedaan maken zet ze alle 2 terug');
    if (process.env.KEEP_SCREENSHOTS) await page.screenshot({ path: join(process.env.KEEP_SCREENSHOTS, 'merge-set-undo.png') });
  });
});
