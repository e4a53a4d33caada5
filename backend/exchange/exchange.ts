/**
 * Exchange as the hosts call it: a study to a .qdpx or .qdc, a .qdpx or .qdc
 * into a study, the study's tables to Excel, and the retrieval report to Word.
 */
import { bytesOf, sizeOf, type FileSource } from '../store/staging-store';
import { UserError } from '../errors';
import { listCodes } from '../framework/framework';
import type { Study } from '../study/study';
import { codeTreeOf, studyAsProject } from './export-project';
import { importProject, previewImport, type ImportMapping } from './import-project';
import type { ImportPreview, QdpxImportResult, SegmentScope } from '../../shared/api/types';
import { ExportPrivacy, type ExportMode } from './privacy-pass';
import { readCodes, readProject, type ReadProject } from './qde-read';
import { writeCodebookXml } from './qde-write';
import { readQdpxEntries, writeQdpx } from './qdpx-archive';
import { parseXml } from './xml-tree';
import { tablesFor } from './tables';
import { retrievalReport } from './retrieval';
import type { ExportKind, TableKind } from '../../shared/exchange';
import { safeName } from '../merge/export';
import { writeWorkbook } from './workbook';
import { proposeCandidatesFor } from '../privacy/detect-off-thread';

export async function exportQdpx(study: Study, mode: ExportMode): Promise<Buffer> {
  return writeQdpx(studyAsProject(study, new ExportPrivacy(study, mode)));
}

export async function importQdpx(study: Study, source: FileSource, mapping?: ImportMapping): Promise<QdpxImportResult> {
  const read = readProject(await readQdpxEntries(source));
  const before = study.db.prepare('SELECT coalesce(max(seq), 0) FROM change_log').pluck().get() as number;
  const result = importProject(study, read, mapping);
  // The names in the sources it added (or changed) become candidates in the persons register (issue 10), found in a worker.
  const added = study.db.prepare("SELECT DISTINCT entity_id FROM change_log WHERE seq > ? AND entity = 'source'").pluck().all(before) as string[];
  await proposeCandidatesFor(study, added);
  return result;
}

/** What importing the project or codebook (its path, or a staged upload) would do, storing nothing. */
export async function previewExchangeImport(study: Study, source: FileSource, isCodebook: boolean): Promise<ImportPreview> {
  return previewImport(study, isCodebook ? readCodebook(source) : readProject(await readQdpxEntries(source)));
}

/** The framework as a REFI-QDA codebook (.qdc). Code names and definitions hold no personal data. */
export function exportCodebook(study: Study): Buffer {
  return Buffer.from(writeCodebookXml(codeTreeOf(listCodes(study))), 'utf8');
}

const MAX_CODEBOOK_BYTES = 20 * 1024 * 1024;

/** A .qdc's codes onto the framework (mapped, matched by name path, or added) as one action. */
export function importCodebook(study: Study, source: FileSource, mapping?: ImportMapping): QdpxImportResult {
  return importProject(study, readCodebook(source), mapping);
}

function readCodebook(source: FileSource): ReadProject {
  let size: number;
  try {
    size = sizeOf(source);
  } catch {
    throw new UserError(`Het bestand "${source as string}" bestaat niet of kan niet worden gelezen.`, 'invalid-input');
  }
  if (size > MAX_CODEBOOK_BYTES) throw new UserError('Het codeboek is groter dan 20 MB; dat is te groot om te importeren.');
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(bytesOf(source));
  } catch {
    throw new UserError('Het codeboek is geen geldige UTF-8-tekst.');
  }
  const root = parseXml(xml, 'Het codeboek');
  if (root.name !== 'CodeBook') throw new UserError(`Het codeboek is geweigerd: het hoofdelement is <${root.name}> in plaats van <CodeBook>.`);
  const codes = readCodes(root.children.find((c) => c.name === 'Codes'));
  const project = { name: 'Codeboek', origin: null, created: null, users: [], codes, variables: [], cases: [], sources: [], notes: [], sets: [], description: '' };
  return { project, skippedSources: [], unplacedCodings: 0 };
}

/** One of the study's tables as an Excel workbook. */
export async function exportTables(study: Study, kind: TableKind, mode: ExportMode, scope: SegmentScope | null = null): Promise<Buffer> {
  return writeWorkbook(tablesFor(study, kind, new ExportPrivacy(study, mode), scope));
}

const FILE_SUFFIX: Record<ExportKind, string> = {
  qdpx: '.qdpx',
  qdc: ' - codeboek.qdc',
  segments: ' - fragmenten.xlsx',
  matrix: ' - bewijsmatrix.xlsx',
  judgments: ' - oordelen.xlsx',
  review: ' - dossieranalyse.xlsx',
  agreement: ' - overeenstemming.xlsx',
  retrieval: ' - fragmenten per code.docx',
};

/** Said to the user whenever a full export is made: it leaves the program with names. */
export const FULL_EXPORT_WARNING =
  'Let op: dit is een volledige export, met namen, geboortedata en andere herkenbare gegevens (en bij een project de originele bestanden). Bewaar en deel het bestand alleen versleuteld en alleen met wie het mag zien.';

export interface ExportedFile {
  fileName: string;
  data: Buffer;
  /** Set for a full export (the codebook holds no personal data and is never "full"). */
  warning: string | null;
}

/**
 * Any export as a file: a REFI-QDA project or codebook, or one of the study's
 * tables in Excel; `scope` narrows the segments table to the retrieval list's
 * segments (and names the code in the file name).
 */
export async function exportFile(study: Study, kind: ExportKind, mode: ExportMode, codeIds: string[] | null = null, scope: SegmentScope | null = null): Promise<ExportedFile> {
  const scopeCode = scope ? scopedCode(study, kind, scope) : null;
  const base = safeName(study.info().name) + (scopeCode ? ` - ${safeName(scopeCode)}` : '');
  const full = mode === 'full' && kind !== 'qdc';
  const data =
    kind === 'qdpx'
      ? await exportQdpx(study, mode)
      : kind === 'qdc'
        ? exportCodebook(study)
        : kind === 'retrieval'
          ? await retrievalReport(study, codeIds, new ExportPrivacy(study, mode))
          : await exportTables(study, kind, mode, scope);
  return { fileName: `${base}${full ? ' (volledig)' : ''}${FILE_SUFFIX[kind]}`, data, warning: full ? FULL_EXPORT_WARNING : null };
}

/** The name of the code a narrowed export is about; refused for a kind other than segments or a code not in the framework. */
function scopedCode(study: Study, kind: ExportKind, scope: SegmentScope): string {
  if (kind !== 'segments') throw new UserError('Een selectie uit de fragmentenlijst kan alleen als fragmententabel (Excel) worden geëxporteerd.', 'invalid-input');
  const code = listCodes(study).find((candidate) => candidate.id === scope.codeId);
  if (!code) throw new UserError('De gekozen code bestaat niet (meer) in het toetsingskader; kies de code opnieuw.', 'not-found');
  return code.name;
}
