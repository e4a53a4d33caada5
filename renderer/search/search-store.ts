/** The search across all sources: the query, its hits and whether it is running. */
import { create } from 'zustand';
import type { SearchHit, SearchResult } from '../../shared/api/types';
import { api } from '../api/client';

export const MIN_QUERY_LENGTH = 2;

export const hitKey = (hit: Pick<SearchHit, 'sourceId' | 'start' | 'end'>) => `${hit.sourceId}:${hit.start}:${hit.end}`;

interface SearchStore {
  query: string;
  /** The query the shown result belongs to. */
  searchedQuery: string;
  result: SearchResult | null;
  searching: boolean;
  /** The auto-code form is open: hits show checkboxes. */
  autocoding: boolean;
  /** Hits checked for auto-coding, by `hitKey`. */
  checked: ReadonlySet<string>;
  setQuery(query: string): void;
  setAutocoding(open: boolean): void;
  toggleHit(hit: SearchHit, checked: boolean): void;
  /** Search for the current query; `force` repeats a search already shown. */
  run(force?: boolean): Promise<void>;
  reset(): void;
}

let latestRequest = 0;

export const useSearch = create<SearchStore>()((set, get) => ({
  query: '',
  searchedQuery: '',
  result: null,
  searching: false,
  autocoding: false,
  checked: new Set(),
  setQuery: (query) => set({ query }),
  setAutocoding: (autocoding) => set({ autocoding, checked: new Set() }),
  toggleHit(hit, checked) {
    const next = new Set(get().checked);
    if (checked) next.add(hitKey(hit));
    else next.delete(hitKey(hit));
    set({ checked: next });
  },
  async run(force = false) {
    const query = get().query.trim();
    if (!force && query === get().searchedQuery && get().result) return;
    const request = ++latestRequest;
    if (query.length < MIN_QUERY_LENGTH) {
      set({ result: null, searchedQuery: '', searching: false, autocoding: false, checked: new Set() });
      return;
    }
    set({ searching: true });
    try {
      const result = await api.search({ query, limit: 200 });
      if (request === latestRequest) set({ result, searchedQuery: query, searching: false, checked: new Set() });
    } catch (error) {
      if (request === latestRequest) set({ searching: false });
      throw error;
    }
  },
  reset: () => {
    latestRequest++;
    set({ query: '', searchedQuery: '', result: null, searching: false, autocoding: false, checked: new Set() });
  },
}));
