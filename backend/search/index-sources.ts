/**
 * Keeps the full-text index in step with the source table. It hooks into the
 * one write path, so every way a source changes (import, edit, delete, merge)
 * updates the index in the same transaction.
 *
 * A source's index row is found through `source_fts_row` (source id -> rowid,
 * a unique index), so writing or deleting one source costs O(log N) however
 * many sources the study holds; the index is contentless (it keeps no copy of
 * the texts), which makes it delete by rowid.
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

function prepareStatements(db: Db) {
  return {
    rowOf: db.prepare('SELECT fts_rowid FROM source_fts_row WHERE source_id = ?').pluck(),
    addRow: db.prepare('INSERT INTO source_fts_row (source_id) VALUES (?)'),
    dropRow: db.prepare('DELETE FROM source_fts_row WHERE fts_rowid = ?'),
    unindex: db.prepare('DELETE FROM source_fts WHERE rowid = ?'),
    index: db.prepare('INSERT INTO source_fts (rowid, title, text) VALUES (?, ?, ?)'),
    indexed: db.prepare(
      `SELECT s.title, c.text FROM source s JOIN content c ON c.id = s.content_id
       WHERE s.id = ? AND s.deleted = 0`,
    ),
  };
}

/** Prepared once per connection: a merge reindexes thousands of sources. */
const statementCache = new WeakMap<Db, ReturnType<typeof prepareStatements>>();

function reindexSource(db: Db, sourceId: string): void {
  let sql = statementCache.get(db);
  if (!sql) statementCache.set(db, (sql = prepareStatements(db)));
  const rowid = sql.rowOf.get(sourceId) as number | undefined;
  if (rowid !== undefined) sql.unindex.run(rowid);
  const row = sql.indexed.get(sourceId) as { title: string | null; text: string } | undefined;
  if (row) {
    const target = rowid ?? Number(sql.addRow.run(sourceId).lastInsertRowid);
    sql.index.run(target, row.title ?? '', row.text);
  } else if (rowid !== undefined) {
    sql.dropRow.run(rowid);
  }
}
