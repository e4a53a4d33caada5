/**
 * IPC channel names shared by the main process and the preload script.
 * Pure: no Electron import, so tests can load it under plain Node.
 */
import type { CallName } from '../shared/api/contract';

/** Prefix of the one channel per contract call: `veldwerk:<call name>`. */
export const CALL_CHANNEL_PREFIX = 'veldwerk:';

/** Main -> renderer: progress of long jobs (payload: JobProgress). */
export const PROGRESS_CHANNEL = 'veldwerk:progress';

/** Main -> renderer: a writing call committed (payload: StudyChangedEvent). */
export const STUDY_CHANGED_CHANNEL = 'veldwerk:study-changed';

/** Main -> renderer: a command from the application menu (payload: MenuCommand). */
export const MENU_CHANNEL = 'veldwerk:menu';

export function callChannel(name: CallName): string {
  return CALL_CHANNEL_PREFIX + name;
}
