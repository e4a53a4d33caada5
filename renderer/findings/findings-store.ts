/**
 * The study's findings, loaded once and replaced after each write. Writes go
 * on the undo history, so the undo buttons are told after each.
 */
import { create } from 'zustand';
import type { CallInput } from '../../shared/api/contract';
import type { Finding } from '../../shared/findings';
import { api } from '../api/client';
import { undoStackChanged } from '../evidence/undo-refresh';

interface FindingsStore {
  findings: Finding[];
  loaded: boolean;
  load(): Promise<void>;
  save(input: CallInput<'finding.save'>): Promise<Finding>;
  remove(id: string): Promise<void>;
  move(id: string, beforeId: string | null): Promise<void>;
  reset(): void;
}

let latestLoad = 0;

export const useFindings = create<FindingsStore>()((set) => ({
  findings: [],
  loaded: false,
  async load() {
    const request = ++latestLoad;
    const findings = await api['finding.list']({});
    if (request === latestLoad) set({ findings, loaded: true });
  },
  async save(input) {
    const saved = await api['finding.save'](input);
    await useFindings.getState().load();
    undoStackChanged();
    return saved;
  },
  async remove(id) {
    await api['finding.delete']({ id });
    await useFindings.getState().load();
    undoStackChanged();
  },
  async move(id, beforeId) {
    const findings = await api['finding.move']({ id, beforeId });
    set({ findings });
    undoStackChanged();
  },
  reset() {
    latestLoad++;
    set({ findings: [], loaded: false });
  },
}));

/** The findings of one norm or theme at one institution (null: across institutions), in their order. */
export function findingsOf(findings: Finding[], codeId: string, institutionId: string | null): Finding[] {
  return findings.filter((finding) => finding.codeId === codeId && finding.institutionId === institutionId).sort((a, b) => a.position - b.position);
}
