/**
 * The passphrase dialog's backend (issue 11), through the handlers as the app
 * and the browser host call them: an encrypted study whose key the keychain
 * does not hold is held and asked for; a wrong passphrase is refused in Dutch,
 * changes nothing and makes the next try wait; the recovery key opens it; a
 * plaintext study (not the demo) is offered encryption, done with the CLI's
 * own code after consent, and the secret appears in no action record.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { veldwerk } from '../helpers/cli';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { keyOpensFile, studyFileKind } from '../../backend/keys/cipher';
import { encryptStudyFile } from '../../backend/keys/encrypt-study';
import { keyFilePath } from '../../backend/keys/key-file';
import { attemptsPath } from '../../backend/keys/attempts';
import { forgetStudyKey, unlockStudy, WRONG_PASSPHRASE, WRONG_RECOVERY_KEY } from '../../backend/keys/unlock';
import type { SessionState } from '../../shared/api/types';
import { newTestStudy, tempDir } from '../helpers/temp-study';
import { writeMeta } from '../../backend/study/study';
import { FICTIONAL_DEMO_META } from '../../backend/demo/demo-marker';

const dir = tempDir('veldwerk-dialoog-');
const PASS = 'een-lang-wachtwoord-voor-de-dialoog';

function appSession(choose: string, demo = join(dir, 'demo.veldwerk')): Session {
  return new Session({ kind: 'electron', chooseStudyToOpen: async () => choose, demoStudyPath: () => demo, keychain: async () => null });
}

async function ok<T>(session: Session, name: string, input: unknown): Promise<T> {
  const result = await dispatch(session, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

async function refused(session: Session, name: string, input: unknown): Promise<string> {
  const result = await dispatch(session, name, input);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.error.message;
}

function plaintextStudy(): string {
  const study = newTestStudy(dir);
  study.close();
  return study.path;
}

async function encryptedStudy(): Promise<{ path: string; recoveryKey: string }> {
  const path = plaintextStudy();
  const { recoveryKey } = await encryptStudyFile(path, { passphrase: PASS, keychain: null });
  forgetStudyKey(path);
  return { path, recoveryKey };
}

describe('the passphrase dialog (handlers)', () => {
  it('holds an encrypted study, refuses a wrong passphrase unchanged and slowed down, then opens with the right one', async () => {
    const { path } = await encryptedStudy();
    const session = appSession(path);
    const held = await ok<SessionState>(session, 'study.openDialog', {});
    expect(held.study).toBeNull();
    expect(held.keyPrompt).toEqual({ kind: 'unlock', fileName: expect.stringMatching(/\.veldwerk$/), waitSeconds: 0 });

    const before = [readFileSync(path), readFileSync(keyFilePath(path))];
    expect(await refused(session, 'study.unlock', { secret: 'fout-wachtwoord-123', with: 'passphrase' })).toBe(WRONG_PASSPHRASE);
    expect([readFileSync(path), readFileSync(keyFilePath(path))]).toEqual(before);
    expect(session.openStudy).toBeNull();
    // The failure is kept beside the key file (so a restart keeps the wait), and the next try must wait.
    expect(JSON.parse(readFileSync(attemptsPath(path), 'utf8')).failures).toBe(1);
    const state = await ok<SessionState>(session, 'session.state', {});
    expect(state.keyPrompt?.waitSeconds).toBeGreaterThan(0);
    expect(await refused(session, 'study.unlock', { secret: PASS, with: 'passphrase' })).toMatch(/Wacht nog \d+ seconde/);
    expect(session.openStudy).toBeNull();

    await new Promise((done) => setTimeout(done, 1100));
    const opened = await ok<SessionState>(session, 'study.unlock', { secret: PASS, with: 'passphrase' });
    expect(opened.study).not.toBeNull();
    expect(opened.keyPrompt).toBeNull();
    expect(existsSync(attemptsPath(path))).toBe(false);
    const study = session.requireStudy();
    const actions = study.db.prepare("SELECT * FROM action WHERE call = 'study.unlock'").all();
    expect(actions).toHaveLength(1);
    expect(JSON.stringify(study.db.prepare('SELECT * FROM action').all())).not.toContain(PASS);
    session.close();
    forgetStudyKey(path);
  }, 60_000);

  it('opens with the recovery key, refuses a wrong one in Dutch, and lets a switch be cancelled', async () => {
    const { path, recoveryKey } = await encryptedStudy();
    const other = plaintextStudy();
    const session = appSession(other, other);
    await ok(session, 'study.openDialog', {});
    expect(session.openStudy?.path).toBe(other);
    (session.host as { chooseStudyToOpen: () => Promise<string> }).chooseStudyToOpen = async () => path;
    expect((await ok<SessionState>(session, 'study.openDialog', {})).keyPrompt?.kind).toBe('unlock');
    // The open study stays open while the other waits for its secret; cancelling leaves it so.
    expect(session.openStudy?.path).toBe(other);
    expect((await ok<SessionState>(session, 'study.dismissKeyPrompt', {})).keyPrompt).toBeNull();
    expect(await refused(session, 'study.unlock', { secret: recoveryKey, with: 'recovery' })).toMatch(/wacht geen onderzoek/);

    await ok(session, 'study.openDialog', {});
    expect(await refused(session, 'study.unlock', { secret: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH', with: 'recovery' })).toBe(WRONG_RECOVERY_KEY);
    expect(session.openStudy?.path).toBe(other);
    const opened = await ok<SessionState>(session, 'study.unlock', { secret: recoveryKey.toLowerCase(), with: 'recovery' });
    expect(opened.studyPath).toBe(path);
    session.close();
    forgetStudyKey(path);
  }, 60_000);

  it('offers a plaintext study encryption, refuses a short passphrase with the study as it was, then encrypts it verified', async () => {
    const path = plaintextStudy();
    const session = appSession(path);
    const state = await ok<SessionState>(session, 'study.openDialog', {});
    expect(state.keyPrompt?.kind).toBe('encrypt');
    const sources = (session.requireStudy().db.prepare('SELECT count(*) FROM institution').pluck().get() as number);

    expect(await refused(session, 'study.encrypt', { passphrase: 'kort' })).toMatch(/minstens 10 tekens/);
    expect(studyFileKind(path)).toBe('plaintext');
    expect(session.openStudy?.path).toBe(path);

    const done = await ok<{ recoveryKey: string; state: SessionState }>(session, 'study.encrypt', { passphrase: PASS });
    expect(done.recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    expect(done.state.keyPrompt).toBeNull();
    expect(studyFileKind(path)).toBe('encrypted');
    expect(session.requireStudy().db.prepare('SELECT count(*) FROM institution').pluck().get()).toBe(sources);
    expect(readFileSync(path).includes(Buffer.from('GI Noord'))).toBe(false);
    session.close();
    forgetStudyKey(path);
    const key = await unlockStudy(path, { passphrase: async () => PASS });
    expect(key && keyOpensFile(path, key)).toBe(true);
    forgetStudyKey(path);
  }, 60_000);

  it('keeps the count of wrong passphrases across processes (a restart does not reset the wait)', async () => {
    const { path } = await encryptedStudy();
    const wrong = join(dir, 'fout.txt');
    writeFileSync(wrong, 'helemaal-niet-goed-1\n');
    for (const expected of [1, 2]) {
      const run = veldwerk(['stats', path, '--passphrase-file', wrong]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(WRONG_PASSPHRASE);
      expect(JSON.parse(readFileSync(attemptsPath(path), 'utf8')).failures).toBe(expected);
    }
    const right = join(dir, 'goed.txt');
    writeFileSync(right, `${PASS}\n`);
    expect(veldwerk(['stats', path, '--passphrase-file', right]).code).toBe(0);
    expect(existsSync(attemptsPath(path))).toBe(false);
  }, 60_000);

  it('does not offer encryption for the fictional demo, and declining keeps a study plaintext', async () => {
    const demo = plaintextStudy();
    const session = appSession(demo, demo);
    expect((await ok<SessionState>(session, 'study.openDialog', {})).keyPrompt).toBeNull();
    // A copy of the demo elsewhere (veldwerk init --demo) carries its mark: not offered either.
    const copy = newTestStudy(dir);
    writeMeta(copy.db, FICTIONAL_DEMO_META, '1');
    copy.close();
    (session.host as { chooseStudyToOpen: () => Promise<string> }).chooseStudyToOpen = async () => copy.path;
    expect((await ok<SessionState>(session, 'study.openDialog', {})).keyPrompt).toBeNull();
    expect((await ok<{ demo: boolean }>(session, 'security.info', {})).demo).toBe(true);
    const path = plaintextStudy();
    (session.host as { chooseStudyToOpen: () => Promise<string> }).chooseStudyToOpen = async () => path;
    expect((await ok<SessionState>(session, 'study.openDialog', {})).keyPrompt?.kind).toBe('encrypt');
    expect((await ok<SessionState>(session, 'study.dismissKeyPrompt', {})).keyPrompt).toBeNull();
    expect(await refused(session, 'study.encrypt', { passphrase: PASS })).toMatch(/geen onversleuteld onderzoek/);
    expect(studyFileKind(path)).toBe('plaintext');
    // The offer belongs to the study it was made for: opening the demo meanwhile drops it.
    expect((await ok<SessionState>(session, 'study.openDialog', {})).keyPrompt?.kind).toBe('encrypt');
    expect((await ok<SessionState>(session, 'study.openDemo', {})).keyPrompt).toBeNull();
    expect(await refused(session, 'study.encrypt', { passphrase: PASS })).toMatch(/geen onversleuteld onderzoek/);
    session.close();
  });
});
