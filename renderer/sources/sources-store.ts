/** The list of sources in the open study, narrowed by the filters. */
import { create } from 'zustand';
import type { SourceProgress, SourceStatus, SourceSummary } from '../../shared/api/types';
import type { SourceSort } from './source-arrange';
import type { Role, SourceType } from '../../shared/vocabulary';
import { api } from '../api/client';
import { onEntitiesChanged } from '../api/study-changes';

export interface SourceFilters {
  institutionId: string | null;
  sourceType: SourceType | null;
  role: Role | null;
}

const NO_FILTERS: SourceFilters = { institutionId: null, sourceType: null, role: null };

interface SourcesStore {
  sources: SourceSummary[];
  filters: SourceFilters;
  loaded: boolean;
  /** Typed search over the list, and its order (kept in the renderer: the list is small). */
  query: string;
  sort: SourceSort;
  /** Coding counts and statuses; null until first loaded. */
  progress: SourceProgress | null;
  setQuery(query: string): void;
  setSort(sort: SourceSort): void;
  loadProgress(): Promise<void>;
  /** Set the current inspector's status of a source. */
  setStatus(sourceId: string, status: SourceStatus): Promise<void>;
  load(): Promise<void>;
  setFilter<K extends keyof SourceFilters>(key: K, value: SourceFilters[K]): Promise<void>;
  reset(): void;
}

let latestRequest = 0;
let latestProgress = 0;

export const useSources = create<SourcesStore>()((set, get) => ({
  sources: [],
  filters: NO_FILTERS,
  loaded: false,
  query: '',
  sort: 'titel',
  progress: null,
  setQuery: (query) => set({ query }),
  setSort: (sort) => set({ sort }),
  async loadProgress() {
    const request = ++latestProgress;
    const progress = await api['sources.progress']({});
    if (request === latestProgress) set({ progress });
  },
  async setStatus(sourceId, status) {
    const entry = await api['source.setStatus']({ sourceId, status });
    const progress = get().progress;
    if (!progress) return void (await get().loadProgress());
    const others = progress.statuses.filter((item) => !(item.sourceId === sourceId && item.inspectorId === entry.inspectorId));
    set({ progress: { ...progress, statuses: [...others, entry] } });
  },
  async load() {
    const request = ++latestRequest;
    const { institutionId, sourceType, role } = get().filters;
    const sources = await api['sources.list']({
      institutionId: institutionId ?? undefined,
      sourceType: sourceType ?? undefined,
      role: role ?? undefined,
    });
    if (request === latestRequest) set({ sources, loaded: true });
  },
  async setFilter(key, value) {
    set({ filters: { ...get().filters, [key]: value } });
    await get().load();
  },
  reset: () => {
    latestRequest++;
    latestProgress++;
    set({ sources: [], filters: NO_FILTERS, loaded: false, query: '', progress: null });
  },
}));

// Sources imported, edited or merged in (or an institution renamed): the list follows, if it is shown.
onEntitiesChanged(['source', 'institution', 'inspector'], (event) => {
  if (useSources.getState().loaded && !event.reopened) useSources.getState().load().catch(() => undefined);
});
