/**
 * IPC wiring: one `ipcMain.handle('veldwerk:<name>')` per contract call, each
 * checking the sender before dispatching to the backend. The backend's result
 * object (`{ ok, value }` or `{ ok, error }`) goes back unchanged.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CALL_NAMES } from '../shared/api/contract';
import { dispatch, type DispatchResult } from '../backend/api/handlers';
import type { Session } from '../backend/api/session';
import { PROGRESS_CHANNEL, STUDY_CHANGED_CHANNEL, callChannel } from './channels';
import { isTrustedSender } from './security';

const REJECTED: DispatchResult = {
  ok: false,
  error: { code: 'rejected', message: 'Deze opdracht komt niet uit het Veldwerk-venster en is geweigerd.' },
};

function fromMainWindow(event: IpcMainInvokeEvent, win: BrowserWindow | null): boolean {
  if (!win || win.isDestroyed()) return false;
  return event.sender === win.webContents && isTrustedSender(event.senderFrame, win.webContents.mainFrame);
}

/** Register the handlers; returns a function that removes them again. */
export function registerIpc(session: Session, getMainWindow: () => BrowserWindow | null): () => void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(callChannel(name), async (event, input: unknown) => {
      if (!fromMainWindow(event, getMainWindow())) {
        console.warn(`Veldwerk: IPC-opdracht ${name} van onbekende afzender geweigerd (${event.senderFrame?.url ?? 'geen frame'}).`);
        return REJECTED;
      }
      return dispatch(session, name, input);
    });
  }

  const stopProgress = session.onProgress((progress) => {
    const win = getMainWindow();
    if (win && !win.isDestroyed()) win.webContents.send(PROGRESS_CHANNEL, progress);
  });

  const stopChanges = session.onStudyChanged((event) => {
    const win = getMainWindow();
    if (win && !win.isDestroyed()) win.webContents.send(STUDY_CHANGED_CHANNEL, event);
  });

  return () => {
    for (const name of CALL_NAMES) ipcMain.removeHandler(callChannel(name));
    stopProgress();
    stopChanges();
  };
}
