/**
 * The one way a study file is opened, in every process and worker. It takes
 * the study's key (or finds the one unlocked in this thread, see
 * keys/unlock.ts); an encrypted file without its key is refused. Every
 * connection gets the same pragmas: WAL for concurrent readers, FULL sync so
 * a committed change survives a power cut, foreign keys on, secure_delete so
 * deleted text is overwritten. Migrations run here, keyed on `user_version`.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS, SCHEMA_VERSION } from './schema';
import { UserError } from '../errors';
import { applyStudyKey, studyFileKind } from '../keys/cipher';
import { LOCKED, studyKeyFor } from '../keys/unlock';
import { keyFilePath } from '../keys/key-file';
import { existsSync } from 'node:fs';
import { createEmptyPrivateFile, makePrivate } from './private-files';
import { registerActionHash } from './action-chain';

export type Db = Database.Database;

export interface OpenOptions {
  /** Create the file when it does not exist (otherwise that is an error). */
  create?: boolean;
  readonly?: boolean;
  /**
   * The study key. Omitted: the key unlocked for this path in this thread, if
   * any. A new file is encrypted when there is a key, plaintext otherwise
   * (tests and the fictional demo only).
   */
  key?: Buffer;
}

export function openStudyFile(path: string, options: OpenOptions = {}): Db {
  const kind = studyFileKind(path);
  if (!options.create && kind === 'absent') {
    throw new UserError(`Het onderzoeksbestand "${path}" bestaat niet.`, 'not-found');
  }
  const key = kind === 'plaintext' ? undefined : (options.key ?? studyKeyFor(path));
  if (kind === 'encrypted' && !key) {
    if (existsSync(keyFilePath(path))) throw new UserError(LOCKED, 'rejected');
    throw new UserError(`"${path}" is geen Veldwerk-onderzoeksbestand, of een versleuteld onderzoek waarvan het sleutelbestand (${keyFilePath(path)}) ontbreekt.`, 'rejected');
  }
  if (kind === 'absent') createEmptyPrivateFile(path);
  else if (!options.readonly) makePrivate(path);
  let db: Db;
  try {
    db = new Database(path, { readonly: options.readonly ?? false });
    if (key) applyStudyKey(db, key);
    // The first read: with a wrong key (or a damaged file) it fails here.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    // A read-only connection cannot switch modes (a backup made by VACUUM INTO is not in WAL mode).
    if (!options.readonly) db.pragma('journal_mode = WAL');
  } catch (error) {
    const message = key
      ? `"${path}" kan met deze sleutel niet worden geopend: het hoort bij een andere sleutel of is beschadigd. Er is niets gewijzigd.`
      : `"${path}" is geen Veldwerk-onderzoeksbestand of is beschadigd.`;
    throw new UserError(message, 'rejected', error);
  }
  try {
    db.pragma('secure_delete = ON');
    // SQLite's temporary tables, indices and sort spills go to files in /var/tmp (unlinked, yet on disk) that the
    // cipher does not encrypt (this build's TEMP_STORE=1: on disk unless asked): kept in memory instead.
    db.pragma('temp_store = MEMORY');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // 64 MB of page cache (SQLite's default is 2 MB): a national study's indexes
    // are hundreds of MB, and a merge or import touches them all over. A
    // read-only connection (a worker's: reports, exports, the logbook) reads
    // the study once through: 16 MB holds every index's upper pages, and the
    // 48 MB more cost memory beside the worker's own without saving time
    // (reading a national study for a report: 7.1 s CPU either way, 50 MB less).
    db.pragma(options.readonly ? 'cache_size = -16384' : 'cache_size = -65536');
    // The logbook's chaining migration hashes in SQL with this function.
    registerActionHash(db);
    if (!options.readonly) migrate(db);
    else assertKnownVersion(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: Db): void {
  const current = assertKnownVersion(db);
  if ((current > 0 && !hasMetaTable(db)) || (current === 0 && hasAnyTable(db))) {
    throw new UserError('Dit bestand is geen Veldwerk-onderzoeksbestand.', 'rejected');
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

function assertKnownVersion(db: Db): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new UserError(
      'Dit onderzoek is gemaakt met een nieuwere versie van Veldwerk. Werk Veldwerk bij om het te openen.',
      'rejected',
    );
  }
  return version;
}

function hasAnyTable(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").get() !== undefined;
}

function hasMetaTable(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get() !== undefined;
}
