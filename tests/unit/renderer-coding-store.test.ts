// The coding store against a stand-in backend: a new coding shows at once
// with a temporary id and is swapped for the stored one; a refused coding is
// rolled back with a message; edits answered out of date do not undo later
// edits on screen; writes reach the backend in order; the coder filter; the
// pushed `study-changed` reloads the open source and the undo buttons.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Coding } from '../../shared/api/types';

vi.mock('../../renderer/api/client', async () => (await import('../helpers/fake-api')).fakeClient());

const { backend, resetBackend, pushStudyChanged } = await import('../helpers/fake-api');
const { useCodings } = await import('../../renderer/coding/coding-store');
const { useToasts } = await import('../../renderer/ui/toast-store');
const { useSession } = await import('../../renderer/study/session-store');
const { ApiError } = await import('../../renderer/api/api-error');

const LINES = [
  { start: 0, text: 'Moeder vertelt over het eerste huisbezoek.' },
  { start: 43, text: 'Vader was er niet bij.' },
];
const SOURCE = 'bron-1';

function stored(id: string, fields: Partial<Coding> = {}): Coding {
  return {
    id,
    sourceId: SOURCE,
    codeId: 'code-a',
    start: 0,
    end: 6,
    valence: 'neutraal',
    note: '',
    quotable: false,
    coderId: 'me',
    createdAt: '2026-03-02T09:00:00.000Z',
    ...fields,
  };
}

/** A promise the test settles by hand, to look at the screen state in between. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const idsOnLine = (line: number) => (useCodings.getState().index.byLine[line] ?? []).map((piece) => piece.coding.id);

beforeEach(() => {
  // Writes the store makes without a handler of their own answer with the undo state.
  resetBackend({ undoLabel: null, redoLabel: null });
  useSession.setState({
    session: {
      host: 'browser',
      studyPath: null,
      study: null,
      institutions: [],
      inspectors: [
        { id: 'me', name: 'Ik', initials: 'IK' },
        { id: 'other', name: 'Ander', initials: 'AN' },
      ],
      currentInspectorId: 'me',
      canChooseFiles: false,
    },
  });
  useToasts.setState({ toasts: [] });
  useCodings.getState().clear();
  useCodings.getState().setFilter('all');
  useCodings.getState().show(SOURCE, LINES, [stored('theirs', { coderId: 'other', start: 43, end: 48 })]);
});

describe('creating a coding', () => {
  it('shows it at once and swaps in the stored coding', async () => {
    const answer = deferred<Coding>();
    backend.handlers['coding.create'] = () => answer.promise;
    const temporary = useCodings.getState().create({ start: 7, end: 14, codeId: 'code-a', valence: 'positief', note: '', quotable: true })!;

    expect(temporary).toMatch(/^pending-/);
    expect(idsOnLine(0)).toEqual([temporary]);
    expect(backend.calls.find((call) => call.name === 'coding.create')?.input).toMatchObject({ sourceId: SOURCE, start: 7, end: 14, valence: 'positief' });

    answer.resolve(stored('real-1', { start: 7, end: 14, valence: 'positief', quotable: true }));
    await flush();
    expect(idsOnLine(0)).toEqual(['real-1']);
    expect(useCodings.getState().codings.has(temporary)).toBe(false);
  });

  it('takes it back and says why when the backend refuses', async () => {
    backend.handlers['coding.create'] = () => Promise.reject(new ApiError({ code: 'not-found', message: 'De gekozen code bestaat niet (meer).' }));
    useCodings.getState().create({ start: 7, end: 14, codeId: 'weg', valence: 'neutraal', note: '', quotable: false });
    expect(idsOnLine(0)).toHaveLength(1);
    await flush();
    expect(idsOnLine(0)).toEqual([]);
    expect(useToasts.getState().toasts.map((toast) => toast.text)).toEqual(['De gekozen code bestaat niet (meer).']);
  });

  it('shows the new coding even when the filter showed only someone else', async () => {
    backend.handlers['coding.create'] = async (input) => stored('real-2', { start: input.start as number, end: input.end as number });
    useCodings.getState().setFilter({ inspectorId: 'other' });
    expect(idsOnLine(0)).toEqual([]);
    useCodings.getState().create({ start: 0, end: 6, codeId: 'code-a', valence: 'neutraal', note: '', quotable: false });
    expect(useCodings.getState().filter).toBe('all');
    await flush();
    expect(idsOnLine(0)).toEqual(['real-2']);
    expect(idsOnLine(1)).toEqual(['theirs']);
  });
});

describe('editing codings', () => {
  beforeEach(() => {
    useCodings.getState().show(SOURCE, LINES, [stored('mine', { start: 0, end: 6 })]);
  });

  it('keeps a later edit on screen while an earlier one is answered', async () => {
    const first = deferred<Coding>();
    const second = deferred<Coding>();
    const answers = [first, second];
    backend.handlers['coding.update'] = () => answers.shift()!.promise;

    const valence = useCodings.getState().update('mine', { valence: 'negatief' });
    const quotable = useCodings.getState().update('mine', { quotable: true });
    expect(useCodings.getState().codings.get('mine')).toMatchObject({ valence: 'negatief', quotable: true });

    // The first answer knows only the first edit: it must not switch "citeerbaar" off again.
    first.resolve(stored('mine', { valence: 'negatief' }));
    await flush();
    expect(useCodings.getState().codings.get('mine')).toMatchObject({ valence: 'negatief', quotable: true });
    second.resolve(stored('mine', { valence: 'negatief', quotable: true, note: 'van de server' }));
    await Promise.all([valence, quotable]);
    expect(useCodings.getState().codings.get('mine')).toMatchObject({ quotable: true, note: 'van de server' });
  });

  it('sends writes in the order they were made, one at a time', async () => {
    const order: string[] = [];
    const gate = deferred<Coding>();
    backend.handlers['coding.update'] = (input) => {
      order.push(`update ${String(input.valence)}`);
      return gate.promise;
    };
    backend.handlers['coding.delete'] = async () => {
      order.push('delete');
      return { id: 'mine' };
    };
    const update = useCodings.getState().update('mine', { valence: 'positief' });
    const removal = useCodings.getState().remove('mine');
    await flush();
    expect(order).toEqual(['update positief']);
    gate.resolve(stored('mine', { valence: 'positief' }));
    await update;
    await expect(removal).resolves.toBe(true);
    expect(order).toEqual(['update positief', 'delete']);
    expect(useCodings.getState().codings.has('mine')).toBe(false);
  });

  it('puts a coding back when deleting fails', async () => {
    backend.handlers['coding.delete'] = () => Promise.reject(new ApiError({ code: 'internal', message: 'Mislukt.' }));
    await expect(useCodings.getState().remove('mine')).resolves.toBe(false);
    expect(idsOnLine(0)).toEqual(['mine']);
  });

  it('rolls a dragged extent back to where it was before the drag', async () => {
    backend.handlers['coding.update'] = () => Promise.reject(new ApiError({ code: 'invalid-input', message: 'Buiten de tekst.' }));
    const before = useCodings.getState().codings.get('mine')!;
    useCodings.getState().preview('mine', { end: 30 });
    useCodings.getState().preview('mine', { end: 50 });
    expect(idsOnLine(1)).toEqual(['mine']);
    await useCodings.getState().update('mine', { end: 50 }, before);
    expect(useCodings.getState().codings.get('mine')).toMatchObject({ start: 0, end: 6 });
    expect(idsOnLine(1)).toEqual([]);
  });
});

describe('the coder filter', () => {
  it('shows everyone, me, or one inspector', () => {
    useCodings.getState().show(SOURCE, LINES, [stored('mine'), stored('theirs', { coderId: 'other', start: 43, end: 48 })]);
    const shown = () => [...useCodings.getState().index.lanes.keys()].sort();
    expect(shown()).toEqual(['mine', 'theirs']);
    useCodings.getState().setFilter('mine');
    expect(shown()).toEqual(['mine']);
    useCodings.getState().setFilter({ inspectorId: 'other' });
    expect(shown()).toEqual(['theirs']);
    // Another inspector takes the keyboard: "mine" follows.
    useCodings.getState().setFilter('mine');
    useSession.setState({ session: { ...useSession.getState().session!, currentInspectorId: 'other' } });
    expect(shown()).toEqual(['theirs']);
  });
});

describe('undo and redo', () => {
  it('reload the open source and the undo buttons when the backend pushes the change', async () => {
    backend.handlers.undo = async () => ({ done: 'Coderen', undoLabel: null, redoLabel: 'Coderen' });
    backend.handlers['codings.forSource'] = async () => [];
    backend.handlers['undo.state'] = async () => ({ undoLabel: null, redoLabel: 'Coderen' });
    await useCodings.getState().undoOrRedo('undo');
    expect(useCodings.getState().undo).toEqual({ undoLabel: null, redoLabel: 'Coderen' });
    expect(useToasts.getState().toasts.at(-1)?.text).toBe('Ongedaan gemaakt: Coderen');
    pushStudyChanged(['coding']);
    await flush();
    expect(useCodings.getState().codings.size).toBe(0);
    expect(backend.calls.filter((call) => call.name === 'undo.state').length).toBeGreaterThan(0);
  });

  it('reload nothing of the open source for a change to something else', async () => {
    pushStudyChanged(['memo']);
    await flush();
    expect(backend.calls.some((call) => call.name === 'codings.forSource')).toBe(false);
    expect(backend.calls.some((call) => call.name === 'undo.state')).toBe(true);
  });

  it('keep a coding still on its way to the backend when a pushed change reloads the source', async () => {
    const answer = deferred<Coding>();
    backend.handlers['coding.create'] = () => answer.promise;
    backend.handlers['codings.forSource'] = async () => [stored('theirs', { coderId: 'other', start: 43, end: 48 })];
    const temporary = useCodings.getState().create({ start: 7, end: 14, codeId: 'code-a', valence: 'neutraal', note: '', quotable: false })!;
    await useCodings.getState().reload();
    expect(useCodings.getState().codings.has(temporary)).toBe(true);
    answer.resolve(stored('real-2', { start: 7, end: 14 }));
    await flush();
    expect(idsOnLine(0)).toEqual(['real-2']);
  });

  it('say so when there is nothing to undo', async () => {
    backend.handlers.undo = async () => ({ done: null, undoLabel: null, redoLabel: null });
    await useCodings.getState().undoOrRedo('undo');
    expect(useToasts.getState().toasts.at(-1)?.text).toBe('Er is niets om ongedaan te maken.');
    expect(backend.calls.some((call) => call.name === 'codings.forSource')).toBe(false);
  });
});
