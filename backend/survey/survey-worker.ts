/**
 * Worker-thread entry (bundled to dist/workers/survey-worker.mjs): reads one
 * survey export within the limits and analyses its columns, off the thread
 * that answers the UI, with the same functions as in-process reading
 * (readSurveyFile, analyseColumns). One worker per file: it posts progress,
 * then the respondent rows one column per message (each after the parent,
 * survey-thread.ts, asked for it), then the rest of the file and the
 * analysis, and ends. It stores nothing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { workerJobFailed, type WorkerJobFailed } from '../worker-bundle';
import { analyseColumns } from './analyse';
import { readSurveyFile } from './read-file';
import { NEXT_COLUMN, type SurveyReadJob, type SurveyWorkerMessage } from './survey-thread';

function post(message: SurveyWorkerMessage | WorkerJobFailed): void {
  parentPort!.postMessage(message);
}

/** Resolves when the parent asks for the next column. */
function nextColumnWanted(): Promise<void> {
  return new Promise((resolve) => {
    const listener = (message: unknown) => {
      if (message !== NEXT_COLUMN) return;
      parentPort!.off('message', listener);
      resolve();
    };
    parentPort!.on('message', listener);
  });
}

/**
 * The reader works in memory (read-xlsx.ts on yauzl and saxes, read-csv.ts):
 * no temporary file. (exceljs, which parked a worksheet in one, reads no
 * survey any more; it only writes workbooks, to a buffer.)
 */
async function run({ source, fileName, limits, institutions, headerRows }: SurveyReadJob): Promise<void> {
  const raw = await readSurveyFile(source, fileName, { limits, headerRows, onRows: (rows) => post({ type: 'progress', rows }) });
  const columns = analyseColumns(raw, institutions);
  const { columns: rawColumns, ...survey } = raw;
  for (const column of rawColumns) {
    const taken = nextColumnWanted();
    post({ type: 'column', column });
    await taken;
  }
  post({ type: 'done', survey, columns });
}

run(workerData as SurveyReadJob).catch((error: unknown) => post(workerJobFailed(error)));
