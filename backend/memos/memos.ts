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
  start: number | null;
  end: number | null;
}

export const toMemo = (row: MemoRow): Memo => ({
  id: row.id,
  targetType: row.target_type,
  targetId: row.target_id,
  text: row.text,
  authorId: row.author_id,
  updatedAt: row.updated_at,
  start: row.start,
  end: row.end,
});

/** The undo history's name for a memo edit. */
export const MEMO_UNDO_LABEL = 'Memo bewerken';

/** Memos about a whole subject (passage memos are listed with passageMemos), or with `withPassages` all of them. */
export function listMemos(study: Study, target?: { targetType: MemoTarget; targetId?: string | undefined }, withPassages = false): Memo[] {
  const { where, params } = whereClause(withPassages ? ['deleted = 0'] : ['deleted = 0', 'start IS NULL'], {
    target_type: target?.targetType,
    target_id: target?.targetId,
  });
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
    .prepare('SELECT id FROM memo WHERE target_type = ? AND target_id = ? AND author_id = ? AND deleted = 0 AND start IS NULL')
    .get(targetType, targetId, authorId) as { id: string } | undefined;
  const id = existing?.id ?? randomUUID();
  const updatedAt = new Date().toISOString();
  const fields: Fields = existing ? { text, updatedAt } : { targetType, targetId, text, authorId, updatedAt };
  // On the undo history: the editor saves after a pause in typing, so each pause is one step back.
  study.write([{ entity: 'memo', entityId: id, fields }], { undoLabel: MEMO_UNDO_LABEL });
  return toMemo(study.db.prepare('SELECT * FROM memo WHERE id = ?').get(id) as MemoRow);
}

export const TARGET_TABLES: Record<MemoTarget, string> = { source: 'source', code: 'code', institution: 'institution' };

export function assertTargetExists(study: Study, targetType: MemoTarget, targetId: string): void {
  const found = study.db.prepare(`SELECT 1 FROM ${TARGET_TABLES[targetType]} WHERE id = ? AND deleted = 0`).get(targetId);
  if (!found) throw new UserError('Het onderwerp van deze memo bestaat niet (meer).', 'not-found');
}
