/**
 * What a host needs of the backend, wherever it runs: calls, downloads,
 * and the events it pushes (job progress, study-changed). `inProcessBackend`
 * serves it from a session in this thread (the CLI, tests); the service
 * client (backend/service/service-client.ts) from the same session running
 * behind a message transport (a worker thread, Electron's utilityProcess).
 */
import type { JobProgress } from '../../shared/api/types';
import type { StudyChangedEvent } from '../../shared/api/study-entities';
import { dispatch, type DispatchResult } from './handlers';
import { resolveDownload, type DownloadResult } from './downloads';
import type { Session } from './session';

export interface BackendPort {
  call(name: string, input: unknown): Promise<DispatchResult>;
  download(what: string): Promise<DownloadResult>;
  onProgress(listener: (progress: JobProgress) => void): () => void;
  onStudyChanged(listener: (event: StudyChangedEvent) => void): () => void;
  /** Close the study once running calls finished, and stop. */
  close(): Promise<void>;
}

export function inProcessBackend(session: Session): BackendPort {
  return {
    call: (name, input) => dispatch(session, name, input),
    download: async (what) => resolveDownload(session, what),
    onProgress: (listener) => session.onProgress(listener),
    onStudyChanged: (listener) => session.onStudyChanged(listener),
    close: () => session.closeWhenIdle(),
  };
}
