/**
 * The questionnaire as a report draft needs it, for the draft's respondents
 * (one institution's, or those of the institutions of the overarching draft):
 * every question's figure (backend/survey/report-figures.ts), the respondent
 * counts, and the cross-tables the reports carry: respondents by role and
 * measure, the mean report mark by number of workers, and the comparison of
 * respondents with and without a period without a worker.
 *
 * All statistics come from the survey module's functions, with the study's
 * privacy threshold: a suppressed group has no counts, percentages or mean
 * here, so the draft cannot print them by mistake. Only an overarching draft
 * over some of the institutions needs its own totals; they are computed with
 * the same shared functions over those institutions' respondents.
 */
import type { Study } from '../study/study';
import type { Distribution, GroupDistribution, GroupMean } from '../../shared/survey';
import { figureBlock, surveyFigures, surveyRespondentCounts, type RespondentCounts, type SurveyFigure } from '../survey/report-figures';
import { surveyModel, type ColumnModel } from '../survey/model';
import { listSurveyRecords, minGroupOf } from '../survey/store';
import { institutionNames, rowsInScope, rowsOfInstitutions, tableOfRespondents } from '../survey/tables';

export interface ReportSurvey {
  id: string;
  name: string;
  /** Every question in the order of the export; overarching: `byInstitution` holds the draft's institutions only. */
  figures: SurveyFigure[];
  /** Measure split by role (groups: Jeugdige, Ouder, ...); null without a role or measure column. */
  roleByMeasure: { measure: string; role: string; total: Distribution; groups: GroupDistribution[] } | null;
  /** The mean report mark per number of workers, n per group; null without those columns. */
  markByWorkers: { mark: string; workers: string; groups: GroupMean[] } | null;
  /** Respondents with (Ja) and without (Nee) a period without a worker; null without that column. */
  withoutWorker: {
    header: string;
    /** The mean mark in both groups; null without a mark column. */
    mark: { header: string; groups: GroupMean[] } | null;
    /** Every closed question, split by the two groups. */
    questions: Array<{ question: string; groups: GroupDistribution[] }>;
  } | null;
}

export interface ReportSurveyData {
  minGroup: number;
  surveys: ReportSurvey[];
  /** All respondents of the draft. */
  respondents: RespondentCounts;
  /** Per institution of the draft. */
  byInstitution: Map<string, RespondentCounts>;
}

/** The groups of the "period without a worker" comparison, as the reports name them. */
export const WITHOUT_WORKER_GROUPS = [
  { value: 'Ja', label: 'Wel een periode zonder' },
  { value: 'Nee', label: 'Geen periode zonder' },
] as const;

type Scope = { institutionId: string } | { institutionIds: string[]; all: boolean };

/** The questionnaire for one institution's draft, or for the overarching draft over `institutionIds` (`all`: every institution of the study). */
export function readReportSurvey(study: Study, scope: Scope): ReportSurveyData | null {
  const records = listSurveyRecords(study);
  if (records.length === 0) return null;
  const minGroup = minGroupOf(study);
  const names = institutionNames(study);
  const single = 'institutionId' in scope ? scope.institutionId : null;
  const chosen = 'institutionId' in scope ? [scope.institutionId] : scope.institutionIds;
  const subset = !('institutionId' in scope) && !scope.all;

  const figuresAll = surveyFigures(study, single !== null ? { institutionId: single } : { overall: true });
  const surveys: ReportSurvey[] = records.map((record) => {
    const model = surveyModel(study, record);
    const rows = single !== null ? rowsInScope(model, single) : subset ? rowsOfInstitutions(model, chosen) : null;
    const figures = figuresAll
      .filter((figure) => figure.surveyId === record.id)
      .map((figure) => {
        if (single !== null) return figure;
        const byInstitution = (figure.byInstitution ?? []).filter((block) => chosen.includes(block.institutionId));
        const column = model.columns.find((candidate) => candidate.header === figure.question);
        // Over some of the institutions, "all respondents" are those of these institutions.
        const total = subset && column ? figureBlock(column, rows, names, minGroup) : null;
        return { ...figure, ...(total ?? {}), byInstitution };
      });
    const columnOf = (kind: ColumnModel['kind']) => model.columns.find((column) => column.kind === kind) ?? null;
    const role = columnOf('role');
    const measure = columnOf('measure');
    const workers = columnOf('workers');
    const without = columnOf('withoutWorker');
    const mark = columnOf('mark');
    const tableScope = { rows, institutionId: single, names, minGroup };
    const table = (column: ColumnModel, by: ColumnModel, mean = false) => tableOfRespondents(model, tableScope, { column, by, mean });

    let roleByMeasure: ReportSurvey['roleByMeasure'] = null;
    if (role && measure) {
      const split = table(measure, role);
      if (split.kind === 'split') roleByMeasure = { measure: measure.header, role: role.header, total: split.total, groups: split.groups };
    }
    let markByWorkers: ReportSurvey['markByWorkers'] = null;
    if (mark && workers) {
      const means = table(mark, workers, true);
      if (means.kind === 'mean') markByWorkers = { mark: mark.header, workers: workers.header, groups: means.groups };
    }
    let withoutWorker: ReportSurvey['withoutWorker'] = null;
    if (without) {
      const wanted = (group: string) => WITHOUT_WORKER_GROUPS.some((known) => known.value === group);
      let markGroups: { header: string; groups: GroupMean[] } | null = null;
      if (mark) {
        const means = table(mark, without, true);
        if (means.kind === 'mean') markGroups = { header: mark.header, groups: means.groups.filter((group) => wanted(group.group)) };
      }
      const questions = model.columns
        .filter((column) => column.kind === 'question')
        .flatMap((column) => {
          const split = table(column, without);
          return split.kind === 'split' ? [{ question: column.header, groups: split.groups.filter((group) => wanted(group.group)) }] : [];
        });
      withoutWorker = { header: without.header, mark: markGroups, questions };
    }
    return { id: record.id, name: record.name, figures, roleByMeasure, markByWorkers, withoutWorker };
  });

  const byInstitution = new Map(chosen.map((id) => [id, surveyRespondentCounts(study, id)]));
  const respondents =
    single !== null ? byInstitution.get(single)! : subset ? sumCounts([...byInstitution.values()]) : surveyRespondentCounts(study, null);
  return { minGroup, surveys, respondents, byInstitution };
}

function sumCounts(counts: RespondentCounts[]): RespondentCounts {
  return counts.reduce((sum, one) => ({ jeugdigen: sum.jeugdigen + one.jeugdigen, ouders: sum.ouders + one.ouders, totaal: sum.totaal + one.totaal }), {
    jeugdigen: 0,
    ouders: 0,
    totaal: 0,
  });
}
