/**
 * How a survey lives in the study file.
 *
 * - `survey_data` (content-addressed, immutable, like `original_file`): the
 *   respondent rows of the mapped columns, dictionary-coded JSON, gzip'ed.
 *   Never updated or deleted: an older version stays for undo and merges.
 * - entity `survey` (through the one write path): name, file, `dataSha256`
 *   (the row table reference), the confirmed mapping, respondent count.
 * - entity `surveyQuestion`: the norm chapter per question, one small entity
 *   per (survey, header) so two inspectors placing different questions do not
 *   conflict, and a re-import keeps the placements.
 * - `study.surveyMinGroup`: the privacy threshold (default 10).
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { UserError } from '../errors';
import type { Study } from '../study/study';
import { DEFAULT_MIN_GROUP, SURVEY_COLUMN_KINDS, type SurveyColumnKind, type SurveyRole } from '../../shared/survey';
import type { RawColumn } from './sheet';

export interface StoredColumn {
  header: string;
  kind: Exclude<SurveyColumnKind, 'ignore'>;
}

/** The confirmed mapping as stored on the survey entity (institution values resolved to ids). */
export interface StoredMapping {
  columns: StoredColumn[];
  institutions: Array<{ value: string; institutionId: string | null }>;
  /** Role of every respondent when there is no role column (a children's or parents' export). */
  defaultRole: SurveyRole | null;
  /** Institution of every respondent when there is no institution column (a per-institution export). */
  defaultInstitutionId: string | null;
}

const storedMappingSchema = z.object({
  columns: z.array(z.object({ header: z.string(), kind: z.enum(SURVEY_COLUMN_KINDS).exclude(['ignore']) })),
  institutions: z.array(z.object({ value: z.string(), institutionId: z.string().nullable() })),
  defaultRole: z.enum(['jeugdige', 'ouder']).nullable(),
  defaultInstitutionId: z.string().nullable(),
});

export interface Dataset {
  rowCount: number;
  columns: RawColumn[];
}

const datasetSchema = z.object({
  v: z.literal(1),
  rowCount: z.number().int().min(0),
  columns: z.array(z.object({ header: z.string(), dict: z.array(z.string()), codes: z.array(z.number().int().min(-1)) })),
});

export interface SurveyRecord {
  id: string;
  name: string;
  fileName: string;
  fileSha256: string | null;
  dataSha256: string;
  mapping: StoredMapping;
  mappingJson: string;
  respondents: number;
  importedAt: string;
}

interface SurveyRow {
  id: string;
  name: string | null;
  file_name: string | null;
  file_sha256: string | null;
  data_sha256: string | null;
  mapping: string | null;
  respondents: number | null;
  imported_at: string | null;
}

function toRecord(row: SurveyRow): SurveyRecord | null {
  if (!row.data_sha256 || !row.mapping) return null;
  let mapping: StoredMapping;
  try {
    mapping = storedMappingSchema.parse(JSON.parse(row.mapping));
  } catch (error) {
    // A mapping this version cannot read (e.g. from a newer copy, through a merge): leave the survey out.
    console.error(`Vragenlijst ${row.id}: onleesbare koppeling`, error);
    return null;
  }
  return {
    id: row.id,
    name: row.name ?? '(naamloze vragenlijst)',
    fileName: row.file_name ?? '',
    fileSha256: row.file_sha256,
    dataSha256: row.data_sha256,
    mapping,
    mappingJson: row.mapping,
    respondents: row.respondents ?? 0,
    importedAt: row.imported_at ?? '',
  };
}

/** Live surveys, by name. */
export function listSurveyRecords(study: Study): SurveyRecord[] {
  const rows = study.db.prepare('SELECT * FROM survey WHERE deleted = 0 ORDER BY name COLLATE NOCASE, id').all() as SurveyRow[];
  return rows.map(toRecord).filter((record): record is SurveyRecord => record !== null);
}

export function getSurveyRecord(study: Study, surveyId: string): SurveyRecord {
  const row = study.db.prepare('SELECT * FROM survey WHERE id = ? AND deleted = 0').get(surveyId) as SurveyRow | undefined;
  const record = row ? toRecord(row) : null;
  if (!record) throw new UserError('Deze vragenlijst bestaat niet (meer).', 'not-found');
  return record;
}

/** The row table of a survey: encode (for storing) and decode (cached: the same sha256 is the same data). */
export function encodeDataset(dataset: Dataset): { sha256: string; size: number; data: Buffer } {
  const json = JSON.stringify({ v: 1, rowCount: dataset.rowCount, columns: dataset.columns.map(({ header, dict, codes }) => ({ header, dict, codes })) });
  const bytes = Buffer.from(json, 'utf8');
  return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.byteLength, data: gzipSync(bytes) };
}

const datasetCache = new Map<string, Dataset>();
/** Far above what the import limits can produce; a row table beyond it (e.g. from a merged bundle) is refused. */
const MAX_DATASET_BYTES = 1024 * 1024 * 1024;
const DATASET_CACHE_SIZE = 4;

export function loadDataset(study: Study, sha256: string): Dataset {
  const cached = datasetCache.get(sha256);
  if (cached) {
    datasetCache.delete(sha256);
    datasetCache.set(sha256, cached);
    return cached;
  }
  const row = study.db.prepare('SELECT data FROM survey_data WHERE sha256 = ?').get(sha256) as { data: Buffer } | undefined;
  if (!row) throw new UserError('De antwoorden van deze vragenlijst ontbreken in het onderzoeksbestand. Importeer de vragenlijst opnieuw.', 'not-found');
  let dataset: Dataset;
  try {
    dataset = datasetSchema.parse(JSON.parse(gunzipSync(row.data, { maxOutputLength: MAX_DATASET_BYTES }).toString('utf8')));
    for (const column of dataset.columns) {
      if (column.codes.length !== dataset.rowCount || column.codes.some((code) => code >= column.dict.length)) throw new Error('codes');
    }
  } catch (error) {
    throw new UserError('De antwoorden van deze vragenlijst zijn beschadigd. Importeer de vragenlijst opnieuw.', 'rejected', error);
  }
  datasetCache.set(sha256, dataset);
  while (datasetCache.size > DATASET_CACHE_SIZE) datasetCache.delete(datasetCache.keys().next().value!);
  return dataset;
}

/** Norm placement per question header: header -> code id. */
export function questionNorms(study: Study, surveyId: string): Map<string, string> {
  const rows = study.db
    .prepare('SELECT header, code_id FROM survey_question WHERE survey_id = ? AND deleted = 0 AND code_id IS NOT NULL')
    .all(surveyId) as Array<{ header: string; code_id: string }>;
  return new Map(rows.map((row) => [row.header, row.code_id]));
}

export function minGroupOf(study: Study): number {
  const row = study.db.prepare('SELECT survey_min_group FROM study WHERE id = ?').get(study.id) as { survey_min_group: number | null } | undefined;
  return row?.survey_min_group ?? DEFAULT_MIN_GROUP;
}
