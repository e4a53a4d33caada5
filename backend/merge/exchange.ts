/**
 * This copy's exchange bookkeeping: its version vector, what it last put in a
 * bundle, and what it last read from each other copy.
 *
 * The rule for "since the last exchange" (the default export):
 *   a bundle holds every change record this copy stored (made here or read
 *   from a bundle) after the snapshot of its previous export, or, for a copy
 *   made with "copy for inspector" that has not exported yet, after the moment
 *   it was copied (what it was born with, the copy it came from still has and
 *   hands on itself).
 * It is counted in the copy's own storage order (change_log.seq), not by clock,
 * so a bundle read out of order is still passed on. This assumes what the team
 * does: every bundle reaches the whole team, directly or through whoever merges
 * (changes read from others are passed on too, which is what makes a lead who
 * collects and redistributes work). Sending something twice costs nothing:
 * the receiver skips change ids it has. When in doubt, export everything (--all).
 *
 * The version vector (replica id -> highest clock held from that replica)
 * travels in every bundle. The receiver compares it with its own afterwards:
 * if the sender holds changes of some copy that the receiver still lacks, they
 * were in an earlier bundle the receiver has not read, and it is told so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../app-paths';
import type { Db } from '../store/open-study';
import { readMeta, writeMeta } from '../study/study';
import type { VersionVector } from './bundle-format';

export const META = {
  exportSeq: 'export_seq',
  exportVector: 'export_vector',
  exportAt: 'export_at',
  backupPath: 'merge_backup',
  backupAt: 'merge_backup_at',
  /** How many bundles the pre-merge backup is from before (several applied together share one). */
  backupBundles: 'merge_backup_bundles',
  copiedFrom: 'copied_from_replica',
  copiedAt: 'copied_at',
  undoneAside: 'merge_undone_kept_as',
  /** How many references to missing rows the last merge left (see merge.ts). */
  danglingReferences: 'merge_dangling_references',
} as const;

export function versionVector(db: Db): VersionVector {
  // A skip-scan over the (replica_id, hlc) index: a few lookups per replica
  // instead of reading every change of the log (GROUP BY would).
  const rows = db
    .prepare(
      `WITH RECURSIVE replica (id) AS (
         SELECT min(replica_id) FROM change_log
         UNION ALL
         SELECT (SELECT min(replica_id) FROM change_log WHERE replica_id > replica.id) FROM replica WHERE replica.id IS NOT NULL
       )
       SELECT id AS replica_id, (SELECT max(hlc) FROM change_log WHERE replica_id = replica.id) AS hlc
       FROM replica WHERE id IS NOT NULL`,
    )
    .all() as Array<{
    replica_id: string;
    hlc: string;
  }>;
  return Object.fromEntries(rows.map((row) => [row.replica_id, row.hlc]));
}

export function maxSeq(db: Db): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM change_log').get() as { n: number }).n;
}

/** The storage position after which changes are "new since the last exchange". */
export function exportBaseline(db: Db): number {
  return Number(readMeta(db, META.exportSeq) ?? 0);
}

export function recordExport(db: Db, seq: number, vector: VersionVector, at: string): void {
  db.transaction(() => {
    // Never move the baseline back (an older snapshot exported later).
    if (seq > exportBaseline(db)) writeMeta(db, META.exportSeq, String(seq));
    writeMeta(db, META.exportVector, JSON.stringify(vector));
    writeMeta(db, META.exportAt, at);
  })();
}

export function recordPeer(db: Db, replicaId: string, bundleId: string, vector: VersionVector, inspectorId: string | null, at: string): void {
  db.prepare(
    `INSERT INTO exchange_peer (replica_id, last_bundle_id, imported_at, vector, inspector_id) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET last_bundle_id = excluded.last_bundle_id, imported_at = excluded.imported_at,
       vector = excluded.vector, inspector_id = excluded.inspector_id`,
  ).run(replicaId, bundleId, at, JSON.stringify(vector), inspectorId);
}

/** Replicas of which `theirs` holds later changes than `ours`. */
export function missingFrom(ours: VersionVector, theirs: VersionVector): string[] {
  return Object.entries(theirs)
    .filter(([replicaId, hlc]) => (ours[replicaId] ?? '') < hlc)
    .map(([replicaId]) => replicaId);
}

let cachedVersion: string | null = null;

/** The running program's version (package.json). */
export function programVersion(): string {
  if (cachedVersion) return cachedVersion;
  try {
    cachedVersion = (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    cachedVersion = '0.0.0';
  }
  return cachedVersion;
}
