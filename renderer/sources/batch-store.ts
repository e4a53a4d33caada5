/**
 * Batch import in the UI: the files of a chosen folder (or one zip) are
 * staged, `batch.preview` reads them into one table storing nothing, the user
 * corrects rows (one by one or a column for the selected rows), and only
 * `batch.import` stores them. Closing the table discards the batch.
 */
import { create } from 'zustand';
import type { Measure, Role, SourceType } from '../../shared/vocabulary';
import type { BatchPreview, BatchRefusal, BatchRow, ImportOutcome, StagedFile } from '../../shared/api/types';
import { api, errorMessage, onProgress, stageFile } from '../api/client';
import { ApiError } from '../api/api-error';
import { nl } from '../text/nl';
import type { ImportProgress } from './import-store';
import type { DroppedFile } from './dropped-folder';

export type BatchPhase = 'reading' | 'table' | 'running' | 'done';

/** What the user can change per row; the rest of BatchRow is what the backend found. */
export interface BatchValues {
  title: string;
  institutionId: string | null;
  sourceType: SourceType | null;
  role: Role | null;
  measure: Measure | null;
  date: string | null;
}

export type EditableRow = BatchRow & BatchValues;

interface BatchStore {
  phase: BatchPhase | null;
  progress: ImportProgress;
  preview: BatchPreview | null;
  rows: EditableRow[];
  selected: ReadonlySet<string>;
  outcomes: ImportOutcome[];
  /** The running job (reading or storing), for cancelling it. */
  jobId: string | null;
  cancel(): void;
  /** Files of a chosen folder (their webkitRelativePath), one zip, files of a dropped folder with their paths, or the host's folder dialog. */
  read(source: { files: Array<File | DroppedFile> } | { chooseFolder: true }): Promise<void>;
  setRow(rowId: string, values: Partial<BatchValues>): void;
  select(rowId: string, on: boolean): void;
  selectAll(on: boolean): void;
  setSelected(values: Partial<BatchValues>): void;
  removeSelected(): void;
  confirm(inspectorId: string | null): Promise<ImportOutcome[]>;
  close(): void;
}

const IDLE: ImportProgress = { done: 0, total: 0, message: '' };
/** Set by cancel() while the files of a folder are being handed over one by one. */
let stopStaging = false;

export const useBatch = create<BatchStore>()((set, get) => ({
  phase: null,
  progress: IDLE,
  preview: null,
  rows: [],
  selected: new Set(),
  outcomes: [],
  jobId: null,

  cancel() {
    const { jobId } = get();
    stopStaging = true; // files still being handed over: the rest is not sent, and nothing is read
    if (jobId) void api['job.cancel']({ jobId }).catch(() => {});
  },

  async read(source) {
    set({ phase: 'reading', progress: { done: 0, total: 0, message: nl.batch.reading }, preview: null, rows: [], selected: new Set(), outcomes: [] });
    stopStaging = false;
    try {
      const unstaged: BatchRefusal[] = [];
      const preview = await withProgress(
        (jobId, report) =>
          'files' in source
            ? stageEach(source.files, report, unstaged).then((staged) => api['batch.preview']({ stagedIds: staged.map((file) => file.stagedId), jobId }))
            : api['batch.preview']({ chooseFolder: true, jobId }),
        (progress) => set({ progress }),
        (jobId) => set({ jobId }),
      );
      if (!preview) return set({ phase: null });
      const refused = [...unstaged, ...preview.refused];
      set({ phase: 'table', preview: { ...preview, refused }, rows: preview.rows.map((row) => ({ ...row })) });
    } catch (error) {
      set({ phase: null });
      throw new Error(errorMessage(error, nl.batch.failed));
    }
  },

  setRow: (rowId, values) => set({ rows: get().rows.map((row) => (row.rowId === rowId ? { ...row, ...values } : row)) }),
  select(rowId, on) {
    const selected = new Set(get().selected);
    if (on) selected.add(rowId);
    else selected.delete(rowId);
    set({ selected });
  },
  selectAll: (on) => set({ selected: new Set(on ? get().rows.map((row) => row.rowId) : []) }),
  setSelected(values) {
    const { selected, rows } = get();
    set({ rows: rows.map((row) => (selected.has(row.rowId) ? { ...row, ...values } : row)) });
  },
  removeSelected() {
    const { selected, rows } = get();
    set({ rows: rows.filter((row) => !selected.has(row.rowId)), selected: new Set() });
  },

  async confirm(inspectorId) {
    const { preview, rows } = get();
    if (!preview) return [];
    set({ phase: 'running', progress: { done: 0, total: rows.length, message: nl.importer.starting } });
    const input = rows.map((row) => ({
      rowId: row.rowId,
      meta: { title: row.title.trim() || row.fileName, institutionId: row.institutionId!, sourceType: row.sourceType!, role: row.role, measure: row.measure, date: row.date, inspectorId },
    }));
    let outcomes: ImportOutcome[];
    try {
      outcomes = await withProgress(
        (jobId) => api['batch.import']({ batchId: preview.batchId, rows: input, jobId }),
        (progress) => set({ progress }),
        (jobId) => set({ jobId }),
      );
    } catch (error) {
      const message = errorMessage(error, nl.importer.failed);
      outcomes = rows.map((row): ImportOutcome => ({ fileName: row.fileName, status: 'rejected', message, reason: message }));
    }
    set({ phase: 'done', outcomes, progress: { done: rows.length, total: rows.length, message: nl.importer.done } });
    return outcomes;
  },

  close() {
    const { preview, phase } = get();
    // A table closed without importing: the backend drops what it read and unpacked.
    if (preview && phase === 'table') void api['batch.discard']({ batchId: preview.batchId }).catch(() => {});
    set({ phase: null, preview: null, rows: [], selected: new Set(), outcomes: [], progress: IDLE });
  },
}));

/** A row can be stored once it has an institution and a source type. */
export function isComplete(row: EditableRow): boolean {
  return row.institutionId !== null && row.sourceType !== null;
}

async function withProgress<T>(
  run: (jobId: string, report: (progress: ImportProgress) => void) => Promise<T>,
  report: (progress: ImportProgress) => void,
  started: (jobId: string | null) => void,
): Promise<T> {
  const jobId = typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `batch-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  started(jobId);
  const stop = onProgress((progress) => {
    if (progress.jobId === jobId) report({ done: progress.done, total: progress.total, message: progress.message, ...(progress.ocr ? { ocr: progress.ocr } : {}) });
  });
  try {
    return await run(jobId, report);
  } finally {
    stop();
    started(null);
  }
}

/** Staged one by one: a folder of hundreds of files is sent as hundreds of small requests, never one huge one. */
async function stageEach(files: Array<File | DroppedFile>, report: (progress: ImportProgress) => void, refused: BatchRefusal[]): Promise<StagedFile[]> {
  const staged: StagedFile[] = [];
  for (const [index, item] of files.entries()) {
    const { file, relativePath } = item instanceof File ? { file: item, relativePath: item.webkitRelativePath || undefined } : item;
    if (stopStaging) throw new ApiError({ code: 'rejected', message: nl.batch.cancelled });
    report({ done: index, total: files.length, message: nl.batch.staging(index + 1, files.length) });
    try {
      staged.push(await stageFile(file, relativePath));
    } catch (error) {
      // Too large to hand over, for one: listed with the others the batch will not import.
      refused.push({ relativePath: relativePath ?? file.name, status: 'rejected', reason: errorMessage(error, nl.importer.failed) });
    }
  }
  return staged;
}
