/**
 * The one write path. Every change to a study goes through `ChangeWriter.write`
 * (local edits) or `applyChange` (local edits and, later, merged bundles): in
 * one transaction it appends the change record and updates the entity table,
 * field by field, last writer wins by hybrid logical clock. Merge, audit trail
 * and undo are all built on the log this writes.
 */
import { randomUUID } from 'node:crypto';
import { decodeHlc, encodeHlc, tickHlc, type Hlc } from '../../shared/hlc';
import { ENTITIES, isEntityName, type EntityName, type Fields } from './entities';
import { currentAction, noteTouched, type ActionContext } from './action-context';
import { noteOpenAction } from './action-chain';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from './open-study';

export interface ChangeRecord {
  changeId: string;
  /** Groups the changes of one user action, the unit of undo. */
  actionId: string;
  entity: EntityName;
  entityId: string;
  fields: Fields;
  hlc: string;
  replicaId: string;
  authorId: string | null;
  /**
   * Per field, the clocks of the values this change replaced as its author saw
   * them (empty for a field set for the first time). Following these links
   * tells whether one edit saw another (sequential) or not (concurrent: a
   * conflict when the values differ).
   */
  bases: Record<string, string[]>;
}

export interface Mutation {
  entity: EntityName;
  entityId: string;
  fields: Fields;
  /** Extra clocks a field's new value supersedes (resolving a conflict supersedes both sides). */
  supersedes?: Record<string, string[]>;
}

export interface WriteOptions {
  beforeApply?: () => void;
  undoLabel?: string;
}

/**
 * A new user action: on top of the undo history, and the redo stack is gone.
 * A call that writes twice (one action) keeps its first entry.
 */
function recordUndoable(db: Db, actionId: string, label: string): void {
  const sql = statementsFor(db);
  sql.get('DELETE FROM undo_history WHERE undone = 1').run();
  sql.get('INSERT OR IGNORE INTO undo_history (action_id, label, done_action_id) VALUES (?, ?, ?)').run(actionId, label, actionId);
}

export type ActionResult = { result: 'done' } | { result: 'refused'; reason: string };

type AfterApply = (db: Db, entity: EntityName, entityId: string) => void;

/** Hooks that keep derived tables (the search index) in step with entity tables. */
const afterApplyHooks: AfterApply[] = [];
export function onEntityApplied(hook: AfterApply): void {
  afterApplyHooks.push(hook);
}

/**
 * Apply one change record: log it and update the fields whose clock is newer
 * than what the table holds. Returns false when the change id was already
 * present (re-applying a change is a no-op). Call inside a transaction.
 * `clocks` (field -> clock) may be passed by a caller that has read them.
 *
 * A new row is written with one INSERT, an existing row's winning fields with
 * one UPDATE, and their clocks as one row per entity, so a change costs a
 * handful of statements and index writes however many fields it carries (a
 * merge applies tens of thousands of changes).
 */
export function applyChange(db: Db, change: ChangeRecord, clocks?: ReadonlyMap<string, string>): boolean {
  const def = ENTITIES[change.entity];
  const sql = statementsFor(db);
  const inserted = sql.logChange.run(
    change.changeId,
    change.actionId,
    change.entity,
    change.entityId,
    JSON.stringify(change.fields),
    change.hlc,
    change.replicaId,
    change.authorId,
    JSON.stringify(change.bases),
  );
  if (inserted.changes === 0) return false;
  noteTouched(change.entity, null);

  const fields = Object.entries(change.fields).map(([field, value]) => {
    const column = (def.fields as Record<string, string>)[field];
    if (!column) throw new Error(`Onbekend veld ${change.entity}.${field}`);
    return { field, column, value: toColumnValue(value) };
  });
  // A new row is written whole with one INSERT (all its fields win: nothing holds a clock yet).
  if ((clocks === undefined || clocks.size === 0) && insertWhole(db, def.table, change.entityId, fields)) {
    writeClocks(db, change, fields);
  } else {
    const isNew = sql.get(`INSERT OR IGNORE INTO ${def.table} (id) VALUES (?)`).run(change.entityId).changes === 1;
    const held = clocks ?? (isNew ? new Map<string, string>() : readClocks(db, change.entity, change.entityId));
    const winning = fields.filter(({ field }) => {
      const current = held.get(field);
      return current === undefined || current < change.hlc;
    });
    if (winning.length > 0) {
      sql.get(`UPDATE ${def.table} SET ${winning.map(({ column }) => `${column} = ?`).join(', ')} WHERE id = ?`).run(...winning.map(({ value }) => value), change.entityId);
      writeClocks(db, change, winning);
    }
  }
  for (const hook of afterApplyHooks) hook(db, change.entity, change.entityId);
  return true;
}

interface FieldWrite {
  field: string;
  column: string;
  value: string | number | null;
}

/** Insert a row with all its fields; false (nothing written) when the row exists. */
function insertWhole(db: Db, table: string, entityId: string, fields: FieldWrite[]): boolean {
  const columns = ['id', ...fields.map(({ column }) => column)];
  return (
    statementsFor(db)
      .get(`INSERT OR IGNORE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
      .run(entityId, ...fields.map(({ value }) => value)).changes === 1
  );
}

/**
 * Set the clock of each written field to the change's: one row per entity
 * (entity_clock), the fields merged into what it holds (json_patch keeps the
 * clocks of the fields this change did not write).
 */
function writeClocks(db: Db, change: ChangeRecord, written: FieldWrite[]): void {
  if (written.length === 0) return;
  const clocks = JSON.stringify(Object.fromEntries(written.map(({ field }) => [field, change.hlc])));
  statementsFor(db).writeClocks.run(change.entity, change.entityId, clocks);
}

/** The clock of each field of an entity that has one. */
export function readClocks(db: Db, entity: EntityName, entityId: string): Map<string, string> {
  const clocks = statementsFor(db).readClocks.get(entity, entityId) as string | undefined;
  return new Map(clocks === undefined ? [] : Object.entries(JSON.parse(clocks) as Record<string, string>));
}

type Statement = Database.Statement<unknown[]>;

/**
 * The write path's prepared statements, kept per connection: preparing them
 * anew for every change costs half the throughput of a merge and lets memory
 * grow with the number of changes.
 */
const statementCache = new WeakMap<Db, ReturnType<typeof prepareStatements>>();

function statementsFor(db: Db) {
  let statements = statementCache.get(db);
  if (!statements) {
    statements = prepareStatements(db);
    statementCache.set(db, statements);
  }
  return statements;
}

function prepareStatements(db: Db) {
  const bySql = new Map<string, Statement>();
  return {
    logChange: db.prepare(
      `INSERT OR IGNORE INTO change_log (change_id, action_id, entity, entity_id, fields, hlc, replica_id, author_id, bases)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    readClocks: db.prepare('SELECT clocks FROM entity_clock WHERE entity = ? AND entity_id = ?').pluck(),
    writeClocks: db.prepare(
      `INSERT INTO entity_clock (entity, entity_id, clocks) VALUES (?, ?, ?)
       ON CONFLICT DO UPDATE SET clocks = json_patch(clocks, excluded.clocks)`,
    ),
    /** Statements whose table and columns come from the ENTITIES whitelist. */
    get(sqlText: string): Statement {
      let statement = bySql.get(sqlText);
      if (!statement) {
        statement = db.prepare<unknown[]>(sqlText);
        bySql.set(sqlText, statement);
      }
      return statement;
    },
  };
}

function toColumnValue(value: unknown): string | number | null {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  throw new Error(`Ongeldige veldwaarde: ${typeof value}`);
}

/**
 * Makes local changes: stamps them with this replica's clock and the current
 * author, and applies them through `applyChange` in one transaction.
 */
export class ChangeWriter {
  constructor(
    private readonly db: Db,
    readonly replicaId: string,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Apply the mutations of one user action atomically; returns the records
   * written. `beforeApply` runs first in the same transaction (e.g. to store
   * the content a new source refers to); `undoLabel` puts the action on this
   * copy's undo history.
   */
  write(authorId: string | null, mutations: Mutation[], options: WriteOptions = {}): ChangeRecord[] {
    // Inside a writing call every change points to the call's action; elsewhere
    // (building the demo study, tests) each write is an action of its own.
    const action = currentAction();
    const actionId = action?.actionId ?? randomUUID();
    return this.db.transaction(() => {
      options.beforeApply?.();
      const records = mutations.map((mutation) => this.stamp(actionId, authorId, mutation, action));
      for (const record of records) applyChange(this.db, record);
      if (options.undoLabel) recordUndoable(this.db, actionId, options.undoLabel);
      if (action) this.recordAction(action, authorId, { result: 'done' });
      return records;
    }).immediate();
  }

  /**
   * Write (or bring up to date) the action row of a writing call: in the
   * caller's transaction when it has changes, else in one of its own (a call
   * that changed nothing, or a refusal after its changes were rolled back).
   */
  recordAction(action: ActionContext, authorId: string | null, outcome: ActionResult): void {
    this.db.transaction(() => {
      const objects = JSON.stringify([...action.objects.values()]);
      const reason = outcome.result === 'refused' ? outcome.reason : null;
      const updated = this.db
        .prepare('UPDATE action SET label = ?, objects = ?, result = ?, reason = ? WHERE id = ?')
        .run(action.label(), objects, outcome.result, reason, action.actionId);
      if (updated.changes === 0) {
        this.db
          .prepare(
            `INSERT INTO action (id, call, label, inspector_id, hlc, replica_id, objects, result, reason)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(action.actionId, action.call, action.label(), authorId, encodeHlc(this.nextClock()), this.replicaId, objects, outcome.result, reason);
        noteOpenAction(this.db, action.actionId);
      }
    })();
  }

  /** True when this study holds the action's row (committed, or in the open transaction). */
  hasAction(actionId: string): boolean {
    return this.db.prepare('SELECT 1 FROM action WHERE id = ?').get(actionId) !== undefined;
  }

  private stamp(actionId: string, authorId: string | null, mutation: Mutation, action: ActionContext | undefined): ChangeRecord {
    if (!isEntityName(mutation.entity)) throw new Error(`Onbekende entiteit ${mutation.entity}`);
    if (action && !action.allowed.has(mutation.entity)) {
      throw new Error(`${action.call} schrijft ${mutation.entity}, wat het contract niet toestaat`);
    }
    noteTouched(mutation.entity, mutation.entityId);
    const clocks = readClocks(this.db, mutation.entity, mutation.entityId);
    const bases: Record<string, string[]> = {};
    for (const field of Object.keys(mutation.fields)) {
      const current = clocks.get(field);
      const superseded = [...(current !== undefined ? [current] : []), ...(mutation.supersedes?.[field] ?? [])];
      bases[field] = [...new Set(superseded)];
    }
    return {
      bases,
      changeId: randomUUID(),
      actionId,
      entity: mutation.entity,
      entityId: mutation.entityId,
      fields: mutation.fields,
      hlc: encodeHlc(this.nextClock()),
      replicaId: this.replicaId,
      authorId,
    };
  }

  /** Advance and persist the replica clock (inside the caller's transaction). */
  private nextClock(): Hlc {
    // Statements of the write path come from the connection's cache: a statement
    // prepared per change holds native memory until garbage collection (measured:
    // 600,000 of them, 1.7 GB).
    const sql = statementsFor(this.db);
    const row = sql.get("SELECT value FROM meta WHERE key = 'clock'").get() as { value: string } | undefined;
    const previous = row ? decodeHlc(row.value) : { wallMs: 0, counter: 0, replicaId: this.replicaId };
    const next = tickHlc({ ...previous, replicaId: this.replicaId }, this.now());
    sql.get("INSERT INTO meta (key, value) VALUES ('clock', ?) ON CONFLICT DO UPDATE SET value = excluded.value").run(encodeHlc(next));
    return next;
  }
}

/** Change records selected by `sql` (any query over change_log rows). */
export function readChanges(db: Db, sql: string, ...params: string[]): ChangeRecord[] {
  const rows = db.prepare(sql).all(...params) as Array<Record<string, string | null>>;
  return rows.map((row) => ({
    changeId: row.change_id!,
    actionId: row.action_id!,
    entity: row.entity as EntityName,
    entityId: row.entity_id!,
    fields: JSON.parse(row.fields!) as Fields,
    hlc: row.hlc!,
    replicaId: row.replica_id!,
    authorId: row.author_id ?? null,
    bases: JSON.parse(row.bases ?? '{}') as Record<string, string[]>,
  }));
}

/** Every change record of an entity, oldest first (audit trail). */
export function changesOf(db: Db, entity: EntityName, entityId: string): ChangeRecord[] {
  return readChanges(db, 'SELECT * FROM change_log WHERE entity = ? AND entity_id = ? ORDER BY hlc', entity, entityId);
}
