/**
 * How far the team is with the sources: the number of live codings per
 * source, and each inspector's own status of each source (nieuw, bezig,
 * klaar). A status is one row per (source, inspector), its id derived from
 * both, so two copies setting it meet in one row at the merge; it is written
 * through the change path like everything else (not on the undo history: it is
 * a marker, set again with one click).
 */
import { UserError } from '../errors';
import { derivedId } from '../store/derived-id';
import type { Study } from '../study/study';
import type { SourceProgress, SourceStatus, SourceStatusEntry } from '../../shared/api/types';

interface StatusRow {
  source_id: string;
  inspector_id: string;
  status: SourceStatus;
  updated_at: string;
}

const toEntry = (row: StatusRow): SourceStatusEntry => ({
  sourceId: row.source_id,
  inspectorId: row.inspector_id,
  status: row.status,
  updatedAt: row.updated_at,
});

export function sourceProgress(study: Study): SourceProgress {
  // One pass over the coding index on source_id; no per-source query.
  const counts = study.db
    .prepare('SELECT source_id AS sourceId, count(*) AS n FROM coding WHERE deleted = 0 GROUP BY source_id')
    .all() as Array<{ sourceId: string; n: number }>;
  const statuses = study.db
    .prepare(
      `SELECT st.source_id, st.inspector_id, st.status, st.updated_at FROM source_status st
       JOIN source s ON s.id = st.source_id AND s.deleted = 0
       WHERE st.deleted = 0`,
    )
    .all() as StatusRow[];
  return { codingCounts: Object.fromEntries(counts.map((row) => [row.sourceId, row.n])), statuses: statuses.map(toEntry) };
}

export function setSourceStatus(study: Study, sourceId: string, status: SourceStatus): SourceStatusEntry {
  const inspectorId = study.currentInspectorId;
  if (!inspectorId) throw new UserError('Kies eerst wie u bent (inspecteur) voordat u een status zet.', 'invalid-input');
  const source = study.db.prepare('SELECT 1 FROM source WHERE id = ? AND deleted = 0').get(sourceId);
  if (!source) throw new UserError('Deze bron bestaat niet (meer).', 'not-found');
  const updatedAt = new Date().toISOString();
  study.write([{ entity: 'sourceStatus', entityId: derivedId('source-status', sourceId, inspectorId), fields: { sourceId, inspectorId, status, updatedAt } }]);
  return { sourceId, inspectorId, status, updatedAt };
}
