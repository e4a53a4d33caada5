import { useEffect } from 'react';
import type { MenuCommand } from '../../shared/api/bridge';
import { onMenuCommand } from '../api/client';
import { redoLast, undoLast } from '../coding/coding-store';
import { useSession } from '../study/session-store';
import { reportError } from '../ui/toast-store';
import { useUi } from '../ui/ui-store';
import { isTextEntry, undoneByKeyboardJustNow } from './use-global-shortcuts';

/** The desktop menu triggers the same actions as the buttons. */
export function useMenuCommands(): void {
  useEffect(() => onMenuCommand(runMenuCommand), []);
}

function runMenuCommand(command: MenuCommand): void {
  const session = useSession.getState();
  switch (command) {
    case 'new-study':
      useUi.getState().openDialog('setup');
      break;
    case 'open-study':
      session.openStudy().catch(reportError);
      break;
    case 'open-demo':
      session.openDemo().catch(reportError);
      break;
    case 'focus-search':
      if (session.session?.study) useUi.getState().focusSearch();
      break;
    case 'study-changed':
      void session.load();
      break;
    case 'undo':
    case 'redo':
      runUndoCommand(command, session.session?.study != null);
      break;
  }
}

/**
 * Bewerken > Ongedaan maken / Opnieuw. In a text field they undo the typing,
 * as the native menu roles did; elsewhere the last action in the study. The
 * keyboard handler already ran for a keystroke the page saw, so a menu
 * command right behind it is the same keystroke and is skipped.
 */
function runUndoCommand(command: 'undo' | 'redo', hasStudy: boolean): void {
  if (isTextEntry(document.activeElement)) {
    document.execCommand(command);
    return;
  }
  if (!hasStudy || undoneByKeyboardJustNow()) return;
  if (command === 'undo') undoLast();
  else redoLast();
}
