/**
 * The study's rating scale and judgments (one per norm and institution), the
 * cell being edited in the judgment table, and unsaved drafts per cell so a
 * look at another cell does not lose what was typed.
 */
import { create } from 'zustand';
import type { CallInput } from '../../shared/api/contract';
import type { Judgment } from '../../shared/api/types';
import { api } from '../api/client';

export interface JudgmentTarget {
  institutionId: string;
  codeId: string;
}

export interface JudgmentDraft {
  rating: string | null;
  rationale: string;
}

interface JudgmentsStore {
  scale: string[];
  judgments: Judgment[];
  loaded: boolean;
  editing: JudgmentTarget | null;
  drafts: Record<string, JudgmentDraft>;
  load(): Promise<void>;
  save(input: CallInput<'judgment.save'>): Promise<Judgment>;
  link(input: CallInput<'judgment.linkEvidence'>): Promise<Judgment>;
  saveScale(ratings: string[]): Promise<string[]>;
  edit(target: JudgmentTarget | null): void;
  setDraft(target: JudgmentTarget, draft: JudgmentDraft | null): void;
  reset(): void;
}

export const targetKey = (target: JudgmentTarget) => `${target.codeId}|${target.institutionId}`;

let latestLoad = 0;

export const useJudgments = create<JudgmentsStore>()((set, get) => {
  const replace = (judgment: Judgment) => {
    const others = get().judgments.filter((candidate) => candidate.id !== judgment.id);
    set({ judgments: [...others, judgment] });
  };
  return {
    scale: [],
    judgments: [],
    loaded: false,
    editing: null,
    drafts: {},
    async load() {
      const request = ++latestLoad;
      const { scale, judgments } = await api['judgments.list']({});
      if (request === latestLoad) set({ scale, judgments, loaded: true });
    },
    async save(input) {
      const judgment = await api['judgment.save'](input);
      replace(judgment);
      return judgment;
    },
    async link(input) {
      const judgment = await api['judgment.linkEvidence'](input);
      replace(judgment);
      return judgment;
    },
    async saveScale(ratings) {
      const scale = await api['ratingScale.save']({ ratings });
      set({ scale });
      return scale;
    },
    edit: (editing) => set({ editing }),
    setDraft(target, draft) {
      const drafts = { ...get().drafts };
      if (draft) drafts[targetKey(target)] = draft;
      else delete drafts[targetKey(target)];
      set({ drafts });
    },
    reset() {
      latestLoad++;
      set({ scale: [], judgments: [], loaded: false, editing: null, drafts: {} });
    },
  };
});
