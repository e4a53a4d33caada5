/**
 * A new study in the browser host on a computer without a keychain (issue
 * 11): `veldwerk serve` on a new file without a passphrase file no longer
 * points to the command line; the wizard explains and asks for a study
 * passphrase twice (too short or unequal: refused, nothing created), the
 * backend creates the study encrypted, and the recovery key is shown once
 * and can only be closed after "bewaard" is ticked. The Secret Service is
 * made unreachable for the host, so this machine has no keychain for it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studyFileKind } from '../../backend/keys/cipher';
import { forgetStudyKey, unlockStudy } from '../../backend/keys/unlock';
import { tempDir } from '../helpers/temp-study';
import { expectContains } from './browser';
import { createStudyInWizard, openApp, type OpenApp } from './open-app';

const dir = tempDir('veldwerk-e2e-nieuw-wachtwoord-');
const path = `${dir}/nieuw.veldwerk`;
const PASS = 'een lang wachtwoord voor de ronde';
let app: OpenApp;

beforeAll(async () => {
  app = await openApp([path], { VELDWERK_HOME: dir, VELDWERK_PASSPHRASE_FILE: '', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/veldwerk-geen-sleutelhanger' });
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('new study without a keychain', () => {
  it('asks a passphrase twice in the wizard, creates the study encrypted and shows the recovery key once', async () => {
    const { page } = app;
    await createStudyInWizard(page, 'Ronde zonder sleutelhanger', 'GI Sleutelloos', 'te kort');
    const wizard = page.getByTestId('setup-dialog');
    await expectContains(() => wizard.textContent(), 'geen sleutelhanger');
    await expectContains(() => wizard.getByRole('alert').textContent(), 'minstens 10 tekens');
    await wizard.getByTestId('new-passphrase').fill(PASS);
    await wizard.getByTestId('repeat-passphrase').fill(`${PASS}!`);
    await page.getByTestId('setup-submit').click();
    await expectContains(() => wizard.getByRole('alert').textContent(), 'niet gelijk');
    expect(existsSync(path)).toBe(false);
    await page.screenshot({ path: `${dir}/wizard-wachtwoord.png`, fullPage: true });

    await wizard.getByTestId('repeat-passphrase').fill(PASS);
    await page.getByTestId('setup-submit').click();
    const shown = page.getByTestId('recovery-key');
    await shown.waitFor({ timeout: 30_000 });
    const recoveryKey = (await shown.innerText()).trim();
    expect(recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    const noted = page.getByRole('button', { name: 'Ik heb hem genoteerd' });
    expect(await noted.isDisabled()).toBe(true);
    // The study opens only after the recovery key was marked as kept.
    expect(await page.getByTestId('settings-button').count()).toBe(0);
    await page.screenshot({ path: `${dir}/wizard-herstelsleutel.png` });
    await page.getByTestId('recovery-saved').check();
    await noted.click();
    await page.getByTestId('settings-button').waitFor();
    await page.getByText('Ronde zonder sleutelhanger').first().waitFor();
    expect(await page.getByTestId('recovery-key').count()).toBe(0);

    expect(studyFileKind(path)).toBe('encrypted');
    expect(readFileSync(path).includes(Buffer.from('GI Sleutelloos'))).toBe(false);
    expect(await unlockStudy(path, { passphrase: async () => PASS })).not.toBeNull();
    forgetStudyKey(path);
    expect(await unlockStudy(path, { recoveryKey: async () => recoveryKey })).not.toBeNull();
    forgetStudyKey(path);
  }, 120_000);
});
