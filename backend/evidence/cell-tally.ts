/**
 * The evidence matrix's counting: groups of codings (one source, one code,
 * one valence) added into the cell of their code and of each of its
 * ancestors at the source's institution. At national scale that is some
 * hundred thousand groups times the depth of the tree, so cells are found by
 * number and count into short arrays, not records keyed by text.
 */
import { VALENCES } from '../../shared/vocabulary';
import type { EvidenceCell } from '../../shared/api/types';

/** A few labels (valences, source types, roles, institutions) numbered in the order first seen. */
class Labels {
  readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();

  constructor(known: readonly string[] = []) {
    known.forEach((name) => this.number(name));
  }

  number(name: string): number {
    let number = this.numbers.get(name);
    if (number === undefined) {
      number = this.names.length;
      this.numbers.set(name, number);
      this.names.push(name);
    }
    return number;
  }

  zeros(): number[] {
    return new Array<number>(this.names.length).fill(0);
  }

  /** The counts by label name, leaving out labels never counted. */
  record(counts: number[]): Record<string, number> {
    const named: Record<string, number> = {};
    counts.forEach((count, number) => {
      if (count) named[this.names[number]!] = count;
    });
    return named;
  }
}

interface Cell {
  codeId: string;
  institution: number;
  total: number;
  sources: number;
  lastSource: number;
  byValence: number[];
  bySourceType: number[];
  byRole: number[];
}

interface SourceFacets {
  institution: number;
  sourceType: number;
  role: number;
}

/** A source as the matrix reads it: its rowid, institution, type and role. */
export type SourceRow = [rowid: number, institutionId: string, sourceType: string, role: string | null];

export class CellTally {
  private readonly valences = new Labels(VALENCES);
  private readonly sourceTypes = new Labels();
  private readonly roles = new Labels();
  private readonly institutions = new Labels();
  private readonly sources = new Map<number, SourceFacets>();
  /** Per code, its cells by institution number. */
  private readonly cellsByCode = new Map<string, Array<Cell | undefined>>();
  /** Per coded code, the cells of it and of each of its ancestors. */
  private readonly chains = new Map<string, Array<{ codeId: string; cells: Array<Cell | undefined> }>>();
  private current: { rowid: number; facets: SourceFacets | undefined } = { rowid: -1, facets: undefined };

  constructor(
    private readonly ancestors: Map<string, string[]>,
    sources: Iterable<SourceRow>,
  ) {
    for (const [rowid, institutionId, sourceType, role] of sources) {
      this.sources.set(rowid, {
        institution: this.institutions.number(institutionId),
        sourceType: this.sourceTypes.number(sourceType),
        role: this.roles.number(role ?? 'geen'),
      });
    }
  }

  /**
   * One group of codings. Groups come source by source, so a cell counts a
   * source when it is not the last one it counted. A source the tally was
   * not given (restored by an undo between two slices of the service's
   * matrix) is left out: its pushed change makes the view ask again.
   */
  add(rowid: number, codingCodeId: string, valence: string, count: number): void {
    if (rowid !== this.current.rowid) this.current = { rowid, facets: this.sources.get(rowid) };
    if (!this.current.facets) return;
    const { institution, sourceType, role } = this.current.facets;
    const valenceNumber = this.valences.number(valence);
    for (const { codeId, cells } of this.chainOf(codingCodeId)) {
      const cell = (cells[institution] ??= this.newCell(codeId, institution));
      cell.total += count;
      if (cell.lastSource !== rowid) {
        cell.sources += 1;
        cell.lastSource = rowid;
      }
      cell.byValence[valenceNumber] = (cell.byValence[valenceNumber] ?? 0) + count;
      cell.bySourceType[sourceType]! += count;
      cell.byRole[role]! += count;
    }
  }

  cells(): EvidenceCell[] {
    return [...this.cellsByCode.values()].flatMap((cells) =>
      cells
        .filter((cell): cell is Cell => cell !== undefined)
        .map((cell) => ({
          codeId: cell.codeId,
          institutionId: this.institutions.names[cell.institution]!,
          total: cell.total,
          sources: cell.sources,
          byValence: this.valences.record(cell.byValence),
          bySourceType: this.sourceTypes.record(cell.bySourceType),
          byRole: this.roles.record(cell.byRole),
        })),
    );
  }

  private chainOf(codingCodeId: string) {
    let chain = this.chains.get(codingCodeId);
    if (!chain) {
      chain = (this.ancestors.get(codingCodeId) ?? []).map((codeId) => {
        if (!this.cellsByCode.has(codeId)) this.cellsByCode.set(codeId, []);
        return { codeId, cells: this.cellsByCode.get(codeId)! };
      });
      this.chains.set(codingCodeId, chain);
    }
    return chain;
  }

  private newCell(codeId: string, institution: number): Cell {
    return {
      codeId, institution, total: 0, sources: 0, lastSource: -1,
      byValence: this.valences.zeros(), bySourceType: this.sourceTypes.zeros(), byRole: this.roles.zeros(),
    };
  }
}
