/**
 * Importing files as sources. Extraction runs in worker threads (see
 * ./extract); storing runs here, one transaction per file, so a file is either
 * wholly imported (original, text, source record, search index) or not at all.
 * The original file is kept in the study, deduplicated by SHA-256.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { extractMany } from './extract';
import { DEFAULT_LIMITS, type ExtractedText } from './extract/types';
import type { SourceMeta } from '../../shared/api/contract';
import type { ImportOutcome } from '../../shared/api/types';
import type { Study } from '../study/study';
import { institutionFor } from '../study/setup';
import { proposeCandidatesFor } from '../privacy/detect-off-thread';

export interface FileToImport {
  path: string;
  fileName: string;
}

export interface ImportProgress {
  done: number;
  total: number;
  message: string;
}

export interface ImportOptions {
  /**
   * The institution by name (the CLI names them): created, when it does not
   * exist yet, in the same transaction as the first source stored, so an
   * import that stores nothing adds no institution. Overrides meta.institutionId.
   */
  institutionName?: string;
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
  files.forEach((file, index) => {
    const tooLarge = oversizeMessage(file);
    if (tooLarge) {
      outcomes[index] = { fileName: file.fileName, status: 'rejected', message: tooLarge };
      return;
    }
    const sha256 = sha256Of(file.path);
    const existing = findSourceByFile(study, sha256);
    if (existing) outcomes[index] = duplicate(file.fileName, existing);
    else toExtract.push({ index, file, sha256 });
  });

  let done = files.length - toExtract.length;
  onProgress({ done, total: files.length, message: 'Bestanden uitlezen…' });
  const extracted = await extractMany(toExtract.map((item) => item.file), {
    onProgress: (file) => onProgress({ done: ++done, total: files.length, message: `${file.fileName} uitgelezen` }),
  });

  toExtract.forEach(({ index, file, sha256 }, position) => {
    const outcome = extracted[position]!;
    outcomes[index] = outcome.ok
      ? storeSource(study, file, sha256, outcome.value, meta, options)
      : { fileName: file.fileName, status: 'rejected', message: `${file.fileName}: ${outcome.reason}` };
  });
  // The names in the new sources become candidates in the persons register (issue 10), found in a worker.
  const imported = outcomes.flatMap((outcome) => (outcome.status === 'imported' ? [outcome.sourceId] : []));
  if (imported.length > 0) {
    onProgress({ done: files.length, total: files.length, message: 'Namen zoeken voor het personenregister…' });
    await proposeCandidatesFor(study, imported);
  }
  return outcomes;
}

function storeSource(
  study: Study,
  file: FileToImport,
  sha256: string,
  extracted: ExtractedText,
  meta: SourceMeta,
  options: ImportOptions,
): ImportOutcome {
  const original = readFileSync(file.path);
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
          date: meta.date,
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
  };
}

/** Checked before the file is read at all, so a huge file costs nothing. */
function oversizeMessage(file: FileToImport): string | null {
  const size = statSync(file.path).size;
  if (size <= DEFAULT_LIMITS.maxFileBytes) return null;
  const limitMb = Math.round(DEFAULT_LIMITS.maxFileBytes / 1024 / 1024);
  return `${file.fileName}: het bestand is groter dan de limiet van ${limitMb} MB.`;
}

function sha256Of(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function titleFromFileName(fileName: string): string {
  const base = fileName.slice(0, fileName.length - extname(fileName).length);
  return base.replace(/[_]+/g, ' ').trim() || fileName;
}
