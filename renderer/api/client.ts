/**
 * The one way the UI talks to the backend. At start it picks the transport:
 * the desktop bridge when the preload script put one on `window.veldwerk`,
 * otherwise HTTP to the browser host that served this page.
 */
import type { MenuCommand } from '../../shared/api/bridge';
import { CALL_NAMES, type CallName, type VeldwerkApi } from '../../shared/api/contract';
import type { JobProgress, StagedFile } from '../../shared/api/types';
import type { StudyChangedEvent } from '../../shared/api/study-entities';
import { takeAccessToken } from './access-token';
import { createDesktopTransport, desktopBridge } from './desktop-transport';
import { createHttpTransport } from './http-transport';
import type { HandedOff, KeptFile, Transport } from './transport';

export { ApiError, errorMessage } from './api-error';

function chooseTransport(): Transport {
  const bridge = desktopBridge();
  return bridge ? createDesktopTransport(bridge) : createHttpTransport(takeAccessToken());
}

const transport = chooseTransport();

function buildApi(): VeldwerkApi {
  const entries = CALL_NAMES.map((name: CallName) => [name, (input: unknown) => transport.call(name, input)]);
  return Object.fromEntries(entries) as VeldwerkApi;
}

/** One async function per call of the contract; failures reject with an ApiError. */
export const api: VeldwerkApi = buildApi();

/** Hand one chosen or dropped file to the backend (raw bytes over HTTP, no copy in JSON). */
export function stageFile(file: File, relativePath?: string): Promise<StagedFile> {
  return transport.stageFile(file, relativePath);
}

/** Listen to progress of long jobs; returns the function that stops listening. */
export function onProgress(listener: (progress: JobProgress) => void): () => void {
  return transport.onProgress(listener);
}

/** Listen to `study-changed` (see study-changes.ts for subscribing by entity). */
export function onStudyChanged(listener: (event: StudyChangedEvent) => void): () => void {
  return transport.onStudyChanged(listener);
}

/** Listen to commands from the desktop menu (never fires in the browser). */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return transport.onMenuCommand(listener);
}

/** How this host hands a produced file to the user ('download' in the browser, 'save' in the app). */
export const handOffKind: Transport['handOff'] = transport.handOff;

/** Hand a kept file to the user through the host (use renderer/ui/hand-off.ts). */
export function handOffKept(file: KeptFile, open: boolean): Promise<HandedOff> {
  return transport.handOffFile(file, open);
}
