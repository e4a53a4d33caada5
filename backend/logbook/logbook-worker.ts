/**
 * Worker-thread entry (bundled to dist/workers/logbook-worker.mjs): one
 * logbook export, off the thread that answers the UI. Opens the study
 * read-only beside the app's connection (WAL), makes the file, posts it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Study } from '../study/study';
import { workerJobFailed, type WorkerJobFailed } from '../worker-bundle';
import { makeLogbookFile } from './export';
import type { LogbookExportJob, LogbookWorkerMessage } from './logbook-thread';

function post(message: LogbookWorkerMessage | WorkerJobFailed): void {
  parentPort!.postMessage(message);
}

async function run({ studyPath, studyKey, filter, format }: LogbookExportJob): Promise<void> {
  const study = Study.openReadOnly(studyPath, studyKey ? Buffer.from(studyKey) : undefined);
  try {
    const file = await makeLogbookFile(study, filter, format);
    post({ type: 'done', fileName: file.fileName, data: file.data });
  } finally {
    study.close();
  }
}

run(workerData as LogbookExportJob).catch((error: unknown) => post(workerJobFailed(error)));
