/** The merge state of a copy, for the UI: undo available, last export, peers, open conflicts. */
import type { MergeStatus } from '../../shared/api/types';
import { readMeta, type Study } from '../study/study';
import { exportBaseline, META } from './exchange';

export function mergeStatus(study: Study): MergeStatus {
  const db = study.db;
  const backupPath = readMeta(db, META.backupPath) ?? null;
  const count = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
  const peers = db
    .prepare(
      `SELECT p.replica_id, p.imported_at, p.last_bundle_id, i.name, i.initials
       FROM exchange_peer p LEFT JOIN inspector i ON i.id = p.inspector_id ORDER BY p.imported_at DESC`,
    )
    .all() as Array<{ replica_id: string; imported_at: string; last_bundle_id: string; name: string | null; initials: string | null }>;
  return {
    backupPath,
    backupAt: backupPath ? (readMeta(db, META.backupAt) ?? null) : null,
    backupBundles: backupPath ? Number(readMeta(db, META.backupBundles) ?? 1) : 0,
    lastExportAt: readMeta(db, META.exportAt) ?? null,
    changesSinceExport: count('SELECT count(*) AS n FROM change_log WHERE seq > ?', exportBaseline(db)),
    openConflicts: count("SELECT count(*) AS n FROM merge_conflict WHERE status = 'open'"),
    peers: peers.map((peer) => ({
      replicaId: peer.replica_id,
      inspectorName: peer.name ? `${peer.name}${peer.initials ? ` (${peer.initials})` : ''}` : null,
      importedAt: peer.imported_at,
      lastBundleId: peer.last_bundle_id,
    })),
  };
}
