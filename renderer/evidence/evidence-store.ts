/**
 * The evidence view's state: the filters, the matrix cells from the backend,
 * which codes are folded, the chosen cell and the segments behind it.
 */
import { create } from 'zustand';
import type { EvidenceCell, EvidenceFilter, EvidenceSegment } from '../../shared/api/types';
import { api } from '../api/client';
import { scopedFilter, type CellSplit } from '../coding/retrieval-store';

/** A cell of the matrix: a code at one institution, or across all (institutionId null). */
export interface EvidenceSelection {
  codeId: string;
  institutionId: string | null;
  /** One part of the cell (a valence, source type or role) when that part was chosen. */
  split?: CellSplit;
}

export type EvidencePanelTab = 'segments' | 'code-memo' | 'institution-memo';

interface EvidenceStore {
  filter: EvidenceFilter;
  cells: EvidenceCell[];
  loaded: boolean;
  loading: boolean;
  collapsed: ReadonlySet<string>;
  showDetails: boolean;
  selection: EvidenceSelection | null;
  segments: EvidenceSegment[];
  /** How many segments the chosen cell holds; `segments` holds the first `segmentLimit` of them. */
  segmentsTotal: number;
  segmentLimit: number;
  segmentsLoading: boolean;
  panelTab: EvidencePanelTab;
  /** Fetch the matrix (and the chosen cell's segments) again, e.g. after coding. */
  load(): Promise<void>;
  setFilter<K extends keyof EvidenceFilter>(key: K, value: EvidenceFilter[K]): Promise<void>;
  clearFilters(): Promise<void>;
  toggleCollapsed(codeId: string): void;
  setShowDetails(show: boolean): void;
  select(selection: EvidenceSelection | null): Promise<void>;
  setPanelTab(tab: EvidencePanelTab): void;
  /** The next page of the chosen cell's segments. */
  showMoreSegments(): Promise<void>;
  reset(): void;
}

/** Segments per page beside the matrix (a norm's total cell can hold thousands). */
export const SEGMENT_PAGE = 100;

let latestMatrix = 0;
let latestSegments = 0;

/** The filter as the API wants it: only the keys that are set. */
export function activeFilter(filter: EvidenceFilter): EvidenceFilter {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined && value !== false)) as EvidenceFilter;
}

export const useEvidence = create<EvidenceStore>()((set, get) => {
  const loadSegments = async () => {
    const request = ++latestSegments;
    const selection = get().selection;
    if (!selection) {
      set({ segments: [], segmentsTotal: 0, segmentsLoading: false });
      return;
    }
    set({ segmentsLoading: true });
    try {
      const { codeId, institutionId, split = {} } = selection;
      const filter = scopedFilter(activeFilter(get().filter), split);
      const page = await api['evidence.segmentPage']({ codeId, institutionId, filter, offset: 0, limit: get().segmentLimit });
      if (request === latestSegments) set({ segments: page.segments, segmentsTotal: page.total, segmentsLoading: false });
    } catch (error) {
      if (request === latestSegments) set({ segmentsLoading: false });
      throw error;
    }
  };
  const loadMatrix = async () => {
    const request = ++latestMatrix;
    set({ loading: true });
    try {
      const { cells } = await api['evidence.matrix']({ filter: activeFilter(get().filter) });
      if (request === latestMatrix) set({ cells, loaded: true, loading: false });
    } catch (error) {
      if (request === latestMatrix) set({ loading: false });
      throw error;
    }
  };
  return {
    filter: {},
    cells: [],
    loaded: false,
    loading: false,
    collapsed: new Set(),
    showDetails: true,
    selection: null,
    segments: [],
    segmentsTotal: 0,
    segmentLimit: SEGMENT_PAGE,
    segmentsLoading: false,
    panelTab: 'segments',
    async load() {
      await Promise.all([loadMatrix(), loadSegments()]);
    },
    async setFilter(key, value) {
      set({ filter: { ...get().filter, [key]: value } });
      await get().load();
    },
    async clearFilters() {
      set({ filter: {} });
      await get().load();
    },
    toggleCollapsed(codeId) {
      const collapsed = new Set(get().collapsed);
      if (collapsed.has(codeId)) collapsed.delete(codeId);
      else collapsed.add(codeId);
      set({ collapsed });
    },
    setShowDetails: (showDetails) => set({ showDetails }),
    async select(selection) {
      const panelTab = get().panelTab === 'institution-memo' && selection?.institutionId === null ? 'segments' : get().panelTab;
      set({ selection, segments: [], segmentsTotal: 0, segmentLimit: SEGMENT_PAGE, panelTab });
      await loadSegments();
    },
    setPanelTab: (panelTab) => set({ panelTab }),
    async showMoreSegments() {
      set({ segmentLimit: get().segmentLimit + SEGMENT_PAGE });
      await loadSegments();
    },
    reset() {
      latestMatrix++;
      latestSegments++;
      set({
        filter: {},
        cells: [],
        loaded: false,
        loading: false,
        collapsed: new Set(),
        selection: null,
        segments: [],
        segmentsTotal: 0,
        segmentLimit: SEGMENT_PAGE,
        segmentsLoading: false,
        panelTab: 'segments',
      });
    },
  };
});
