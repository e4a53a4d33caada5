/**
 * The study key and its wraps (issue 11), in-process: the keychain seam with
 * a stand-in keychain (the real OS keychain and Electron's safeStorage do not
 * exist on this machine), the passphrase and recovery-key fallbacks, bad key
 * files, repeated wrong passphrases, and a re-key cut off before the swap.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyOpensFile, newStudyKey, studyFileKind } from '../../backend/keys/cipher';
import { changePassphrase, encryptStudyFile, rekeyStudyFile, STUDY_IN_USE } from '../../backend/keys/encrypt-study';
import { makePreMergeBackup } from '../../backend/merge/backup';
import { keyFilePath, readKeyFile, writeKeyFile } from '../../backend/keys/key-file';
import { osKeyring, type Keychain } from '../../backend/keys/keychain';
import { veldwerk } from '../helpers/cli';
import { forgetStudyKey, unlockStudy, WRONG_PASSPHRASE, WRONG_RECOVERY_KEY, wrapKey } from '../../backend/keys/unlock';
import { passphraseFailures } from '../../backend/keys/wraps';
import { Study } from '../../backend/study/study';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-sleutels-');
const PASS = 'correct-paard-batterij-nietje';

/** Stands in for the OS keychain: keeps secrets in memory, like safeStorage returns an opaque blob. */
function standInKeychain(): Keychain & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    store: 'keyring',
    entries,
    async protect(key, keyId) {
      entries.set(keyId, key.toString('hex'));
      return '';
    },
    async recover(_ref, keyId) {
      const hex = entries.get(keyId);
      return hex ? Buffer.from(hex, 'hex') : null;
    },
  };
}

/** A plaintext test study with one source, encrypted as `veldwerk encrypt` does. */
async function encryptedStudy(keychain: Keychain | null = null): Promise<{ path: string; recoveryKey: string }> {
  const study = newTestStudy(dir);
  const path = study.path;
  study.close();
  const { recoveryKey } = await encryptStudyFile(path, { passphrase: PASS, keychain });
  forgetStudyKey(path);
  return { path, recoveryKey };
}

describe('study keys', () => {
  it('opens through the keychain without asking for the passphrase', async () => {
    const keychain = standInKeychain();
    const { path } = await encryptedStudy(keychain);
    expect(studyFileKind(path)).toBe('encrypted');
    const key = await unlockStudy(path, { keychain, passphrase: async () => { throw new Error('niet gevraagd'); } });
    expect(key && keyOpensFile(path, key)).toBe(true);
    const study = Study.open(path);
    expect(study.info().name).toBe('Testronde');
    study.close();
    forgetStudyKey(path);
  });

  it('falls back to the passphrase where the keychain does not have the key (another machine)', async () => {
    const { path } = await encryptedStudy(standInKeychain());
    const key = await unlockStudy(path, { keychain: standInKeychain(), passphrase: async () => PASS });
    expect(key && keyOpensFile(path, key)).toBe(true);
    forgetStudyKey(path);
  });

  it('refuses wrong passphrases in Dutch, counts them for the slow-down, and changes nothing', async () => {
    const { path } = await encryptedStudy();
    const before = [readFileSync(path), readFileSync(keyFilePath(path))];
    const keyId = readKeyFile(path).current.keyId;
    await expect(unlockStudy(path, { passphrase: async () => 'fout-wachtwoord-1' })).rejects.toThrow(WRONG_PASSPHRASE);
    await expect(unlockStudy(path, { passphrase: async () => 'fout-wachtwoord-2' })).rejects.toThrow(WRONG_PASSPHRASE);
    expect(passphraseFailures(keyId)).toBe(2);
    expect([readFileSync(path), readFileSync(keyFilePath(path))]).toEqual(before);
    expect(() => Study.open(path)).toThrow(/versleuteld/);
    await unlockStudy(path, { passphrase: async () => PASS });
    expect(passphraseFailures(keyId)).toBe(0);
    forgetStudyKey(path);
  }, 60_000);

  it('opens with the recovery key, which survives a passphrase change', async () => {
    const { path, recoveryKey } = await encryptedStudy();
    const key = (await unlockStudy(path, { passphrase: async () => PASS }))!;
    await changePassphrase(path, key, 'een-heel-nieuw-wachtwoord');
    forgetStudyKey(path);
    await expect(unlockStudy(path, { recoveryKey: async () => 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH' })).rejects.toThrow(WRONG_RECOVERY_KEY);
    expect(await unlockStudy(path, { recoveryKey: async () => recoveryKey.toLowerCase() })).not.toBeNull();
    forgetStudyKey(path);
    expect(await unlockStudy(path, { passphrase: async () => 'een-heel-nieuw-wachtwoord' })).not.toBeNull();
    forgetStudyKey(path);
  }, 60_000);

  it('refuses a damaged, foreign or newer key file with a Dutch message', async () => {
    const { path } = await encryptedStudy();
    const original = readFileSync(keyFilePath(path), 'utf8');
    const attempts: Array<[string, RegExp]> = [
      ['{ niet json', /beschadigd/],
      [JSON.stringify({ format: 'iets-anders' }), /beschadigd of onbekend/],
      [JSON.stringify({ ...JSON.parse(original), version: 99 }), /nieuwere versie van Veldwerk/],
    ];
    for (const [content, message] of attempts) {
      writeFileSync(keyFilePath(path), content);
      await expect(unlockStudy(path, { passphrase: async () => PASS })).rejects.toThrow(message);
    }
    writeFileSync(keyFilePath(path), original);
    expect(await unlockStudy(path, { passphrase: async () => PASS })).not.toBeNull();
    forgetStudyKey(path);
  }, 60_000);

  it('still opens a study whose re-key was cut off after the new key was written but before the file was replaced', async () => {
    const { path } = await encryptedStudy();
    const previous = readKeyFile(path).current;
    const { entry } = await wrapKey(newStudyKey(), { passphrase: PASS });
    writeKeyFile(path, { current: entry, previous });
    const key = await unlockStudy(path, { passphrase: async () => PASS });
    expect(key && keyOpensFile(path, key)).toBe(true);
    forgetStudyKey(path);
  }, 60_000);

  it('re-keys the pre-merge backups beside the study too, so undoing the last merge still works', async () => {
    const { path } = await encryptedStudy();
    const oldKey = (await unlockStudy(path, { passphrase: async () => PASS }))!;
    const study = Study.open(path);
    const backup = makePreMergeBackup(study);
    study.close();
    await rekeyStudyFile(path, oldKey, { passphrase: PASS });
    const newKey = (await unlockStudy(path, { passphrase: async () => PASS }))!;
    expect(keyOpensFile(backup, newKey)).toBe(true);
    expect(keyOpensFile(backup, oldKey)).toBe(false);
    expect(readKeyFile(backup).current.keyId).toBe(readKeyFile(path).current.keyId);
    forgetStudyKey(path);
  }, 60_000);

  it('refuses to encrypt a study another connection has open, changing nothing', async () => {
    const study = newTestStudy(dir);
    try {
      await expect(encryptStudyFile(study.path, { passphrase: PASS })).rejects.toThrow(STUDY_IN_USE);
    } finally {
      study.close();
    }
    expect(studyFileKind(study.path)).toBe('plaintext');
    expect(existsSync(keyFilePath(study.path))).toBe(false);
    const reopened = Study.open(study.path);
    expect(reopened.info().name).toBe('Testronde');
    reopened.close();
  }, 60_000);

  it('on a machine without a keychain (like this one), a new study needs a passphrase: no plaintext fallback', async () => {
    if ((await osKeyring()) !== null) return; // a machine with a keychain keeps the key there instead
    const path = join(dir, 'zonder-wachtwoord.veldwerk');
    const result = veldwerk(['init', path], { VELDWERK_PASSPHRASE_FILE: '' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Geef een wachtwoord');
    expect(existsSync(path) || existsSync(keyFilePath(path))).toBe(false);
  });

  it('keeps a plaintext file that is not a study as it is', () => {
    const path = join(dir, 'nep.veldwerk');
    writeFileSync(path, 'dit is geen onderzoek');
    expect(() => Study.open(path)).toThrow(/geen Veldwerk-onderzoeksbestand/);
    expect(readFileSync(path, 'utf8')).toBe('dit is geen onderzoek');
  });
});
