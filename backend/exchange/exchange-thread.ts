/**
 * Exports are made in a worker thread (exchange-worker.ts): pseudonymising
 * the text of a study with thousands of codings takes seconds, which must not
 * hold the thread that answers the UI. The worker runs the same exportFile as
 * the CLI does in-process, so the file is the same.
 */
import { UserError } from '../errors';
import { studyKeyFor } from '../keys/unlock';
import { runWorkerJob } from '../worker-bundle';
import type { ExportKind } from '../../shared/exchange';
import type { SegmentScope } from '../../shared/api/types';
import type { ExportedFile } from './exchange';
import type { ExportMode } from './privacy-pass';

export interface ExportJob {
  studyPath: string;
  kind: ExportKind;
  mode: ExportMode;
  /** For the retrieval report: the chosen codes (null: the top of the framework). */
  codeIds: string[] | null;
  /** For the segments table: only the retrieval list's segments (null: every coding). */
  scope?: SegmentScope | null;
  /** The key of an encrypted study (found in this thread's unlocked keys when absent). */
  studyKey?: Uint8Array;
}

/** Worker → parent, besides the WorkerJobFailed that ends a failed job. */
export type ExportWorkerMessage = { type: 'done'; fileName: string; data: Uint8Array; warning: string | null };

/** The worker's heap cap: a full project holds every original file in memory once. */
export const EXPORT_WORKER_MEMORY_MB = 2048;

export const EXPORT_WORKER_MESSAGES = {
  crashed: 'Het maken van de export is onverwacht afgebroken. Probeer het opnieuw; lukt het dan weer niet, meld het dan bij de beheerder.',
  failed: 'Er ging iets mis bij het maken van de export. Probeer het opnieuw; lukt het dan weer niet, meld het dan bij de beheerder.',
  outOfMemory: (memoryMb: number) =>
    `De export vroeg meer dan ${memoryMb.toLocaleString('nl-NL')} MB geheugen en is afgebroken. Exporteer gepseudonimiseerd (zonder originele bestanden) of meld het bij de beheerder.`,
  missing: (detail: string) => `De export kan niet worden gemaakt. ${detail}`,
};

export function exportFileInWorker(job: ExportJob, memoryMb = EXPORT_WORKER_MEMORY_MB): Promise<ExportedFile> {
  return runWorkerJob<ExportWorkerMessage, ExportedFile>('exchange', {
    workerData: { ...job, studyKey: job.studyKey ?? studyKeyFor(job.studyPath) },
    memoryMb,
    messages: EXPORT_WORKER_MESSAGES,
    task: 'export maken',
    isMessage: (message): message is ExportWorkerMessage => {
      const candidate = message as Partial<ExportWorkerMessage> | null;
      return candidate?.type === 'done' && typeof candidate.fileName === 'string' && candidate.data instanceof Uint8Array;
    },
    receive(message, finish) {
      if (!/\.(qdpx|qdc|xlsx|docx)$/.test(message.fileName)) throw new UserError(EXPORT_WORKER_MESSAGES.crashed, 'rejected');
      finish({ fileName: message.fileName, data: Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength), warning: message.warning });
    },
  });
}
