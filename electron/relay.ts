/**
 * The main process's relay between the window and the backend service (which
 * runs in a utilityProcess): one IPC handler per contract call, each checking
 * the sender and passing the input on unchanged; the service's answer, job
 * progress and study-changed go back to the window as they come. The main
 * process holds no study and runs no handler, as in Actual Budget.
 *
 * Plain TypeScript: no Electron import, so a test drives it with the service
 * in a Node child process (tests/integration/electron-relay.test.ts); ipc.ts
 * plugs in Electron's ipcMain and the window.
 */
import { CALL_NAMES } from '../shared/api/contract';
import type { BackendPort } from '../backend/api/backend-port';
import type { DispatchResult } from '../backend/api/handlers';
import { PROGRESS_CHANNEL, STUDY_CHANGED_CHANNEL, callChannel } from './channels';

/** The part of Electron's ipcMain the relay uses. */
export interface IpcMainLike<Event> {
  handle(channel: string, listener: (event: Event, input: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** The window at the other end: whether an IPC event came from it, and sending to it (a no-op when it is gone). */
export interface RelayWindow<Event> {
  isTrusted(event: Event): boolean;
  /** For the log line of a refused call. */
  describe(event: Event): string;
  send(channel: string, payload: unknown): void;
}

export const REJECTED: DispatchResult = {
  ok: false,
  error: { code: 'rejected', message: 'Deze opdracht komt niet uit het Veldwerk-venster en is geweigerd.' },
};

/** Relay every contract call and pushed event; returns a function that removes the handlers again. */
export function relayToService<Event>(service: Pick<BackendPort, 'call' | 'onProgress' | 'onStudyChanged'>, ipc: IpcMainLike<Event>, window: RelayWindow<Event>): () => void {
  for (const name of CALL_NAMES) {
    ipc.handle(callChannel(name), async (event, input) => {
      if (!window.isTrusted(event)) {
        console.warn(`Veldwerk: IPC-opdracht ${name} van onbekende afzender geweigerd (${window.describe(event)}).`);
        return REJECTED;
      }
      return service.call(name, input);
    });
  }
  const stopProgress = service.onProgress((progress) => window.send(PROGRESS_CHANNEL, progress));
  const stopChanges = service.onStudyChanged((event) => window.send(STUDY_CHANGED_CHANNEL, event));
  return () => {
    for (const name of CALL_NAMES) ipc.removeHandler(callChannel(name));
    stopProgress();
    stopChanges();
  };
}
