/**
 * The handle between the document and an outer pane (the source list, the
 * side panel). Drag it, or focus it and use ← → (Shift: further), Home and
 * End; a double click gives the pane its initial width again. The width shows
 * at once and is remembered when the drag ends.
 */
import { useLayoutEffect, useRef, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { nl } from '../text/nl';
import { drawnWidths, usePanes } from './pane-store';
import { maxWidth, PANE_LIMITS, widthAfterDrag, widthAfterKey, type PaneName } from './pane-widths';

const RESIZING_CLASS = 'pane-resizing';

/** The pane's drawn width and the widest it may be now, from the store's state. */
function measure(pane: PaneName, state: ReturnType<typeof usePanes.getState>): { width: number; largest: number } {
  const drawn = drawnWidths(state);
  return { width: drawn[pane], largest: maxWidth(pane, drawn[pane === 'sources' ? 'side' : 'sources'], state.container) };
}

interface PaneHandleProps {
  pane: PaneName;
  /** Id of the pane it resizes. */
  controls: string;
}

export function PaneHandle({ pane, controls }: PaneHandleProps) {
  const width = usePanes((state) => measure(pane, state).width);
  const largest = usePanes((state) => measure(pane, state).largest);
  const drag = useRef<{ startX: number; startWidth: number } | null>(null);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus();
    drag.current = { startX: event.clientX, startWidth: width };
    document.documentElement.classList.add(RESIZING_CLASS);
  };

  // Pointer moves come once a frame; each sets the width, which the row picks up without re-rendering the panes.
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const current = drag.current;
    if (!current) return;
    const state = usePanes.getState();
    const next = widthAfterDrag(pane, current.startWidth, current.startX, event.clientX, measure(pane, state).largest);
    if (next !== measure(pane, state).width) state.setWidth(pane, next, false);
  };

  const endDrag = () => {
    if (!drag.current) return;
    drag.current = null;
    document.documentElement.classList.remove(RESIZING_CLASS);
    usePanes.getState().remember();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = widthAfterKey(pane, width, event.key, event.shiftKey, largest);
    if (next === null) return;
    event.preventDefault();
    usePanes.getState().setWidth(pane, next, true);
  };

  return (
    <div
      className={`pane-handle pane-handle-${pane}`}
      data-testid={`pane-handle-${pane}`}
      role="separator"
      aria-orientation="vertical"
      aria-controls={controls}
      aria-label={pane === 'sources' ? nl.panes.resizeSources : nl.panes.resizeSide}
      aria-valuenow={width}
      aria-valuemin={PANE_LIMITS[pane].min}
      aria-valuemax={largest}
      aria-valuetext={nl.panes.width(width)}
      title={nl.panes.handleHint}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onLostPointerCapture={endDrag}
      onKeyDown={onKeyDown}
      onDoubleClick={() => usePanes.getState().reset(pane)}
    />
  );
}

/**
 * Lays out the row of panes: the drawn widths go to CSS variables on the row
 * (`--sources-width`, `--side-width`) straight from the store, so a drag
 * re-renders neither the source list, the document nor the side panel; and
 * the row's own width goes to the store, so the panes fit a narrow window.
 */
export function usePaneLayout(rowRef: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const row = rowRef.current;
    if (!row) return;
    const apply = (state: ReturnType<typeof usePanes.getState>) => {
      const drawn = drawnWidths(state);
      row.style.setProperty('--sources-width', `${drawn.sources}px`);
      row.style.setProperty('--side-width', `${drawn.side}px`);
    };
    usePanes.getState().setContainer(row.clientWidth);
    apply(usePanes.getState());
    const unsubscribe = usePanes.subscribe(apply);
    const observer = new ResizeObserver(() => usePanes.getState().setContainer(row.clientWidth));
    observer.observe(row);
    return () => {
      unsubscribe();
      observer.disconnect();
    };
  }, [rowRef]);
}
