/**
 * One import at a time: the chosen files, then staging each file, then
 * `sources.import` under a fresh job id whose progress events feed the bar,
 * then the outcome per file. The panel showing it never blocks the window.
 */
import { create } from 'zustand';
import type { SourceMeta } from '../../shared/api/contract';
import type { ImportOutcome, StagedFile } from '../../shared/api/types';
import { api, errorMessage, onProgress, stageFile } from '../api/client';
import { nl } from '../text/nl';

export type ImportPhase = 'form' | 'running' | 'done';

export interface ImportProgress {
  done: number;
  total: number;
  message: string;
  /** OCR reading a scanned file: its page of its pages. */
  ocr?: { fileName: string; page: number; pages: number };
}

interface ImportStore {
  phase: ImportPhase | null;
  files: File[];
  progress: ImportProgress;
  outcomes: ImportOutcome[];
  minimised: boolean;
  /** The running import's job, for cancelling it. */
  jobId: string | null;
  begin(files: File[]): void;
  cancel(): void;
  run(meta: SourceMeta): Promise<ImportOutcome[]>;
  setMinimised(minimised: boolean): void;
  close(): void;
}

const IDLE_PROGRESS: ImportProgress = { done: 0, total: 0, message: '' };

export const useImport = create<ImportStore>()((set, get) => ({
  phase: null,
  files: [],
  progress: IDLE_PROGRESS,
  outcomes: [],
  minimised: false,
  jobId: null,

  begin(files) {
    set({ phase: 'form', files, progress: IDLE_PROGRESS, outcomes: [], minimised: false });
  },

  async run(meta) {
    const { files } = get();
    const report = (progress: ImportProgress) => set({ progress });
    set({ phase: 'running', outcomes: [] });
    // Listen before staging, so the progress stream is connected once the import starts.
    const jobId = newJobId();
    set({ jobId });
    const stopListening = onProgress((progress) => {
      if (progress.jobId === jobId) report({ done: progress.done, total: progress.total, message: progress.message, ...(progress.ocr ? { ocr: progress.ocr } : {}) });
    });
    let outcomes: ImportOutcome[];
    try {
      const { staged, rejected } = await stageAll(files, report);
      const imported = staged.length > 0 ? await importStaged(staged, meta, jobId, report) : [];
      outcomes = inFileOrder([...imported, ...rejected], files);
    } finally {
      stopListening();
    }
    const total = files.length;
    set({ phase: 'done', outcomes, jobId: null, progress: { done: total, total, message: nl.importer.done } });
    return outcomes;
  },

  setMinimised: (minimised) => set({ minimised }),
  cancel() {
    const { jobId } = get();
    if (jobId) void api['job.cancel']({ jobId }).catch(() => {});
  },
  close: () => set({ phase: null, files: [], outcomes: [], progress: IDLE_PROGRESS, minimised: false }),
}));

/** Stage the files in order; a file the backend refuses becomes a rejected outcome. */
async function stageAll(files: File[], report: (progress: ImportProgress) => void) {
  const staged: StagedFile[] = [];
  const rejected: ImportOutcome[] = [];
  for (const [index, file] of files.entries()) {
    report({ done: index, total: files.length, message: nl.importer.staging(index + 1, files.length, file.name) });
    try {
      staged.push(await stageFile(file));
    } catch (error) {
      const message = errorMessage(error, nl.importer.failed);
      rejected.push({ fileName: file.name, status: 'rejected', message, reason: message });
    }
  }
  return { staged, rejected };
}

async function importStaged(staged: StagedFile[], meta: SourceMeta, jobId: string, report: (progress: ImportProgress) => void) {
  const stagedIds = staged.map((file) => file.stagedId);
  report({ done: 0, total: stagedIds.length, message: nl.importer.starting });
  try {
    return await api['sources.import']({ stagedIds, meta, jobId });
  } catch (error) {
    const message = errorMessage(error, nl.importer.failed);
    return staged.map(({ fileName }): ImportOutcome => ({ fileName, status: 'rejected', message, reason: message }));
  }
}

/** Outcomes in the order the files were chosen (unknown names last). */
function inFileOrder(outcomes: ImportOutcome[], files: File[]): ImportOutcome[] {
  const position = (outcome: ImportOutcome) => {
    const index = files.findIndex((file) => file.name === outcome.fileName);
    return index === -1 ? files.length : index;
  };
  return [...outcomes].sort((a, b) => position(a) - position(b));
}

function newJobId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `import-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
