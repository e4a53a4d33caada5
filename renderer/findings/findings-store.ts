/**
 * The study's findings, loaded once and reloaded when the backend pushes a
 * change of findings (a write here, an undo, a merge).
 */
import { create } from 'zustand';
import type { CallInput } from '../../shared/api/contract';
import type { Finding } from '../../shared/findings';
import { api } from '../api/client';
import { onEntitiesChanged } from '../api/study-changes';

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
    return saved;
  },
  async remove(id) {
    await api['finding.delete']({ id });
    await useFindings.getState().load();
  },
  async move(id, beforeId) {
    const findings = await api['finding.move']({ id, beforeId });
    set({ findings });
  },
  reset() {
    latestLoad++;
    set({ findings: [], loaded: false });
  },
}));

// Findings changed anywhere (a deleted coding also leaves their evidence): reload, if they are shown.
onEntitiesChanged(['finding', 'coding'], (event) => {
  if (event.reopened) useFindings.getState().reset();
  else if (useFindings.getState().loaded) useFindings.getState().load().catch(() => undefined);
});

/** The findings of one norm or theme at one institution (null: across institutions), in their order. */
export function findingsOf(findings: Finding[], codeId: string, institutionId: string | null): Finding[] {
  return findings.filter((finding) => finding.codeId === codeId && finding.institutionId === institutionId).sort((a, b) => a.position - b.position);
}
