/**
 * The framework as shown: a tree, whatever merges did to the stored parents.
 *
 * Merging is last-writer-wins per field, so two copies that each move one
 * code under the other end up with a cycle, and a sub-code added under a norm
 * deleted on another laptop ends up under a tombstone. Walking the tree from
 * its roots would silently lose those codes and everything coded with them.
 *
 * The repair is a pure function of the stored codes (ids, parents, tombstones
 * and the clock of each parent field), which every copy holds identically
 * after the same bundles in whatever order; so every copy shows the same tree
 * without writing anything, and the repair is never itself a change that could
 * race with others. The lead makes it permanent (or chooses otherwise) through
 * the structure conflict that lists it (see structure.ts).
 *
 * - Orphan: a live code whose parent is deleted (or not there) is shown under
 *   its nearest live ancestor along the stored parents, or at the top.
 * - Cycle: in each loop of live codes the code moved last (the latest clock on
 *   its parent field; ties by id) is shown at the top: the later move yields.
 */

export interface StoredCode {
  id: string;
  parentId: string | null;
  deleted: boolean;
  /** Clock of the value of parentId ('' when never set). */
  parentHlc: string;
}

export interface TreeRepair {
  codeId: string;
  reason: 'orphan' | 'cycle';
  storedParentId: string | null;
  shownParentId: string | null;
}

export interface RepairedTree {
  /** Live code id -> the parent it is shown under. */
  parentOf: Map<string, string | null>;
  /** One entry per code shown elsewhere than stored, by code id. */
  repairs: TreeRepair[];
}

export function repairTree(codes: StoredCode[]): RepairedTree {
  const byId = new Map(codes.map((code) => [code.id, code]));
  const live = codes.filter((code) => !code.deleted).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const parentOf = new Map<string, string | null>();
  const repairs = new Map<string, TreeRepair>();

  for (const code of live) {
    const shown = nearestLiveAncestor(code, byId);
    parentOf.set(code.id, shown);
    if (shown !== code.parentId) repairs.set(code.id, { codeId: code.id, reason: 'orphan', storedParentId: code.parentId, shownParentId: shown });
  }

  for (const cycle of cyclesOf(live.map((code) => code.id), parentOf)) {
    const yielding = cycle
      .map((id) => byId.get(id)!)
      .reduce((latest, code) => (code.parentHlc > latest.parentHlc || (code.parentHlc === latest.parentHlc && code.id > latest.id) ? code : latest));
    parentOf.set(yielding.id, null);
    repairs.set(yielding.id, { codeId: yielding.id, reason: 'cycle', storedParentId: yielding.parentId, shownParentId: null });
  }
  return { parentOf, repairs: [...repairs.values()] };
}

function nearestLiveAncestor(code: StoredCode, byId: Map<string, StoredCode>): string | null {
  const seen = new Set<string>([code.id]);
  let candidate = code.parentId;
  while (candidate !== null) {
    const parent = byId.get(candidate);
    if (parent && !parent.deleted) return candidate;
    if (!parent || seen.has(candidate)) return null;
    seen.add(candidate);
    candidate = parent.parentId;
  }
  return null;
}

/** The loops of a graph in which every node has at most one parent (so loops are disjoint). */
function cyclesOf(ids: string[], parentOf: Map<string, string | null>): string[][] {
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[][] = [];
  for (const start of ids) {
    const path: string[] = [];
    let current: string | null | undefined = start;
    while (current && !state.has(current)) {
      state.set(current, 'visiting');
      path.push(current);
      current = parentOf.get(current);
    }
    if (current && state.get(current) === 'visiting') cycles.push(path.slice(path.indexOf(current)));
    for (const id of path) state.set(id, 'done');
  }
  return cycles;
}
