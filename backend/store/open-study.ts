/**
 * The one way a study file is opened. Every connection gets the same pragmas:
 * WAL for concurrent readers, FULL sync so a committed change survives a power
 * cut, foreign keys on. Migrations run here, keyed on `user_version`.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { MIGRATIONS, SCHEMA_VERSION } from './schema';
import { UserError } from '../errors';

export type Db = Database.Database;

export interface OpenOptions {
  /** Create the file when it does not exist (otherwise that is an error). */
  create?: boolean;
  readonly?: boolean;
}

export function openStudyFile(path: string, options: OpenOptions = {}): Db {
  if (!options.create && !existsSync(path)) {
    throw new UserError(`Het onderzoeksbestand "${path}" bestaat niet.`, 'not-found');
  }
  let db: Db;
  try {
    db = new Database(path, { readonly: options.readonly ?? false });
    db.pragma('journal_mode = WAL');
  } catch (error) {
    throw new UserError(`"${path}" is geen Veldwerk-onderzoeksbestand of is beschadigd.`, 'rejected', error);
  }
  try {
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // 64 MB of page cache (SQLite's default is 2 MB): a national study's indexes
    // are hundreds of MB, and a merge or import touches them all over.
    db.pragma('cache_size = -65536');
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
