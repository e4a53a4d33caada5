/** The open study, its institutions and inspectors, and who is working. */
import { create } from 'zustand';
import type { CallInput } from '../../shared/api/contract';
import type { Inspector, SessionState } from '../../shared/api/types';
import { api } from '../api/client';
import { onEntitiesChanged } from '../api/study-changes';

interface SessionStore {
  session: SessionState | null;
  loadError: unknown;
  load(): Promise<void>;
  /** Take over a state the backend returned after a change. */
  apply(session: SessionState): void;
  /**
   * Creates the study; `open` shows it. The recovery key (when the backend
   * made the study's key) is to be shown once before calling `open`.
   */
  createStudy(input: CallInput<'study.create'>): Promise<{ recoveryKey: string | null; open(): void }>;
  openStudy(): Promise<void>;
  openDemo(): Promise<void>;
  setInspector(inspectorId: string): Promise<void>;
  updateStudy(input: CallInput<'study.update'>): Promise<void>;
  addInstitution(name: string): Promise<void>;
  renameInstitution(id: string, name: string): Promise<void>;
  addInspector(name: string, initials: string): Promise<Inspector>;
}

export const useSession = create<SessionStore>()((set, get) => {
  const refresh = async () => get().apply(await api['session.state']({}));
  return {
    session: null,
    loadError: null,
    async load() {
      try {
        set({ session: await api['session.state']({}), loadError: null });
      } catch (error) {
        set({ loadError: error });
      }
    },
    apply: (session) => set({ session, loadError: null }),
    async createStudy(input) {
      const { recoveryKey, ...state } = await api['study.create'](input);
      return { recoveryKey: recoveryKey ?? null, open: () => get().apply(state) };
    },
    async openStudy() {
      const session = await api['study.openDialog']({});
      if (session) get().apply(session);
    },
    openDemo: async () => get().apply(await api['study.openDemo']({})),
    setInspector: async (inspectorId) => get().apply(await api['session.setInspector']({ inspectorId })),
    updateStudy: async (input) => get().apply(await api['study.update'](input)),
    async addInstitution(name) {
      await api['institution.create']({ name });
      await refresh();
    },
    async renameInstitution(id, name) {
      await api['institution.rename']({ id, name });
      await refresh();
    },
    async addInspector(name, initials) {
      const inspector = await api['inspector.create']({ name, initials });
      await refresh();
      return inspector;
    },
  };
});

/** Selectors used in many places. */
export const selectStudy = (store: SessionStore) => store.session?.study ?? null;
export const selectInstitutions = (store: SessionStore) => store.session?.institutions ?? EMPTY;
export const selectInspectors = (store: SessionStore) => store.session?.inspectors ?? EMPTY_INSPECTORS;
export const selectCurrentInspector = (store: SessionStore) =>
  store.session?.inspectors.find((inspector) => inspector.id === store.session?.currentInspectorId) ?? null;

const EMPTY: SessionState['institutions'] = [];
const EMPTY_INSPECTORS: SessionState['inspectors'] = [];

// The study's name, its institutions and inspectors, who is working, or another study: changed anywhere.
onEntitiesChanged(['study', 'institution', 'inspector', 'session'], () => void useSession.getState().load());
