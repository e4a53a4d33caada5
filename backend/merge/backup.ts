/**
 * The automatic backup before a merge, and "Samenvoegen ongedaan maken":
 * restoring it. The backup is a full copy of the study file (`VACUUM INTO`,
 * under the study's key, owner-only) next to it:
 * `<study>.voor-samenvoegen-<date-time>.veldwerk`. Restoring is again SQLite
 * writing under the key, never a file copy. It keeps the merged file aside as
 * `<study>-na-samenvoegen-<date-time>.veldwerk` instead of deleting it, so
 * nothing done after the merge is lost for good.
 */
import { existsSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors';
import { copyKeyFile } from '../keys/key-file';
import { copyStudyInto } from '../store/copy-study';
import { openStudyFile, type Db } from '../store/open-study';
import { carryOwnLines } from '../logbook/bundle-chain';
import { readMeta, writeMeta, type Study } from '../study/study';
import type { Session } from '../api/session';
import { META } from './exchange';

/** Date and time in a backup's name (also the backups of keys/security.ts). */
export function stamp(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

export function freePath(dir: string, base: string, suffix: string): string {
  let candidate = join(dir, `${base}${suffix}`);
  for (let n = 2; existsSync(candidate); n++) candidate = join(dir, `${base}-${n}${suffix}`);
  return candidate;
}

const stem = (path: string) => basename(path).replace(/\.veldwerk$/i, '');

/** Copy the study file next to itself before a merge; returns the copy's path. */
export function makePreMergeBackup(study: Study): string {
  const path = freePath(dirname(study.path), `${stem(study.path)}.voor-samenvoegen-${stamp()}`, '.veldwerk');
  try {
    copyStudyInto(study.db, study.path, path);
  } catch (error) {
    throw new UserError(`De reservekopie vóór het samenvoegen kon niet worden gemaakt (${path}); er is niets samengevoegd.`, 'rejected', error);
  }
  return path;
}

export interface RestoreResult {
  restoredFrom: string;
  keptAs: string;
}

/**
 * Undo the last merge of the open study: close it, put the current file aside,
 * copy the pre-merge backup in its place and open that.
 */
export function restorePreMergeBackup(session: Session): RestoreResult {
  const study = session.requireStudy();
  const path = study.path;
  const backup = readMeta(study.db, META.backupPath);
  if (!backup) throw new UserError('Er is geen samenvoeging om ongedaan te maken.', 'not-found');
  if (!existsSync(backup)) throw new UserError(`De reservekopie van vóór het samenvoegen is er niet meer (${backup}).`, 'not-found');
  const key = study.key;
  checkBackup(backup, study.id, study.replicaId, key);

  session.setStudy(null);
  const keptAs = freePath(dirname(path), `${stem(path)}-na-samenvoegen-${stamp()}`, '.veldwerk');
  try {
    renameSync(path, keptAs);
    for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, keptAs + suffix);
    copyKeyFile(path, keptAs);
    const source = openStudyFile(backup, { readonly: true, key });
    try {
      // The key file comes from the study's own (now kept aside): its passphrase may have changed since the backup.
      copyStudyInto(source, keptAs, path);
    } finally {
      source.close();
    }
    const db = openStudyFile(path, { key });
    const aside = openStudyFile(keptAs, { readonly: true, key });
    try {
      db.transaction(() => {
        db.prepare('DELETE FROM meta WHERE key IN (?, ?, ?)').run(META.backupPath, META.backupAt, META.backupBundles);
        writeMeta(db, META.undoneAside, keptAs);
        // The logbook keeps what this copy did since the backup (logbook, issue 12).
        carryOwnLines(aside, db, study.replicaId);
      })();
    } finally {
      aside.close();
      db.close();
    }
  } catch (error) {
    if (!existsSync(path) && existsSync(keptAs)) renameSync(keptAs, path);
    session.openPath(path);
    throw new UserError('Het samenvoegen kon niet ongedaan worden gemaakt; het onderzoek is ongewijzigd.', 'rejected', error);
  }
  session.openPath(path);
  return { restoredFrom: backup, keptAs };
}

function checkBackup(backup: string, studyId: string, replicaId: string, key: Buffer | undefined): void {
  let db: Db;
  try {
    db = openStudyFile(backup, { readonly: true, key });
  } catch (error) {
    throw new UserError('De reservekopie van vóór het samenvoegen is beschadigd.', 'rejected', error);
  }
  try {
    if (readMeta(db, 'study_id') !== studyId || readMeta(db, 'replica_id') !== replicaId) {
      throw new UserError('De reservekopie hoort niet bij dit onderzoek.', 'rejected');
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError('De reservekopie van vóór het samenvoegen is beschadigd.', 'rejected', error);
  } finally {
    db.close();
  }
}
