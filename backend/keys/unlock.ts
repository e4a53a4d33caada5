/**
 * Unlocking a study: find its key through the keychain, the passphrase or the
 * recovery key, check that it opens the file, and keep it in memory for this
 * process (thread) so that `openStudyFile` can use it. Workers get the key
 * from their parent explicitly. A wrong passphrase changes nothing on disk.
 */
import { resolve } from 'node:path';
import { UserError } from '../errors';
import { keyOpensFile, studyFileKind } from './cipher';
import { newKeyEntry, readKeyFile, writeKeyFile, type KeyEntry, type KeyFile, type Wrap } from './key-file';
import type { Keychain } from './keychain';
import { passphraseWrap, recoveryWrap, unwrapWithPassphrase, unwrapWithRecoveryKey } from './wraps';

const unlocked = new Map<string, Buffer>();

export function rememberStudyKey(path: string, key: Buffer): void {
  unlocked.set(resolve(path), key);
}

export function forgetStudyKey(path: string): void {
  unlocked.get(resolve(path))?.fill(0);
  unlocked.delete(resolve(path));
}

export function studyKeyFor(path: string): Buffer | undefined {
  return unlocked.get(resolve(path));
}

/** Where a secret can come from; each is asked only when needed. */
export interface SecretSources {
  keychain?: Keychain | null;
  passphrase?: () => Promise<string | null>;
  recoveryKey?: () => Promise<string | null>;
}

export const WRONG_PASSPHRASE = 'Het wachtwoord klopt niet. Het onderzoek is niet geopend en niet gewijzigd.';
export const WRONG_RECOVERY_KEY = 'De herstelsleutel klopt niet. Het onderzoek is niet geopend en niet gewijzigd.';
export const LOCKED =
  'Dit onderzoek is versleuteld. Geef het wachtwoord met --passphrase-file <bestand> of VELDWERK_PASSPHRASE_FILE, of typ het in als daarom gevraagd wordt.';

/**
 * The key of an encrypted study (remembered for later opens), or null for a
 * plaintext study. Refuses with a Dutch message when no source gives it.
 */
export async function unlockStudy(path: string, sources: SecretSources): Promise<Buffer | null> {
  const kind = studyFileKind(path);
  if (kind !== 'encrypted') return null;
  const known = studyKeyFor(path);
  if (known) return known;
  const key = await findKey(path, readKeyFile(path), sources);
  rememberStudyKey(path, key);
  return key;
}

async function findKey(path: string, file: KeyFile, sources: SecretSources): Promise<Buffer> {
  // The previous entry only matters after a re-key was cut off before the study file was replaced.
  const entries = file.previous ? [file.current, file.previous] : [file.current];
  const opens = (key: Buffer | null) => (key && keyOpensFile(path, key) ? key : null);
  if (sources.keychain) {
    for (const entry of entries) {
      const found = opens(await fromKeychain(sources.keychain, entry));
      if (found) return found;
    }
  }
  if (sources.recoveryKey) {
    const text = await sources.recoveryKey();
    if (text !== null) {
      for (const entry of entries) {
        const found = opens(unwrapWithRecoveryKey(entry, text));
        if (found) return found;
      }
      throw new UserError(WRONG_RECOVERY_KEY, 'rejected');
    }
  }
  const passphrase = sources.passphrase ? await sources.passphrase() : null;
  if (passphrase === null) throw new UserError(LOCKED, 'rejected');
  for (const entry of entries) {
    const found = opens(await unwrapWithPassphrase(entry, passphrase, path));
    if (found) return found;
  }
  throw new UserError(WRONG_PASSPHRASE, 'rejected');
}

async function fromKeychain(keychain: Keychain, entry: KeyEntry): Promise<Buffer | null> {
  const wrap = entry.wraps.find((candidate) => candidate.kind === 'keychain' && candidate.store === keychain.store);
  if (!wrap || wrap.kind !== 'keychain') return null;
  try {
    return await keychain.recover(wrap.ref, entry.keyId);
  } catch {
    return null;
  }
}

export interface NewWraps {
  passphrase: string | null;
  keychain?: Keychain | null;
}

/**
 * The key entry for `key`: wrapped by the passphrase, the keychain (when
 * there is one) and a new recovery key, returned to be shown once.
 */
export async function wrapKey(key: Buffer, { passphrase, keychain }: NewWraps): Promise<{ entry: KeyEntry; recoveryKey: string }> {
  const entry = newKeyEntry();
  const wraps: Wrap[] = [];
  if (passphrase !== null) wraps.push(await passphraseWrap(key, entry.keyId, passphrase));
  if (keychain) {
    try {
      wraps.push({ kind: 'keychain', store: keychain.store, ref: await keychain.protect(key, entry.keyId) });
    } catch {
      // No keychain after all: the passphrase and recovery key still open the study.
    }
  }
  if (!wraps.length) throw new UserError('Geef een wachtwoord voor het onderzoek: er is geen sleutelhanger van het systeem beschikbaar.', 'invalid-input');
  const recovery = recoveryWrap(key, entry.keyId);
  wraps.push(recovery.wrap);
  return { entry: { ...entry, wraps }, recoveryKey: recovery.recoveryKey };
}

/** Write the key file of a study whose key is new (creation, encryption). */
export function writeNewKeyFile(studyPath: string, entry: KeyEntry): void {
  writeKeyFile(studyPath, { current: entry });
}
