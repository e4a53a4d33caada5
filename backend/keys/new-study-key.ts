/**
 * The key of a study made in the app or the browser host (`study.create`),
 * made in the backend service: wrapped by this computer's keychain where it
 * has one (nothing asked), else by the study passphrase the wizard asked
 * twice; always by a new recovery key, which the wizard shows once. A host
 * that made the key itself (`veldwerk serve` with a passphrase file) has it
 * remembered already; a host that does not encrypt new studies (tests,
 * scripts) gets a plaintext study, as before.
 */
import { existsSync, rmSync } from 'node:fs';
import { UserError } from '../errors';
import type { Session } from '../api/session';
import type { NewStudyKeyPlan } from '../../shared/api/types';
import { newStudyKey } from './cipher';
import { keyFilePath, writeKeyFile } from './key-file';
import { keychainOf } from './key-prompt';
import { forgetStudyKey, rememberStudyKey, studyKeyFor, wrapKey } from './unlock';

export const PASSPHRASE_NEEDED =
  'Deze computer heeft geen sleutelhanger om de sleutel van het onderzoek in te bewaren. Kies een wachtwoord voor het onderzoek (minstens 10 tekens); er is niets aangemaakt.';

/** What the wizard must ask before `study.create` (the app: its keychain through the main process). */
export async function newStudyKeyPlan(session: Session): Promise<NewStudyKeyPlan> {
  const fixed = session.host.fixedStudyPath;
  if (fixed && studyKeyFor(fixed)) return 'prepared';
  if (!session.host.encryptNewStudies) return 'none';
  return (await keychainOf(session)) ? 'keychain' : 'passphrase';
}

/**
 * Before `study.create` writes `path`: its key, remembered for the create.
 * Returns the recovery key to show once (null when no key was made here) and
 * an undo for when the study could not be made.
 */
export async function makeNewStudyKey(session: Session, path: string, passphrase: string | null): Promise<{ recoveryKey: string | null; undo(): void }> {
  const none = { recoveryKey: null, undo: () => {} };
  if (studyKeyFor(path) || !session.host.encryptNewStudies) return none;
  // An existing key file belongs to a study (or its remains): never replace it, that would lock that study for good.
  if (existsSync(path) || existsSync(keyFilePath(path))) throw new UserError(`Er bestaat al een onderzoek "${path}"; er is niets aangemaakt.`, 'conflict');
  const keychain = await keychainOf(session);
  if (!keychain && passphrase === null) throw new UserError(PASSPHRASE_NEEDED, 'invalid-input');
  const key = newStudyKey();
  const { entry, recoveryKey } = await wrapKey(key, { passphrase, keychain });
  writeKeyFile(path, { current: entry });
  rememberStudyKey(path, key);
  return {
    recoveryKey,
    undo: () => {
      forgetStudyKey(path);
      rmSync(keyFilePath(path), { force: true });
    },
  };
}
