/**
 * Turning a plaintext study into an encrypted one, re-keying, and changing
 * the passphrase. The study must not be open elsewhere. Both rewrites build
 * the new file beside the study (`.versleutelen.deel`, owner-only), verify it
 * under the new key (integrity check and the same number of rows in every
 * table), and only then put it in the study's place with one rename; the
 * old file's bytes are then overwritten with zeros (best effort: an SSD may
 * keep copies). A crash before the rename leaves the old study as it was; a
 * leftover `.deel` is removed at the next attempt.
 */
import { closeSync, fstatSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { UserError } from '../errors';
import { openStudyFile, type Db } from '../store/open-study';
import { createEmptyPrivateFile } from '../store/private-files';
import { backupsOf } from '../store/leftovers';
import { applyStudyKey, keyOpensFile, newStudyKey, studyFileKind } from './cipher';
import { readKeyFile, writeKeyFile, type KeyEntry } from './key-file';
import { forgetStudyKey, rememberStudyKey, wrapKey, type NewWraps } from './unlock';
import { passphraseWrap, recoveryWrap } from './wraps';

export interface NewKeyResult {
  /** Shown once; it opens the study when the passphrase is lost. */
  recoveryKey: string;
}

/** Encrypt a plaintext study in place, after the user agreed. */
export async function encryptStudyFile(path: string, wraps: NewWraps): Promise<NewKeyResult> {
  const kind = studyFileKind(path);
  if (kind === 'encrypted') throw new UserError('Dit onderzoek is al versleuteld.', 'conflict');
  if (kind !== 'plaintext') throw new UserError(`"${path}" is geen Veldwerk-onderzoeksbestand.`, 'rejected');
  const key = newStudyKey();
  const { entry, recoveryKey } = await wrapKey(key, wraps);
  rewrite(path, undefined, key, () => writeKeyFile(path, { current: entry }));
  rememberStudyKey(path, key);
  return { recoveryKey };
}

/** Progress of a re-key: files done of the total (the study and its backups). */
export type RekeyProgress = (done: number, total: number, message: string) => void;

/** A new study key (and so a new recovery key); the passphrase and keychain wrap the new key. */
export async function rekeyStudyFile(path: string, oldKey: Buffer, wraps: NewWraps, progress: RekeyProgress = () => {}): Promise<NewKeyResult> {
  const previous = readKeyFile(path).current;
  const key = newStudyKey();
  const { entry, recoveryKey } = await wrapKey(key, wraps);
  const backups = backupsUnder(path, oldKey);
  const total = 1 + backups.length;
  progress(0, total, 'Onderzoek overzetten naar de nieuwe sleutel…');
  // Until the rename, the old key must still open the study: the key file holds both.
  rewrite(path, oldKey, key, () => writeKeyFile(path, { current: entry, previous }));
  writeKeyFile(path, { current: entry });
  // The backups beside it follow, so that undoing the last merge or restoring a backup still works under the new key.
  backups.forEach((backup, index) => {
    progress(1 + index, total, `Reservekopie ${index + 1} van ${backups.length} overzetten…`);
    rewrite(backup, oldKey, key, () => writeKeyFile(backup, { current: entry, previous }));
  });
  for (const backup of backupsUnder(path, key)) writeKeyFile(backup, { current: entry });
  forgetStudyKey(path);
  rememberStudyKey(path, key);
  progress(total, total, 'Nieuwe sleutel gecontroleerd');
  return { recoveryKey };
}

/** Replace the passphrase wrap; the study file itself is not touched. */
export async function changePassphrase(path: string, key: Buffer, newPassphrase: string): Promise<void> {
  const file = readKeyFile(path);
  const wrap = await passphraseWrap(key, file.current.keyId, newPassphrase);
  replaceWraps(path, key, { ...file.current, wraps: [...file.current.wraps.filter((candidate) => candidate.kind !== 'passphrase'), wrap] });
}

/** A new recovery key for the same study key; the old recovery key no longer opens the study or its backups. */
export function newRecoveryKey(path: string, key: Buffer): NewKeyResult {
  const file = readKeyFile(path);
  const { recoveryKey, wrap } = recoveryWrap(key, file.current.keyId);
  replaceWraps(path, key, { ...file.current, wraps: [...file.current.wraps.filter((candidate) => candidate.kind !== 'recovery'), wrap] });
  return { recoveryKey };
}

/** The study's key file and those of its backups under the same key: a replaced secret opens none of them. */
function replaceWraps(path: string, key: Buffer, current: KeyEntry): void {
  writeKeyFile(path, { current });
  for (const backup of backupsUnder(path, key)) writeKeyFile(backup, { current });
}

function backupsUnder(studyPath: string, key: Buffer): string[] {
  return backupsOf(studyPath)
    .map((backup) => backup.path)
    .filter((backup) => studyFileKind(backup) === 'encrypted' && keyOpensFile(backup, key));
}

function rewrite(path: string, oldKey: Buffer | undefined, newKey: Buffer, beforeSwap: () => void): void {
  const work = `${path}.versleutelen.deel`;
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(work + suffix, { force: true });
  const { counts, lock } = copyOut(path, oldKey, work);
  try {
    rekeyAndVerify(work, oldKey, newKey, counts);
  } finally {
    lock.close();
  }
  beforeSwap();
  const old = openSync(path, 'r+');
  try {
    renameSync(work, path);
    for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
    overwriteWithZeros(old);
  } finally {
    closeSync(old);
  }
}

function rekeyAndVerify(work: string, oldKey: Buffer | undefined, newKey: Buffer, counts: Map<string, number>): void {
  try {
    const db = new Database(work);
    try {
      if (oldKey) applyStudyKey(db, oldKey);
      else {
        db.pragma("cipher = 'sqlcipher'");
        db.pragma('legacy = 4');
      }
      // No rollback journal on disk while pages are rewritten: it would hold them in the old form.
      db.pragma('journal_mode = MEMORY');
      db.pragma(`rekey = "x'${newKey.toString('hex')}'"`);
    } finally {
      db.close();
    }
    verify(work, newKey, counts);
  } catch (error) {
    rmSync(work, { force: true });
    if (error instanceof UserError) throw error;
    throw new UserError('Het onderzoek kon niet worden versleuteld; het is ongewijzigd.', 'rejected', error);
  }
}

export const STUDY_IN_USE = 'Het onderzoek is nog geopend (in de app, de browser of een andere opdracht). Sluit het en probeer het opnieuw; er is niets gewijzigd.';

/**
 * A consistent copy of the study (same key) at `work` and its row counts,
 * made under an exclusive lock that the caller holds (`lock`) until the new
 * file is ready: no other connection may have the study open meanwhile.
 */
function copyOut(path: string, key: Buffer | undefined, work: string): { counts: Map<string, number>; lock: Db } {
  const db = openStudyFile(path, { key });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (error) {
    db.close();
    throw new UserError(STUDY_IN_USE, 'conflict', error);
  }
  try {
    createEmptyPrivateFile(work);
    db.prepare('VACUUM INTO ?').run(work);
    return { counts: rowCounts(db), lock: db };
  } catch (error) {
    db.close();
    rmSync(work, { force: true });
    throw new UserError('Het onderzoek kon niet worden gelezen om het te versleutelen; het is ongewijzigd.', 'rejected', error);
  }
}

function rowCounts(db: Db): Map<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'").pluck().all() as string[];
  return new Map(tables.map((name) => [name, db.prepare(`SELECT count(*) FROM "${name.replace(/"/g, '""')}"`).pluck().get() as number]));
}

function verify(work: string, key: Buffer, expected: Map<string, number>): void {
  if (studyFileKind(work) !== 'encrypted') throw new Error('De nieuwe versie is niet versleuteld.');
  const db = new Database(work, { readonly: true });
  try {
    applyStudyKey(db, key);
    if (db.pragma('integrity_check', { simple: true }) !== 'ok') throw new Error('integrity_check');
    const actual = rowCounts(db);
    for (const [table, count] of expected) if (actual.get(table) !== count) throw new Error(`rijen in ${table}`);
  } finally {
    db.close();
  }
}

function overwriteWithZeros(fd: number): void {
  const size = fstatSync(fd).size;
  const zeros = Buffer.alloc(Math.min(size, 1024 * 1024));
  for (let offset = 0; offset < size; offset += zeros.length) writeSync(fd, zeros, 0, Math.min(zeros.length, size - offset), offset);
  fsyncSync(fd);
}
