/** The toetsingskader of the open study: its codes, flat, as the backend keeps them. */
import { create } from 'zustand';
import type { CallInput } from '../../shared/api/contract';
import type { Code } from '../../shared/api/types';
import { api } from '../api/client';
import { onEntitiesChanged } from '../api/study-changes';

interface FrameworkStore {
  codes: Code[];
  loaded: boolean;
  /** The code whose name is being edited inline, e.g. right after it was added. */
  renamingId: string | null;
  setRenaming(id: string | null): void;
  load(): Promise<void>;
  create(input: CallInput<'code.create'>): Promise<Code>;
  update(input: CallInput<'code.update'>): Promise<void>;
  move(id: string, parentId: string | null, index: number): Promise<void>;
  remove(id: string): Promise<void>;
  reset(): void;
}

let latestLoad = 0;

export const useFramework = create<FrameworkStore>()((set, get) => {
  const replace = (code: Code) =>
    set({ codes: get().codes.some((c) => c.id === code.id) ? get().codes.map((c) => (c.id === code.id ? code : c)) : [...get().codes, code] });
  return {
    codes: [],
    loaded: false,
    renamingId: null,
    setRenaming: (renamingId) => set({ renamingId }),
    async load() {
      const request = ++latestLoad;
      const codes = await api['framework.list']({});
      if (request === latestLoad) set({ codes, loaded: true });
    },
    async create(input) {
      const code = await api['code.create'](input);
      replace(code);
      return code;
    },
    update: async (input) => replace(await api['code.update'](input)),
    move: async (id, parentId, index) => set({ codes: await api['code.move']({ id, parentId, index }) }),
    remove: async (id) => set({ codes: await api['code.delete']({ id }) }),
    reset: () => {
      latestLoad++;
      set({ codes: [], loaded: false, renamingId: null });
    },
  };
});

// Codes added, renamed, moved, merged or taken back anywhere: the tree follows, if it is shown.
onEntitiesChanged(['code'], (event) => {
  if (useFramework.getState().loaded && !event.reopened) useFramework.getState().load().catch(() => undefined);
});
