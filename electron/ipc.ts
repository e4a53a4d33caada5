/**
 * IPC wiring: Electron's ipcMain and the main window plugged into the relay
 * (relay.ts), which passes each contract call to the backend service after
 * checking the sender. The service's result object (`{ ok, value }` or
 * `{ ok, error }`) goes back unchanged.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { BackendPort } from '../backend/api/backend-port';
import { relayToService } from './relay';
import { isTrustedSender } from './security';

function fromMainWindow(event: IpcMainInvokeEvent, win: BrowserWindow | null): boolean {
  if (!win || win.isDestroyed()) return false;
  return event.sender === win.webContents && isTrustedSender(event.senderFrame, win.webContents.mainFrame);
}

/** Register the handlers; returns a function that removes them again. */
export function registerIpc(service: BackendPort, getMainWindow: () => BrowserWindow | null): () => void {
  return relayToService<IpcMainInvokeEvent>(service, ipcMain, {
    isTrusted: (event) => fromMainWindow(event, getMainWindow()),
    describe: (event) => event.senderFrame?.url ?? 'geen frame',
    send: (channel, payload) => {
      const win = getMainWindow();
      if (win && !win.isDestroyed()) win.webContents.send(channel, payload);
    },
  });
}
