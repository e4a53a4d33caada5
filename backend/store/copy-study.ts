/**
 * Whole-study copies (backups, copies for inspectors, undo of a merge) are
 * made by SQLite with `VACUUM INTO` from an open connection: the copy is
 * written under the same key as the source, page by page, never as a
 * plaintext file copy. The target is created owner-only first, and an
 * encrypted copy gets its own key file.
 *
 * Not the online backup API: with an encrypted study it refuses ("backup is
 * not supported with incompatible source and target databases"; the target
 * cannot be keyed through better-sqlite3), and on the national-scale study
 * (1.7 GB, plaintext) it was no faster: 5.6 s against 5.6 s for VACUUM INTO,
 * whose copy is also smaller (1.2 GB, compacted). Measured by
 * scripts/bench/national-merge.ts. The cheaper backup is fewer of them: a
 * set of bundles applied together has one (merge/merge.ts applyBundleSet).
 */
import { rmSync } from 'node:fs';
import { copyKeyFile } from '../keys/key-file';
import type { Db } from './open-study';
import { createEmptyPrivateFile } from './private-files';

/**
 * Page cache while copying, in KiB (SQLite's negative cache_size). VACUUM INTO
 * gives the copy the source connection's cache size, and reads every page
 * through the source's cache: with the study connection's 64 MB both fill,
 * 130 MB held for a copy that reads each page once (and it runs slower).
 */
const COPY_CACHE_KIB = 8192;

/** `keyFileFrom`: the study whose key file (same key) the copy gets. */
export function copyStudyInto(db: Db, keyFileFrom: string, targetPath: string): void {
  createEmptyPrivateFile(targetPath);
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  try {
    db.pragma(`cache_size = -${COPY_CACHE_KIB}`);
    db.prepare('VACUUM INTO ?').run(targetPath);
    copyKeyFile(keyFileFrom, targetPath);
  } catch (error) {
    rmSync(targetPath, { force: true });
    throw error;
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
}
