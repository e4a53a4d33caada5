/**
 * How a study file is encrypted: SQLite3 Multiple Ciphers (the SQLite build in
 * better-sqlite3-multiple-ciphers) in its SQLCipher 4 scheme, so the file can
 * also be opened by SQLCipher's own tools with the raw key. Every page,
 * WAL included, is AES-256-CBC with a per-page random IV and an HMAC-SHA512
 * over it. The key is a random 256-bit key handed over raw (`x'…'`): it needs
 * no key derivation, as it is not a password; passwords only unwrap it (see
 * passphrase.ts).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';

export const STUDY_KEY_BYTES = 32;

/** Named in the README; the pragmas below apply it. */
export const CIPHER_DESCRIPTION = 'SQLCipher 4 (AES-256-CBC, HMAC-SHA512, pagina 4096 bytes, ruwe 256-bits sleutel)';

export function newStudyKey(): Buffer {
  return randomBytes(STUDY_KEY_BYTES);
}

/** Set the cipher and key on a fresh connection, before its first read. */
export function applyStudyKey(db: Database.Database, key: Buffer): void {
  if (key.length !== STUDY_KEY_BYTES) throw new Error('Een onderzoekssleutel is 32 bytes.');
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${key.toString('hex')}'"`);
}

export type FileKind = 'absent' | 'empty' | 'plaintext' | 'encrypted';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** A plain SQLite file starts with its magic; an encrypted one with a random salt. */
export function studyFileKind(path: string): FileKind {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return 'absent';
  }
  try {
    const head = Buffer.alloc(16);
    const read = readSync(fd, head, 0, 16, 0);
    if (read === 0) return 'empty';
    return read === 16 && head.equals(SQLITE_MAGIC) ? 'plaintext' : 'encrypted';
  } finally {
    closeSync(fd);
  }
}

/** Whether `key` opens the encrypted file at `path` (read only, changes nothing). */
export function keyOpensFile(path: string, key: Buffer): boolean {
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    applyStudyKey(db, key);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}
