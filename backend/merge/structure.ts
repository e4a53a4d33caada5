/**
 * Structure conflicts: what a merge left that breaks the domain, listed for the
 * lead with the existing conflicts ("Conflicten"), never repaired silently.
 *
 * - a code shown elsewhere than stored (a cycle or a deleted parent; the tree
 *   as shown is repaired deterministically, see tree-repair.ts);
 * - a live coding whose code or source is deleted (or absent): it would drop
 *   out of the evidence and the reports.
 *
 * After every merge (preview included) the open structure conflicts are
 * brought in line with the problems the study holds: a new problem gets a
 * conflict, a problem that went away (resolved elsewhere, the resolution came
 * in a bundle) settles its conflict as 'elsewhere'. A conflict is stored with
 * field 'structure' and, as its two sides, the two ways out in Dutch; resolving
 * recomputes the problem and writes ordinary, undoable changes that travel
 * with the next bundle.
 */
import { randomUUID } from 'node:crypto';
import { UserError } from '../errors';
import type { Mutation } from '../store/changes';
import type { Db } from '../store/open-study';
import { readMeta, writeMeta, type Study } from '../study/study';
import { repairTree, type StoredCode, type TreeRepair } from './tree-repair';

export const STRUCTURE_FIELD = 'structure';

type Problem =
  | { entity: 'code'; entityId: string; repair: TreeRepair }
  | { entity: 'coding'; entityId: string; missing: 'code' | 'source'; targetId: string | null };

/** Every stored code with the clock of its parent field, for repairTree. */
export function storedCodes(db: Db): StoredCode[] {
  const rows = db
    .prepare(
      `SELECT c.id, c.parent_id, c.deleted, coalesce(f.clocks ->> '$.parentId', '') AS parent_hlc FROM code c
       LEFT JOIN entity_clock f ON f.entity = 'code' AND f.entity_id = c.id`,
    )
    .all() as Array<{ id: string; parent_id: string | null; deleted: number; parent_hlc: string }>;
  return rows.map((row) => ({ id: row.id, parentId: row.parent_id, deleted: row.deleted === 1, parentHlc: row.parent_hlc }));
}

/**
 * The problems the study holds: every code's (the framework is small), and
 * the codings' among `codingIds` (null: every coding).
 */
function problems(db: Db, codingIds: ReadonlySet<string> | null): Problem[] {
  const found: Problem[] = repairTree(storedCodes(db)).repairs.map((repair) => ({ entity: 'code', entityId: repair.codeId, repair }));
  const broken = `SELECT k.id, k.code_id, k.source_id, c.deleted AS code_deleted, s.deleted AS source_deleted
       FROM coding k LEFT JOIN code c ON c.id = k.code_id LEFT JOIN source s ON s.id = k.source_id
       WHERE k.deleted = 0 AND (c.id IS NULL OR c.deleted = 1 OR s.id IS NULL OR s.deleted = 1)`;
  type Row = { id: string; code_id: string | null; source_id: string | null; code_deleted: number | null; source_deleted: number | null };
  let codings: Row[];
  if (codingIds === null) codings = db.prepare(broken).all() as Row[];
  else {
    const one = db.prepare(`${broken} AND k.id = ?`);
    codings = [...codingIds].flatMap((id) => (one.all(id) as Row[]));
  }
  for (const row of codings) {
    const codeBroken = row.code_deleted !== 0;
    found.push({
      entity: 'coding',
      entityId: row.id,
      missing: codeBroken ? 'code' : 'source',
      targetId: codeBroken ? row.code_id : row.source_id,
    });
  }
  return found;
}

/** Up to which change (change_log.seq) the codings' structure problems were last brought in line (meta). */
const CHECKED_SEQ = 'structure_checked_seq';

/**
 * The codings whose problems may have changed since the last sync: those
 * changed since, and those of sources changed since (found by index). Null
 * (check every coding) when there was no sync yet or a code changed: a code
 * deleted or arriving changes its codings' problems, and a coding is not
 * indexed by code. A whole scan costs a second per merge at national scale.
 */
function codingsToCheck(db: Db): { ids: Set<string> | null; seq: number } {
  const seq = db.prepare('SELECT coalesce(max(seq), 0) FROM change_log').pluck().get() as number;
  const since = readMeta(db, CHECKED_SEQ);
  if (since === undefined) return { ids: null, seq };
  const changed = db
    .prepare("SELECT DISTINCT entity, entity_id FROM change_log WHERE seq > ? AND entity IN ('coding', 'code', 'source')")
    .all(Number(since)) as Array<{ entity: string; entity_id: string }>;
  if (changed.some((row) => row.entity === 'code')) return { ids: null, seq };
  const ids = new Set<string>();
  const ofSource = db.prepare('SELECT id FROM coding WHERE source_id = ?').pluck();
  for (const row of changed) {
    if (row.entity === 'coding') ids.add(row.entity_id);
    else for (const id of ofSource.all(row.entity_id) as string[]) ids.add(id);
  }
  return { ids, seq };
}

function problemOf(db: Db, entity: string, entityId: string): Problem | undefined {
  return problems(db, new Set(entity === 'coding' ? [entityId] : [])).find((problem) => problem.entity === entity && problem.entityId === entityId);
}

const nameOf = (db: Db, table: 'code' | 'source', id: string | null): string => {
  if (!id) return table === 'code' ? 'bovenaan' : 'onbekende bron';
  const column = table === 'code' ? 'name' : 'title';
  const row = db.prepare(`SELECT ${column} AS name FROM ${table} WHERE id = ?`).get(id) as { name: string | null } | undefined;
  return `"${row?.name ?? (table === 'code' ? 'onbekende code' : 'onbekende bron')}"`;
};

/** The two ways out of a problem, in words: [local side, remote side]. */
function choices(db: Db, problem: Problem): [string, string] {
  if (problem.entity === 'coding') {
    const what = problem.missing === 'code' ? 'code' : 'bron';
    const table = problem.missing === 'code' ? 'code' : 'source';
    return [`De ${what} ${nameOf(db, table, problem.targetId)} terugzetten en de codering houden`, 'De codering verwijderen'];
  }
  const { repair } = problem;
  const shown = repair.shownParentId ? `onder ${nameOf(db, 'code', repair.shownParentId)}` : 'bovenaan';
  if (repair.reason === 'orphan') {
    return [`De verwijderde bovenliggende code ${nameOf(db, 'code', repair.storedParentId)} terugzetten`, `De code ${shown} laten staan`];
  }
  const yielding = codesBelowInLoop(db, repair.codeId).map((id) => nameOf(db, 'code', id));
  return [`De code onder ${nameOf(db, 'code', repair.storedParentId)} houden; dan komt ${yielding.join(' en ') || 'de code daaronder'} bovenaan`, `De code ${shown} zetten`];
}

/** The label a structure conflict shows after its subject. */
export function structureFieldLabel(db: Db, entity: string, entityId: string, stored: string): string {
  if (entity === 'code') return stored === 'cycle' ? 'staat in een kring van codes die onder elkaar zijn gezet' : 'staat onder een verwijderde code';
  return stored === 'code' ? 'de code is verwijderd; de codering telt nergens mee' : 'de bron is verwijderd; de codering telt nergens mee';
}

/**
 * Bring the open structure conflicts in line with the study (inside the
 * merge's transaction). Returns the conflicts opened.
 */
export function syncStructureConflicts(db: Db, bundleId: string | null, detectedAt: string): Array<{ id: string; entity: 'code' | 'coding' }> {
  const checking = codingsToCheck(db);
  const current = problems(db, checking.ids);
  const open = db
    .prepare("SELECT id, entity, entity_id FROM merge_conflict WHERE kind = 'structure' AND status = 'open'")
    .all() as Array<{ id: string; entity: string; entity_id: string }>;
  const wanted = new Set(current.map((problem) => `${problem.entity}/${problem.entityId}`));
  const settle = db.prepare("UPDATE merge_conflict SET status = 'resolved', resolution = 'elsewhere', resolved_at = ? WHERE id = ?");
  const have = new Set<string>();
  for (const row of open) {
    const key = `${row.entity}/${row.entity_id}`;
    // A coding not checked now has the problem it had at the last sync: its conflict stays as it is.
    const unchecked = row.entity === 'coding' && checking.ids !== null && !checking.ids.has(row.entity_id);
    if (wanted.has(key) || unchecked) have.add(key);
    else settle.run(detectedAt, row.id);
  }
  writeMeta(db, CHECKED_SEQ, String(checking.seq));
  const insert = db.prepare(
    `INSERT INTO merge_conflict (id, entity, entity_id, field, kind, local_value, local_author, local_hlc,
       remote_value, remote_author, remote_hlc, status, detected_at, bundle_id)
     VALUES (?, ?, ?, ?, 'structure', ?, NULL, ?, ?, NULL, ?, 'open', ?, ?)`,
  );
  const opened: Array<{ id: string; entity: 'code' | 'coding' }> = [];
  for (const problem of current) {
    if (have.has(`${problem.entity}/${problem.entityId}`)) continue;
    const [local, remote] = choices(db, problem);
    const id = randomUUID();
    const detail = problem.entity === 'code' ? problem.repair.reason : problem.missing;
    insert.run(id, problem.entity, problem.entityId, `${STRUCTURE_FIELD}:${detail}`, JSON.stringify(local), '', JSON.stringify(remote), '', detectedAt, bundleId);
    opened.push({ id, entity: problem.entity });
  }
  return opened;
}

/** True for a conflict row written by syncStructureConflicts. */
export const isStructureField = (field: string) => field.startsWith(`${STRUCTURE_FIELD}:`);

/**
 * The changes that take a structure conflict's chosen way out, computed from
 * the study as it is now ('local': restore / keep; 'remote': the repair as
 * shown, or delete the coding).
 */
export function structureResolution(study: Study, entity: string, entityId: string, choose: 'local' | 'remote'): Mutation[] | null {
  const db = study.db;
  const problem = problemOf(db, entity, entityId);
  if (!problem) return null;
  if (problem.entity === 'coding') {
    if (choose === 'remote') return [{ entity: 'coding', entityId: problem.entityId, fields: { deleted: 1 } }];
    const table = problem.missing === 'code' ? 'code' : 'source';
    if (!problem.targetId || !db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(problem.targetId)) {
      throw new UserError('Wat deze codering gebruikte is hier niet aanwezig; verwijder de codering of lees eerst de ontbrekende bundel in.', 'conflict');
    }
    if (problem.missing === 'source') return [{ entity: 'source', entityId: problem.targetId, fields: { deleted: 0 } }];
    return restoreChain(db, problem.targetId);
  }
  const { repair } = problem;
  if (choose === 'remote') return [{ entity: 'code', entityId: repair.codeId, fields: { parentId: repair.shownParentId } }];
  if (repair.reason === 'orphan') return repair.storedParentId ? restoreChain(db, repair.storedParentId) : [];
  // Keep this code under its stored parent: the code in the loop that hangs under it goes to the top instead.
  return codesBelowInLoop(db, repair.codeId).map((id) => ({ entity: 'code' as const, entityId: id, fields: { parentId: null } }));
}

/** The live codes stored directly under `codeId` that lie on the loop through it. */
function codesBelowInLoop(db: Db, codeId: string): string[] {
  const below = db.prepare('SELECT id FROM code WHERE parent_id = ? AND deleted = 0 ORDER BY id').pluck().all(codeId) as string[];
  const loop = new Set(loopThrough(db, codeId));
  return below.filter((id) => loop.has(id));
}

/** Undelete a code and every deleted code above it along the stored parents. */
function restoreChain(db: Db, codeId: string): Mutation[] {
  const read = db.prepare('SELECT parent_id, deleted FROM code WHERE id = ?');
  const mutations: Mutation[] = [];
  const seen = new Set<string>();
  for (let id: string | null = codeId; id && !seen.has(id); ) {
    seen.add(id);
    const row = read.get(id) as { parent_id: string | null; deleted: number } | undefined;
    if (!row) break;
    if (row.deleted === 1) mutations.push({ entity: 'code', entityId: id, fields: { deleted: 0 } });
    id = row.parent_id;
  }
  return mutations;
}

/** The codes on the loop of stored live parents through `codeId`. */
function loopThrough(db: Db, codeId: string): string[] {
  const read = db.prepare('SELECT parent_id FROM code WHERE id = ? AND deleted = 0').pluck();
  const path: string[] = [];
  for (let id: string | null = codeId; id && !path.includes(id); id = (read.get(id) as string | null | undefined) ?? null) path.push(id);
  return path;
}
