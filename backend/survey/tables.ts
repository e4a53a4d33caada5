/**
 * Tables over a stored survey: the distribution of a question, split by any
 * other column, and the mean of a numeric column per group, optionally for one
 * institution's respondents. Small groups are suppressed (shared/survey.ts).
 */
import { UserError } from '../errors';
import type { Study } from '../study/study';
import { foldAnswer, meansBy, NUMERIC_KINDS, tabulate, tabulateBy } from '../../shared/survey';
import type { SurveyTable } from '../../shared/api/types';
import { surveyModel, type ColumnModel, type SurveyModel } from './model';
import { getSurveyRecord, listSurveyRecords, minGroupOf, type SurveyRecord } from './store';

export interface SurveyTableRequest {
  /** Optional when the study has one survey, or the question header occurs in one survey only. */
  surveyId?: string | undefined;
  question?: string | undefined;
  by?: string | undefined;
  mean?: string | undefined;
  /** Only this institution's respondents. */
  institutionId?: string | null | undefined;
}

export function surveyTable(study: Study, request: SurveyTableRequest): SurveyTable {
  const subject = request.mean ?? request.question;
  if (!subject) throw new UserError('Kies een vraag (of een kolom om het gemiddelde van te nemen).', 'invalid-input');
  if (request.mean && request.question && foldAnswer(request.mean) !== foldAnswer(request.question)) {
    throw new UserError('Geef een vraag óf een kolom voor het gemiddelde, niet allebei.', 'invalid-input');
  }
  const record = chooseSurvey(study, request.surveyId, subject);
  const model = surveyModel(study, record);
  const minGroup = minGroupOf(study);
  const names = institutionNames(study);
  const by = request.by ? findColumn(model, request.by) : null;
  const column = findColumn(model, subject);
  const mean = Boolean(request.mean);
  if (mean) {
    if (!NUMERIC_KINDS.includes(column.kind) || !column.numbers) {
      throw new UserError(`"${column.header}" is geen kolom met getallen (zoals een rapportcijfer); daar is geen gemiddelde van te nemen.`, 'invalid-input');
    }
    if (by && by.header === column.header) throw new UserError('Splits het gemiddelde naar een andere kolom dan de kolom zelf.', 'invalid-input');
  } else if (by && by.header === column.header) {
    throw new UserError('Splits een vraag naar een andere kolom dan de vraag zelf.', 'invalid-input');
  }
  const institutionId = request.institutionId ?? null;
  return tableOfRespondents(model, { rows: rowsInScope(model, institutionId), institutionId, names, minGroup }, { column, by, mean });
}

/** The respondents a table counts, and how it shows and suppresses them. */
export interface TableScope {
  /** Their row indices (null: all respondents). */
  rows: number[] | null;
  /** The one institution they are the respondents of, if so. */
  institutionId: string | null;
  names: Map<string, string>;
  minGroup: number;
}

/**
 * The table over the respondents in scope: the mean of `column` (mean) or the
 * distribution of its answers, overall or per group of `by`. The columns are
 * the model's own and already checked (numeric for a mean, `by` another column).
 */
export function tableOfRespondents(
  model: SurveyModel,
  scope: TableScope,
  request: { column: ColumnModel; by: ColumnModel | null; mean: boolean },
): SurveyTable {
  const { rows, names, minGroup } = scope;
  const { column, by } = request;
  const base = { surveyId: model.record.id, surveyName: model.record.name, minGroup, institutionId: scope.institutionId };
  if (request.mean) {
    const groups = by ? pick(displayLabels(by, names), rows) : null;
    return {
      kind: 'mean',
      ...base,
      mean: column.header,
      by: by?.header ?? null,
      groups: meansBy(pick(column.numbers ?? [], rows), groups, by ? displayOrder(by, names) : [], minGroup),
    };
  }
  const labels = pick(displayLabels(column, names), rows);
  const order = displayOrder(column, names);
  const total = tabulate(labels, order, minGroup);
  if (!by) return { kind: 'distribution', ...base, question: column.header, ...total };
  return {
    kind: 'split',
    ...base,
    question: column.header,
    by: by.header,
    total,
    groups: tabulateBy(labels, pick(displayLabels(by, names), rows), order, displayOrder(by, names), minGroup),
  };
}

/** The survey a request is about: given, the only one, or the only one with that column. */
export function chooseSurvey(study: Study, surveyId: string | undefined, header: string | undefined): SurveyRecord {
  if (surveyId) return getSurveyRecord(study, surveyId);
  const surveys = listSurveyRecords(study);
  if (surveys.length === 0) throw new UserError('Er is nog geen vragenlijst geïmporteerd.', 'not-found');
  if (surveys.length === 1) return surveys[0]!;
  const folded = header ? foldAnswer(header) : null;
  const withColumn = surveys.filter((survey) => survey.mapping.columns.some((column) => foldAnswer(column.header) === folded));
  if (withColumn.length === 1) return withColumn[0]!;
  throw new UserError(`Er zijn ${surveys.length} vragenlijsten (${surveys.map((survey) => `"${survey.name}"`).join(', ')}); kies er een.`, 'invalid-input');
}

/** A column by its header: exactly, or else ignoring case, accents and punctuation. */
export function findColumn(model: SurveyModel, header: string): ColumnModel {
  const exact = model.columns.find((column) => column.header === header);
  if (exact) return exact;
  const folded = foldAnswer(header);
  const loose = model.columns.filter((column) => foldAnswer(column.header) === folded);
  if (loose.length === 1) return loose[0]!;
  const available = model.columns.map((column) => `"${column.header}"`).join(', ');
  throw new UserError(`De vragenlijst "${model.record.name}" heeft geen kolom "${header}". Kolommen: ${available}.`, 'not-found');
}

export function institutionNames(study: Study): Map<string, string> {
  return new Map(study.institutions().map((institution) => [institution.id, institution.name]));
}

/** Labels as shown: institution ids become names. */
export function displayLabels(column: ColumnModel, names: Map<string, string>): Array<string | null> {
  if (column.kind !== 'institution') return column.labels;
  return column.labels.map((id) => (id === null ? null : (names.get(id) ?? null)));
}

/** Natural answer order; institutions by name. */
export function displayOrder(column: ColumnModel, names: Map<string, string>): string[] {
  if (column.kind !== 'institution') return column.order;
  return column.order
    .map((id) => names.get(id))
    .filter((name): name is string => name !== undefined)
    .sort((a, b) => a.localeCompare(b, 'nl'));
}

/** Indices of the respondents in scope (null: all). */
export function rowsInScope(model: SurveyModel, institutionId: string | null): number[] | null {
  return institutionId === null ? null : rowsOfInstitutions(model, [institutionId]);
}

/** Indices of the respondents of these institutions. */
export function rowsOfInstitutions(model: SurveyModel, institutionIds: readonly string[]): number[] {
  const wanted = new Set(institutionIds);
  const rows: number[] = [];
  model.institutionOfRow.forEach((id, index) => {
    if (id !== null && wanted.has(id)) rows.push(index);
  });
  return rows;
}

export function pick<T>(values: readonly T[], rows: number[] | null): readonly T[] {
  return rows === null ? values : rows.map((index) => values[index]!);
}
