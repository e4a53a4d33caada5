/**
 * Memos: an inspector's running notes on a source, a norm or an institution.
 * Each inspector has their own memo per subject; the team reads them all.
 */
import { randomUUID } from 'node:crypto';
import { UserError } from '../errors';
import type { Fields } from '../store/entities';
import { whereClause } from '../store/where-clause';
import type { Study } from '../study/study';
import type { Memo, MemoTarget } from '../../shared/api/types';

interface MemoRow {
  id: string;
  target_type: MemoTarget;
  target_id: string;
  text: string;
  author_id: string | null;
  updated_at: string;
}

const toMemo = (row: MemoRow): Memo => ({
  id: row.id,
  targetType: row.target_type,
  targetId: row.target_id,
  text: row.text,
  authorId: row.author_id,
  updatedAt: row.updated_at,
});

export function listMemos(study: Study, target?: { targetType: MemoTarget; targetId?: string | undefined }): Memo[] {
  const { where, params } = whereClause(['deleted = 0'], { target_type: target?.targetType, target_id: target?.targetId });
  const rows = study.db
    .prepare(`SELECT * FROM memo WHERE ${where} ORDER BY updated_at DESC`)
    .all(...params) as MemoRow[];
  return rows.map(toMemo);
}

/** Save the current inspector's memo on a subject (creating it the first time). */
export function saveMemo(study: Study, targetType: MemoTarget, targetId: string, text: string): Memo {
  const authorId = study.currentInspectorId;
  if (!authorId) throw new UserError('Kies eerst wie u bent (inspecteur) voordat u een memo schrijft.', 'invalid-input');
  assertTargetExists(study, targetType, targetId);
  const existing = study.db
    .prepare('SELECT id FROM memo WHERE target_type = ? AND target_id = ? AND author_id = ? AND deleted = 0')
    .get(targetType, targetId, authorId) as { id: string } | undefined;
  const id = existing?.id ?? randomUUID();
  const updatedAt = new Date().toISOString();
  const fields: Fields = existing ? { text, updatedAt } : { targetType, targetId, text, authorId, updatedAt };
  // Not on the undo history: memos save while typing, and the text field has its own undo.
  study.write([{ entity: 'memo', entityId: id, fields }]);
  return toMemo(study.db.prepare('SELECT * FROM memo WHERE id = ?').get(id) as MemoRow);
}

const TARGET_TABLES: Record<MemoTarget, string> = { source: 'source', code: 'code', institution: 'institution' };

function assertTargetExists(study: Study, targetType: MemoTarget, targetId: string): void {
  const found = study.db.prepare(`SELECT 1 FROM ${TARGET_TABLES[targetType]} WHERE id = ? AND deleted = 0`).get(targetId);
  if (!found) throw new UserError('Het onderwerp van deze memo bestaat niet (meer).', 'not-found');
}
