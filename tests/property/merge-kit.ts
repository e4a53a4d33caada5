/** Helpers for the merge tests: team studies, dumps to compare, bundle exchange. */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { NewStudy } from '../../backend/study/setup';
import { ENTITIES } from '../../backend/store/entities';
import type { Db } from '../../backend/store/open-study';
import { Study } from '../../backend/study/study';
import { copyStudyForInspector } from '../../backend/merge/copy';
import { exportBundle } from '../../backend/merge/export';
import { mergeBundle, readBundle, type MergeOutcome } from '../../backend/merge/merge';
import type { ParsedBundle } from '../../backend/merge/bundle-format';

/** Cheap scrypt for tests (the real default is 2^18). */
export const TEST_WORK_FACTOR = 10;
export const PASSPHRASE = 'team-wachtwoord-2026';

export const TEAM_SETUP: NewStudy = {
  name: 'Teamronde',
  periodStart: '2026-03-01',
  periodEnd: '2026-06-30',
  institutions: ['GI Noord', 'GI Zuid'],
  inspectors: [
    { name: 'Lotte Leider', initials: 'LL' },
    { name: 'Anna Aarts', initials: 'AA' },
    { name: 'Bram Bos', initials: 'BB' },
    { name: 'Cor Claes', initials: 'CC' },
  ],
};

function normalise(value: unknown): unknown {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `sha256:${createHash('sha256').update(value).digest('hex')}`;
  return value;
}

function rowsOf(db: Db, table: string): unknown[] {
  const rows = db.prepare(`SELECT * FROM "${table}"`).all() as Array<Record<string, unknown>>;
  return rows
    .map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).map(([key, value]) => [key, normalise(value)]))))
    .sort()
    .map((text) => JSON.parse(text) as unknown);
}

/** Every row of every table (meta, logs, FTS included): "the study is unchanged" means this is equal. */
export function dumpAll(db: Db): string {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return JSON.stringify(Object.fromEntries(tables.map((table) => [table, rowsOf(db, table)])));
}

/** The shared state replicas must agree on: entity tables, field clocks, blobs and the set of change ids. */
export function dumpShared(db: Db): Record<string, unknown> {
  const entityTables = Object.values(ENTITIES).map((def) => def.table);
  return {
    ...Object.fromEntries(entityTables.map((table) => [table, rowsOf(db, table)])),
    field_clock: rowsOf(db, 'field_clock'),
    original_file: rowsOf(db, 'original_file'),
    content: rowsOf(db, 'content'),
    change_ids: db.prepare('SELECT change_id FROM change_log ORDER BY change_id').pluck().all(),
  };
}

export function changeIds(db: Db): Set<string> {
  return new Set(db.prepare('SELECT change_id FROM change_log').pluck().all() as string[]);
}

/** A copy of `study` for the inspector with these initials, opened. */
export function copyFor(
  study: Study,
  dir: string,
  initials: string,
  name = `${initials}-${Math.random().toString(36).slice(2)}`,
  options: { fast?: boolean } = {},
): Study {
  const copy = copyStudyForInspector(study, join(dir, `${name}.veldwerk`), initials);
  const opened = Study.open(copy.path);
  // Property runs make thousands of tiny commits; durability on power loss is not what they test.
  if (options.fast) opened.db.pragma('synchronous = OFF');
  return opened;
}

export async function makeBundle(from: Study, options: { all?: boolean } = {}): Promise<Uint8Array> {
  const made = await exportBundle(from, { passphrase: PASSPHRASE, all: options.all ?? false, scryptWorkFactor: TEST_WORK_FACTOR });
  made.commit();
  return made.bytes;
}

const parsed = new WeakMap<Uint8Array, ParsedBundle>();

/**
 * Read and merge a bundle (no backup, no replay refusal: a no-op when nothing
 * is new). Each bundle is decrypted and validated once, then reused.
 */
export async function mergeInto(to: Study, bytes: Uint8Array): Promise<MergeOutcome> {
  let bundle = parsed.get(bytes);
  if (!bundle || bundle.header.studyId !== to.id) parsed.set(bytes, (bundle = await readBundle(to, { bytes }, PASSPHRASE)));
  return mergeBundle(to, bundle, { dryRun: false });
}
