/** Arrow-key movement in a grid of cells (the evidence matrix, the judgment table). Pure. */

export interface GridPosition {
  row: number;
  col: number;
}

/**
 * Where a key moves the focus from `at` in a grid of `rows` × `cols`, or null
 * when the key is not a movement key. Movement stops at the edges.
 */
export function moveInGrid(at: GridPosition, key: string, rows: number, cols: number, ctrl = false): GridPosition | null {
  if (rows <= 0 || cols <= 0) return null;
  const clamp = (row: number, col: number) => ({
    row: Math.max(0, Math.min(rows - 1, row)),
    col: Math.max(0, Math.min(cols - 1, col)),
  });
  switch (key) {
    case 'ArrowUp':
      return clamp(at.row - 1, at.col);
    case 'ArrowDown':
      return clamp(at.row + 1, at.col);
    case 'ArrowLeft':
      return clamp(at.row, at.col - 1);
    case 'ArrowRight':
      return clamp(at.row, at.col + 1);
    case 'Home':
      return ctrl ? clamp(0, 0) : clamp(at.row, 0);
    case 'End':
      return ctrl ? clamp(rows - 1, cols - 1) : clamp(at.row, cols - 1);
    case 'PageUp':
      return clamp(at.row - 10, at.col);
    case 'PageDown':
      return clamp(at.row + 10, at.col);
    default:
      return null;
  }
}
