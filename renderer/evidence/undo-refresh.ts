import { useCodings } from '../coding/coding-store';

/** A write outside the coding view is undoable too: let the undo buttons show it. */
export function undoStackChanged(): void {
  void useCodings.getState().refreshUndo();
}
