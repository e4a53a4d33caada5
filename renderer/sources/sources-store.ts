/** The list of sources in the open study, narrowed by the filters. */
import { create } from 'zustand';
import type { SourceSummary } from '../../shared/api/types';
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
  load(): Promise<void>;
  setFilter<K extends keyof SourceFilters>(key: K, value: SourceFilters[K]): Promise<void>;
  reset(): void;
}

let latestRequest = 0;

export const useSources = create<SourcesStore>()((set, get) => ({
  sources: [],
  filters: NO_FILTERS,
  loaded: false,
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
    set({ sources: [], filters: NO_FILTERS, loaded: false });
  },
}));

// Sources imported, edited or merged in (or an institution renamed): the list follows, if it is shown.
onEntitiesChanged(['source', 'institution', 'inspector'], (event) => {
  if (useSources.getState().loaded && !event.reopened) useSources.getState().load().catch(() => undefined);
});
