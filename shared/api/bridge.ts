/**
 * What the desktop app's preload script puts on `window.veldwerk`: one function
 * per call of the API contract (nothing generic), each resolving to the
 * backend's result object unchanged, plus subscriptions for job progress and
 * menu commands. The renderer unwraps `{ ok, value }` / `{ ok, error }` itself.
 *
 * Pure TypeScript: no Node, no DOM, no Electron.
 */
import type { ApiErrorShape, CallInput, CallName, CallOutput } from './contract';
import type { JobProgress } from './types';
import type { StudyChangedEvent } from './study-entities';

/** The global name under which the preload exposes the bridge (`window.veldwerk`). */
export const BRIDGE_GLOBAL = 'veldwerk';

/** The result of one call as it crosses the bridge: never a thrown error. */
export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

/**
 * Commands the application menu sends to the renderer.
 * - `new-study`: show the form for a new study
 * - `open-study`: call `study.openDialog`
 * - `open-demo`: call `study.openDemo`
 * - `focus-search`: put the cursor in the search field
 * - `study-changed`: the main process opened another study itself (a file
 *   double-clicked while Veldwerk runs); fetch `session.state` again
 * - `undo` / `redo`: Bewerken > Ongedaan maken / Opnieuw. In a text field the
 *   renderer undoes the typing; elsewhere it calls the backend's `undo`/`redo`
 */
export const MENU_COMMANDS = ['new-study', 'open-study', 'open-demo', 'focus-search', 'study-changed', 'undo', 'redo'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

/** One function per contract call; each resolves to the backend's result object. */
export type VeldwerkBridgeCalls = {
  [N in CallName]: (input: CallInput<N>) => Promise<BridgeResult<CallOutput<N>>>;
};

export interface VeldwerkBridgeEvents {
  /** Progress of long jobs; the listener gets the payload only. Returns an unsubscribe function. */
  onProgress(listener: (progress: JobProgress) => void): () => void;
  /** `study-changed`, pushed after every writing call. Returns an unsubscribe function. */
  onStudyChanged(listener: (event: StudyChangedEvent) => void): () => void;
  /** Commands from the application menu. Returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

/**
 * `window.veldwerk` in the desktop app. The renderer can declare it with
 * `declare global { interface Window { veldwerk?: VeldwerkBridge } }`
 * (absent in the browser host, which speaks HTTP instead).
 */
export type VeldwerkBridge = VeldwerkBridgeCalls & VeldwerkBridgeEvents;
