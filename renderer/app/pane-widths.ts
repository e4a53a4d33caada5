/**
 * Widths of the coding view's outer panes: the source list on the left and
 * the side panel on the right; the document takes what is left. A width is
 * kept between its pane's minimum and maximum, and never so wide that the
 * document gets less than MIN_DOCUMENT. Pure: no DOM, no storage.
 */

export type PaneName = 'sources' | 'side';

export interface PaneWidths {
  sources: number;
  side: number;
}

export interface PaneLimits {
  min: number;
  max: number;
  initial: number;
}

export const PANE_LIMITS: Readonly<Record<PaneName, PaneLimits>> = {
  sources: { min: 200, max: 520, initial: 300 },
  side: { min: 280, max: 640, initial: 370 },
};

/** The document keeps at least this much room (some 40 characters a line between the page margins). */
export const MIN_DOCUMENT = 440;

/** Arrow keys move a handle this far; with Shift, BIG_STEP. */
export const KEY_STEP = 10;
export const BIG_STEP = 50;

export const INITIAL_WIDTHS: PaneWidths = { sources: PANE_LIMITS.sources.initial, side: PANE_LIMITS.side.initial };

/** A width rounded to a whole pixel and kept within the pane's own limits. */
export function clampWidth(pane: PaneName, width: number): number {
  const { min, max, initial } = PANE_LIMITS[pane];
  if (!Number.isFinite(width)) return initial;
  return Math.min(max, Math.max(min, Math.round(width)));
}

/**
 * The widest the pane may be next to the other pane (at `otherWidth`) in a
 * row of `container` pixels: its maximum, or less so the document keeps its
 * room; never below its minimum. A container of 0 (not laid out) limits nothing.
 */
export function maxWidth(pane: PaneName, otherWidth: number, container: number): number {
  const { min, max } = PANE_LIMITS[pane];
  if (container <= 0) return max;
  return Math.max(min, Math.min(max, Math.floor(container - otherWidth - MIN_DOCUMENT)));
}

/**
 * The widths to draw for the wanted ones in a row of `container` pixels.
 * Where both do not fit beside the document, each pane gives up room in
 * proportion to what it has above its minimum.
 */
export function fitPanes(wanted: PaneWidths, container: number): PaneWidths {
  const sources = clampWidth('sources', wanted.sources);
  const side = clampWidth('side', wanted.side);
  const excess = container > 0 ? sources + side + MIN_DOCUMENT - container : 0;
  if (excess <= 0) return { sources, side };
  const spareSources = sources - PANE_LIMITS.sources.min;
  const spareSide = side - PANE_LIMITS.side.min;
  const spare = spareSources + spareSide;
  if (spare <= 0) return { sources, side };
  const take = Math.min(excess, spare);
  const fromSources = Math.round((take * spareSources) / spare);
  return { sources: sources - fromSources, side: side - (take - fromSources) };
}

/**
 * The pane's width after a key on its handle, or null for a key that does
 * not move it. Arrow keys move the handle (so → widens the source list and
 * narrows the side panel, whose handle is on its left edge); Home and End
 * give the pane its smallest and largest width.
 */
export function widthAfterKey(pane: PaneName, width: number, key: string, shift: boolean, largest: number): number | null {
  const step = shift ? BIG_STEP : KEY_STEP;
  const grows = pane === 'sources' ? 'ArrowRight' : 'ArrowLeft';
  const shrinks = pane === 'sources' ? 'ArrowLeft' : 'ArrowRight';
  const smallest = PANE_LIMITS[pane].min;
  const within = (next: number) => Math.min(largest, Math.max(smallest, Math.round(next)));
  switch (key) {
    case grows:
      return within(width + step);
    case shrinks:
      return within(width - step);
    case 'Home':
      return smallest;
    case 'End':
      return Math.max(smallest, largest);
    default:
      return null;
  }
}

/** The pane's width while its handle is dragged from `startX` (at `startWidth`) to `x`. */
export function widthAfterDrag(pane: PaneName, startWidth: number, startX: number, x: number, largest: number): number {
  const moved = x - startX;
  const next = pane === 'sources' ? startWidth + moved : startWidth - moved;
  return Math.min(largest, Math.max(PANE_LIMITS[pane].min, Math.round(next)));
}

/** Widths read back from storage: anything missing or malformed is the initial width. */
export function parseWidths(stored: string | null): PaneWidths {
  let value: unknown = null;
  try {
    value = stored ? JSON.parse(stored) : null;
  } catch {
    value = null;
  }
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const read = (pane: PaneName) => {
    const width = record[pane];
    return typeof width === 'number' && Number.isFinite(width) ? clampWidth(pane, width) : PANE_LIMITS[pane].initial;
  };
  return { sources: read('sources'), side: read('side') };
}
