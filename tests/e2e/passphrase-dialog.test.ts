/**
 * The passphrase dialog as a user meets it in the browser host (issue 11):
 * `veldwerk serve` on an encrypted study without a passphrase file or
 * keychain asks in the window; a wrong passphrase gets a Dutch message and a
 * wait; the right one opens the study; the passphrase appears neither in the
 * address nor in the host's output. A plaintext study is offered
 * encryption; after consent the recovery key is shown once and the file is
 * encrypted.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { studyFileKind } from '../../backend/keys/cipher';
import { TEST_STUDY_PASSPHRASE_FILE, veldwerk } from '../helpers/cli';
import { newTestStudy, tempDir } from '../helpers/temp-study';
import { openApp, type OpenApp } from './open-app';
import { expectContains } from './browser';

const dir = tempDir('veldwerk-e2e-dialoog-');
const PASS = readFileSync(TEST_STUDY_PASSPHRASE_FILE, 'utf8').trim();
/** No passphrase file and no terminal: the window must ask. */
const env = { VELDWERK_HOME: dir, VELDWERK_PASSPHRASE_FILE: '' };
let app: OpenApp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('passphrase dialog end to end', () => {
  it('asks for the passphrase of an encrypted study, refuses a wrong one in Dutch, opens with the right one', async () => {
    const path = `${dir}/versleuteld.veldwerk`;
    expect(veldwerk(['init', path, '--name', 'Ronde versleuteld', '--inspector', 'Ina Smit', '--initials', 'INS'], { VELDWERK_HOME: dir }).code).toBe(0);
    app = await openApp([path], env);
    const { page } = app;
    const dialog = page.getByTestId('unlock-dialog');
    await dialog.waitFor();
    await page.getByTestId('unlock-secret').fill('dit-is-het-niet-123');
    await dialog.getByRole('button', { name: 'Openen', exact: true }).click();
    await expectContains(() => dialog.getByRole('alert').textContent(), 'Het wachtwoord klopt niet');
    await expectContains(() => dialog.getByRole('status').textContent(), 'wacht nog');
    await page.screenshot({ path: `${dir}/ontgrendelen.png` });

    await page.getByTestId('unlock-secret').fill(PASS);
    await dialog.getByRole('button', { name: 'Openen', exact: true }).click({ timeout: 20_000 });
    await page.getByText('Ronde versleuteld').first().waitFor({ timeout: 20_000 });
    expect(await dialog.count()).toBe(0);
    expect(page.url()).not.toContain(PASS);
  }, 120_000);

  it('offers a plaintext study encryption and shows the recovery key once', async () => {
    const study = newTestStudy(dir);
    study.close();
    app = await openApp([study.path], env);
    const { page } = app;
    // The offer waits in the top bar; the study can be worked on meanwhile.
    await page.getByTestId('encrypt-offer').click();
    await page.getByTestId('encrypt-dialog').waitFor();
    await page.getByTestId('new-passphrase').fill(PASS);
    await page.getByTestId('repeat-passphrase').fill(`${PASS}x`);
    await page.getByTestId('encrypt-dialog').getByRole('button', { name: 'Versleutelen', exact: true }).click();
    await expectContains(() => page.getByTestId('encrypt-dialog').getByRole('alert').textContent(), 'niet gelijk');
    expect(studyFileKind(study.path)).toBe('plaintext');

    await page.getByTestId('repeat-passphrase').fill(PASS);
    await page.getByTestId('encrypt-dialog').getByRole('button', { name: 'Versleutelen', exact: true }).click();
    const shown = page.getByTestId('recovery-key');
    await shown.waitFor({ timeout: 30_000 });
    expect(await shown.innerText()).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    await page.screenshot({ path: `${dir}/herstelsleutel.png` });
    await page.getByTestId('recovery-saved').check();
    await page.getByRole('button', { name: 'Ik heb hem genoteerd' }).click();
    expect(await page.getByTestId('recovery-key').count()).toBe(0);
    expect(studyFileKind(study.path)).toBe('encrypted');
    expect(await page.getByTestId('encrypt-offer').count()).toBe(0);
    expect(readFileSync(study.path).includes(Buffer.from('GI Noord'))).toBe(false);
  }, 120_000);
});
