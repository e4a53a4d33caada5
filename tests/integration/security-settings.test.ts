/**
 * Instellingen → Beveiliging (issue 11) through the handlers: change the
 * passphrase, make a new recovery key, rotate the key as a job with progress
 * keeping every record, the backup list with its keep-N setting, and
 * restoring a backup (which backs up the study first), with hostile names
 * and foreign backups refused in Dutch.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { keyOpensFile } from '../../backend/keys/cipher';
import { encryptStudyFile } from '../../backend/keys/encrypt-study';
import { forgetStudyKey, studyKeyFor, unlockStudy, WRONG_PASSPHRASE, WRONG_RECOVERY_KEY } from '../../backend/keys/unlock';
import { makePreMergeBackup } from '../../backend/merge/backup';
import { copyStudyInto } from '../../backend/store/copy-study';
import { writeMeta } from '../../backend/study/study';
import type { JobProgress, SecurityInfo, SessionState } from '../../shared/api/types';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-beveiliging-');
const PASS = 'beveiliging-wachtwoord-een';
const NEW_PASS = 'beveiliging-wachtwoord-twee';

async function ok<T>(session: Session, name: string, input: unknown = {}): Promise<T> {
  const result = await dispatch(session, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

async function refused(session: Session, name: string, input: unknown = {}): Promise<string> {
  const result = await dispatch(session, name, input);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.error.message;
}

async function openEncrypted(): Promise<{ session: Session; path: string; recoveryKey: string }> {
  const study = newTestStudy(dir);
  const path = study.path;
  study.close();
  const { recoveryKey } = await encryptStudyFile(path, { passphrase: PASS, keychain: null });
  const session = new Session({ kind: 'browser', demoStudyPath: () => join(dir, 'demo.veldwerk'), keychain: async () => null });
  session.openPath(path);
  return { session, path, recoveryKey };
}

function rowCounts(session: Session): Record<string, number> {
  const db = session.requireStudy().db;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'").pluck().all() as string[];
  return Object.fromEntries(tables.map((name) => [name, db.prepare(`SELECT count(*) FROM "${name}"`).pluck().get() as number]));
}

const institutions = (session: Session) => session.requireStudy().institutions().map((institution) => institution.name).sort();
const actionLabels = (session: Session) => session.requireStudy().db.prepare('SELECT call FROM action').pluck().all() as string[];

describe('Instellingen → Beveiliging (handlers)', () => {
  it('changes the passphrase and makes a new recovery key; the old ones no longer open the study', async () => {
    const { session, path, recoveryKey } = await openEncrypted();
    const info = await ok<SecurityInfo>(session, 'security.info');
    expect(info).toMatchObject({ encrypted: true, demo: false, opensWith: { passphrase: true, keychain: false, recoveryKey: true }, backupKeep: 3, backups: [] });

    expect(await refused(session, 'security.changePassphrase', { passphrase: 'kort', current: PASS })).toMatch(/minstens 10 tekens/);
    await ok(session, 'security.changePassphrase', { passphrase: NEW_PASS, current: PASS });
    const made = await ok<{ recoveryKey: string }>(session, 'security.newRecoveryKey', { current: recoveryKey, currentWith: 'recovery' });
    expect(made.recoveryKey).not.toBe(recoveryKey);
    expect(actionLabels(session)).toEqual(expect.arrayContaining(['security.changePassphrase', 'security.newRecoveryKey']));
    session.close();

    forgetStudyKey(path);
    await expect(unlockStudy(path, { passphrase: async () => PASS })).rejects.toThrow(WRONG_PASSPHRASE);
    await expect(unlockStudy(path, { recoveryKey: async () => recoveryKey })).rejects.toThrow(WRONG_RECOVERY_KEY);
    expect(await unlockStudy(path, { recoveryKey: async () => made.recoveryKey })).not.toBeNull();
    forgetStudyKey(path);
    await new Promise((done) => setTimeout(done, 1100));
    expect(await unlockStudy(path, { passphrase: async () => NEW_PASS })).not.toBeNull();
    forgetStudyKey(path);
  }, 60_000);

  it('rotates the key as a job with progress, keeping every record; the old key no longer opens the study', async () => {
    const { session, path } = await openEncrypted();
    await ok(session, 'institution.create', { name: 'GI Midden' });
    const before = rowCounts(session);
    const oldKey = Buffer.from(studyKeyFor(path)!);
    const progress: JobProgress[] = [];
    session.onProgress((event) => progress.push(event));

    const rotated = await ok<{ recoveryKey: string; state: SessionState }>(session, 'security.rekey', { passphrase: NEW_PASS, current: PASS, jobId: 'sleutel' });
    expect(rotated.state.study).not.toBeNull();
    expect(rotated.recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    const after = rowCounts(session);
    // The rekey's own action is the one record more.
    expect({ ...after, action: after.action! - 1 }).toEqual(before);
    expect(keyOpensFile(path, oldKey)).toBe(false);
    expect(keyOpensFile(path, studyKeyFor(path)!)).toBe(true);
    expect(progress.filter((event) => event.jobId === 'sleutel').at(-1)).toMatchObject({ done: 1, total: 1 });
    expect(actionLabels(session)).toContain('security.rekey');
    session.close();
    forgetStudyKey(path);
  }, 60_000);

  it('lists backups, restores one after backing up the study, keeps N, and refuses foreign or hostile names', async () => {
    const { session, path } = await openEncrypted();
    const backup = makePreMergeBackup(session.requireStudy());
    writeMeta(session.requireStudy().db, 'merge_backup', backup);
    await ok(session, 'institution.create', { name: 'GI Na de reservekopie' });

    const info = await ok<SecurityInfo>(session, 'security.info');
    expect(info.backups).toHaveLength(1);
    expect(info.backups[0]).toMatchObject({ kind: 'samenvoegen', name: expect.stringContaining('.voor-samenvoegen-') });
    expect(info.backups[0]!.size).toBeGreaterThan(0);

    expect(await refused(session, 'security.restoreBackup', { name: '../elders.veldwerk' })).toMatch(/geen reservekopie/);
    // A file named like a backup that is another study: refused, nothing changed.
    const other = newTestStudy(dir);
    copyStudyInto(other.db, other.path, path.replace(/\.veldwerk$/, '.voor-samenvoegen-20200101-000000.veldwerk'));
    other.close();
    expect(await refused(session, 'security.restoreBackup', { name: `${path.split('/').at(-1)!.replace(/\.veldwerk$/, '')}.voor-samenvoegen-20200101-000000.veldwerk` })).toMatch(/andere sleutel|hoort niet/);
    expect(institutions(session)).toContain('GI Na de reservekopie');

    const restored = await ok<{ keptAs: string; state: SessionState }>(session, 'security.restoreBackup', { name: info.backups[0]!.name });
    expect(institutions(session)).not.toContain('GI Na de reservekopie');
    expect(restored.keptAs).toContain('.voor-terugzetten-');
    const afterRestore = await ok<SecurityInfo>(session, 'security.info');
    expect(afterRestore.backups.map((entry) => entry.name)).toContain(restored.keptAs);

    // The restore itself can be undone: the backup made before it holds the institution.
    await new Promise((done) => setTimeout(done, 1100)); // a distinct time stamp for the next backup's name
    const undone = await ok<{ keptAs: string }>(session, 'security.restoreBackup', { name: restored.keptAs });
    expect(institutions(session)).toContain('GI Na de reservekopie');
    expect(actionLabels(session)).toContain('security.restoreBackup');

    const kept = await ok<SecurityInfo>(session, 'security.setBackupKeep', { keep: 1 });
    expect(kept.backupKeep).toBe(1);
    expect(kept.backups.filter((entry) => entry.kind === 'terugzetten').map((entry) => entry.name)).toEqual([undone.keptAs]);
    expect(readdirSync(dir).filter((name) => name.endsWith('.deel'))).toEqual([]);
    expect(existsSync(join(dir, restored.keptAs))).toBe(false);
    expect(await refused(session, 'security.setBackupKeep', { keep: 0 })).toMatch(/Ongeldige invoer/);
    session.close();
    forgetStudyKey(path);
  }, 60_000);
});
