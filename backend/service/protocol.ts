/**
 * The messages between a host and the backend service (service-entry.ts),
 * whatever carries them: a worker thread's port, Electron's utilityProcess
 * parent port. Values cross by structured clone (Uint8Array included).
 */
import type { ApiErrorShape } from '../../shared/api/contract';
import type { DispatchResult } from '../api/handlers';
import type { DownloadResult } from '../api/downloads';
import type { JobProgress } from '../../shared/api/types';
import type { StudyChangedEvent } from '../../shared/api/study-entities';

/**
 * Host services only the host can perform (native dialogs, opening a file,
 * the keychain); the service asks for them. The app's keychain (Electron's
 * safeStorage, only in the main process) is three requests on one key at a
 * time: whether it is usable, seal a key, open a sealed one. Everything else
 * about keys (making, wrapping, encrypting, re-keying a study) runs in the
 * service (keys/host-keychain.ts).
 */
export const HOST_REQUESTS = [
  'chooseStudyToOpen',
  'chooseNewStudyPath',
  'chooseSavePath',
  'openPath',
  'chooseFolder',
  'keychainAvailable',
  'keychainProtect',
  'keychainRecover',
] as const;
export type HostRequest = (typeof HOST_REQUESTS)[number];

export interface ServiceInit {
  kind: 'electron' | 'browser' | 'cli';
  fixedStudyPath?: string;
  demoStudyPath: string;
  /** The host requests this host answers. */
  answers: HostRequest[];
  /** A study to open at once. */
  openPath?: string;
  /** Keys of encrypted studies the host has unlocked: the service's thread keeps its own copy. */
  studyKeys?: Array<{ path: string; key: Uint8Array }>;
}

export type ToService =
  | { t: 'init'; init: ServiceInit }
  | { t: 'call'; id: number; name: string; input: unknown }
  | { t: 'download'; id: number; what: string }
  /** `error`: the host's request failed (e.g. the user refused to unlock); the service's call fails with it. */
  | { t: 'host-reply'; id: number; value: unknown; error?: ApiErrorShape }
  /** Open another study from outside a call (a file the OS handed the app), once running calls finished. */
  | { t: 'switch'; id: number; path: string }
  | { t: 'close'; id: number };

export type FromService =
  | { t: 'ready'; error: string | null }
  | { t: 'result'; id: number; result: DispatchResult | DownloadResult | null }
  | { t: 'progress'; progress: JobProgress }
  | { t: 'study-changed'; event: StudyChangedEvent }
  /** The open study changed (the host updates its window title). */
  | { t: 'opened'; study: { path: string; name: string } | null }
  | { t: 'host-request'; id: number; method: HostRequest; args: unknown[] };

/** One end of a message channel: what each transport adapts to. */
export interface Endpoint<In, Out> {
  post(message: Out): void;
  listen(handler: (message: In) => void): void;
}
