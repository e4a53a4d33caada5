/**
 * The survey calls as the handlers run them. `survey.analyse` reads a staged
 * file once, in a worker thread (survey-thread.ts) that also analyses its
 * columns, and keeps the parsed rows in memory (per session, the last few)
 * under the staged id, so `survey.import` with the confirmed mapping does not
 * read the file again; a failed import keeps them for a corrected retry. The
 * staged (sealed) upload itself is removed right after reading. Checking the mapping
 * and storing the rows stay on this thread: one write, all or nothing.
 */
import { passStructure } from '../privacy/privacy-pass';
import { studyPassContext } from '../privacy/study-pass';
import type { Session } from '../api/session';
import { ownedBytes } from '../store/staging-store';
import { keepProducedFile } from '../api/produced-files';
import type { SurveyAnalysis, SurveyImportResult, SurveyMapping, SurveyTableExport } from '../../shared/api/types';
import { analyseSurvey, surveyAnalysis } from './analyse';
import { withHeaderRows } from './header-rows';
import { SURVEY_LIMITS } from './limits';
import { tableFileName, tableWorkbook } from './export-table';
import { importSurvey } from './import';
import type { RawSurvey } from './sheet';
import { readSurveyInWorker, type SurveyRead } from './survey-thread';
import { surveyTable, type SurveyTableRequest } from './tables';

const MAX_REMEMBERED = 3;
const remembered = new WeakMap<Session, Map<string, RawSurvey>>();

function remember(session: Session, stagedId: string, raw: RawSurvey): void {
  let map = remembered.get(session);
  if (!map) remembered.set(session, (map = new Map()));
  map.delete(stagedId);
  map.set(stagedId, raw);
  while (map.size > MAX_REMEMBERED) map.delete(map.keys().next().value!);
}

async function readStaged(session: Session, stagedId: string, jobId: string | undefined, headerRows?: number): Promise<SurveyRead> {
  const [entry] = session.takeStaged([stagedId]);
  try {
    // The bytes go to the worker (the user's own file is read by path there): no copy of the file on disk.
    return await readSurveyInWorker(entry!.path ?? ownedBytes(entry!.read()), entry!.fileName, session.requireStudy().institutions(), {
      headerRows,
      onRows: (rows) => {
        if (jobId) session.reportProgress({ jobId, done: 0, total: 0, message: `${rows.toLocaleString('nl-NL')} respondenten gelezen…` });
      },
    });
  } finally {
    session.discard([entry!]);
  }
}

export async function analyseStaged(session: Session, stagedId: string, jobId?: string, headerRows?: number): Promise<SurveyAnalysis> {
  const study = session.requireStudy();
  const known = remembered.get(session)?.get(stagedId);
  if (known) {
    // Another number of header rows is applied to the rows already read: the staged copy is gone.
    const raw = headerRows === undefined ? known : withHeaderRows(known, headerRows, SURVEY_LIMITS);
    remember(session, stagedId, raw);
    return analyseSurvey(study, raw, stagedId);
  }
  const { raw, columns } = await readStaged(session, stagedId, jobId, headerRows);
  remember(session, stagedId, raw);
  return surveyAnalysis(study, raw, columns, stagedId);
}

export async function importStaged(
  session: Session,
  input: { stagedId: string; mapping: SurveyMapping; name?: string | undefined; jobId?: string | undefined },
): Promise<SurveyImportResult> {
  const study = session.requireStudy();
  let raw = remembered.get(session)?.get(input.stagedId);
  if (!raw) {
    raw = (await readStaged(session, input.stagedId, input.jobId)).raw;
    remember(session, input.stagedId, raw);
  }
  if (input.jobId) session.reportProgress({ jobId: input.jobId, done: 1, total: 2, message: 'Antwoorden controleren en opslaan…' });
  const result = importSurvey(study, raw, input.mapping, input.name);
  remembered.get(session)?.delete(input.stagedId);
  if (input.jobId) session.reportProgress({ jobId: input.jobId, done: 2, total: 2, message: 'Vragenlijst opgeslagen' });
  return result;
}

/** The shown table as a workbook, kept and handed off like every produced file (the bytes also go to API callers: the CLI, scripts). */
export async function exportTable(session: Session, request: SurveyTableRequest): Promise<SurveyTableExport> {
  const study = session.requireStudy();
  const institution = request.institutionId ? (study.institutions().find((candidate) => candidate.id === request.institutionId)?.name ?? null) : null;
  // Every text of the table (question, answers, group labels) and its file name through the privacy pass.
  const table = passStructure(surveyTable(study, request), studyPassContext(study)).value;
  const bytes = await tableWorkbook(table, institution);
  const fileName = tableFileName(table);
  const fileId = keepProducedFile(session, { fileName, data: bytes, kind: 'export' });
  return { fileName, base64: bytes.toString('base64'), savedTo: null, fileId };
}
