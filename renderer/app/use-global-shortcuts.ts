import { useEffect } from 'react';
import { redoLast, undoLast } from '../coding/coding-store';
import { useSession } from '../study/session-store';
import { useUi } from '../ui/ui-store';

/** True where the browser's own undo (of typing) belongs: text fields and editable content. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA') return true;
  if (target.tagName !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'range', 'file'].includes(type);
}

/** When the last keyboard undo/redo ran, so the desktop menu's copy of the same keystroke is ignored. */
let lastKeyboardUndo = 0;
export function undoneByKeyboardJustNow(): boolean {
  return performance.now() - lastKeyboardUndo < 400;
}

/**
 * While a study is open: Ctrl+F (Cmd+F on a Mac) puts the cursor in the search
 * field; Ctrl+Z undoes and Ctrl+Shift+Z or Ctrl+Y redoes the last action in
 * the study, except in a text field, where they undo typing as usual.
 */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = event.ctrlKey || event.metaKey;
      if (!command || event.altKey || !useSession.getState().session?.study) return;
      const key = event.key.toLowerCase();
      if (key === 'f' && !event.shiftKey) {
        event.preventDefault();
        useUi.getState().focusSearch();
        return;
      }
      const undo = key === 'z' && !event.shiftKey;
      const redo = (key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey);
      if ((!undo && !redo) || isTextEntry(event.target) || event.repeat) return;
      event.preventDefault();
      lastKeyboardUndo = performance.now();
      if (undo) undoLast();
      else redoLast();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
