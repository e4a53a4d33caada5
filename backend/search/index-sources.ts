/**
 * Keeps the full-text index in step with the source table. It hooks into the
 * one write path, so every way a source changes (import, edit, delete, merge)
 * updates the index in the same transaction.
 */
import { onEntityApplied } from '../store/changes';
import type { Db } from '../store/open-study';

let registered = false;

export function registerSearchIndexing(): void {
  if (registered) return;
  registered = true;
  onEntityApplied((db, entity, entityId) => {
    if (entity === 'source') reindexSource(db, entityId);
  });
}

function reindexSource(db: Db, sourceId: string): void {
  db.prepare('DELETE FROM source_fts WHERE source_id = ?').run(sourceId);
  const row = db
    .prepare(
      `SELECT s.title, c.text FROM source s JOIN content c ON c.id = s.content_id
       WHERE s.id = ? AND s.deleted = 0`,
    )
    .get(sourceId) as { title: string | null; text: string } | undefined;
  if (row) {
    db.prepare('INSERT INTO source_fts (source_id, title, text) VALUES (?, ?, ?)').run(sourceId, row.title ?? '', row.text);
  }
}
