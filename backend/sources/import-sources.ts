/**
 * Importing files as sources. Extraction runs in worker threads (see
 * ./extract); storing runs here, one transaction per file, so a file is either
 * wholly imported (original, text, source record, search index) or not at all.
 * The original file is kept in the study, deduplicated by SHA-256.
 */
import { slicePacer } from '../slices';
import { createHash, randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import { CANCELLED, extractMany } from './extract';
import { DEFAULT_LIMITS, rejected, type ExtractedText } from './extract/types';
import type { SourceMeta } from '../../shared/api/contract';
import { findEcli, rulingDate } from '../../shared/ecli';
import type { ImportOutcome } from '../../shared/api/types';
import type { Study } from '../study/study';
import { asInputFile, type FileRef } from '../store/staging-store';
import { institutionFor } from '../study/setup';
import { proposeCandidatesFor } from '../privacy/detect-off-thread';

/** The user's own file by its path (CLI, a chosen folder, tests), or a file to read (a staged upload, sealed until read). */
export type FileToImport = FileRef;

export interface ImportProgress {
  done: number;
  total: number;
  message: string;
  ocr?: { fileName: string; page: number; pages: number };
}

export interface ImportOptions {
  /**
   * The institution by name (the CLI names them): created, when it does not
   * exist yet, in the same transaction as the first source stored, so an
   * import that stores nothing adds no institution. Overrides meta.institutionId.
   */
  institutionName?: string;
  /** Aborted: extraction stops and nothing of this import is stored. */
  signal?: AbortSignal;
}

export async function importFiles(
  study: Study,
  files: FileToImport[],
  meta: SourceMeta,
  onProgress: (progress: ImportProgress) => void = () => {},
  options: ImportOptions = {},
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = new Array(files.length);
  const toExtract: Array<{ index: number; file: FileToImport; sha256: string }> = [];
  // Hashing and storing run on the thread that answers the UI: one file at a time, with turns for the UI in between.
  const pace = slicePacer();
  for (const [index, file] of files.entries()) {
    await pace();
    const checked = checkBeforeExtracting(study, file);
    if ('status' in checked) outcomes[index] = checked;
    else toExtract.push({ index, file, sha256: checked.sha256 });
  }

  let done = files.length - toExtract.length;
  onProgress({ done, total: files.length, message: 'Bestanden uitlezen…' });
  const extracted = await extractMany(toExtract.map((item) => item.file), {
    onProgress: (file) => onProgress({ done: ++done, total: files.length, message: `${file.fileName} uitgelezen` }),
    onOcrPage: (file, page, pages) => onProgress({ done, total: files.length, message: ocrMessage(file.fileName, page, pages), ocr: { fileName: file.fileName, page, pages } }),
    ...(options.signal ? { signal: options.signal } : {}),
  });

  for (const [position, { index, file, sha256 }] of toExtract.entries()) {
    await pace();
    const outcome = options.signal?.aborted ? rejected(CANCELLED) : extracted[position]!;
    outcomes[index] = outcome.ok
      ? storeSource(study, file, sha256, outcome.value, meta, options)
      : refusal(file.fileName, outcome.reason);
  }
  // The names in the new sources become candidates in the persons register (issue 10), found in a worker.
  const imported = outcomes.flatMap((outcome) => (outcome.status === 'imported' ? [outcome.sourceId] : []));
  if (imported.length > 0) {
    onProgress({ done: files.length, total: files.length, message: 'Namen zoeken voor het personenregister…' });
    await proposeCandidatesFor(study, imported);
  }
  return outcomes;
}

export function ocrMessage(fileName: string, page: number, pages: number): string {
  return `${fileName}: tekstherkenning (OCR), pagina ${page} van ${pages}…`;
}

/** A file too large or already in the study needs no extraction: its outcome now; otherwise its SHA-256. */
export function checkBeforeExtracting(study: Study, file: FileToImport): ImportOutcome | { sha256: string } {
  const input = asInputFile(file);
  const tooLarge = oversizeReason(input.size);
  if (tooLarge) return refusal(file.fileName, tooLarge);
  const sha256 = createHash('sha256').update(input.read()).digest('hex');
  const existing = findSourceByFile(study, sha256);
  return existing ? duplicate(file.fileName, existing) : { sha256 };
}

/** Stores one extracted file as a source in one transaction: all of it or nothing. */
export function storeSource(
  study: Study,
  file: FileToImport,
  sha256: string,
  extracted: ExtractedText,
  meta: SourceMeta,
  options: ImportOptions,
): ImportOutcome {
  const original = asInputFile(file).read();
  // One write transaction from the duplicate check to the stored source: another
  // process importing the same file (or naming the same new institution) waits.
  return study.db.transaction(() => storeChecked(study, file, sha256, extracted, meta, options, original)).immediate();
}

function storeChecked(
  study: Study,
  file: FileToImport,
  sha256: string,
  extracted: ExtractedText,
  meta: SourceMeta,
  options: ImportOptions,
  original: Buffer,
): ImportOutcome {
  // The same file may occur twice in one batch, or come from another writer: check again right before storing.
  const existing = findSourceByFile(study, sha256);
  if (existing) return duplicate(file.fileName, existing);
  const institution = options.institutionName ? institutionFor(study, options.institutionName) : null;
  const sourceId = randomUUID();
  const contentId = createHash('sha256').update(extracted.text).digest('hex');
  const title = meta.title ?? extracted.title ?? titleFromFileName(file.fileName);
  study.write(
    [
      ...(institution?.create ? [institution.create] : []),
      {
        entity: 'source',
        entityId: sourceId,
        fields: {
          title,
          institutionId: institution?.id ?? meta.institutionId,
          sourceType: meta.sourceType,
          role: meta.role,
          measure: meta.measure,
          // A court ruling names its ECLI and date in its header: metadata read, not typed.
          date: meta.date ?? (meta.sourceType === 'uitspraak' ? rulingDate(extracted.text) : null),
          ...(meta.sourceType === 'uitspraak' ? { ecli: meta.ecli ?? findEcli(extracted.text) } : {}),
          inspectorId: meta.inspectorId ?? study.currentInspectorId,
          format: extracted.format,
          fileName: file.fileName,
          fileSha256: sha256,
          contentId,
          importedAt: new Date().toISOString(),
        },
      },
    ],
    {
      beforeApply: () => {
      study.db
        .prepare('INSERT OR IGNORE INTO original_file (sha256, size, data) VALUES (?, ?, ?)')
        .run(sha256, original.byteLength, original);
      study.db
        .prepare('INSERT OR IGNORE INTO content (id, text, page_starts, headings, ocr_pages) VALUES (?, ?, ?, ?, ?)')
        .run(
          contentId,
          extracted.text,
          extracted.pageStarts ? JSON.stringify(extracted.pageStarts) : null,
          JSON.stringify(extracted.headings),
          extracted.ocrPages?.length ? JSON.stringify(extracted.ocrPages) : null,
        );
      },
    },
  );
  return { fileName: file.fileName, status: 'imported', sourceId, title };
}

function findSourceByFile(study: Study, sha256: string): { id: string; title: string } | undefined {
  return study.db
    .prepare('SELECT id, title FROM source WHERE file_sha256 = ? AND deleted = 0 LIMIT 1')
    .get(sha256) as { id: string; title: string } | undefined;
}

function duplicate(fileName: string, existing: { id: string; title: string }): ImportOutcome {
  return {
    fileName,
    status: 'duplicate',
    sourceId: existing.id,
    title: existing.title,
    message: `${fileName} is al geïmporteerd als "${existing.title}"; er is niets toegevoegd.`,
    reason: `Dit bestand is al geïmporteerd als "${existing.title}"; er is niets toegevoegd.`,
  };
}

/** A refused file: the reason alone (shown beside the name) and, for where it stands alone, with the name before it. */
export function refusal(fileName: string, reason: string): ImportOutcome {
  return { fileName, status: 'rejected', message: `${fileName}: ${reason}`, reason };
}

/** Checked before the file is read at all, so a huge file costs nothing. */
function oversizeReason(size: number): string | null {
  if (size <= DEFAULT_LIMITS.maxFileBytes) return null;
  const limitMb = Math.round(DEFAULT_LIMITS.maxFileBytes / 1024 / 1024);
  return `Het bestand is groter dan de limiet van ${limitMb} MB.`;
}

export function titleFromFileName(fileName: string): string {
  const base = fileName.slice(0, fileName.length - extname(fileName).length);
  return base.replace(/[_]+/g, ' ').trim() || fileName;
}
