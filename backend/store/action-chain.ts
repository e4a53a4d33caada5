/**
 * The hash chain of the action table (logbook, issue 12): each replica's
 * actions form one chain. A row's hash is the SHA-256 of its canonical content
 * (every column a reader sees, its place in the chain and the hash of the
 * line before it), so an edited, removed or inserted line breaks the chain
 * at that point (`veldwerk log verify`, logbook/verify.ts).
 *
 * A row is sealed (given its place and hash) when its call has finished: a
 * writing call may update its row in several transactions while it runs, and
 * a sealed row never changes again. Rows of this copy left unsealed by a call
 * that was killed (its process no longer runs, table action_open) are sealed
 * when a host next opens the study, marked `sealed_late` so verify can say so.
 *
 * The canonical form lives beside the action row so the migration that chains
 * existing rows (schema.ts) and the runtime compute the same hash.
 */
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from './open-study';
import type { ActionRow } from './action-context';

/** The hash "before" the first line of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** meta key: the place of the last sealed line of this copy's own chain. */
export const HEAD_KEY = 'action_chain_head';

/** The SQL function the chaining migration calls; same arguments, in this order, as `actionHash`. */
export const ACTION_HASH_FUNCTION = 'veldwerk_action_hash';

export type ChainedContent = Pick<ActionRow, 'id' | 'call' | 'label' | 'inspector_id' | 'hlc' | 'replica_id' | 'objects' | 'result' | 'reason'> & {
  chain_index: number;
  prev_hash: string;
  sealed_late: number;
};

/** The hash of one line, over its canonical JSON (objects compared by value, not by how the JSON was spelled). */
export function actionHash(row: ChainedContent): string {
  const canonical = JSON.stringify([
    row.prev_hash,
    row.chain_index,
    row.id,
    row.call,
    row.label,
    row.inspector_id,
    row.hlc,
    row.replica_id,
    canonicalObjects(row.objects),
    row.result,
    row.reason,
    row.sealed_late,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

function canonicalObjects(json: string): unknown {
  try {
    const value = JSON.parse(json) as unknown;
    if (Array.isArray(value)) return value.map((object: { entity?: unknown; id?: unknown }) => [object?.entity ?? null, object?.id ?? null]);
  } catch {
    // Not JSON (a hand-edited file): hash the text as it is.
  }
  return json;
}

/** Make `veldwerk_action_hash(...)` callable from SQL on this connection (the chaining migration uses it). */
export function registerActionHash(db: Db): void {
  db.function(ACTION_HASH_FUNCTION, { deterministic: true, varargs: true }, (...args: unknown[]) => {
    const [prev_hash, chain_index, id, call, label, inspector_id, hlc, replica_id, objects, result, reason, sealed_late] = args as [
      string, number, string, string, string, string | null, string, string, string, 'done' | 'refused', string | null, number,
    ];
    return actionHash({ prev_hash, chain_index: Number(chain_index), id, call, label, inspector_id, hlc, replica_id, objects, result, reason, sealed_late: Number(sealed_late) });
  });
}

/** The statements of sealing, prepared once per connection: every action is sealed, so this is a hot path. */
const statementCache = new WeakMap<Db, ReturnType<typeof prepare>>();

function prepare(db: Db) {
  return {
    head: db.prepare('SELECT chain_index AS "index", hash FROM action WHERE replica_id = ? AND chain_index IS NOT NULL ORDER BY chain_index DESC LIMIT 1'),
    checkpoint: db.prepare('SELECT chain_index AS "index", hash FROM action_checkpoint WHERE replica_id = ?'),
    open: db.prepare('SELECT * FROM action WHERE id = ? AND hash IS NULL'),
    seal: db.prepare('UPDATE action SET chain_index = ?, prev_hash = ?, hash = ?, sealed_late = ? WHERE seq = ?'),
    noteOpen: db.prepare('INSERT OR REPLACE INTO action_open (action_id, pid, host) VALUES (?, ?, ?)'),
    closeOpen: db.prepare('DELETE FROM action_open WHERE action_id = ?'),
    whoHasOpen: db.prepare('SELECT pid, host FROM action_open WHERE action_id = ?'),
    ownReplica: db.prepare("SELECT value FROM meta WHERE key = 'replica_id'").pluck(),
    writeHead: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value'),
  };
}

function statementsFor(db: Db) {
  let statements = statementCache.get(db);
  if (!statements) {
    statements = prepare(db);
    statementCache.set(db, statements);
  }
  return statements;
}

/** The last line of a replica's chain (or the checkpoint left by retention, or the genesis). */
export function chainHead(db: Db, replicaId: string): { index: number; hash: string } {
  const sql = statementsFor(db);
  const row = sql.head.get(replicaId) as { index: number; hash: string } | undefined;
  if (row) return row;
  const checkpoint = sql.checkpoint.get(replicaId) as { index: number; hash: string } | undefined;
  return checkpoint ?? { index: 0, hash: GENESIS_HASH };
}

/** Seal one finished action of this copy: its place after the chain's head, and its hash. No-op when sealed already. */
export function sealAction(db: Db, actionId: string, late = false): void {
  const sql = statementsFor(db);
  db.transaction(() => {
    const row = sql.open.get(actionId) as ActionRow | undefined;
    if (!row) return;
    const head = chainHead(db, row.replica_id);
    const sealed = { ...row, chain_index: head.index + 1, prev_hash: head.hash, sealed_late: late ? 1 : 0 };
    sql.seal.run(sealed.chain_index, sealed.prev_hash, actionHash(sealed), sealed.sealed_late, row.seq);
    sql.closeOpen.run(actionId);
    // Kept as replica:index, so a copy (a new replica) does not inherit the head of the study it came from.
    if (row.replica_id === sql.ownReplica.get()) sql.writeHead.run(HEAD_KEY, `${row.replica_id}:${sealed.chain_index}`);
  }).immediate();
}

/** Note, in the transaction that writes a line, which process still has it open (see sealLeftovers). */
export function noteOpenAction(db: Db, actionId: string): void {
  statementsFor(db).noteOpen.run(actionId, process.pid, hostname());
}

/**
 * Seal the lines of this copy that calls killed mid-way left open (when a
 * host opens the study, before any call of this process runs). A line whose
 * process still runs on this machine (another CLI command, the app) is left
 * to it: sealing it here would break the chain when that call updates it.
 */
export function sealLeftovers(db: Db, replicaId: string): number {
  const sql = statementsFor(db);
  const open = db.prepare('SELECT id FROM action WHERE replica_id = ? AND hash IS NULL ORDER BY seq').pluck().all(replicaId) as string[];
  const left = open.filter((id) => !stillRunning(sql.whoHasOpen.get(id) as { pid: number; host: string } | undefined));
  for (const id of left) sealAction(db, id, true);
  return left.length;
}

function stillRunning(owner: { pid: number; host: string } | undefined): boolean {
  if (!owner || owner.host !== hostname() || owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
