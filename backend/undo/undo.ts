/**
 * Undo and redo, built on the change log. Undoing an action writes new
 * changes that restore each field it touched to its value before the action
 * (an entity the action created gets a tombstone); redoing undoes the undo.
 * Because both are ordinary changes, they survive restarts and travel in
 * merges like any edit. A field that no longer holds the value the action
 * wrote (someone else changed it since) is left alone.
 */
import { readChanges, type ChangeRecord, type Mutation } from '../store/changes';
import { ENTITIES, type FieldValue, type Fields } from '../store/entities';
import type { Db } from '../store/open-study';
import type { Study } from '../study/study';

export interface UndoState {
  undoLabel: string | null;
  redoLabel: string | null;
}

interface HistoryRow {
  seq: number;
  label: string;
  done_action_id: string;
  undone_action_id: string | null;
}

export function undoState(study: Study): UndoState {
  return {
    undoLabel: lastDone(study.db)?.label ?? null,
    redoLabel: firstUndone(study.db)?.label ?? null,
  };
}

/** Undo the latest action of this copy; returns its label, or null when there is nothing to undo. */
export function undo(study: Study): string | null {
  const entry = lastDone(study.db);
  if (!entry) return null;
  return study.db.transaction(() => {
    const [first] = study.writer.write(study.currentInspectorId, inverseOf(study.db, entry.done_action_id));
    study.db
      .prepare('UPDATE undo_history SET undone = 1, undone_action_id = ? WHERE seq = ?')
      .run(first?.actionId ?? null, entry.seq);
    return entry.label;
  })();
}

/** Redo the earliest undone action; returns its label, or null when there is nothing to redo. */
export function redo(study: Study): string | null {
  const entry = firstUndone(study.db);
  if (!entry) return null;
  return study.db.transaction(() => {
    const mutations = entry.undone_action_id ? inverseOf(study.db, entry.undone_action_id) : [];
    const [first] = study.writer.write(study.currentInspectorId, mutations);
    study.db
      .prepare('UPDATE undo_history SET undone = 0, done_action_id = coalesce(?, done_action_id) WHERE seq = ?')
      .run(first?.actionId ?? null, entry.seq);
    return entry.label;
  })();
}

function lastDone(db: Db): HistoryRow | undefined {
  return db.prepare('SELECT * FROM undo_history WHERE undone = 0 ORDER BY seq DESC LIMIT 1').get() as HistoryRow | undefined;
}

function firstUndone(db: Db): HistoryRow | undefined {
  return db.prepare('SELECT * FROM undo_history WHERE undone = 1 ORDER BY seq LIMIT 1').get() as HistoryRow | undefined;
}

/** The mutations that take every field an action set back to its earlier value. */
function inverseOf(db: Db, actionId: string): Mutation[] {
  const changes = readChanges(db, 'SELECT * FROM change_log WHERE action_id = ? ORDER BY hlc DESC', actionId);
  const mutations: Mutation[] = [];
  for (const change of changes) {
    const earlier = readChanges(
      db,
      'SELECT * FROM change_log WHERE entity = ? AND entity_id = ? AND hlc < ? ORDER BY hlc DESC',
      change.entity,
      change.entityId,
      change.hlc,
    );
    if (earlier.length === 0) {
      mutations.push({ entity: change.entity, entityId: change.entityId, fields: { deleted: 1 } });
      continue;
    }
    const fields: Fields = {};
    for (const field of Object.keys(change.fields)) {
      // Someone (a colleague, through a merge) set another value since: leave theirs alone.
      if (!sameValue(currentValue(db, change, field), change.fields[field]!)) continue;
      fields[field] = earlierValue(earlier, field);
    }
    if (Object.keys(fields).length > 0) mutations.push({ entity: change.entity, entityId: change.entityId, fields });
  }
  return mutations;
}

function earlierValue(earlier: ChangeRecord[], field: string): FieldValue {
  const previous = earlier.find((change) => Object.hasOwn(change.fields, field));
  if (previous) return previous.fields[field]!;
  return field === 'deleted' ? 0 : null;
}

function currentValue(db: Db, change: ChangeRecord, field: string): FieldValue {
  const def = ENTITIES[change.entity];
  const column = (def.fields as Record<string, string>)[field]!;
  const row = db.prepare(`SELECT ${column} AS value FROM ${def.table} WHERE id = ?`).get(change.entityId) as
    | { value: FieldValue }
    | undefined;
  return row?.value ?? null;
}

/** Field values as stored: booleans are kept as 0/1. */
function sameValue(stored: FieldValue, written: FieldValue | boolean): boolean {
  return stored === (typeof written === 'boolean' ? Number(written) : written);
}
