/**
 * Whole-study copies (backups, copies for inspectors, undo of a merge) are
 * made by SQLite with `VACUUM INTO` from an open connection: the copy is
 * written under the same key as the source, page by page, never as a
 * plaintext file copy. The target is created owner-only first, and an
 * encrypted copy gets its own key file.
 */
import { rmSync } from 'node:fs';
import { copyKeyFile } from '../keys/key-file';
import type { Db } from './open-study';
import { createEmptyPrivateFile } from './private-files';

/** `keyFileFrom`: the study whose key file (same key) the copy gets. */
export function copyStudyInto(db: Db, keyFileFrom: string, targetPath: string): void {
  createEmptyPrivateFile(targetPath);
  try {
    db.prepare('VACUUM INTO ?').run(targetPath);
    copyKeyFile(keyFileFrom, targetPath);
  } catch (error) {
    rmSync(targetPath, { force: true });
    throw error;
  }
}
