/**
 * Where the floating pieces of the coding workbench are: the code palette for
 * a fresh selection, and the anchor of the popover of the selected coding
 * (which coding is selected lives in the coding store). Anchors are in pixels
 * relative to the document page, so they scroll with the text.
 */
import { create } from 'zustand';
import { useCodings } from './coding-store';
import { showPendingHighlight, type Span } from './selection';

export interface Anchor {
  x: number;
  y: number;
}

/** Width of the palette and the popover (`.floating-card` in coding.css). */
export const CARD_WIDTH = 320;

/**
 * Where a palette or popover sits: at its anchor, but inside the page even
 * when the page got narrower after it opened (a pane made wider).
 */
export function cardPosition(anchor: Anchor): { left: string; top: number } {
  return { left: `clamp(0px, ${anchor.x}px, 100% - ${CARD_WIDTH}px)`, top: anchor.y };
}

export interface PendingSelection {
  span: Span;
  anchor: Anchor;
  /** Changes with every new selection, so the palette starts afresh. */
  key: string;
  /** Keys pressed before the palette showed (digits, valence keys), played into it when it opens. */
  keys?: string[] | undefined;
}

const LABELS_KEY = 'veldwerk.coding.labels';

/** Labels are on unless the user turned them off (kept across restarts). */
function storedShowLabels(): boolean {
  try {
    return window.localStorage.getItem(LABELS_KEY) !== 'off';
  } catch {
    return true;
  }
}

interface CodingUi {
  /** Code labels in the right margin beside the stripes. */
  showLabels: boolean;
  toggleLabels(): void;
  /** The keyboard shortcut sheet (`?`). */
  sheetOpen: boolean;
  setSheetOpen(open: boolean): void;
  /** What a keyboard move just reached, read out by screen readers. */
  announcement: string;
  announce(text: string): void;
  palette: PendingSelection | null;
  popoverAnchor: Anchor | null;
  /** Text selected while a popover is open: offered as the coding's new extent. */
  reselection: Span | null;
  openPalette(selection: PendingSelection): void;
  closePalette(): void;
  openPopover(codingId: string, anchor: Anchor): void;
  closePopover(): void;
  setReselection(span: Span | null): void;
  /** Move the open palette and popover to new anchors (the text under them re-wrapped). */
  moveAnchors(anchors: { palette?: Anchor | undefined; popover?: Anchor | undefined }): void;
}

let paletteCount = 0;

export const useCodingUi = create<CodingUi>()((set, get) => ({
  showLabels: storedShowLabels(),
  toggleLabels() {
    const showLabels = !get().showLabels;
    try {
      window.localStorage.setItem(LABELS_KEY, showLabels ? 'on' : 'off');
    } catch {
      // Private mode: the choice lasts this session only.
    }
    set({ showLabels });
  },
  sheetOpen: false,
  setSheetOpen: (sheetOpen) => set({ sheetOpen }),
  announcement: '',
  announce: (announcement) => set({ announcement }),
  palette: null,
  popoverAnchor: null,
  reselection: null,
  openPalette(selection) {
    const current = get().palette;
    if (current && current.span.start === selection.span.start && current.span.end === selection.span.end) return;
    // A valence key from now on belongs to this selection, not to the coding made before.
    useCodings.setState({ lastMadeId: null });
    set({ palette: { ...selection, key: `${selection.key}-${++paletteCount}` } });
  },
  closePalette() {
    showPendingHighlight(null);
    if (get().palette) set({ palette: null });
  },
  openPopover(codingId, anchor) {
    get().closePalette();
    useCodings.setState({ lastMadeId: null });
    useCodings.getState().select(codingId);
    set({ popoverAnchor: anchor, reselection: null });
  },
  closePopover() {
    useCodings.getState().select(null);
    set({ popoverAnchor: null, reselection: null });
  },
  setReselection: (reselection) => set({ reselection }),
  moveAnchors({ palette, popover }) {
    const current = get();
    set({
      palette: current.palette && palette ? { ...current.palette, anchor: palette } : current.palette,
      popoverAnchor: current.popoverAnchor && popover ? popover : current.popoverAnchor,
    });
  },
}));
