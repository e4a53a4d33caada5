/**
 * Every file Veldwerk writes is readable by its owner only (0600 on POSIX):
 * study files, their WAL, key files, backups, copies, drafts. Files are
 * created with that mode rather than narrowed afterwards, so there is no
 * moment at which another account can open them. (On Windows the mode is
 * ignored; the user's profile folder already limits access.)
 */
import { chmodSync, closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

export const PRIVATE_MODE = 0o600;

/** Write a whole file atomically (temporary file beside it, then rename), owner-only. */
export function writePrivateFile(path: string, data: string | Uint8Array): void {
  const partial = `${path}.${process.pid}.deel`;
  try {
    const fd = openSync(partial, 'w', PRIVATE_MODE);
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(partial, PRIVATE_MODE);
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** An empty owner-only file, for SQLite to fill (VACUUM INTO accepts an empty target). */
export function createEmptyPrivateFile(path: string): void {
  closeSync(openSync(path, 'wx', PRIVATE_MODE));
}

/** Narrow a file SQLite created itself; its -wal and -shm then inherit the mode. */
export function makePrivate(path: string): void {
  try {
    chmodSync(path, PRIVATE_MODE);
  } catch {
    // The file may not exist yet (readonly open of a missing file fails elsewhere).
  }
}
