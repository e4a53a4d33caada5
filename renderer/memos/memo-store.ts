/**
 * Memos on passages of the open source (shown in the margin and in the
 * Memo's tab), the passage a new memo is being written for, and the memo to
 * bring into view. Every change is stored at once and is on the undo history.
 */
import { create } from 'zustand';
import type { Memo } from '../../shared/api/types';
import { api } from '../api/client';
import { reportError } from '../ui/toast-store';

export interface PassageDraft {
  sourceId: string;
  start: number;
  end: number;
}

interface MemoStore {
  sourceId: string | null;
  passages: Memo[];
  draft: PassageDraft | null;
  /** The memo the Memo's tab should show and focus (a click on its margin mark). */
  focusId: string | null;
  /** Goes up when the Memo's tab should come to the front. */
  showRequest: number;
  load(sourceId: string | null): Promise<void>;
  startDraft(draft: PassageDraft): void;
  cancelDraft(): void;
  saveDraft(text: string): Promise<void>;
  update(id: string, text: string): Promise<void>;
  remove(id: string): Promise<void>;
  show(memoId: string | null): void;
}

let latest = 0;


export const useMemos = create<MemoStore>()((set, get) => ({
  sourceId: null,
  passages: [],
  draft: null,
  focusId: null,
  showRequest: 0,
  async load(sourceId) {
    const request = ++latest;
    if (!sourceId) return set({ sourceId: null, passages: [] });
    if (get().sourceId !== sourceId) set({ sourceId, passages: [] });
    const passages = await api['memos.passages']({ sourceId });
    if (request === latest) set({ passages });
  },
  startDraft(draft) {
    set({ draft, focusId: null, showRequest: get().showRequest + 1 });
  },
  cancelDraft: () => set({ draft: null }),
  async saveDraft(text) {
    const draft = get().draft;
    if (!draft || !text.trim()) return;
    const memo = await api['memo.addPassage']({ ...draft, text });
    set({ draft: null, focusId: memo.id });
    if (get().sourceId === draft.sourceId) set({ passages: [...get().passages, memo].sort((a, b) => (a.start ?? 0) - (b.start ?? 0)) });
  },
  async update(id, text) {
    const memo = await api['memo.update']({ id, text });
    set({ passages: get().passages.map((other) => (other.id === id ? memo : other)) });
  },
  async remove(id) {
    await api['memo.delete']({ id });
    set({ passages: get().passages.filter((memo) => memo.id !== id) });
  },
  show(memoId) {
    set({ focusId: memoId, showRequest: get().showRequest + 1 });
  },
}));

export function reloadPassages(): void {
  useMemos.getState().load(useMemos.getState().sourceId).catch(reportError);
}
