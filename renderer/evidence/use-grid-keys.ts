/**
 * The keyboard of a grid of cells (the evidence matrix, the judgment table):
 * one cell is in the tab order, arrow keys (and Home, End, Page Up/Down) move
 * it and the focus, Enter or Space activates it. Cells carry `data-row` and
 * `data-col`; `onKey` may take other keys first (return true when it did).
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { moveInGrid, type GridPosition } from './grid-nav';

interface GridKeysOptions {
  rows: number;
  cols: number;
  onActivate: (at: GridPosition) => void;
  onKey?: (at: GridPosition, event: KeyboardEvent<HTMLTableElement>) => boolean;
}

export function useGridKeys({ rows, cols, onActivate, onKey }: GridKeysOptions) {
  const tableRef = useRef<HTMLTableElement>(null);
  const [focus, setFocus] = useState<GridPosition>({ row: 0, col: 0 });

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-row]');
    if (!cell) return;
    const at = { row: Number(cell.dataset.row), col: Number(cell.dataset.col) };
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onActivate(at);
      return;
    }
    if (onKey?.(at, event)) return;
    const next = moveInGrid(at, event.key, rows, cols, event.ctrlKey || event.metaKey);
    if (!next) return;
    event.preventDefault();
    setFocus(next);
    tableRef.current?.querySelector<HTMLElement>(`[data-row="${next.row}"][data-col="${next.col}"]`)?.focus();
  };

  return { tableRef, focus, setFocus, onKeyDown };
}
