/**
 * Worker-thread entry (bundled to dist/workers/exchange-worker.mjs): makes one
 * export off the thread that answers the UI. It opens the study read-only
 * beside the app's own connection (WAL lets it read alongside), builds the
 * file, posts it to the parent (exchange-thread.ts) and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Study } from '../study/study';
import { workerJobFailed, type WorkerJobFailed } from '../worker-bundle';
import { exportFile } from './exchange';
import type { ExportJob, ExportWorkerMessage } from './exchange-thread';

function post(message: ExportWorkerMessage | WorkerJobFailed): void {
  parentPort!.postMessage(message);
}

async function run({ studyPath, studyKey, kind, mode, codeIds, scope = null }: ExportJob): Promise<void> {
  const study = Study.openReadOnly(studyPath, studyKey ? Buffer.from(studyKey) : undefined);
  try {
    const file = await exportFile(study, kind, mode, codeIds, scope);
    post({ type: 'done', fileName: file.fileName, data: file.data, warning: file.warning });
  } finally {
    study.close();
  }
}

run(workerData as ExportJob).catch((error: unknown) => post(workerJobFailed(error)));
