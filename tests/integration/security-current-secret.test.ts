/**
 * Instellingen → Beveiliging asks for the current secret before any secret
 * changes (issue 11), through the handlers: a wrong current passphrase or
 * recovery key is refused in Dutch and changes no byte of the key file nor
 * the study; a further try waits (attempts.ts, kept beside the study); the
 * recovery key still works during the wait; a study that opens only through
 * the keychain is confirmed with its recovery key.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { attemptsPath } from '../../backend/keys/attempts';
import { keyOpensFile } from '../../backend/keys/cipher';
import { NO_PASSPHRASE_YET, WRONG_CURRENT_PASSPHRASE, WRONG_CURRENT_RECOVERY_KEY } from '../../backend/keys/current-secret';
import { encryptStudyFile } from '../../backend/keys/encrypt-study';
import { keyFilePath } from '../../backend/keys/key-file';
import type { Keychain } from '../../backend/keys/keychain';
import { forgetStudyKey, studyKeyFor, unlockStudy, WRONG_PASSPHRASE } from '../../backend/keys/unlock';
import { TEST_STUDY_PASSPHRASE_FILE, veldwerk } from '../helpers/cli';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-huidig-geheim-');
const PASS = 'huidig-wachtwoord-een';
const NEW_PASS = 'huidig-wachtwoord-twee';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const fingerprint = (path: string) => [sha(path), sha(keyFilePath(path))];

async function refusal(session: Session, name: string, input: unknown): Promise<{ code: string; message: string }> {
  const result = await dispatch(session, name, input);
  if (result.ok) throw new Error(`${name} werd niet geweigerd`);
  return result.error;
}

async function openEncrypted(keychain: Keychain | null, passphrase: string | null) {
  const study = newTestStudy(dir);
  const path = study.path;
  study.close();
  const { recoveryKey } = await encryptStudyFile(path, { passphrase, keychain });
  const session = new Session({ kind: 'browser', demoStudyPath: () => join(dir, 'demo.veldwerk'), keychain: async () => keychain });
  session.openPath(path);
  return { session, path, recoveryKey };
}

describe('changing the study’s secrets asks for the current one', () => {
  it('refuses a wrong current passphrase unchanged, slows down the next try, and accepts the recovery key meanwhile', async () => {
    const { session, path, recoveryKey } = await openEncrypted(null, PASS);
    const key = Buffer.from(studyKeyFor(path)!);
    session.requireStudy().db.pragma('wal_checkpoint(TRUNCATE)');
    const before = fingerprint(path);

    expect(await refusal(session, 'security.changePassphrase', { passphrase: NEW_PASS, current: 'niet-het-wachtwoord' })).toEqual({ code: 'rejected', message: WRONG_CURRENT_PASSPHRASE });
    expect(existsSync(attemptsPath(path))).toBe(true);
    // The right passphrase right after a wrong one: refused unchecked until the wait is over.
    expect((await refusal(session, 'security.changePassphrase', { passphrase: NEW_PASS, current: PASS })).message).toMatch(/Wacht nog 1 seconde.*niets gewijzigd/);
    expect(await refusal(session, 'security.rekey', { passphrase: NEW_PASS, current: 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789', currentWith: 'recovery', jobId: 'sleutel' })).toEqual({
      code: 'rejected',
      message: WRONG_CURRENT_RECOVERY_KEY,
    });
    expect(await refusal(session, 'security.newRecoveryKey', { current: PASS.slice(1) + 'x', currentWith: 'recovery' })).toEqual({ code: 'rejected', message: WRONG_CURRENT_RECOVERY_KEY });
    expect((await refusal(session, 'security.newRecoveryKey', {})).code).toBe('invalid-input');
    expect(fingerprint(path)).toEqual(before);
    expect(keyOpensFile(path, key)).toBe(true);
    expect(session.openStudy).not.toBeNull();

    // The recovery key is not guessable and not held back: it confirms during the wait.
    expect((await dispatch(session, 'security.changePassphrase', { passphrase: NEW_PASS, current: recoveryKey, currentWith: 'recovery' })).ok).toBe(true);
    session.close();
    forgetStudyKey(path);
    await expect(unlockStudy(path, { passphrase: async () => PASS })).rejects.toThrow(WRONG_PASSPHRASE);
    await new Promise((done) => setTimeout(done, 2100));
    expect(await unlockStudy(path, { passphrase: async () => NEW_PASS })).not.toBeNull();
    forgetStudyKey(path);
  }, 60_000);

  it('confirms a study that opens only through the keychain with its recovery key', async () => {
    const kept = new Map<string, Buffer>();
    const keychain: Keychain = {
      store: 'keyring',
      protect: async (key, keyId) => (kept.set(keyId, Buffer.from(key)), ''),
      recover: async (_ref, keyId) => kept.get(keyId) ?? null,
    };
    const { session, path, recoveryKey } = await openEncrypted(keychain, null);
    const before = fingerprint(path);
    expect(await refusal(session, 'security.changePassphrase', { passphrase: NEW_PASS, current: PASS })).toEqual({ code: 'rejected', message: NO_PASSPHRASE_YET });
    expect(fingerprint(path)).toEqual(before);
    const made = await dispatch(session, 'security.newRecoveryKey', { current: recoveryKey, currentWith: 'recovery' });
    expect(made.ok && (made.value as { recoveryKey: string }).recoveryKey).not.toBe(recoveryKey);
    session.close();
    forgetStudyKey(path);
  }, 60_000);

  it('veldwerk passphrase: a wrong current passphrase file is refused with the key file unchanged; the right one changes it', async () => {
    const path = join(dir, 'cli.veldwerk');
    expect(veldwerk(['init', path, '--name', 'Ronde CLI'], { VELDWERK_HOME: dir }).code).toBe(0);
    const wrong = join(dir, 'fout.txt');
    const next = join(dir, 'nieuw.txt');
    writeFileSync(wrong, 'niet-het-wachtwoord\n');
    writeFileSync(next, `${NEW_PASS}\n`);
    const before = sha(keyFilePath(path));
    const refused = veldwerk(['passphrase', path, '--passphrase-file', wrong, '--new-passphrase-file', next], { VELDWERK_HOME: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(WRONG_PASSPHRASE);
    expect(sha(keyFilePath(path))).toBe(before);
    const changed = veldwerk(['passphrase', path, '--passphrase-file', TEST_STUDY_PASSPHRASE_FILE, '--new-passphrase-file', next], { VELDWERK_HOME: dir });
    expect(changed.code, changed.stderr).toBe(0);
    expect(await unlockStudy(path, { passphrase: async () => NEW_PASS })).not.toBeNull();
    forgetStudyKey(path);
  }, 60_000);
});
