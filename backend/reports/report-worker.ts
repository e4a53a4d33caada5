/**
 * Worker-thread entry (bundled to dist/workers/report-worker.mjs): builds
 * report drafts off the thread that answers the UI. One worker per job: it
 * opens the study read-only beside the app's own connection, builds every
 * draft the job asks for, posts progress and each finished draft to the
 * parent (report-thread.ts), and ends. A study worker (outline-thread.ts)
 * instead stays up and answers the dialog's outlines and drafts until it is terminated.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Study } from '../study/study';
import { workerJobFailed, type WorkerJobFailed } from '../worker-bundle';
import { generateReport, generateReports, reportModelFromData } from './generate';
import { scanDrafts } from '../privacy/scan';
import { outlineOf, type ReportOptions } from '../../shared/report-model';
import { readStudyData, type StudyData } from './study-data';
import { runInBackground } from '../thread-priority';
import type { ReportJob, ReportWorkerMessage } from './report-thread';
import type { StudyWorkerReply, StudyWorkerRequest } from './outline-thread';

function post(message: ReportWorkerMessage | WorkerJobFailed | StudyWorkerReply): void {
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
 * Answer the dialog's questions (outline-thread.ts) one at a time, in order.
 * The study's reading is kept while the change log stands still (every
 * change to a study is in it), so an outline after a mere change of options
 * costs only the model, and a draft only the model and its Word file.
 */
function serveOutlines({ studyPath, studyKey }: ReportJob): void {
  const study = Study.openReadOnly(studyPath, studyKey ? Buffer.from(studyKey) : undefined);
  const version = study.db.prepare('SELECT max(seq) FROM change_log').pluck();
  let cached: { key: string; data: StudyData } | null = null;
  const dataFor = (options: ReportOptions) => {
    const key = JSON.stringify([version.get(), options.privacyNames ?? []]);
    if (cached?.key !== key) cached = { key, data: readStudyData(study, options.privacyNames ?? []) };
    return cached.data;
  };
  let queue = Promise.resolve();
  parentPort!.on('message', (request: StudyWorkerRequest) => {
    queue = queue.then(() => answer(request)).catch(() => undefined);
  });
  async function answer(request: StudyWorkerRequest): Promise<void> {
    const { id, scope, options } = request;
    try {
      if (request.type === 'outline') {
        post({ id, outline: outlineOf(reportModelFromData(dataFor(options), scope, options)) });
        return;
      }
      const report = await generateReport(study, scope, request.options, (progress) => post({ id, progress }), dataFor(options));
      post({ id, draft: { fileName: report.fileName, data: report.data, outline: report.outline, privacy: report.privacy, appendix: report.appendix } });
    } catch (error) {
      post({ id, failed: workerJobFailed(error) });
    } finally {
      // The reading is kept in `cached`; SQLite's page cache (up to 64 MB) is not needed until the study changes.
      study.db.pragma('shrink_memory');
    }
  }
}

// Drafts and outlines take seconds of CPU: the threads answering the UI go first.
runInBackground();
const job = workerData as ReportJob;
if (job.serveOutlines) serveOutlines(job);
else {
  run(job).then(
    () => post({ type: 'done' }),
    (error: unknown) => post(workerJobFailed(error)),
  );
}
