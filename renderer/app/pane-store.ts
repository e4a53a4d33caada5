/**
 * The widths of the coding view's source list and side panel: the ones the
 * user chose (kept in localStorage, so they survive a reload and a restart)
 * and the width of the row they are drawn in.
 */
import { create } from 'zustand';
import { fitPanes, INITIAL_WIDTHS, parseWidths, type PaneName, type PaneWidths } from './pane-widths';

const STORAGE_KEY = 'veldwerk.paneWidths';

function readStored(): PaneWidths {
  try {
    return parseWidths(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    return INITIAL_WIDTHS;
  }
}

function store(widths: PaneWidths): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(widths));
  } catch {
    // Storage off or full: the widths hold until the window closes.
  }
}

interface PaneStore {
  /** The widths chosen. */
  wanted: PaneWidths;
  /** Width of the row of panes; 0 while it is not laid out (another view shows). */
  container: number;
  setContainer(width: number): void;
  /**
   * Give `pane` this width (already fitted by the caller), keeping the other
   * pane as it is drawn now; `remember` stores the result (false while a drag
   * is under way).
   */
  setWidth(pane: PaneName, width: number, remember: boolean): void;
  /** Store the widths as they are (the end of a drag). */
  remember(): void;
  reset(pane: PaneName): void;
}

export const usePanes = create<PaneStore>()((set, get) => ({
  wanted: readStored(),
  container: 0,
  setContainer(container) {
    if (container > 0 && container !== get().container) set({ container });
  },
  setWidth(pane, width, remember) {
    const wanted = { ...drawnWidths(get()), [pane]: width };
    set({ wanted });
    if (remember) store(wanted);
  },
  remember() {
    store(get().wanted);
  },
  reset(pane) {
    const wanted = { ...get().wanted, [pane]: INITIAL_WIDTHS[pane] };
    set({ wanted });
    store(wanted);
  },
}));

/** The widths to draw: the chosen ones, fitted to the row. */
export function drawnWidths(state: Pick<PaneStore, 'wanted' | 'container'>): PaneWidths {
  return fitPanes(state.wanted, state.container);
}
