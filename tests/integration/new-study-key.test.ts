/**
 * The key of a study made from the UI (issue 11), through the handlers as
 * the app and the browser host run them (`encryptNewStudies`): without a
 * keychain `study.create` needs a passphrase (refused in Dutch otherwise,
 * nothing written), with one it asks nothing; both return the recovery key
 * once. An existing study's key file is never replaced.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { studyFileKind } from '../../backend/keys/cipher';
import { keyFilePath, readKeyFile } from '../../backend/keys/key-file';
import type { Keychain } from '../../backend/keys/keychain';
import { PASSPHRASE_NEEDED } from '../../backend/keys/new-study-key';
import { forgetStudyKey, unlockStudy } from '../../backend/keys/unlock';
import type { CreatedStudy } from '../../shared/api/types';
import { tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-nieuwe-sleutel-');
const SETUP = { name: 'Ronde Sleutel', institutions: ['GI Kluis'], inspectors: [{ name: 'Ina Sleutel', initials: 'IS' }] };
const PASS = 'nieuwe-ronde-wachtwoord';

function appSession(path: string, keychain: Keychain | null): Session {
  return new Session({ kind: 'electron', fixedStudyPath: path, demoStudyPath: () => join(dir, 'demo.veldwerk'), keychain: async () => keychain, encryptNewStudies: true });
}

describe('a new study’s key, made in the backend', () => {
  it('without a keychain: asks for a passphrase, refuses none or a short one unchanged, and shows the recovery key once', async () => {
    const path = join(dir, 'zonder.veldwerk');
    const session = appSession(path, null);
    expect(await dispatch(session, 'study.newKeyPlan', {})).toEqual({ ok: true, value: 'passphrase' });
    expect(await dispatch(session, 'study.create', SETUP)).toEqual({ ok: false, error: { code: 'invalid-input', message: PASSPHRASE_NEEDED } });
    expect((await dispatch(session, 'study.create', { ...SETUP, passphrase: 'kort' })).ok).toBe(false);
    expect([existsSync(path), existsSync(keyFilePath(path))]).toEqual([false, false]);

    const made = await dispatch(session, 'study.create', { ...SETUP, passphrase: PASS });
    if (!made.ok) throw new Error(made.error.message);
    const { recoveryKey, study } = made.value as CreatedStudy;
    expect(study?.name).toBe('Ronde Sleutel');
    expect(recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    session.close();
    forgetStudyKey(path);
    expect(studyFileKind(path)).toBe('encrypted');
    expect(readFileSync(path).includes(Buffer.from('GI Kluis'))).toBe(false);
    expect(await unlockStudy(path, { passphrase: async () => PASS })).not.toBeNull();
    forgetStudyKey(path);
    expect(await unlockStudy(path, { recoveryKey: async () => recoveryKey! })).not.toBeNull();
    forgetStudyKey(path);
  }, 60_000);

  it('with a keychain: asks nothing, keeps the key there, still returns a recovery key', async () => {
    const kept = new Map<string, Buffer>();
    const keychain: Keychain = { store: 'safeStorage', protect: async (key, keyId) => (kept.set(keyId, Buffer.from(key)), 'ref'), recover: async (_ref, keyId) => kept.get(keyId) ?? null };
    const path = join(dir, 'met.veldwerk');
    const session = appSession(path, keychain);
    expect(await dispatch(session, 'study.newKeyPlan', {})).toEqual({ ok: true, value: 'keychain' });
    const made = await dispatch(session, 'study.create', SETUP);
    expect(made.ok && (made.value as CreatedStudy).recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    session.close();
    forgetStudyKey(path);
    expect(readKeyFile(path).current.wraps.map((wrap) => wrap.kind).sort()).toEqual(['keychain', 'recovery']);
    expect(await unlockStudy(path, { keychain })).not.toBeNull();
    forgetStudyKey(path);
  }, 60_000);

  it('never replaces the key file of a study that is there already', async () => {
    const path = join(dir, 'bestaand.veldwerk');
    writeFileSync(keyFilePath(path), 'sleutels van een ander onderzoek');
    const session = appSession(path, null);
    const refused = await dispatch(session, 'study.create', { ...SETUP, passphrase: PASS });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(readFileSync(keyFilePath(path), 'utf8')).toBe('sleutels van een ander onderzoek');
    expect(existsSync(path)).toBe(false);
  });
});
