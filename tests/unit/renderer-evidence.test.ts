/** The evidence view's pure helpers: matrix rows and totals, valence parts, grid movement, segment context. */
import { describe, expect, it } from 'vitest';
import type { Code, EvidenceCell } from '../../shared/api/types';
import { moveInGrid } from '../../renderer/evidence/grid-nav';
import {
  buildMatrixRows,
  columnTotals,
  keysInUse,
  normOf,
  orderedTopLevel,
  roleCounts,
  sourceTypeCounts,
  sumCounts,
  topLevelAncestor,
  valenceParts,
} from '../../renderer/evidence/matrix';
import { segmentContext } from '../../renderer/evidence/segment-text';

let order = 0;
function code(id: string, kind: Code['kind'], parentId: string | null = null, sortOrder = order++): Code {
  return { id, key: id, parentId, kind, name: id.toUpperCase(), definition: '', color: '#336699', sortOrder };
}

// Context code first in sort order on purpose: norms still come first.
const CODES: Code[] = [
  code('oorzaken', 'context', null, 0),
  code('contact', 'norm', null, 1),
  code('contact-5', 'subcode', 'contact', 0),
  code('contact-freq', 'subcode', 'contact', 1),
  code('hulp', 'norm', null, 2),
  code('personeel', 'subcode', 'oorzaken', 0),
];

function cell(codeId: string, institutionId: string, total: number, extra: Partial<EvidenceCell> = {}): EvidenceCell {
  return { codeId, institutionId, total, sources: 1, byValence: { neutraal: total }, bySourceType: { interview: total }, byRole: { ouder: total }, ...extra };
}

describe('matrix rows', () => {
  const cells: EvidenceCell[] = [
    cell('contact', 'a', 5, { sources: 3, byValence: { positief: 2, negatief: 3 }, bySourceType: { clientdossier: 4, interview: 1 }, byRole: { geen: 4, ouder: 1 } }),
    cell('contact', 'b', 2, { sources: 2 }),
    cell('contact-5', 'a', 3),
    cell('oorzaken', 'b', 1),
  ];

  it('orders norms first (with sub-codes indented under them), then context codes', () => {
    const rows = buildMatrixRows(CODES, cells, ['a', 'b'], new Set());
    expect(rows.map((row) => [row.code.id, row.depth])).toEqual([
      ['contact', 0],
      ['contact-5', 1],
      ['contact-freq', 1],
      ['hulp', 0],
      ['oorzaken', 0],
      ['personeel', 1],
    ]);
    expect(rows.find((row) => row.code.id === 'contact-5')!.topId).toBe('contact');
    expect(orderedTopLevel(CODES).map((c) => c.id)).toEqual(['contact', 'hulp', 'oorzaken']);
  });

  it('puts each cell under its institution column and adds a total across institutions', () => {
    const rows = buildMatrixRows(CODES, cells, ['a', 'b'], new Set());
    const contact = rows[0]!;
    expect(contact.cells.map((c) => c?.total ?? 0)).toEqual([5, 2]);
    expect(contact.total).toMatchObject({ total: 7, sources: 5, byValence: { positief: 2, negatief: 3, neutraal: 2 } });
    expect(contact.total!.bySourceType).toEqual({ clientdossier: 4, interview: 3 });
    const hulp = rows.find((row) => row.code.id === 'hulp')!;
    expect(hulp.cells).toEqual([null, null]);
    expect(hulp.total).toBeNull();
  });

  it('hides the sub-codes of a collapsed code', () => {
    const rows = buildMatrixRows(CODES, cells, ['a', 'b'], new Set(['contact']));
    expect(rows.map((row) => row.code.id)).toEqual(['contact', 'hulp', 'oorzaken', 'personeel']);
    expect(rows[0]).toMatchObject({ hasChildren: true, expanded: false });
  });

  it('counts every coding once per institution in the column totals (top-level rows only)', () => {
    const rows = buildMatrixRows(CODES, cells, ['a', 'b'], new Set());
    const totals = columnTotals(rows, 2);
    expect(totals.cells.map((c) => c.total)).toEqual([5, 3]);
    expect(totals.total.total).toBe(8);
  });

  it('sums cells and splits valence into reading order with shares', () => {
    const sum = sumCounts([
      { total: 2, sources: 1, byValence: { positief: 2 }, bySourceType: {}, byRole: {} },
      { total: 2, sources: 2, byValence: { negatief: 1, neutraal: 1 }, bySourceType: {}, byRole: {} },
    ]);
    expect(valenceParts(sum)).toEqual([
      { valence: 'positief', n: 2, share: 0.5 },
      { valence: 'neutraal', n: 1, share: 0.25 },
      { valence: 'negatief', n: 1, share: 0.25 },
    ]);
  });

  it('lists source types and roles in vocabulary order, without the role "geen"', () => {
    const counts = { total: 6, sources: 3, byValence: {}, bySourceType: { interview: 2, clientdossier: 4 }, byRole: { ouder: 1, geen: 4, jeugdige: 1 } };
    expect(sourceTypeCounts(counts)).toEqual([
      { key: 'clientdossier', n: 4 },
      { key: 'interview', n: 2 },
    ]);
    expect(roleCounts(counts)).toEqual([
      { key: 'jeugdige', n: 1 },
      { key: 'ouder', n: 1 },
    ]);
    const rows = buildMatrixRows(CODES, cells, ['a', 'b'], new Set());
    expect([...keysInUse(rows, (c) => c.bySourceType)].sort()).toEqual(['clientdossier', 'interview']);
  });

  it('finds the norm above a sub-code, and none for context codes', () => {
    expect(topLevelAncestor(CODES, 'contact-freq')?.id).toBe('contact');
    expect(normOf(CODES, 'contact-5')?.id).toBe('contact');
    expect(normOf(CODES, 'contact')?.id).toBe('contact');
    expect(normOf(CODES, 'personeel')).toBeNull();
    expect(normOf(CODES, 'onbekend')).toBeNull();
  });
});

describe('grid movement', () => {
  it('moves with arrows and stops at the edges', () => {
    expect(moveInGrid({ row: 0, col: 0 }, 'ArrowDown', 3, 4)).toEqual({ row: 1, col: 0 });
    expect(moveInGrid({ row: 0, col: 0 }, 'ArrowUp', 3, 4)).toEqual({ row: 0, col: 0 });
    expect(moveInGrid({ row: 2, col: 3 }, 'ArrowRight', 3, 4)).toEqual({ row: 2, col: 3 });
    expect(moveInGrid({ row: 1, col: 2 }, 'Home', 3, 4)).toEqual({ row: 1, col: 0 });
    expect(moveInGrid({ row: 1, col: 2 }, 'End', 3, 4, true)).toEqual({ row: 2, col: 3 });
    expect(moveInGrid({ row: 1, col: 2 }, 'PageDown', 3, 4)).toEqual({ row: 2, col: 2 });
    expect(moveInGrid({ row: 1, col: 2 }, 'a', 3, 4)).toBeNull();
    expect(moveInGrid({ row: 0, col: 0 }, 'ArrowDown', 0, 4)).toBeNull();
  });
});

describe('segment context', () => {
  it('keeps only the paragraph around the segment', () => {
    const context = segmentContext({ before: 'Vorige alinea.\nDe moeder zegt: ', text: 'wachtlijst', after: ' van drie maanden.\nVolgende alinea.', start: 100 });
    expect(context).toEqual({ before: 'De moeder zegt: ', text: 'wachtlijst', after: ' van drie maanden.', cutBefore: false, cutAfter: false });
  });

  it('cuts long context at a word boundary and says so', () => {
    const before = 'woord '.repeat(30);
    const after = ' verder'.repeat(30);
    const context = segmentContext({ before, text: 'kern', after, start: 5000 }, 40);
    expect(context.cutBefore).toBe(true);
    expect(context.cutAfter).toBe(true);
    expect(context.before.length).toBeLessThanOrEqual(40);
    expect(context.before.startsWith('woord')).toBe(true);
    expect(context.after.endsWith('verder')).toBe(true);
  });

  it('does not claim a cut at the start of the text', () => {
    const context = segmentContext({ before: 'Begin ', text: 'kern', after: ' eind.', start: 6 });
    expect(context.cutBefore).toBe(false);
    expect(context.cutAfter).toBe(false);
  });
});
