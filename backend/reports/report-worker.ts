/**
 * Worker-thread entry (bundled to dist/workers/report-worker.mjs): builds
 * report drafts off the thread that answers the UI. One worker per job: it
 * opens the study read-only beside the app's own connection, builds every
 * draft the job asks for, posts progress and each finished draft to the
 * parent (report-thread.ts), and ends. An outline worker (outline-thread.ts)
 * instead stays up and answers outline requests until it is terminated.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Study } from '../study/study';
import { workerJobFailed, type WorkerJobFailed } from '../worker-bundle';
import { generateReports, reportModelFromData } from './generate';
import { scanDrafts } from '../privacy/scan';
import { outlineOf } from '../../shared/report-model';
import { readStudyData, type StudyData } from './study-data';
import type { ReportJob, ReportWorkerMessage } from './report-thread';
import type { OutlineReply, OutlineRequest } from './outline-thread';

function post(message: ReportWorkerMessage | WorkerJobFailed | OutlineReply): void {
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

/**
 * Answer outline requests one by one. The study's reading is kept while the
 * change log stands still (every change to a study is in it), so an outline
 * after a mere change of options costs only the model.
 */
function serveOutlines({ studyPath, studyKey }: ReportJob): void {
  const study = Study.openReadOnly(studyPath, studyKey ? Buffer.from(studyKey) : undefined);
  const version = study.db.prepare('SELECT max(seq) FROM change_log').pluck();
  let cached: { key: string; data: StudyData } | null = null;
  parentPort!.on('message', ({ id, scope, options }: OutlineRequest) => {
    try {
      const key = JSON.stringify([version.get(), options.privacyNames ?? []]);
      if (cached?.key !== key) cached = { key, data: readStudyData(study, options.privacyNames ?? []) };
      post({ id, outline: outlineOf(reportModelFromData(cached.data, scope, options)) });
    } catch (error) {
      post({ id, failed: workerJobFailed(error) });
    }
  });
}

const job = workerData as ReportJob;
if (job.serveOutlines) serveOutlines(job);
else {
  run(job).then(
    () => post({ type: 'done' }),
    (error: unknown) => post(workerJobFailed(error)),
  );
}
