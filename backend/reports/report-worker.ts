/**
 * Worker-thread entry (bundled to dist/workers/report-worker.mjs): builds
 * report drafts off the thread that answers the UI. One worker per job: it
 * opens the study read-only beside the app's own connection, builds every
 * draft the job asks for, posts progress and each finished draft to the
 * parent (report-thread.ts), and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Study } from '../study/study';
import { workerJobFailed, type WorkerJobFailed } from '../worker-bundle';
import { generateReports } from './generate';
import { scanDrafts } from '../privacy/scan';
import type { ReportJob, ReportWorkerMessage } from './report-thread';

function post(message: ReportWorkerMessage | WorkerJobFailed): void {
  parentPort!.postMessage(message);
}

async function run({ studyPath, studyKey, scopes, options, privacyScan }: ReportJob): Promise<void> {
  const study = Study.openReadOnly(studyPath, studyKey ? Buffer.from(studyKey) : undefined);
  try {
    if (privacyScan) {
      post({ type: 'scan', scan: scanDrafts(study, scopes.length > 0 ? scopes : null, options) });
      return;
    }
    await generateReports(study, scopes, options, {
      onProgress: (index, progress) => post({ type: 'progress', index, progress }),
      onReport: (index, { fileName, data, outline, privacy, appendix }) => post({ type: 'report', index, fileName, data, outline, privacy, appendix }),
    });
  } finally {
    study.close();
  }
}

run(workerData as ReportJob).then(
  () => post({ type: 'done' }),
  (error: unknown) => post(workerJobFailed(error)),
);
