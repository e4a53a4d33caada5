/**
 * Instellingen → Beveiliging in the browser host (issue 11): the status of
 * the encryption, changing the passphrase, rotating the key with a progress
 * bar and the new recovery key shown once, and restoring a backup after a
 * confirmation (the study is backed up first, shown in the list).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyOpensFile } from '../../backend/keys/cipher';
import { keyFilePath } from '../../backend/keys/key-file';
import { forgetStudyKey, unlockStudy } from '../../backend/keys/unlock';
import { makePreMergeBackup } from '../../backend/merge/backup';
import { Study, writeMeta } from '../../backend/study/study';
import { TEST_STUDY_PASSPHRASE_FILE, veldwerk } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';
import { expectContains, waitFor } from './browser';
import { openApp, type OpenApp } from './open-app';

const dir = tempDir('veldwerk-e2e-beveiliging-');
const path = `${dir}/beveiligd.veldwerk`;
const PASS = readFileSync(TEST_STUDY_PASSPHRASE_FILE, 'utf8').trim();
let app: OpenApp;
let oldKey: Buffer;

beforeAll(async () => {
  expect(veldwerk(['init', path, '--name', 'Ronde beveiligd', '--inspector', 'Ina Smit', '--initials', 'INS'], { VELDWERK_HOME: dir }).code).toBe(0);
  // One backup beside the study, as a merge leaves it.
  oldKey = Buffer.from((await unlockStudy(path, { passphrase: async () => PASS }))!);
  const study = Study.open(path);
  writeMeta(study.db, 'merge_backup', makePreMergeBackup(study));
  study.close();
  forgetStudyKey(path);
  app = await openApp([path], { VELDWERK_HOME: dir });
  await app.page.getByTestId('settings-button').click();
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('Beveiliging end to end', () => {
  it('shows how the study is encrypted and changes the passphrase', async () => {
    const { page } = app;
    const section = page.getByTestId('security-section');
    await expectContains(() => section.textContent(), 'Dit onderzoek is versleuteld');
    const form = page.getByTestId('change-passphrase');
    // A wrong current passphrase is refused first, and nothing changes.
    const keyFileBefore = readFileSync(keyFilePath(path));
    await page.getByTestId('current-secret').fill('niet-het-huidige-wachtwoord');
    await form.getByTestId('new-passphrase').fill('een-nieuw-wachtwoord-1');
    await form.getByTestId('repeat-passphrase').fill('een-nieuw-wachtwoord-1');
    await form.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await expectContains(() => form.getByRole('alert').textContent(), 'Het huidige wachtwoord klopt niet');
    expect(readFileSync(keyFilePath(path)).equals(keyFileBefore)).toBe(true);
    // Right after a wrong try the backend makes the user wait; then the right one is taken.
    await page.getByTestId('current-secret').fill(PASS);
    await form.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await expectContains(() => form.getByRole('alert').textContent(), 'Wacht nog');
    await new Promise((done) => setTimeout(done, 1100));
    await page.getByTestId('current-secret').fill(PASS);
    await form.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await page.getByText('Het wachtwoord is gewijzigd').waitFor({ timeout: 20_000 });
  }, 60_000);

  it('rotates the key with a progress bar and shows the new recovery key once', async () => {
    const { page } = app;
    const form = page.getByTestId('rekey');
    await page.getByTestId('current-secret').fill('een-nieuw-wachtwoord-1');
    await form.getByTestId('new-passphrase').fill('een-nieuw-wachtwoord-2');
    await form.getByTestId('repeat-passphrase').fill('een-nieuw-wachtwoord-2');
    await form.getByRole('button', { name: 'Sleutel vervangen' }).click();
    const shown = page.getByTestId('recovery-key');
    await shown.waitFor({ timeout: 60_000 });
    expect(await shown.innerText()).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    expect(keyOpensFile(path, oldKey)).toBe(false);
    await page.getByTestId('recovery-saved').check();
    await page.getByRole('button', { name: 'Ik heb hem genoteerd' }).click();
    await page.getByTestId('security-section').waitFor();
  }, 90_000);

  it('restores a backup after confirmation, backing up the study first', async () => {
    const { page } = app;
    const backups = page.getByTestId('backups');
    await expectContains(() => backups.textContent(), 'Vóór samenvoegen');
    await backups.getByRole('button', { name: /terugzetten$/ }).first().click();
    await expectContains(() => backups.getByRole('alert').textContent(), 'eerst als reservekopie');
    await page.screenshot({ path: `${dir}/beveiliging.png`, fullPage: true });
    await backups.getByRole('button', { name: 'Ja, terugzetten' }).click();
    await page.getByText('De reservekopie is teruggezet').waitFor({ timeout: 30_000 });
    await waitFor(async () => (await backups.textContent())?.includes('Vóór terugzetten'), 'de reservekopie van vóór het terugzetten');
  }, 60_000);
});
