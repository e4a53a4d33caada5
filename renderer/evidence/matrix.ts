/**
 * The evidence matrix as rows: the framework's codes in reading order (norms
 * with their sub-codes first, context codes after), each with its cell per
 * institution and a total across institutions. Pure: no DOM, no store.
 */
import type { Code, EvidenceCell } from '../../shared/api/types';
import { ROLES, SOURCE_TYPES, type Valence } from '../../shared/vocabulary';

/** What a cell counts, without saying where it sits. */
export type CellCounts = Omit<EvidenceCell, 'codeId' | 'institutionId'>;

export interface MatrixRow {
  code: Code;
  /** 0 for a norm or context code, 1 for its sub-codes, and so on. */
  depth: number;
  /** The top-level code this row belongs to (itself for a top-level code). */
  topId: string;
  hasChildren: boolean;
  expanded: boolean;
  /** Cells in the order of the institution ids given; null where nothing was coded. */
  cells: Array<CellCounts | null>;
  total: CellCounts | null;
}

export const EMPTY_COUNTS: CellCounts = { total: 0, sources: 0, byValence: {}, bySourceType: {}, byRole: {} };

/** Top-level codes: norms first, then context codes, each in the framework's order. */
export function orderedTopLevel(codes: readonly Code[]): Code[] {
  const rank = (code: Code) => (code.kind === 'norm' ? 0 : 1);
  return codes
    .filter((code) => code.parentId === null)
    .sort((a, b) => rank(a) - rank(b) || a.sortOrder - b.sortOrder);
}

function childrenOf(codes: readonly Code[], parentId: string): Code[] {
  return codes.filter((code) => code.parentId === parentId).sort((a, b) => a.sortOrder - b.sortOrder);
}

/**
 * The rows of the matrix. `collapsed` holds the ids of codes whose sub-codes
 * are hidden. Cells come from `evidence.matrix`, where a code's cell already
 * includes its sub-codes.
 */
export function buildMatrixRows(
  codes: readonly Code[],
  cells: readonly EvidenceCell[],
  institutionIds: readonly string[],
  collapsed: ReadonlySet<string>,
): MatrixRow[] {
  const byKey = new Map(cells.map((cell) => [cellKey(cell.codeId, cell.institutionId), cell]));
  const rows: MatrixRow[] = [];
  const visit = (code: Code, depth: number, topId: string) => {
    const children = childrenOf(codes, code.id);
    const expanded = !collapsed.has(code.id);
    const rowCells = institutionIds.map((institutionId) => countsOf(byKey.get(cellKey(code.id, institutionId))));
    const total = sumCounts(rowCells.filter((cell): cell is CellCounts => cell !== null));
    rows.push({ code, depth, topId, hasChildren: children.length > 0, expanded, cells: rowCells, total: total.total > 0 ? total : null });
    if (expanded) for (const child of children) visit(child, depth + 1, topId);
  };
  for (const code of orderedTopLevel(codes)) visit(code, 0, code.id);
  return rows;
}

/** Codings per institution over all codes: the sum of the top-level rows. */
export function columnTotals(rows: readonly MatrixRow[], institutionCount: number): { cells: CellCounts[]; total: CellCounts } {
  const topRows = rows.filter((row) => row.depth === 0);
  const cells = Array.from({ length: institutionCount }, (_, index) =>
    sumCounts(topRows.map((row) => row.cells[index]).filter((cell): cell is CellCounts => cell != null)),
  );
  return { cells, total: sumCounts(cells) };
}

export function countsOf(cell: EvidenceCell | undefined): CellCounts | null {
  if (!cell || cell.total === 0) return null;
  const { codeId: _codeId, institutionId: _institutionId, ...counts } = cell;
  return counts;
}

/** Add cells up. Sources are distinct per institution, so they add up across institutions too. */
export function sumCounts(cells: readonly CellCounts[]): CellCounts {
  const sum: CellCounts = { total: 0, sources: 0, byValence: {}, bySourceType: {}, byRole: {} };
  for (const cell of cells) {
    sum.total += cell.total;
    sum.sources += cell.sources;
    addInto(sum.byValence, cell.byValence);
    addInto(sum.bySourceType, cell.bySourceType);
    addInto(sum.byRole, cell.byRole);
  }
  return sum;
}

function addInto(target: Record<string, number>, source: Record<string, number>): void {
  for (const [key, n] of Object.entries(source)) target[key] = (target[key] ?? 0) + n;
}

export const cellKey = (codeId: string, institutionId: string | null) => `${codeId}|${institutionId ?? '*'}`;

/** Valence counts in reading order (positive, neutral, negative), with their share of the total. */
export function valenceParts(counts: CellCounts): Array<{ valence: Valence; n: number; share: number }> {
  const order: Valence[] = ['positief', 'neutraal', 'negatief'];
  const total = order.reduce((sum, valence) => sum + (counts.byValence[valence] ?? 0), 0);
  return order.map((valence) => {
    const n = counts.byValence[valence] ?? 0;
    return { valence, n, share: total > 0 ? n / total : 0 };
  });
}

/** Non-zero counts in vocabulary order; keys outside the vocabulary (e.g. 'geen') are left out. */
export function orderedCounts<K extends string>(counts: Record<string, number>, vocabulary: readonly K[]): Array<{ key: K; n: number }> {
  return vocabulary.filter((key) => (counts[key] ?? 0) > 0).map((key) => ({ key, n: counts[key]! }));
}

export const sourceTypeCounts = (counts: CellCounts) => orderedCounts(counts.bySourceType, SOURCE_TYPES);
export const roleCounts = (counts: CellCounts) => orderedCounts(counts.byRole, ROLES);

/** Which keys occur anywhere in the rows: the legend explains only those. */
export function keysInUse(rows: readonly MatrixRow[], pick: (counts: CellCounts) => Record<string, number>): Set<string> {
  const keys = new Set<string>();
  for (const row of rows) {
    for (const cell of [...row.cells, row.total]) {
      if (!cell) continue;
      for (const [key, n] of Object.entries(pick(cell))) if (n > 0) keys.add(key);
    }
  }
  return keys;
}

/** The top-level code above a code (the code itself when it is top-level). */
export function topLevelAncestor(codes: readonly Code[], codeId: string): Code | null {
  const byId = new Map(codes.map((code) => [code.id, code]));
  let code = byId.get(codeId) ?? null;
  const seen = new Set<string>();
  while (code && code.parentId !== null && !seen.has(code.id)) {
    seen.add(code.id);
    code = byId.get(code.parentId) ?? null;
  }
  return code;
}

/** The norm whose judgment a coding on `codeId` can support, or null for context codes. */
export function normOf(codes: readonly Code[], codeId: string): Code | null {
  const top = topLevelAncestor(codes, codeId);
  return top && top.kind === 'norm' ? top : null;
}

