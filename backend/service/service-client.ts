/**
 * A host's side of the backend service: a BackendPort whose calls travel as
 * messages to service-entry.ts and whose answers come back by id; the host
 * requests the service makes (native dialogs) answered by the host's own
 * functions. `startServiceWorker` runs the service in a worker thread.
 */
import type { Worker } from 'node:worker_threads';
import type { BackendPort } from '../api/backend-port';
import type { DispatchResult } from '../api/handlers';
import type { DownloadResult } from '../api/downloads';
import type { HostServices } from '../api/session';
import { startWorkerBundle } from '../worker-bundle';
import type { JobProgress } from '../../shared/api/types';
import type { StudyChangedEvent } from '../../shared/api/study-entities';
import { toApiError } from '../errors';
import type { HostKeychainRequests, KeychainRequest } from '../keys/host-keychain';
import { HOST_REQUESTS, type Endpoint, type FromService, type HostRequest, type ServiceInit, type ToService } from './protocol';

/** What the host answers itself: its dialogs and, for its window title, which study is open. */
export interface HostSide {
  kind: ServiceInit['kind'];
  fixedStudyPath?: string;
  demoStudyPath: string;
  requests?: Partial<Pick<HostServices, Exclude<HostRequest, KeychainRequest>>> & Partial<HostKeychainRequests>;
  onOpened?: (study: { path: string; name: string } | null) => void;
  /** Keys of encrypted studies unlocked by the host, handed to the service. */
  studyKeys?: ServiceInit['studyKeys'];
}

const SERVICE_GONE: DispatchResult = {
  ok: false,
  error: { code: 'internal', message: 'De backenddienst van Veldwerk is gestopt. De wijziging is niet opgeslagen; start Veldwerk opnieuw.' },
};

export class ServiceClient implements BackendPort {
  private nextId = 0;
  private readonly waiting = new Map<number, (result: unknown) => void>();
  private readonly progressListeners = new Set<(progress: JobProgress) => void>();
  private readonly changeListeners = new Set<(event: StudyChangedEvent) => void>();
  /** Resolves with the opening error (null when none) once the service is ready. */
  readonly ready: Promise<string | null>;

  constructor(
    private readonly endpoint: Endpoint<FromService, ToService>,
    private readonly host: HostSide,
    openPath?: string,
  ) {
    let markReady!: (error: string | null) => void;
    this.ready = new Promise((resolve) => (markReady = resolve));
    endpoint.listen((message) => {
      if (message.t === 'ready') markReady(message.error);
      else if (message.t === 'result') this.settle(message.id, message.result);
      else if (message.t === 'progress') for (const listener of this.progressListeners) listener(message.progress);
      else if (message.t === 'study-changed') for (const listener of this.changeListeners) listener(message.event);
      else if (message.t === 'opened') host.onOpened?.(message.study);
      else if (message.t === 'host-request') void this.answer(message.id, message.method, message.args);
    });
    const answers = HOST_REQUESTS.filter((method) => typeof host.requests?.[method] === 'function');
    const init: ServiceInit = { kind: host.kind, demoStudyPath: host.demoStudyPath, answers, ...(host.fixedStudyPath ? { fixedStudyPath: host.fixedStudyPath } : {}), ...(openPath ? { openPath } : {}), ...(host.studyKeys ? { studyKeys: host.studyKeys } : {}) };
    endpoint.post({ t: 'init', init });
  }

  call(name: string, input: unknown): Promise<DispatchResult> {
    return this.request<DispatchResult>((id) => ({ t: 'call', id, name, input }));
  }

  download(what: string): Promise<DownloadResult> {
    return this.request<DownloadResult>((id) => ({ t: 'download', id, what }));
  }

  onProgress(listener: (progress: JobProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  onStudyChanged(listener: (event: StudyChangedEvent) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Open another study (unlocked through the host first), once the calls running on the open one finished. */
  switchTo(path: string): Promise<DispatchResult> {
    return this.request<DispatchResult>((id) => ({ t: 'switch', id, path }));
  }

  async close(): Promise<void> {
    await this.request((id) => ({ t: 'close', id }));
  }

  /** The service stopped (crashed or ended): every waiting call gets a Dutch refusal. */
  serviceGone(): void {
    for (const [id] of this.waiting) this.settle(id, SERVICE_GONE);
  }

  private request<T>(message: (id: number) => ToService): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve) => {
      this.waiting.set(id, resolve as (result: unknown) => void);
      this.endpoint.post(message(id));
    });
  }

  private settle(id: number, result: unknown): void {
    this.waiting.get(id)?.(result);
    this.waiting.delete(id);
  }

  private async answer(id: number, method: HostRequest, args: unknown[]): Promise<void> {
    const request = this.host.requests?.[method] as ((...values: unknown[]) => Promise<unknown>) | undefined;
    try {
      this.endpoint.post({ t: 'host-reply', id, value: request ? await request(...args) : null });
    } catch (error) {
      // The service's call fails with the host's reason (in Dutch), not with a silent null.
      this.endpoint.post({ t: 'host-reply', id, value: null, error: toApiError(error) });
    }
  }
}

/** The backend service in a worker thread of its own; `stop` closes the study once calls finished and ends the thread. */
export async function startServiceWorker(host: HostSide, openPath?: string): Promise<{ client: ServiceClient; openError: string | null; stop: () => Promise<void> }> {
  const worker: Worker = startWorkerBundle('service');
  const client = new ServiceClient(
    { post: (message) => worker.postMessage(message), listen: (handler) => worker.on('message', handler) },
    host,
    openPath,
  );
  worker.on('error', (error) => {
    console.error('Veldwerk: de backenddienst viel uit:', error);
    client.serviceGone();
  });
  worker.on('exit', () => client.serviceGone());
  const openError = await client.ready;
  return {
    client,
    openError,
    stop: async () => {
      await client.close();
      await worker.terminate();
    },
  };
}
