/**
 * A stand-in backend for unit tests of the renderer's stores: it replaces
 * renderer/api/client, records every call and answers from `backend.handlers`
 * (a call without a handler answers `backend.fallback`).
 *
 *   vi.mock('../../renderer/api/client', async () => (await import('../helpers/fake-api')).fakeClient());
 *   const { backend, resetBackend } = await import('../helpers/fake-api');
 */
import { ApiError, errorMessage } from '../../renderer/api/api-error';
import type { StudyChangedEvent, StudyEntity } from '../../shared/api/study-entities';

type Handler = (input: Record<string, unknown>) => Promise<unknown>;

export const backend = {
  calls: [] as Array<{ name: string; input: Record<string, unknown> }>,
  handlers: {} as Record<string, Handler>,
  fallback: [] as unknown,
};

/** Forget the calls and handlers of the previous test. */
export function resetBackend(fallback: unknown = []): void {
  backend.calls.length = 0;
  for (const key of Object.keys(backend.handlers)) delete backend.handlers[key];
  backend.fallback = fallback;
}

const changeListeners = new Set<(event: StudyChangedEvent) => void>();

/** Push `study-changed` as the backend does after a writing call committed. */
export function pushStudyChanged(entities: StudyEntity[], options: { reopened?: boolean } = {}): void {
  const event: StudyChangedEvent = { type: 'study-changed', entities, actionId: null, reopened: options.reopened ?? false };
  for (const listener of changeListeners) listener(event);
}

/** The calls made so far to `name`, oldest first. */
export const called = (name: string) => backend.calls.filter((call) => call.name === name);

/** The module that replaces renderer/api/client. */
export function fakeClient() {
  const api = new Proxy(
    {},
    {
      get: (_target, name: string) => (input: Record<string, unknown>) => {
        backend.calls.push({ name, input });
        const handler = backend.handlers[name];
        return handler ? handler(input) : Promise.resolve(backend.fallback);
      },
    },
  );
  return {
    api,
    ApiError,
    errorMessage,
    onMenuCommand: () => () => {},
    onProgress: () => () => {},
    onStudyChanged: (listener: (event: StudyChangedEvent) => void) => {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    stageFile: async () => ({ stagedId: '00000000-0000-4000-8000-000000000000' }),
  };
}
