/**
 * What the retrieval list ("Fragmenten") shows: a code, optionally narrowed to
 * one institution and to one part of a matrix cell (a valence, source type or
 * role), as when it is opened from a cell of the evidence matrix. Shared by
 * the evidence view (which opens it) and the side panel (which shows it).
 */
import { create } from 'zustand';
import type { EvidenceFilter } from '../../shared/api/types';
import { useUi } from '../ui/ui-store';

/** The part of a matrix cell a list is narrowed to (at most one of each). */
export type CellSplit = Pick<EvidenceFilter, 'valence' | 'sourceType' | 'role'>;

export interface RetrievalScope {
  codeId: string;
  institutionId: string | null;
  split: CellSplit;
}

interface RetrievalStore {
  codeId: string | null;
  institutionId: string | null;
  split: CellSplit;
  /** Bumped to bring the "Fragmenten" tab to the front. */
  showRequest: number;
  /** A code chosen in the list's own code tree: all its segments, every institution. */
  chooseCode(codeId: string): void;
  /** A cell of the evidence matrix: switch to the coding view with the list narrowed to it. */
  openCell(scope: RetrievalScope): void;
  /** Back to the whole code (every institution, no split). */
  widen(): void;
  reset(): void;
}

export const useRetrieval = create<RetrievalStore>()((set, get) => ({
  codeId: null,
  institutionId: null,
  split: {},
  showRequest: 0,
  chooseCode: (codeId) => set({ codeId, institutionId: null, split: {} }),
  openCell(scope) {
    set({ ...scope, split: { ...scope.split }, showRequest: get().showRequest + 1 });
    useUi.getState().showView('coding');
  },
  widen: () => set({ institutionId: null, split: {} }),
  reset: () => set({ codeId: null, institutionId: null, split: {} }),
}));

/** The list's filter: the evidence filters with the cell's split on top (the split came from counts under those filters). */
export function scopedFilter(filter: EvidenceFilter, split: CellSplit): EvidenceFilter {
  return { ...filter, ...Object.fromEntries(Object.entries(split).filter(([, value]) => value !== undefined)) };
}
