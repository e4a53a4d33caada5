/**
 * Survey exports read, and their columns analysed, in a worker thread
 * (survey-worker.ts), so that the thread answering the UI (Electron's main
 * process, the browser host's server, the CLI's progress output) stays free
 * while a large export is parsed. In that thread, 50,000 respondents from a
 * .csv hold it for a quarter of a second in one piece, and from an .xlsx keep
 * it busy for over a second (the reader hands it back between zip chunks).
 * The worker runs the same readSurveyFile and analyseColumns
 * as in-process reading, so every limit and every refusal of a hostile file
 * applies there unchanged and its Dutch message comes back as it is.
 *
 * The worker only reads: it has no study connection and stores nothing. The
 * respondent rows come back to the calling thread one column per message, the
 * next only when the calling thread asks for it: Node takes in the messages
 * that are waiting all in one go, so without that (or in a single message) a
 * large export would hold the thread for as long as copying all its rows
 * takes, and this way no longer than one column. The calling thread stores
 * the rows, after the user confirmed the mapping, through the one write path,
 * all or nothing.
 *
 * A crash, an exit or running out of memory becomes a Dutch message (see
 * runWorkerJob); nothing has been stored at that point.
 */
import type { Institution } from '../../shared/api/types';
import { UserError } from '../errors';
import { runWorkerJob, type WorkerJobMessages } from '../worker-bundle';
import type { ColumnAnalysis } from './analyse';
import { SURVEY_LIMITS, type SurveyLimits } from './limits';
import type { RawColumn, RawSurvey } from './sheet';

/** What the worker is asked to read (its workerData). */
export interface SurveyReadJob {
  /** The user's own file by its path, or the file's bytes (a staged upload; transferred, never written to disk). */
  source: string | Uint8Array;
  fileName: string;
  limits: SurveyLimits;
  /** The study's institutions, which the column analysis matches institution names against. */
  institutions: Institution[];
  /** The number of header rows the user chose; detected when absent. */
  headerRows?: number | undefined;
}

/** The worker's result: the file as read and the analysis of its columns. */
export interface SurveyRead {
  raw: RawSurvey;
  columns: ColumnAnalysis;
}

/** Worker → parent, besides the WorkerJobFailed that ends a failed job: progress, every column in file order, then the rest. */
export type SurveyWorkerMessage =
  | { type: 'progress'; rows: number }
  | { type: 'column'; column: RawColumn }
  | { type: 'done'; survey: Omit<RawSurvey, 'columns'>; columns: ColumnAnalysis };

/** Parent → worker: the column has been taken in, send the next. */
export const NEXT_COLUMN = 'next-column';

/**
 * The worker's heap cap, as for report drafts. A 50,000-respondent export
 * reads within a 64 MB cap; a file near the survey limits (200,000 rows of
 * up to 500 columns) may need more than this, and is then refused with the
 * out-of-memory message instead of taking the app down.
 */
export const SURVEY_WORKER_MEMORY_MB = 2048;

/** The messages for what the worker cannot say itself, about the file `fileName`. */
export function surveyWorkerMessages(fileName: string): WorkerJobMessages {
  return {
    crashed: `${fileName}: het inlezen is onverwacht afgebroken. Er is niets opgeslagen. Probeer het opnieuw; lukt het dan weer niet, meld het dan bij de beheerder.`,
    failed: `${fileName}: er ging iets mis bij het inlezen. Er is niets opgeslagen. Probeer het opnieuw; lukt het dan weer niet, meld het dan bij de beheerder.`,
    outOfMemory: (memoryMb) =>
      `${fileName}: het inlezen vroeg meer dan ${memoryMb.toLocaleString('nl-NL')} MB geheugen en is afgebroken. Er is niets opgeslagen. ` +
      'Laat kolommen weg die niet nodig zijn (open antwoorden, namen) of splits het bestand, en importeer het opnieuw.',
    missing: (detail) => `${fileName}: de vragenlijst kan niet worden ingelezen. ${detail}`,
  };
}

export interface SurveyReadOptions {
  limits?: SurveyLimits;
  /** Respondents read so far, now and then while reading. */
  onRows?: (rows: number) => void;
  /** The worker's heap cap (tests lower it). */
  memoryMb?: number;
  headerRows?: number | undefined;
}

/** Read the export (its path, or its bytes, which move to the worker) shown to the user as `fileName` and analyse its columns, in a worker thread. */
export function readSurveyInWorker(
  source: string | Uint8Array,
  fileName: string,
  institutions: Institution[],
  { limits = SURVEY_LIMITS, onRows, memoryMb = SURVEY_WORKER_MEMORY_MB, headerRows }: SurveyReadOptions = {},
): Promise<SurveyRead> {
  const job: SurveyReadJob = { source, fileName, limits, institutions, headerRows };
  const messages = surveyWorkerMessages(fileName);
  const rawColumns: RawColumn[] = [];
  return runWorkerJob<SurveyWorkerMessage, SurveyRead>('survey', {
    workerData: job,
    ...(typeof source === 'string' ? {} : { transferList: [source.buffer as ArrayBuffer] }),
    memoryMb,
    messages,
    task: 'vragenlijst inlezen',
    isMessage: isWorkerMessage,
    receive(message, finish, reply) {
      switch (message.type) {
        case 'progress':
          return onRows?.(message.rows);
        case 'column':
          rawColumns.push(message.column);
          return reply(NEXT_COLUMN);
        case 'done':
          // The analysis has one entry per column: a column lost on the way is a broken worker.
          if (message.columns.columns.length !== rawColumns.length) throw new UserError(messages.crashed, 'rejected');
          return finish({ raw: { ...message.survey, columns: rawColumns }, columns: message.columns });
      }
    },
  });
}

function isWorkerMessage(message: unknown): message is SurveyWorkerMessage {
  if (typeof message !== 'object' || message === null) return false;
  const candidate = message as { type?: unknown; rows?: unknown; column?: unknown; survey?: unknown; columns?: unknown };
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
  switch (candidate.type) {
    case 'progress':
      return typeof candidate.rows === 'number';
    case 'column':
      return isObject(candidate.column) && Array.isArray(candidate.column.dict) && Array.isArray(candidate.column.codes);
    case 'done':
      return isObject(candidate.survey) && typeof candidate.survey.rowCount === 'number' && isObject(candidate.columns) && Array.isArray(candidate.columns.columns);
    default:
      return false;
  }
}
