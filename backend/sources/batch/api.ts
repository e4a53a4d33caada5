/**
 * The batch calls as the handlers run them. `batch.preview` gathers the files
 * (a staged folder, one staged dossier zip, or a folder the host's dialog
 * gives), extracts every one in the extraction workers and keeps the results
 * in memory under a batch id, storing nothing; `batch.import` stores the rows
 * the user confirmed, each file in its own transaction as a single import
 * does, without extracting again. Staged uploads and a zip's unpacked entries
 * wait sealed in the session's staging store (store/staging-store.ts), and
 * are removed when the batch is imported, discarded or pushed out by a newer one.
 */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { Session, StagedEntry } from '../../api/session';
import { UserError } from '../../errors';
import { asInputFile, type InputFile } from '../../store/staging-store';
import type { BatchPreview, BatchRefusal, BatchRow, ImportOutcome } from '../../../shared/api/types';
import type { SourceMeta } from '../../../shared/api/contract';
import { extractMany } from '../extract';
import type { ExtractedText } from '../extract/types';
import { proposeCandidatesFor } from '../../privacy/detect-off-thread';
import { checkBeforeExtracting, ocrMessage, storeSource, titleFromFileName, type FileToImport, type ImportProgress } from '../import-sources';
import { collectFolder, isZipName, REFUSALS, tooManyFiles, MAX_BATCH_FILES, type BatchFile, type BatchRefused } from './batch-files';
import { unpackDossierZip } from './dossier-zip';
import { guessFromFolders } from './guess-meta';
import { documentTitle } from '../extract/document-title';

interface PendingFile {
  file: FileToImport;
  sha256: string;
  extracted: ExtractedText;
}

interface PendingBatch {
  studyPath: string;
  files: Map<string, PendingFile>;
  cleanup: () => void;
}

const MAX_PENDING = 2;
const pending = new WeakMap<Session, Map<string, PendingBatch>>();

type Progress = (progress: ImportProgress) => void;

export async function previewBatch(
  session: Session,
  input: { stagedIds: string[]; chooseFolder: boolean },
  onProgress: Progress,
  signal?: AbortSignal,
): Promise<BatchPreview | null> {
  const study = session.requireStudy();
  const gathered = await gather(session, input);
  if (!gathered) return null;
  try {
    const { files, refused, name } = gathered;
    const batch: PendingBatch = { studyPath: study.path, files: new Map(), cleanup: gathered.cleanup };
    const rows: BatchRow[] = [];
    const refusals: BatchRefusal[] = refused.map((item) => ({ ...item, status: 'rejected' }));
    const toExtract: Array<InputFile & { relativePath: string; sha256: string }> = [];
    const seen = new Map<string, string>();
    for (const file of files) {
      const fileName = basename(file.relativePath);
      const input: InputFile = { ...asInputFile(file.file), fileName };
      const checked = checkBeforeExtracting(study, input);
      const twin = 'sha256' in checked ? seen.get(checked.sha256) : undefined;
      if ('status' in checked) refusals.push(refusalOf(file.relativePath, checked));
      // The same file twice in one delivery (a copy in another folder): one source, not two.
      else if (twin) refusals.push({ relativePath: file.relativePath, status: 'duplicate', reason: `Hetzelfde bestand als ${twin}; het wordt één keer geïmporteerd.` });
      else {
        seen.set(checked.sha256, file.relativePath);
        toExtract.push({ ...input, relativePath: file.relativePath, sha256: checked.sha256 });
      }
    }
    let done = 0;
    onProgress({ done: 0, total: toExtract.length, message: 'Bestanden uitlezen…' });
    const outcomes = await extractMany(toExtract, {
      onProgress: (file) => onProgress({ done: ++done, total: toExtract.length, message: `${file.fileName} uitgelezen` }),
      onOcrPage: (file, page, pages) =>
        onProgress({ done, total: toExtract.length, message: ocrMessage(file.fileName, page, pages), ocr: { fileName: file.fileName, page, pages } }),
      ...(signal ? { signal } : {}),
    });
    if (signal?.aborted) throw new UserError('Het lezen van de map of zip is afgebroken; er is niets opgeslagen.', 'rejected');
    const institutions = study.institutions();
    toExtract.forEach((file, index) => {
      const outcome = outcomes[index]!;
      if (!outcome.ok) {
        refusals.push({ relativePath: file.relativePath, status: 'rejected', reason: outcome.reason });
        return;
      }
      const rowId = randomUUID();
      batch.files.set(rowId, { file, sha256: file.sha256, extracted: outcome.value });
      rows.push(rowOf(rowId, file.relativePath, file.fileName, outcome.value, guessFromFolders(foldersOf(name, file.relativePath), institutions)));
    });
    const batchId = randomUUID();
    keep(session, batchId, batch);
    return { batchId, name, rows, refused: refusals.sort((a, b) => a.relativePath.localeCompare(b.relativePath, 'nl')) };
  } catch (error) {
    gathered.cleanup();
    throw error;
  }
}

export async function importBatch(
  session: Session,
  input: { batchId: string; rows: Array<{ rowId: string; meta: SourceMeta & { title: string }; institutionName?: string }> },
  onProgress: Progress,
): Promise<ImportOutcome[]> {
  const study = session.requireStudy();
  const batch = pending.get(session)?.get(input.batchId);
  if (!batch || batch.studyPath !== study.path) {
    throw new UserError('Deze map of zip is niet (meer) klaar voor import; kies hem opnieuw. Er is niets geïmporteerd.', 'not-found');
  }
  const unknown = input.rows.find((row) => !batch.files.has(row.rowId));
  if (unknown) throw new UserError('Een rij hoort niet bij deze map of zip. Er is niets geïmporteerd.', 'invalid-input');
  drop(session, input.batchId);
  let outcomes: ImportOutcome[];
  try {
    outcomes = input.rows.map((row, index) => {
      const item = batch.files.get(row.rowId)!;
      onProgress({ done: index, total: input.rows.length, message: `${item.file.fileName} opslaan…` });
      return storeSource(study, item.file, item.sha256, item.extracted, row.meta, { institutionName: row.institutionName });
    });
  } finally {
    batch.cleanup();
  }
  // As for every import: the names in the new sources become candidates in the persons register, found in a worker.
  const imported = outcomes.flatMap((outcome) => (outcome.status === 'imported' ? [outcome.sourceId] : []));
  if (imported.length > 0) {
    onProgress({ done: input.rows.length, total: input.rows.length, message: 'Namen zoeken voor het personenregister…' });
    await proposeCandidatesFor(study, imported);
  }
  return outcomes;
}

export function discardBatch(session: Session, batchId: string): null {
  drop(session, batchId)?.cleanup();
  return null;
}

interface Gathered {
  name: string;
  files: BatchFile[];
  refused: BatchRefused[];
  cleanup: () => void;
}

async function gather(session: Session, input: { stagedIds: string[]; chooseFolder: boolean }): Promise<Gathered | null> {
  if (input.chooseFolder) {
    if (!session.host.chooseFolder) throw new UserError('Deze omgeving kan geen map laten kiezen; kies de bestanden van de map.', 'invalid-input');
    const folder = await session.host.chooseFolder();
    return folder ? { name: basename(folder), ...collectFolder(folder), cleanup: () => {} } : null;
  }
  if (input.stagedIds.length === 0) throw new UserError('Kies een map of een zip-bestand om te importeren.', 'invalid-input');
  const staged = session.takeStaged(input.stagedIds);
  const discard = () => session.discard(staged);
  const [only] = staged;
  if (staged.length === 1 && only && !only.relativePath && isZipName(only.fileName)) {
    return gatherZip(session, only, discard);
  }
  return { ...gatherStaged(staged), cleanup: discard };
}

/** The zip's entries are unpacked into the session's staging store (sealed), where they wait for the user's confirmation. */
async function gatherZip(session: Session, zip: StagedEntry, discardZip: () => void): Promise<Gathered> {
  const pieces: string[] = [];
  const cleanup = () => {
    discardZip();
    for (const piece of pieces) session.staging.remove(piece);
  };
  try {
    const unpacked = await unpackDossierZip(zip, session.staging, pieces);
    return { name: zip.fileName.replace(/\.zip$/i, ''), ...unpacked, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/** Files of a folder chosen in the browser (each staged with its path in the folder). */
function gatherStaged(staged: StagedEntry[]): Omit<Gathered, 'cleanup'> {
  if (staged.length > MAX_BATCH_FILES) throw tooManyFiles();
  const files: BatchFile[] = [];
  const refused: BatchRefused[] = [];
  for (const entry of staged) {
    const relativePath = (entry.relativePath ?? entry.fileName).replace(/\\/g, '/');
    if (isZipName(relativePath)) refused.push({ relativePath, reason: REFUSALS.nestedZip });
    else files.push({ relativePath, file: entry });
  }
  // A browser gives the chosen folder's own name as the first part of every path.
  const tops = new Set(files.map((file) => file.relativePath.split('/')[0]));
  const name = tops.size === 1 && files.every((file) => file.relativePath.includes('/')) ? [...tops][0]! : 'Gekozen bestanden';
  return { name, files, refused };
}

/** The folders a file sits in, the batch's own name first (a zip named after its institution says so too). */
function foldersOf(batchName: string, relativePath: string): string[] {
  const folders = relativePath.split('/').slice(0, -1);
  return folders[0] === batchName ? folders : [batchName, ...folders];
}

function rowOf(rowId: string, relativePath: string, fileName: string, extracted: ExtractedText, guess: ReturnType<typeof guessFromFolders>): BatchRow {
  const title = extracted.title ?? (extracted.format === 'txt' ? documentTitle(headingLine(extracted.text)) : null);
  return {
    rowId,
    relativePath,
    fileName,
    format: extracted.format,
    title: title ?? titleFromFileName(fileName),
    titleFromDocument: title !== null,
    ...guess,
    pages: extracted.pageStarts?.length ?? null,
    ocrPages: extracted.ocrPages?.length ?? 0,
  };
}

/** A plain text's first line read as its heading: short, no closing full stop, a blank line after it. */
function headingLine(text: string): string | null {
  const match = /^\s*([^\n]{1,120})\n[ \t]*\n/.exec(text);
  return match && !/[.,;:]$/.test(match[1]!.trim()) ? match[1]! : null;
}

function refusalOf(relativePath: string, outcome: ImportOutcome): BatchRefusal {
  const reason = outcome.status === 'imported' ? '' : outcome.reason;
  return { relativePath, status: outcome.status === 'duplicate' ? 'duplicate' : 'rejected', reason };
}

function keep(session: Session, batchId: string, batch: PendingBatch): void {
  let map = pending.get(session);
  if (!map) pending.set(session, (map = new Map()));
  map.set(batchId, batch);
  while (map.size > MAX_PENDING) {
    const oldest = map.keys().next().value!;
    drop(session, oldest)?.cleanup();
  }
}

function drop(session: Session, batchId: string): PendingBatch | undefined {
  const map = pending.get(session);
  const batch = map?.get(batchId);
  map?.delete(batchId);
  return batch;
}
