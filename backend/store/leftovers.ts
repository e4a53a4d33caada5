/**
 * What a killed run leaves behind is removed the next time: partial files
 * (`<name>.<pid>.deel`, of a process that no longer runs) beside the study,
 * an unfinished encryption (`.versleutelen.deel`), pre-merge backups that no
 * undo can reach (a merge killed after its backup, or older than the last
 * `backup_keep` ones; a setting in the study, default 3), and the temporary
 * folders (`veldwerk-tijdelijk-<pid>-…`, and the staging folders
 * `.veldwerk-staging-<pid>-…` beside the study) of dead processes.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { KEY_FILE_SUFFIX } from '../keys/key-file';
import type { Db } from './open-study';

export const DEFAULT_BACKUP_KEEP = 3;
const COMPANIONS = ['', '-wal', '-shm', '-journal', KEY_FILE_SUFFIX];

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeWithCompanions(path: string): void {
  for (const suffix of COMPANIONS) rmSync(path + suffix, { force: true, recursive: false });
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Partial files of dead processes and unfinished encryptions beside the study. */
export function removePartialFiles(studyPath: string): string[] {
  const dir = dirname(studyPath);
  const removed: string[] = [];
  for (const name of entries(dir)) {
    const partial = /\.(\d+)\.deel$/.exec(name);
    const stale = partial ? !isRunning(Number(partial[1])) : name === `${basename(studyPath)}.versleutelen.deel`;
    if (!stale) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(join(dir, name));
  }
  return removed;
}

/** The kinds of backup beside a study: before a merge (undo of the merge), before restoring a backup (Instellingen → Beveiliging). */
export const BACKUP_KINDS = ['samenvoegen', 'terugzetten'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** The kind of backup of `studyPath` that `name` (a file name in its folder) is, or null. */
export function backupKindOf(studyPath: string, name: string): BackupKind | null {
  const stem = basename(studyPath).replace(/\.veldwerk$/i, '');
  if (!name.endsWith('.veldwerk')) return null;
  return BACKUP_KINDS.find((kind) => name.startsWith(`${stem}.voor-${kind}-`)) ?? null;
}

/** Every backup of this study beside it, newest first. */
export function backupsOf(studyPath: string, kind?: BackupKind): Array<{ path: string; kind: BackupKind; time: number; size: number }> {
  const dir = dirname(studyPath);
  return entries(dir)
    .map((name) => ({ name, kind: backupKindOf(studyPath, name) }))
    .filter((entry): entry is { name: string; kind: BackupKind } => entry.kind !== null && (!kind || entry.kind === kind))
    .map(({ name, kind: found }) => {
      const path = join(dir, name);
      const stat = statSync(path);
      return { path, kind: found, time: stat.mtimeMs, size: stat.size };
    })
    .sort((a, b) => b.time - a.time);
}

/**
 * Pre-merge backups of this study: keep the one an undo would restore and
 * the newest older ones up to `keep` in all; remove the rest. Backups made
 * before restoring a backup: the newest `keep`.
 */
export function pruneBackups(studyPath: string, referenced: string | undefined, keep: number): string[] {
  const dir = dirname(studyPath);
  const prefix = `${basename(studyPath).replace(/\.veldwerk$/i, '')}.voor-samenvoegen-`;
  const backups = backupsOf(studyPath, 'samenvoegen');
  const anchor = referenced ? backups.find((backup) => resolve(backup.path) === resolve(referenced)) : undefined;
  const kept = new Set<string>();
  if (anchor) {
    kept.add(anchor.path);
    for (const backup of backups) if (kept.size < keep && backup.time <= anchor.time) kept.add(backup.path);
  }
  const removed = backups.filter((backup) => !kept.has(backup.path)).map((backup) => backup.path);
  // A key file whose backup was removed after a failed merge.
  for (const name of entries(dir)) {
    const backup = join(dir, name.slice(0, -KEY_FILE_SUFFIX.length));
    if (name.startsWith(prefix) && name.endsWith(`.veldwerk${KEY_FILE_SUFFIX}`) && !backups.some((candidate) => candidate.path === backup)) removed.push(backup);
  }
  removed.push(...backupsOf(studyPath, 'terugzetten').slice(keep).map((backup) => backup.path));
  for (const path of removed) removeWithCompanions(path);
  return removed;
}

export function backupKeep(db: Db): number {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'backup_keep'").get() as { value: string } | undefined;
  const value = Number(row?.value);
  return Number.isInteger(value) && value >= 1 ? value : DEFAULT_BACKUP_KEEP;
}

const TEMP_PREFIX = 'veldwerk-tijdelijk-';

/** A private (0700) temporary folder of this process; removed by the caller, or at a later start if the process dies. */
export function privateTempDir(): string {
  return mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}${process.pid}-`));
}

/** Temporary folders of Veldwerk processes that no longer run (staging, spreadsheet reading). */
export function removeDeadTempDirs(): void {
  removeDeadFolders(tmpdir(), /^veldwerk-(?:tijdelijk|staging)-(\d+)-/);
}

/** Folders of the staging store (staging-store.ts) of dead processes, in a study's folder: `.veldwerk-staging-<pid>-…`. */
export const STAGING_FOLDER_PREFIX = '.veldwerk-staging-';

function removeDeadFolders(dir: string, pattern: RegExp): void {
  for (const name of entries(dir)) {
    const match = pattern.exec(name);
    if (match && !isRunning(Number(match[1]))) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/** At open: what killed runs left beside this study. */
export function removeLeftoversOf(study: { path: string; db: Db }): void {
  removePartialFiles(study.path);
  removeDeadFolders(dirname(study.path), /^\.veldwerk-staging-(\d+)-/);
  const referenced = study.db.prepare("SELECT value FROM meta WHERE key = 'merge_backup'").get() as { value: string } | undefined;
  pruneBackups(study.path, referenced?.value, backupKeep(study.db));
}
