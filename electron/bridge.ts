/**
 * Builds the object the preload script exposes as `window.veldwerk`: exactly
 * one function per call of the API contract, plus `onProgress` and
 * `onMenuCommand`. Takes the IPC renderer as a parameter so tests can pass a
 * fake; only preload.ts touches Electron.
 */
import { CALL_NAMES } from '../shared/api/contract';
import { isMenuCommand, type MenuCommand, type VeldwerkBridge } from '../shared/api/bridge';
import type { JobProgress } from '../shared/api/types';
import { MENU_CHANNEL, PROGRESS_CHANNEL, STUDY_CHANGED_CHANNEL, callChannel } from './channels';
import { parseStudyChanged, type StudyChangedEvent } from '../shared/api/study-entities';

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function buildBridge(ipc: IpcRendererLike): VeldwerkBridge {
  const bridge: Record<string, unknown> = {};
  for (const name of CALL_NAMES) {
    const channel = callChannel(name);
    // Exactly one argument crosses: the input. The channel is fixed here, never chosen by the page.
    bridge[name] = (input: unknown) => ipc.invoke(channel, input);
  }

  bridge.onProgress = (listener: (progress: JobProgress) => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('onProgress verwacht een functie.');
    const wrapped = (_event: unknown, progress: unknown) => listener(progress as JobProgress);
    ipc.on(PROGRESS_CHANNEL, wrapped);
    return () => {
      ipc.removeListener(PROGRESS_CHANNEL, wrapped);
    };
  };

  bridge.onStudyChanged = (listener: (event: StudyChangedEvent) => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('onStudyChanged verwacht een functie.');
    const wrapped = (_event: unknown, payload: unknown) => {
      const event = parseStudyChanged(payload);
      if (event) listener(event);
    };
    ipc.on(STUDY_CHANGED_CHANNEL, wrapped);
    return () => {
      ipc.removeListener(STUDY_CHANGED_CHANNEL, wrapped);
    };
  };

  bridge.onMenuCommand = (listener: (command: MenuCommand) => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('onMenuCommand verwacht een functie.');
    const wrapped = (_event: unknown, command: unknown) => {
      if (isMenuCommand(command)) listener(command);
    };
    ipc.on(MENU_CHANNEL, wrapped);
    return () => {
      ipc.removeListener(MENU_CHANNEL, wrapped);
    };
  };

  return Object.freeze(bridge) as unknown as VeldwerkBridge;
}
