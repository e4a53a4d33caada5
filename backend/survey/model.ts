/**
 * A stored survey made ready for counting: per column, each respondent's
 * answer as a display label (answers that differ only in case, accents or
 * punctuation are one answer; recognised columns get their canonical labels),
 * the numbers of numeric columns, the natural answer order, and each
 * respondent's institution and role. Built once per (data, mapping) and cached.
 */
import {
  canonicalMeasure,
  canonicalRole,
  canonicalWorkers,
  canonicalYesNo,
  foldAnswer,
  naturalOrder,
  numberLabel,
  parseSurveyNumber,
  ROLE_LABELS,
  type SurveyColumnKind,
  type SurveyRole,
} from '../../shared/survey';
import type { Study } from '../study/study';
import { loadDataset, type StoredMapping, type SurveyRecord } from './store';
import type { RawColumn } from './sheet';

export interface ColumnModel {
  header: string;
  kind: Exclude<SurveyColumnKind, 'ignore'>;
  /** Per respondent: the answer label, or null for a blank. Institution columns hold institution ids. */
  labels: Array<string | null>;
  /** Per respondent: the number (numeric kinds only). */
  numbers: Array<number | null> | null;
  /** Distinct labels in their natural order (institution columns: ids, ordered by the caller). */
  order: string[];
}

export interface SurveyModel {
  record: SurveyRecord;
  rowCount: number;
  columns: ColumnModel[];
  /** Per respondent: institution id, or null (not mapped, blank). */
  institutionOfRow: Array<string | null>;
  roleOfRow: Array<SurveyRole | null>;
}

const modelCache = new Map<string, SurveyModel>();
const MODEL_CACHE_SIZE = 4;

export function surveyModel(study: Study, record: SurveyRecord): SurveyModel {
  const key = `${record.id}|${record.dataSha256}|${record.mappingJson}`;
  const cached = modelCache.get(key);
  if (cached) return { ...cached, record };
  const dataset = loadDataset(study, record.dataSha256);
  const model = buildModel(record, dataset.rowCount, dataset.columns);
  modelCache.set(key, model);
  while (modelCache.size > MODEL_CACHE_SIZE) modelCache.delete(modelCache.keys().next().value!);
  return model;
}

export function buildModel(record: SurveyRecord, rowCount: number, rawColumns: RawColumn[]): SurveyModel {
  const rawByHeader = new Map(rawColumns.map((column) => [column.header, column]));
  const columns = record.mapping.columns.flatMap((stored) => {
    const raw = rawByHeader.get(stored.header);
    return raw ? [columnModel(stored.kind, raw, record.mapping)] : [];
  });
  const institutionColumn = columns.find((column) => column.kind === 'institution');
  const roleColumn = columns.find((column) => column.kind === 'role');
  const institutionOfRow = institutionColumn ? institutionColumn.labels : new Array<string | null>(rowCount).fill(record.mapping.defaultInstitutionId);
  const roleOfRow: Array<SurveyRole | null> = roleColumn
    ? roleColumn.labels.map((label) => (label === ROLE_LABELS.jeugdige ? 'jeugdige' : label === ROLE_LABELS.ouder ? 'ouder' : null))
    : new Array<SurveyRole | null>(rowCount).fill(record.mapping.defaultRole);
  return { record, rowCount, columns, institutionOfRow, roleOfRow };
}

function columnModel(kind: Exclude<SurveyColumnKind, 'ignore'>, raw: RawColumn, mapping: StoredMapping): ColumnModel {
  const dictLabels = labelsForDict(kind, raw, mapping);
  const labels = raw.codes.map((code) => (code < 0 ? null : dictLabels[code]!));
  let numbers: Array<number | null> | null = null;
  if (kind === 'mark' || kind === 'number') {
    const dictNumbers = raw.dict.map((value) => parseSurveyNumber(value));
    numbers = raw.codes.map((code) => (code < 0 ? null : dictNumbers[code]!));
  }
  const seen = new Set<string>();
  const firstSeen: string[] = [];
  for (const label of labels) {
    if (label !== null && !seen.has(label)) {
      seen.add(label);
      firstSeen.push(label);
    }
  }
  return { header: raw.header, kind, labels, numbers, order: kind === 'institution' ? firstSeen : naturalOrder(firstSeen) };
}

/** The label of each distinct raw value. */
function labelsForDict(kind: ColumnModel['kind'], raw: RawColumn, mapping: StoredMapping): Array<string | null> {
  switch (kind) {
    case 'institution': {
      const byValue = new Map(mapping.institutions.map((entry) => [foldAnswer(entry.value), entry.institutionId]));
      return raw.dict.map((value) => byValue.get(foldAnswer(value)) ?? null);
    }
    case 'mark':
    case 'number':
      return raw.dict.map((value) => {
        const number = parseSurveyNumber(value);
        return number === null ? null : numberLabel(number);
      });
    case 'role':
      return mergedLabels(raw, (value) => {
        const role = canonicalRole(value);
        return role ? ROLE_LABELS[role] : null;
      });
    case 'measure':
      return mergedLabels(raw, canonicalMeasure);
    case 'workers':
      return mergedLabels(raw, canonicalWorkers);
    case 'withoutWorker':
      return mergedLabels(raw, canonicalYesNo);
    case 'question':
      return mergedLabels(raw, () => null);
  }
}

/**
 * Canonical labels where `canonical` knows the value; otherwise values that
 * fold to the same text are one answer, shown in its most frequent spelling.
 */
function mergedLabels(raw: RawColumn, canonical: (value: string) => string | null): string[] {
  const frequency = new Array<number>(raw.dict.length).fill(0);
  for (const code of raw.codes) if (code >= 0) frequency[code]! += 1;
  const bestSpelling = new Map<string, { value: string; n: number }>();
  raw.dict.forEach((value, index) => {
    const key = foldAnswer(value);
    const best = bestSpelling.get(key);
    if (!best || frequency[index]! > best.n) bestSpelling.set(key, { value, n: frequency[index]! });
  });
  return raw.dict.map((value) => canonical(value) ?? bestSpelling.get(foldAnswer(value))!.value);
}
