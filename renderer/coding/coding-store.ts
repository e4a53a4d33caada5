/**
 * The codings of the open source, the per-line index the document view draws
 * from, the coder filter, and the coding actions.
 *
 * Every action shows its result at once (optimistically) and then reconciles
 * with what the backend returns: a new coding first carries a temporary id
 * (`pending-…`) that is swapped for the stored one; on an error the change is
 * rolled back and the message shown. Writes go to the backend one after the
 * other, in the order they were made, so an undo never overtakes a coding.
 */
import { create } from 'zustand';
import type { Coding, UndoState } from '../../shared/api/types';
import type { Valence } from '../../shared/vocabulary';
import { api, onStudyChanged } from '../api/client';
import { onEntitiesChanged } from '../api/study-changes';
import { reportError, useToasts } from '../ui/toast-store';
import { useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { buildIndex, EMPTY_INDEX, putCoding, removeCoding, type CodingIndex, type IndexLine } from './coding-index';

/** Whose codings are shown: everyone's, the current inspector's, or one inspector's (by id). */
export type CoderFilter = 'all' | 'mine' | { inspectorId: string };

export interface NewCodingInput {
  start: number;
  end: number;
  codeId: string;
  valence: Valence;
  note: string;
  quotable: boolean;
}

export interface CodingEdit {
  codeId?: string;
  start?: number;
  end?: number;
  valence?: Valence;
  note?: string;
  quotable?: boolean;
}

interface CodingStore {
  sourceId: string | null;
  lines: readonly IndexLine[];
  /** Every loaded coding of the source, whatever the filter. */
  codings: ReadonlyMap<string, Coding>;
  filter: CoderFilter;
  /** The visible codings, per line. */
  index: CodingIndex;
  /** The coding whose popover is open. */
  selectedId: string | null;
  /** The coding just made here (its temporary id until stored), which a valence key right after still reaches. */
  lastMadeId: string | null;
  undo: UndoState;

  /** Show the codings of a freshly opened source (lines from its layout). */
  show(sourceId: string, lines: readonly IndexLine[], codings: readonly Coding[]): void;
  clear(): void;
  setFilter(filter: CoderFilter): void;
  select(id: string | null): void;
  create(input: NewCodingInput): string | null;
  /** Store an edit; on failure the coding returns to `rollbackTo` (default: as it was before this edit). */
  update(id: string, edit: CodingEdit, rollbackTo?: Coding): Promise<void>;
  /** Change a coding on screen only (while dragging a handle); `update` stores it. */
  preview(id: string, edit: CodingEdit): void;
  /** Delete a coding; resolves to false when the backend refused (the coding is back). */
  remove(id: string): Promise<boolean>;
  /** Fetch the open source's codings again (after undo, redo, auto-code, a merge…). */
  reload(): Promise<void>;
  refreshUndo(): Promise<void>;
  undoOrRedo(kind: 'undo' | 'redo'): Promise<void>;
}

const NO_UNDO: UndoState = { undoLabel: null, redoLabel: null };
let pendingCount = 0;
/** Edits sent but not yet answered, per coding id. */
const inflight = new Map<string, number>();
let writeQueue: Promise<unknown> = Promise.resolve();
let writesWaiting = 0;

/**
 * Run backend writes one after the other, in the order they were asked for.
 * With nothing waiting, the request leaves at once (before the optimistic
 * change is drawn), not a microtask later.
 */
function enqueue<T>(task: () => Promise<T>): Promise<T> {
  const idle = writesWaiting === 0;
  writesWaiting++;
  const result = idle ? startNow(task) : writeQueue.then(task, task);
  writeQueue = result.catch(() => undefined).finally(() => writesWaiting--);
  return result;
}

function startNow<T>(task: () => Promise<T>): Promise<T> {
  try {
    return task();
  } catch (error) {
    return Promise.reject(error);
  }
}

export function isPendingId(id: string): boolean {
  return id.startsWith('pending-');
}

function currentInspectorId(): string | null {
  return useSession.getState().session?.currentInspectorId ?? null;
}

export function passesFilter(coding: Coding, filter: CoderFilter, me: string | null): boolean {
  if (filter === 'all') return true;
  if (filter === 'mine') return coding.coderId !== null && coding.coderId === me;
  return coding.coderId === filter.inspectorId;
}

export const useCodings = create<CodingStore>()((set, get) => {
  const visible = (coding: Coding) => passesFilter(coding, get().filter, currentInspectorId());

  /** Replace `before` (if any) by `after` (if any) in the loaded codings and the index. */
  const swap = (before: Coding | null, after: Coding | null) => {
    const { lines, codings } = get();
    let { index } = get();
    const next = new Map(codings);
    if (before) {
      next.delete(before.id);
      if (!after || after.id !== before.id) index = removeCoding(lines, index, before);
    }
    if (after) {
      next.set(after.id, after);
      if (visible(after)) index = putCoding(lines, index, after, before && before.id === after.id ? before : undefined);
      else index = removeCoding(lines, index, before && before.id === after.id ? before : after);
    }
    set({ codings: next, index });
  };

  const rebuild = (codings: ReadonlyMap<string, Coding>, filter: CoderFilter) =>
    buildIndex(get().lines, [...codings.values()].filter((coding) => passesFilter(coding, filter, currentInspectorId())));

  return {
    sourceId: null,
    lines: [],
    codings: new Map(),
    filter: 'all',
    index: EMPTY_INDEX,
    selectedId: null,
    lastMadeId: null,
    undo: NO_UNDO,

    show(sourceId, lines, codings) {
      const map = new Map(codings.map((coding) => [coding.id, coding]));
      set({ sourceId, lines, codings: map, selectedId: null, lastMadeId: null });
      set({ index: rebuild(map, get().filter) }); // `rebuild` reads the lines just set
    },

    clear: () => set({ sourceId: null, lines: [], codings: new Map(), index: EMPTY_INDEX, selectedId: null }),

    setFilter(filter) {
      set({ filter, index: rebuild(get().codings, filter) });
      const selected = get().selectedId;
      if (selected && !get().index.lanes.has(selected)) set({ selectedId: null });
    },

    select: (selectedId) => set({ selectedId }),

    create(input) {
      const sourceId = get().sourceId;
      if (!sourceId) return null;
      const me = currentInspectorId();
      const temporary: Coding = {
        id: `pending-${++pendingCount}`,
        sourceId,
        codeId: input.codeId,
        start: input.start,
        end: input.end,
        valence: input.valence,
        note: input.note,
        quotable: input.quotable,
        coderId: me,
        createdAt: new Date().toISOString(),
      };
      // The request leaves first; then the coding is drawn while the backend stores it.
      const request = enqueue(() => api['coding.create']({ sourceId, ...input }));
      // What one codes must show: leave a filter that would hide it.
      if (!passesFilter(temporary, get().filter, me)) get().setFilter('all');
      swap(null, temporary);
      set({ lastMadeId: temporary.id });
      request
        .then((stored) => {
          if (get().sourceId !== sourceId) return;
          swap(get().codings.get(temporary.id) ?? temporary, stored);
          if (get().selectedId === temporary.id) set({ selectedId: stored.id });
          if (get().lastMadeId === temporary.id) set({ lastMadeId: stored.id });
        })
        .catch((error) => {
          if (get().sourceId === sourceId) swap(get().codings.get(temporary.id) ?? temporary, null);
          if (get().selectedId === temporary.id) set({ selectedId: null });
          if (get().lastMadeId === temporary.id) set({ lastMadeId: null });
          reportError(error);
        });
      return temporary.id;
    },

    preview(id, edit) {
      const before = get().codings.get(id);
      if (before) swap(before, { ...before, ...definedFields(edit) });
    },

    async update(id, edit, rollbackTo) {
      const current = get().codings.get(id);
      const before = rollbackTo ?? current;
      if (!before || isPendingId(id)) return;
      const sourceId = get().sourceId;
      const optimistic = { ...(current ?? before), ...definedFields(edit) };
      swap(current ?? null, optimistic);
      inflight.set(id, (inflight.get(id) ?? 0) + 1);
      // Only the answer to the latest edit is taken over: an earlier answer lacks the later edits.
      const settle = () => {
        const left = (inflight.get(id) ?? 1) - 1;
        if (left > 0) inflight.set(id, left);
        else inflight.delete(id);
        return left === 0;
      };
      try {
        const stored = await enqueue(() => api['coding.update']({ id, ...definedFields(edit) }));
        // (Deleted meanwhile: it stays deleted.)
        const now = get().codings.get(id);
        if (settle() && now && get().sourceId === sourceId) swap(now, stored);
      } catch (error) {
        settle();
        const now = get().codings.get(id);
        if (now && get().sourceId === sourceId) swap(now, before);
        reportError(error);
      }
    },

    async remove(id) {
      const before = get().codings.get(id);
      if (!before || isPendingId(id)) return false;
      const sourceId = get().sourceId;
      swap(before, null);
      if (get().selectedId === id) set({ selectedId: null });
      try {
        await enqueue(() => api['coding.delete']({ id }));
        return true;
      } catch (error) {
        if (get().sourceId === sourceId) swap(null, before);
        reportError(error);
        return false;
      }
    },

    async reload() {
      const sourceId = get().sourceId;
      if (!sourceId) return;
      const codings = await api['codings.forSource']({ sourceId });
      if (get().sourceId !== sourceId) return;
      const map = new Map(codings.map((coding) => [coding.id, coding]));
      // Codings still on their way to the backend (new ones, edits) stay as drawn; their answers settle them.
      for (const [id, coding] of get().codings) if (isPendingId(id) || inflight.has(id)) map.set(id, coding);
      const selectedId = get().selectedId;
      set({ codings: map, index: rebuild(map, get().filter), selectedId: selectedId && map.has(selectedId) ? selectedId : null });
    },

    async refreshUndo() {
      try {
        set({ undo: await api['undo.state']({}) });
      } catch {
        // No study open, or the host went away: the buttons stay as they were.
      }
    },

    async undoOrRedo(kind) {
      try {
        const result = await enqueue(() => (kind === 'undo' ? api.undo({}) : api.redo({})));
        set({ undo: { undoLabel: result.undoLabel, redoLabel: result.redoLabel } });
        if (result.done === null) {
          useToasts.getState().show('info', kind === 'undo' ? nl.coding.nothingToUndo : nl.coding.nothingToRedo);
          return;
        }
        // What the undo touched refreshes through the pushed change (study-changes.ts).
        useToasts.getState().show('info', kind === 'undo' ? nl.coding.undone(result.done) : nl.coding.redone(result.done));
      } catch (error) {
        reportError(error);
      }
    },
  };
});

function definedFields(edit: CodingEdit): CodingEdit {
  return Object.fromEntries(Object.entries(edit).filter(([, value]) => value !== undefined)) as CodingEdit;
}

/** Ctrl+Z and friends: undo or redo the latest action in the study. */
export function undoLast(): void {
  void useCodings.getState().undoOrRedo('undo');
}

export function redoLast(): void {
  void useCodings.getState().undoOrRedo('redo');
}

// Pushed changes: the open source's codings when codings or codes changed
// (a deleted code takes its codings along), once this window's own writes
// are answered; the undo buttons after every write, whoever made it.
onEntitiesChanged(['coding', 'code'], () => {
  void writeQueue.then(() => useCodings.getState().reload().catch(reportError));
});
onStudyChanged(() => void useCodings.getState().refreshUndo());
// The inspector switched: the "Mijn coderingen" filter means someone else now.
useSession.subscribe((session, previous) => {
  if (session.session?.currentInspectorId === previous.session?.currentInspectorId) return;
  const store = useCodings.getState();
  if (store.filter === 'mine') store.setFilter('mine');
  void store.refreshUndo();
});
