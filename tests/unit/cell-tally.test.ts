/**
 * The evidence matrix's counting (backend/evidence/cell-tally.ts): groups of
 * codings add into their code's cell and every ancestor's, a source counts
 * once per cell, and a group of a source the tally was not given (one an undo
 * restored between two slices of the service's matrix) is left out instead
 * of failing the matrix.
 */
import { describe, expect, it } from 'vitest';
import { CellTally } from '../../backend/evidence/cell-tally';

const ancestors = new Map([
  ['norm', ['norm']],
  ['sub', ['sub', 'norm']],
]);

describe('the evidence matrix tally', () => {
  it('rolls groups up into ancestors, counts each source once per cell, and leaves out an unknown source', () => {
    const tally = new CellTally(ancestors, [
      [1, 'gi-noord', 'clientdossier', null],
      [2, 'gi-noord', 'interview', 'ouder'],
    ]);
    tally.add(1, 'sub', 'negatief', 2);
    tally.add(1, 'norm', 'positief', 1);
    tally.add(2, 'sub', 'negatief', 1);
    tally.add(3, 'sub', 'negatief', 5); // not among the sources given
    const cells = tally.cells();
    expect(cells.find((cell) => cell.codeId === 'norm')).toEqual({
      codeId: 'norm', institutionId: 'gi-noord', total: 4, sources: 2,
      byValence: { negatief: 3, positief: 1 },
      bySourceType: { clientdossier: 3, interview: 1 },
      byRole: { geen: 3, ouder: 1 },
    });
    expect(cells.find((cell) => cell.codeId === 'sub')).toMatchObject({ total: 3, sources: 2, byValence: { negatief: 3 } });
    expect(cells).toHaveLength(2);
  });
});
