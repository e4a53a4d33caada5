/**
 * The backend service: the handler registry (dispatch) and one session,
 * behind a message transport. The same entry runs in a worker thread (the
 * browser host, `veldwerk serve`) and in the app's utilityProcess
 * (electron/service-process.ts, behind the main process's relay); hosts talk to it through
 * service-client.ts. Calls are answered by id, in any order (reads run
 * alongside writes, see call-queue.ts); progress and study-changed are pushed.
 */
import { dispatch, type DispatchResult } from '../api/handlers';
import { resolveDownload } from '../api/downloads';
import { Session, type HostServices } from '../api/session';
import { rememberStudyKey } from '../keys/unlock';
import { fromApiError, toApiError } from '../errors';
import type { Endpoint, FromService, HostRequest, ServiceInit, ToService } from './protocol';
import { openOrAsk } from '../keys/key-prompt';
import { hostKeychain, isKeychainRequest } from '../keys/host-keychain';
import { recordStudyOpened } from '../logbook/read-actions';

export function serveBackend(endpoint: Endpoint<ToService, FromService>, onClosed: () => void = () => {}): void {
  let session: Session | null = null;
  let nextRequest = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  const askHost = (method: HostRequest) => (...args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++nextRequest;
      pending.set(id, { resolve, reject });
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
    for (const method of init.answers) {
      if (isKeychainRequest(method)) continue;
      (host as unknown as Record<string, unknown>)[method] = askHost(method);
    }
    // The app's keychain is in its main process; the key work stays here.
    if (init.answers.includes('keychainProtect')) host.keychain = hostKeychain(askHost);
    // A study made from the UI gets its key here (keys/new-study-key.ts); the CLI makes its own.
    host.encryptNewStudies = init.kind !== 'cli';
    session = new Session(host);
    session.onProgress((progress) => endpoint.post({ t: 'progress', progress }));
    session.onStudyChanged((event) => endpoint.post({ t: 'study-changed', event }));
    const opening = init.openPath;
    const current = session;
    // An encrypted study whose key is not at hand is held: the UI asks for its passphrase (keys/key-prompt.ts).
    const openFirst = async (path: string) => {
      await openOrAsk(current, path);
      // Held for its passphrase, it is not open yet: unlocking it is its own line.
      if (current.openStudy) recordStudyOpened(current.openStudy, init.kind === 'electron' ? 'app' : 'browser');
    };
    void (opening ? current.calls.run('switch', () => openFirst(opening)) : Promise.resolve()).then(
      () => endpoint.post({ t: 'ready', error: null }),
      (failure: unknown) => endpoint.post({ t: 'ready', error: toApiError(failure).message }),
    );
  };

  endpoint.listen((message) => {
    if (message.t === 'init') return start(message.init);
    if (message.t === 'host-reply') {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiting?.reject(fromApiError(message.error));
      else waiting?.resolve(message.value);
      return;
    }
    const current = session;
    if (!current) return;
    if (message.t === 'call') {
      void dispatch(current, message.name, message.input).then((result) => endpoint.post({ t: 'result', id: message.id, result }));
    } else if (message.t === 'download') {
      void current.calls.run('read', () => resolveDownload(current, message.what)).then((result) => endpoint.post({ t: 'result', id: message.id, result }));
    } else if (message.t === 'switch') {
      void switchStudy(current, message.path).then((result) => endpoint.post({ t: 'result', id: message.id, result }));
    } else if (message.t === 'close') {
      void current.closeWhenIdle().then(() => {
        endpoint.post({ t: 'result', id: message.id, result: null });
        onClosed();
      });
    }
  });
}

/** A study the OS handed the host: unlocked through the host's keychain (or held for its passphrase), opened once the running calls finished. */
async function switchStudy(session: Session, path: string): Promise<DispatchResult> {
  try {
    await session.switchOrAsk(path);
    return { ok: true, value: null };
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
}
