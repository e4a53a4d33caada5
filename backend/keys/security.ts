/**
 * Instellingen → Beveiliging: the open study's secrets and backups, with the
 * same code the CLI runs (encrypt-study.ts), each only after the current
 * passphrase or the recovery key was given and checked (current-secret.ts):
 * change the passphrase, rotate
 * the key (a job: the study is closed, rewritten under a new key, verified
 * record for record, and opened again), make a new recovery key (shown
 * once), and the backups beside the study: listed with time and size, how
 * many are kept (the study setting `backup_keep`), and restoring one, which
 * first backs up the study as it is, so a restore can itself be undone.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors';
import type { Session } from '../api/session';
import type { BackupEntry, SecurityInfo, SessionState } from '../../shared/api/types';
import { freePath, stamp } from '../merge/backup';
import { copyStudyInto } from '../store/copy-study';
import { backupKeep, backupsOf, removeLeftoversOf } from '../store/leftovers';
import { openStudyFile } from '../store/open-study';
import { readMeta, writeMeta, type Study } from '../study/study';
import { changePassphrase, newRecoveryKey, rekeyStudyFile } from './encrypt-study';
import { readKeyFile } from './key-file';
import { keychainOf } from './key-prompt';
import { isFictionalDemo } from '../demo/demo-marker';
import { checkNewPassphrase } from './wraps';
import { verifyCurrentSecret, type SecretKind } from './current-secret';

export const MAX_BACKUP_KEEP = 50;

export function securityInfo(session: Session): SecurityInfo {
  const study = session.requireStudy();
  const wraps = study.key ? readKeyFile(study.path).current.wraps : [];
  return {
    encrypted: Boolean(study.key),
    demo: resolve(study.path) === resolve(session.host.demoStudyPath()) || isFictionalDemo(study.db),
    opensWith: {
      passphrase: wraps.some((wrap) => wrap.kind === 'passphrase'),
      keychain: wraps.some((wrap) => wrap.kind === 'keychain'),
      recoveryKey: wraps.some((wrap) => wrap.kind === 'recovery'),
    },
    backupKeep: backupKeep(study.db),
    backups: backupsOf(study.path).map(
      (backup): BackupEntry => ({ name: basename(backup.path), kind: backup.kind, time: new Date(backup.time).toISOString(), size: backup.size }),
    ),
  };
}

function encryptedStudy(session: Session): Study & { key: Buffer } {
  const study = session.requireStudy();
  if (!study.key) throw new UserError('Dit onderzoek is niet versleuteld; er is geen wachtwoord of sleutel om te wijzigen.', 'rejected');
  return study as Study & { key: Buffer };
}

/** What the user typed to prove they may change the study's secrets: the current passphrase or the recovery key. */
export interface CurrentSecret {
  current: string;
  currentWith: SecretKind;
}

export async function changeStudyPassphrase(session: Session, proof: CurrentSecret, passphrase: string): Promise<void> {
  const study = encryptedStudy(session);
  checkNewPassphrase(passphrase);
  await verifyCurrentSecret(study.path, study.key, proof.current, proof.currentWith);
  await changePassphrase(study.path, study.key, passphrase);
}

export async function makeRecoveryKey(session: Session, proof: CurrentSecret): Promise<{ recoveryKey: string }> {
  const study = encryptedStudy(session);
  await verifyCurrentSecret(study.path, study.key, proof.current, proof.currentWith);
  return newRecoveryKey(study.path, study.key);
}

/** Rotate the study key: closes the study for the rewrite and always opens it again (new key, or as it was). */
export async function rekeyOpenStudy(session: Session, proof: CurrentSecret, passphrase: string, jobId: string): Promise<{ recoveryKey: string; state: SessionState }> {
  const study = encryptedStudy(session);
  checkNewPassphrase(passphrase);
  await verifyCurrentSecret(study.path, study.key, proof.current, proof.currentWith);
  const { path, key } = study;
  const keychain = await keychainOf(session);
  session.setStudy(null);
  try {
    const { recoveryKey } = await rekeyStudyFile(path, key, { passphrase, keychain }, (done, total, message) =>
      session.reportProgress({ jobId, done, total, message }),
    );
    session.openPath(path);
    return { recoveryKey, state: session.state() };
  } catch (error) {
    session.openPath(path);
    throw error;
  }
}

export function setBackupKeep(session: Session, keep: number): SecurityInfo {
  const study = session.requireStudy();
  writeMeta(study.db, 'backup_keep', String(keep));
  removeLeftoversOf(study);
  return securityInfo(session);
}

/**
 * Put a backup in the study's place. Only a backup of this very copy (same
 * study and replica id, same key) is taken; the study as it is now is backed
 * up first. The study file is replaced by SQLite writing under the key.
 */
export function restoreBackup(session: Session, name: string): { restoredFrom: string; keptAs: string; state: SessionState } {
  const study = session.requireStudy();
  const path = study.path;
  const backup = backupsOf(path).find((candidate) => basename(candidate.path) === name);
  if (!backup || name !== basename(name)) throw new UserError(`Er is geen reservekopie "${name}" van dit onderzoek.`, 'not-found');
  checkBelongs(backup.path, study);

  const keptAs = freePath(dirname(path), `${basename(path).replace(/\.veldwerk$/i, '')}.voor-terugzetten-${stamp()}`, '.veldwerk');
  try {
    copyStudyInto(study.db, path, keptAs);
  } catch (error) {
    throw new UserError('Er kon eerst geen reservekopie van het onderzoek worden gemaakt; er is niets teruggezet.', 'rejected', error);
  }
  const key = study.key;
  session.setStudy(null);
  // A partial name of this process: a kill in between leaves it for the next start to remove (leftovers.ts).
  const aside = join(dirname(path), `${basename(path)}.${process.pid}.deel`);
  try {
    renameSync(path, aside);
    for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
    const source = openStudyFile(backup.path, { readonly: true, key });
    try {
      copyStudyInto(source, path, path);
    } finally {
      source.close();
    }
  } catch (error) {
    rmSync(path, { force: true });
    if (existsSync(aside)) {
      renameSync(aside, path);
      for (const suffix of ['-wal', '-shm']) if (existsSync(aside + suffix)) renameSync(aside + suffix, path + suffix);
    }
    session.openPath(path);
    throw new UserError('De reservekopie kon niet worden teruggezet; het onderzoek is ongewijzigd.', 'rejected', error);
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(aside + suffix, { force: true });
  session.openPath(path);
  return { restoredFrom: name, keptAs: basename(keptAs), state: session.state() };
}

function checkBelongs(backupPath: string, study: Study): void {
  let db;
  try {
    db = openStudyFile(backupPath, { readonly: true, key: study.key });
  } catch (error) {
    throw new UserError('Deze reservekopie is beschadigd of hoort bij een andere sleutel; er is niets teruggezet.', 'rejected', error);
  }
  try {
    if (readMeta(db, 'study_id') !== study.id || readMeta(db, 'replica_id') !== study.replicaId) {
      throw new UserError('Deze reservekopie hoort niet bij dit onderzoek; er is niets teruggezet.', 'rejected');
    }
  } finally {
    db.close();
  }
}
