/**
 * The source shown in the middle, its layout (lines and chunks), and the
 * stretch of text to point at in it. Opening a source fetches its text and its
 * codings together, so the text appears with its highlights in one go.
 */
import { create } from 'zustand';
import type { Coding, SourceDocument } from '../../shared/api/types';
import { api } from '../api/client';
import { onEntitiesChanged } from '../api/study-changes';
import { reportError } from '../ui/toast-store';
import { useCodings } from '../coding/coding-store';
import { layoutDocument, type DocLayout } from './layout';

/** A range to scroll to and highlight. `request` makes a repeated jump to the same hit count. */
export interface JumpTarget {
  start: number;
  end: number;
  request: number;
}

interface DocumentStore {
  selectedId: string | null;
  document: SourceDocument | null;
  layout: DocLayout | null;
  loading: boolean;
  target: JumpTarget | null;
  open(id: string, range?: { start: number; end: number }): Promise<void>;
  /** Fetch the open source's details again (its text never changes after import, so the layout stays). */
  refreshDetails(): Promise<void>;
  reset(): void;
}

let jumpCount = 0;

export const useDocument = create<DocumentStore>()((set, get) => ({
  selectedId: null,
  document: null,
  layout: null,
  loading: false,
  target: null,
  async open(id, range) {
    const target = range ? { ...range, request: ++jumpCount } : null;
    if (get().document?.id === id) {
      set({ selectedId: id, target });
      return;
    }
    set({ selectedId: id, loading: true, target });
    try {
      const codingsRequest = api['codings.forSource']({ sourceId: id }).catch((error: unknown): Coding[] => {
        reportError(error);
        return [];
      });
      const [document, codings] = await Promise.all([api['source.get']({ id }), codingsRequest]);
      if (get().selectedId !== id) return;
      const layout = layoutDocument(document);
      // Both stores change in the same task, so React draws text and highlights together.
      useCodings.getState().show(id, layout.lines, codings);
      set({ document, layout, loading: false });
    } catch (error) {
      if (get().selectedId === id) set({ loading: false });
      throw error;
    }
  },
  async refreshDetails() {
    const id = get().document?.id;
    if (!id) return;
    const details = await api['source.details']({ id });
    const open = get().document;
    if (open?.id === id) set({ document: { ...open, ...details } });
  },
  reset: () => {
    useCodings.getState().clear();
    set({ selectedId: null, document: null, layout: null, loading: false, target: null });
  },
}));

// Details edited (here, in another window, by an undo or a merge): the header shows the stored ones.
onEntitiesChanged(['source'], (event) => {
  if (!event.reopened) useDocument.getState().refreshDetails().catch(() => undefined);
});
