/**
 * The questionnaire figures for the report drafts. The report builder places
 * them (survey chapter, and under the norm the user chose per question); this
 * module only computes them, with the same rule for small groups as the UI
 * and the CLI: a block with `suppressed: true` has null counts, percentages
 * and mean, and the draft prints "n < {minGroup}" instead.
 */
import type { Study } from '../study/study';
import { meansBy, tabulate, type SurveyColumnKind } from '../../shared/survey';
import { listCodes } from '../framework/framework';
import { surveyModel, type ColumnModel, type SurveyModel } from './model';
import { listSurveyRecords, minGroupOf, questionNorms } from './store';
import { displayLabels, displayOrder, institutionNames, pick, rowsInScope } from './tables';

export type SurveyScope = { institutionId: string } | { overall: true };

export interface SurveyFigureRow {
  answer: string;
  /** Null when the block is suppressed. */
  n: number | null;
  /** Percentage 0-100 of those who answered, unrounded; null when suppressed. */
  pct: number | null;
}

export interface SurveyFigureBlock {
  /** Respondents (in scope) who answered. */
  n: number;
  /** Respondents (in scope) who left it blank. */
  missing: number;
  /** n below the study's threshold: print "n < {minGroup}" instead of the rows and the mean. */
  suppressed: boolean;
  /** One row per answer in natural order (also answers with 0). */
  rows: SurveyFigureRow[];
  /** For numeric columns (report mark): the mean, unrounded; otherwise null. Null when suppressed. */
  mean: number | null;
}

export interface SurveyFigure extends SurveyFigureBlock {
  surveyId: string;
  surveyName: string;
  /** The question text (the column header): the figure's caption. */
  question: string;
  kind: Exclude<SurveyColumnKind, 'ignore' | 'role' | 'institution'>;
  /** The norm chapter the user placed the question under; null: survey chapter only. */
  normKey: string | null;
  normCodeId: string | null;
  /** The study's threshold, for the "n < 10" text. */
  minGroup: number;
  /** Overall scope only: the same figure per institution, side by side (institutions by name); null for an institution scope. */
  byInstitution: Array<SurveyFigureBlock & { institutionId: string; institution: string }> | null;
}

/** Respondents by role; `totaal` includes those without a known role. */
export interface RespondentCounts {
  jeugdigen: number;
  ouders: number;
  totaal: number;
}

const FIGURE_KINDS = new Set<SurveyColumnKind>(['question', 'measure', 'workers', 'withoutWorker', 'mark', 'number']);

/** Every question of every survey in the study, for one institution's respondents or for all. */
export function surveyFigures(study: Study, scope: SurveyScope): SurveyFigure[] {
  const minGroup = minGroupOf(study);
  const names = institutionNames(study);
  const codes = new Map(listCodes(study).map((code) => [code.id, code.key]));
  const institutionId = 'institutionId' in scope ? scope.institutionId : null;
  const figures: SurveyFigure[] = [];
  for (const record of listSurveyRecords(study)) {
    const model = surveyModel(study, record);
    const norms = questionNorms(study, record.id);
    const rows = rowsInScope(model, institutionId);
    const present = institutionId === null ? institutionsPresent(model, names) : [];
    for (const column of model.columns) {
      if (!FIGURE_KINDS.has(column.kind)) continue;
      const codeId = norms.get(column.header) ?? null;
      const normKey = codeId ? (codes.get(codeId) ?? null) : null;
      figures.push({
        surveyId: record.id,
        surveyName: record.name,
        question: column.header,
        kind: column.kind as SurveyFigure['kind'],
        normKey,
        normCodeId: normKey ? codeId : null,
        minGroup,
        ...figureBlock(column, rows, names, minGroup),
        byInstitution:
          institutionId === null
            ? present.map((institution) => ({
                institutionId: institution.id,
                institution: institution.name,
                ...figureBlock(column, rowsInScope(model, institution.id), names, minGroup),
              }))
            : null,
      });
    }
  }
  return figures;
}

/** Respondents per role for the "toezicht in cijfers" table, over all surveys; institutionId null: all respondents. */
export function surveyRespondentCounts(study: Study, institutionId: string | null): RespondentCounts {
  let jeugdigen = 0;
  let ouders = 0;
  let totaal = 0;
  for (const record of listSurveyRecords(study)) {
    const model = surveyModel(study, record);
    model.roleOfRow.forEach((role, index) => {
      if (institutionId !== null && model.institutionOfRow[index] !== institutionId) return;
      totaal += 1;
      if (role === 'jeugdige') jeugdigen += 1;
      else if (role === 'ouder') ouders += 1;
    });
  }
  return { jeugdigen, ouders, totaal };
}

/** One question's figure over the respondents `rows` (null: all). */
export function figureBlock(column: ColumnModel, rows: number[] | null, names: Map<string, string>, minGroup: number): SurveyFigureBlock {
  const distribution = tabulate(pick(displayLabels(column, names), rows), displayOrder(column, names), minGroup);
  const mean = column.numbers ? (meansBy(pick(column.numbers, rows), null, [], minGroup)[0]?.mean ?? null) : null;
  return {
    n: distribution.n,
    missing: distribution.missing,
    suppressed: distribution.suppressed,
    rows: distribution.answers.map(({ answer, n, pct }) => ({ answer, n, pct })),
    mean: distribution.suppressed ? null : mean,
  };
}

function institutionsPresent(model: SurveyModel, names: Map<string, string>): Array<{ id: string; name: string }> {
  const ids = new Set(model.institutionOfRow.filter((id): id is string => id !== null && names.has(id)));
  return [...ids].map((id) => ({ id, name: names.get(id)! })).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}
