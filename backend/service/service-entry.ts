/**
 * The backend service: the handler registry (dispatch) and one session,
 * behind a message transport. The same entry runs in a worker thread (the
 * browser host, `veldwerk serve`) and is written for Electron's
 * utilityProcess (electron/service-process.ts); hosts talk to it through
 * service-client.ts. Calls are answered by id, in any order (reads run
 * alongside writes, see call-queue.ts); progress and study-changed are pushed.
 */
import { dispatch } from '../api/handlers';
import { resolveDownload } from '../api/downloads';
import { Session, type HostServices } from '../api/session';
import { rememberStudyKey } from '../keys/unlock';
import { toApiError } from '../api/handlers';
import { recordStudyOpened } from '../logbook/read-actions';
import type { Endpoint, FromService, HostRequest, ServiceInit, ToService } from './protocol';

export function serveBackend(endpoint: Endpoint<ToService, FromService>, onClosed: () => void = () => {}): void {
  let session: Session | null = null;
  let nextRequest = 0;
  const pending = new Map<number, (value: unknown) => void>();

  const askHost = (method: HostRequest) => (...args: unknown[]) =>
    new Promise<unknown>((resolve) => {
      const id = ++nextRequest;
      pending.set(id, resolve);
      endpoint.post({ t: 'host-request', id, method, args });
    });

  const start = (init: ServiceInit) => {
    for (const { path, key } of init.studyKeys ?? []) rememberStudyKey(path, Buffer.from(key));
    const host: HostServices = {
      kind: init.kind,
      demoStudyPath: () => init.demoStudyPath,
      ...(init.fixedStudyPath ? { fixedStudyPath: init.fixedStudyPath } : {}),
      onStudyChanged: (study) => endpoint.post({ t: 'opened', study: study ? { path: study.path, name: study.info().name } : null }),
    };
    for (const method of init.answers) (host as unknown as Record<string, unknown>)[method] = askHost(method);
    session = new Session(host);
    session.onProgress((progress) => endpoint.post({ t: 'progress', progress }));
    session.onStudyChanged((event) => endpoint.post({ t: 'study-changed', event }));
    let error: string | null = null;
    if (init.openPath) {
      try {
        recordStudyOpened(session.openPath(init.openPath), init.kind === 'electron' ? 'app' : 'browser');
      } catch (failure) {
        error = toApiError(failure).message;
      }
    }
    endpoint.post({ t: 'ready', error });
  };

  endpoint.listen((message) => {
    if (message.t === 'init') return start(message.init);
    if (message.t === 'host-reply') {
      pending.get(message.id)?.(message.value);
      pending.delete(message.id);
      return;
    }
    const current = session;
    if (!current) return;
    if (message.t === 'call') {
      void dispatch(current, message.name, message.input).then((result) => endpoint.post({ t: 'result', id: message.id, result }));
    } else if (message.t === 'download') {
      void current.calls.run('read', () => resolveDownload(current, message.what)).then((result) => endpoint.post({ t: 'result', id: message.id, result }));
    } else if (message.t === 'close') {
      void current.closeWhenIdle().then(() => {
        endpoint.post({ t: 'result', id: message.id, result: null });
        onClosed();
      });
    }
  });
}
