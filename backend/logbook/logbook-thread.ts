/**
 * The logbook export runs in a worker thread (logbook-worker.ts): 100,000
 * lines through the privacy pass and into a workbook take about a minute,
 * which must not hold the thread that answers the UI.
 */
import { UserError } from '../errors';
import { studyKeyFor } from '../keys/unlock';
import { runWorkerJob } from '../worker-bundle';
import type { LogbookFilter } from '../../shared/api/types';

export interface LogbookExportJob {
  studyPath: string;
  filter: LogbookFilter;
  format: 'xlsx' | 'csv';
  studyKey?: Uint8Array;
}

export type LogbookWorkerMessage = { type: 'done'; fileName: string; data: Uint8Array };

const MESSAGES = {
  crashed: 'Het exporteren van het logboek is onverwacht afgebroken. Probeer het opnieuw, eventueel met filters.',
  failed: 'Er ging iets mis bij het exporteren van het logboek. Probeer het opnieuw.',
  outOfMemory: (memoryMb: number) => `Het exporteren van het logboek vroeg meer dan ${memoryMb.toLocaleString('nl-NL')} MB geheugen. Exporteer minder regels (met filters).`,
  missing: (detail: string) => `Het logboek kan niet worden geëxporteerd. ${detail}`,
};

export function exportLogbookInWorker(job: LogbookExportJob, memoryMb = 2048): Promise<{ fileName: string; data: Buffer }> {
  return runWorkerJob<LogbookWorkerMessage, { fileName: string; data: Buffer }>('logbook', {
    workerData: { ...job, studyKey: job.studyKey ?? studyKeyFor(job.studyPath) },
    memoryMb,
    messages: MESSAGES,
    task: 'logboek exporteren',
    isMessage: (message): message is LogbookWorkerMessage => {
      const candidate = message as Partial<LogbookWorkerMessage> | null;
      return candidate?.type === 'done' && typeof candidate.fileName === 'string' && candidate.data instanceof Uint8Array;
    },
    receive(message, finish) {
      if (!/^logboek-.*\.(xlsx|csv)$/.test(message.fileName)) throw new UserError(MESSAGES.crashed, 'rejected');
      finish({ fileName: message.fileName, data: Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength) });
    },
  });
}
