/**
 * The app's side of study encryption: Electron's safeStorage (its
 * asynchronous API) as the keychain seam of backend/keys. On Linux the
 * `basic_text` backend (a hard-coded password, no real keychain) is refused:
 * there the window asks for the study's passphrase or recovery key
 * (backend/keys/key-prompt.ts, the same logic the browser host runs).
 */
import { BrowserWindow, dialog, safeStorage } from 'electron';
import { UserError } from '../backend/errors';
import { writeKeyFile } from '../backend/keys/key-file';
import type { Keychain } from '../backend/keys/keychain';
import { newStudyKey } from '../backend/keys/cipher';
import { LOCKED, rememberStudyKey, unlockStudy, wrapKey } from '../backend/keys/unlock';

export async function safeStorageKeychain(): Promise<Keychain | null> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return null;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  return {
    store: 'safeStorage',
    protect: async (key) => (await safeStorage.encryptStringAsync(key.toString('hex'))).toString('base64'),
    async recover(ref) {
      const { result } = await safeStorage.decryptStringAsync(Buffer.from(ref, 'base64'));
      return /^[0-9a-f]{64}$/.test(result) ? Buffer.from(result, 'hex') : null;
    },
  };
}

/**
 * Before opening: an encrypted study is unlocked through safeStorage when it
 * keeps the study's key. Otherwise nothing happens here: the service holds the
 * study and the window asks for its passphrase (backend/keys/key-prompt.ts).
 */
export async function unlockWithKeychain(path: string): Promise<void> {
  try {
    await unlockStudy(path, { keychain: await safeStorageKeychain() });
  } catch (error) {
    if (!(error instanceof UserError) || error.message !== LOCKED) throw error;
  }
}

/** Before creating: a new key kept by the keychain, and the recovery key shown once. */
export async function prepareNewStudyInApp(path: string, window: BrowserWindow | null): Promise<void> {
  const keychain = await safeStorageKeychain();
  if (!keychain) {
    throw new UserError(
      'Er is geen sleutelhanger van het systeem om de sleutel van een nieuw onderzoek in te bewaren. Maak het onderzoek met "veldwerk init <bestand>" en een wachtwoord.',
      'rejected',
    );
  }
  const key = newStudyKey();
  const { entry, recoveryKey } = await wrapKey(key, { passphrase: null, keychain });
  writeKeyFile(path, { current: entry });
  rememberStudyKey(path, key);
  await showRecoveryKey(recoveryKey, window);
}

async function showRecoveryKey(recoveryKey: string, window: BrowserWindow | null): Promise<void> {
  const options = {
    type: 'info' as const,
    title: 'Herstelsleutel',
    message: 'Het onderzoek wordt versleuteld. Noteer de herstelsleutel: hij wordt maar één keer getoond.',
    detail: `${recoveryKey}\n\nBewaar hem op papier of in een kluis, niet bij het onderzoek. Zonder deze sleutel is het onderzoek op een andere computer niet te openen.`,
    buttons: ['Ik heb hem genoteerd'],
  };
  await (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
}
