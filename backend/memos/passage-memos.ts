/**
 * Memos on a passage of a source (an annotation anchored by offsets into its
 * text, which never changes after import), the list of every memo, and memo
 * search. Every change goes through the change path and onto the undo
 * history; only the author edits or deletes their memo.
 */
import { randomUUID } from 'node:crypto';
import { UserError } from '../errors';
import type { Study } from '../study/study';
import type { Memo } from '../../shared/api/types';
import { foldToken } from '../../shared/search-tokens';
import { listMemos, MEMO_UNDO_LABEL, toMemo } from './memos';

type MemoRow = Parameters<typeof toMemo>[0];

const SEARCH_LIMIT = 200;

function requireAuthor(study: Study): string {
  const authorId = study.currentInspectorId;
  if (!authorId) throw new UserError('Kies eerst wie u bent (inspecteur) voordat u een memo schrijft.', 'invalid-input');
  return authorId;
}

export function passageMemos(study: Study, sourceId: string): Memo[] {
  const rows = study.db
    .prepare("SELECT * FROM memo WHERE target_type = 'source' AND target_id = ? AND start IS NOT NULL AND deleted = 0 ORDER BY start, \"end\"")
    .all(sourceId) as MemoRow[];
  return rows.map(toMemo);
}

export function addPassageMemo(study: Study, input: { sourceId: string; start: number; end: number; text: string }): Memo {
  const authorId = requireAuthor(study);
  const source = study.db
    .prepare('SELECT length(c.text) AS length FROM source s JOIN content c ON c.id = s.content_id WHERE s.id = ? AND s.deleted = 0')
    .get(input.sourceId) as { length: number } | undefined;
  if (!source) throw new UserError('Deze bron bestaat niet (meer).', 'not-found');
  if (!(input.start < input.end) || input.end > source.length) {
    throw new UserError('Deze passage ligt niet (helemaal) in de tekst van de bron.', 'invalid-input');
  }
  if (!input.text.trim()) throw new UserError('Een memo zonder tekst wordt niet bewaard.', 'invalid-input');
  const id = randomUUID();
  study.write(
    [
      {
        entity: 'memo',
        entityId: id,
        fields: { targetType: 'source', targetId: input.sourceId, text: input.text, authorId, updatedAt: new Date().toISOString(), start: input.start, end: input.end },
      },
    ],
    { undoLabel: 'Memo bij passage' },
  );
  return readMemo(study, id);
}

export function updateMemo(study: Study, id: string, text: string): Memo {
  ownMemo(study, id);
  study.write([{ entity: 'memo', entityId: id, fields: { text, updatedAt: new Date().toISOString() } }], { undoLabel: MEMO_UNDO_LABEL });
  return readMemo(study, id);
}

export function deleteMemo(study: Study, id: string): void {
  ownMemo(study, id);
  study.write([{ entity: 'memo', entityId: id, fields: { deleted: 1 } }], { undoLabel: 'Memo verwijderen' });
}

/** Every live memo, whole-subject and passage, newest first. */
export const allMemos = (study: Study): Memo[] => listMemos(study, undefined, true);

/** Memos containing every word of the query, case and diacritics folded. */
export function searchMemos(study: Study, query: string): Memo[] {
  const words = query.split(/\s+/).map(foldToken).filter(Boolean);
  if (words.length === 0) return [];
  return allMemos(study)
    .filter((memo) => {
      const text = foldToken(memo.text);
      return words.every((word) => text.includes(word));
    })
    .slice(0, SEARCH_LIMIT);
}

function ownMemo(study: Study, id: string): Memo {
  const authorId = requireAuthor(study);
  const row = study.db.prepare('SELECT * FROM memo WHERE id = ? AND deleted = 0').get(id) as MemoRow | undefined;
  if (!row) throw new UserError('Deze memo bestaat niet (meer).', 'not-found');
  if (row.author_id !== authorId) throw new UserError('Alleen wie een memo schreef kan hem wijzigen of verwijderen.', 'invalid-input');
  return toMemo(row);
}

function readMemo(study: Study, id: string): Memo {
  return toMemo(study.db.prepare('SELECT * FROM memo WHERE id = ?').get(id) as MemoRow);
}
