/**
 * The Team view's state: the merge status of this copy, the conflicts (open
 * and resolved), duplicate codes, and the intercoder agreement report; plus
 * the actions on them. The exchange dialogs (copy, export, import) keep their
 * own steps in their components.
 */
import { create } from 'zustand';
import type { AgreementReport, DuplicateCodePair, MergeConflict, MergeStatus } from '../../shared/api/types';
import { api } from '../api/client';
import { notify, reportError } from '../ui/toast-store';
import { nl } from '../text/nl';
import { sortConflicts } from './format';
import { useSession } from '../study/session-store';
import { onEntitiesChanged } from '../api/study-changes';

export type TeamTab = 'exchange' | 'conflicts' | 'agreement' | 'keys' | 'logbook';
export type TeamDialog = 'copy' | 'export' | 'import' | 'undo' | null;

interface TeamStore {
  tab: TeamTab;
  dialog: TeamDialog;
  status: MergeStatus | null;
  /** All conflicts this copy has seen, open first. */
  conflicts: MergeConflict[] | null;
  duplicates: DuplicateCodePair[] | null;
  /** Titles of all sources (unfiltered), to name sources in conflict values. */
  sourceTitles: Record<string, string>;
  agreement: AgreementReport | null;
  agreementError: string | null;
  agreementLoading: boolean;
  /** The segment threshold as typed (percent). */
  thresholdText: string;
  /** The coder pair shown in the agreement tab ("idA|idB"), or null for the first. */
  pair: string | null;
  /** The conflict, duplicate or disagreement being handled (buttons wait). */
  busy: string | null;
  showTab(tab: TeamTab): void;
  openDialog(dialog: TeamDialog): void;
  closeDialog(): void;
  loadStatus(): Promise<void>;
  loadConflicts(): Promise<void>;
  loadDuplicates(): Promise<void>;
  /** Status, conflicts and duplicates: after anything that may have changed them. */
  refresh(): Promise<void>;
  loadAgreement(threshold: number): Promise<void>;
  setThresholdText(text: string): void;
  setPair(pair: string): void;
  resolve(conflictId: string, choose: 'local' | 'remote'): Promise<void>;
  mergeCodes(keepId: string, dropId: string): Promise<void>;
  adopt(disagreementId: string, coderId: string): Promise<void>;
  undoMerge(): Promise<boolean>;
  reset(): void;
}

const INITIAL = {
  tab: 'exchange' as TeamTab,
  dialog: null as TeamDialog,
  status: null,
  conflicts: null,
  duplicates: null,
  sourceTitles: {} as Record<string, string>,
  agreement: null,
  agreementError: null,
  agreementLoading: false,
  thresholdText: '90',
  pair: null,
  busy: null,
};

let latestAgreement = 0;

export const useTeam = create<TeamStore>()((set, get) => {
  const withBusy = async (key: string, work: () => Promise<void>) => {
    if (get().busy) return;
    set({ busy: key });
    try {
      await work();
    } catch (error) {
      reportError(error);
    } finally {
      set({ busy: null });
    }
  };
  const loadSourceTitles = async () => {
    const sources = await api['sources.list']({});
    set({ sourceTitles: Object.fromEntries(sources.map((source) => [source.id, source.title])) });
  };
  const agreementThreshold = () => Number(get().agreement?.threshold ?? 0.9);

  return {
    ...INITIAL,
    showTab: (tab) => set({ tab }),
    openDialog: (dialog) => set({ dialog }),
    closeDialog: () => set({ dialog: null }),
    loadStatus: async () => set({ status: await api['merge.status']({}) }),
    loadConflicts: async () => set({ conflicts: sortConflicts(await api['merge.conflicts']({ status: 'all' })) }),
    loadDuplicates: async () => set({ duplicates: await api['merge.duplicateCodes']({}) }),
    async refresh() {
      await Promise.all([get().loadStatus(), get().loadConflicts(), get().loadDuplicates(), loadSourceTitles()]);
    },

    async loadAgreement(threshold) {
      const request = ++latestAgreement;
      set({ agreementLoading: true, agreementError: null });
      try {
        const agreement = await api.agreement({ threshold });
        if (request === latestAgreement) set({ agreement, agreementLoading: false });
      } catch (error) {
        if (request !== latestAgreement) return;
        set({ agreementLoading: false, agreementError: error instanceof Error ? error.message : nl.errors.unexpected });
      }
    },
    setThresholdText: (thresholdText) => set({ thresholdText }),
    setPair: (pair) => set({ pair }),

    resolve: (conflictId, choose) =>
      withBusy(conflictId, async () => {
        await api['merge.resolve']({ conflictId, choose });
        await Promise.all([get().loadConflicts(), get().loadStatus()]);
        notify(nl.team.conflicts.resolved);
      }),

    mergeCodes: (keepId, dropId) =>
      withBusy(`${keepId}|${dropId}`, async () => {
        await api['merge.mergeCodes']({ keepId, dropId });
        await get().loadDuplicates();
        notify(nl.team.duplicates.merged);
      }),

    adopt: (disagreementId, coderId) =>
      withBusy(disagreementId, async () => {
        const agreement = await api['agreement.adopt']({ disagreementId, coderId, threshold: agreementThreshold() });
        set({ agreement });
        notify(nl.team.agreement.adopted);
      }),

    async undoMerge() {
      if (get().busy) return false;
      set({ busy: 'undo' });
      try {
        const result = await api['merge.undo']({});
        set({ ...INITIAL, tab: get().tab, thresholdText: get().thresholdText });
        // The views start afresh through the pushed change (the study file was opened anew).
        useSession.getState().apply(result.state);
        await get().refresh();
        notify(nl.team.undo.done(result.keptAs));
        return true;
      } catch (error) {
        reportError(error);
        return false;
      } finally {
        set({ busy: null });
      }
    },

    reset: () => set({ ...INITIAL }),
  };
});

// A bundle read, a conflict resolved or codes merged (here or in another window): status, conflicts and duplicates follow, once shown.
onEntitiesChanged(['conflict', 'exchange', 'code'], (event) => {
  const team = useTeam.getState();
  if (team.status && !event.reopened) team.refresh().catch(() => undefined);
});
