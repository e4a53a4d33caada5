/**
 * The questionnaire view's state: the surveys of the study, the chosen survey
 * and question, the split and mean choosers and the tables they give; and the
 * import, from the chosen file through the mapping dialog to the stored survey.
 */
import { create } from 'zustand';
import type { JobProgress, SurveyAnalysis, SurveyList, SurveyMapping, SurveySummary, SurveyTable } from '../../shared/api/types';
import { api, errorMessage, stageFile } from '../api/client';
import { followJob } from '../ui/job-progress';
import { nl } from '../text/nl';

export type SurveyImportPhase = 'analysing' | 'mapping' | 'importing';

interface SurveyImportState {
  phase: SurveyImportPhase;
  fileName: string;
  analysis: SurveyAnalysis | null;
  message: string;
  error: string | null;
}

interface SurveyStore {
  /** The study the list and the choices belong to. */
  studyId: string | null;
  list: SurveyList | null;
  surveyId: string | null;
  question: string | null;
  by: string | null;
  mean: string | null;
  table: SurveyTable | null;
  meanTable: SurveyTable | null;
  tableError: string | null;
  importing: SurveyImportState | null;

  /** The view opens: load the study's surveys, keeping the choices made before in the same study. */
  show(studyId: string): Promise<void>;
  /** Load the list anew (after an undo, redo or merge), keeping the choices that still exist. */
  load(): Promise<void>;
  reset(): void;
  selectSurvey(surveyId: string): Promise<void>;
  selectQuestion(question: string): Promise<void>;
  setBy(by: string | null): Promise<void>;
  setMean(mean: string | null): Promise<void>;
  refreshTables(): Promise<void>;
  setNorm(codeId: string | null): Promise<void>;
  setMinGroup(minGroup: number): Promise<void>;

  beginImport(file: File): Promise<void>;
  confirmImport(mapping: SurveyMapping, name: string): Promise<string | null>;
  /** Analyse the staged file again with another number of header rows. */
  setHeaderRows(headerRows: number): Promise<void>;
  closeImport(): void;
}

const QUESTION_KINDS = new Set(['question', 'measure', 'workers', 'withoutWorker', 'mark', 'number', 'role', 'institution']);

export function currentSurvey(store: Pick<SurveyStore, 'list' | 'surveyId'>): SurveySummary | null {
  return store.list?.surveys.find((survey) => survey.id === store.surveyId) ?? null;
}

const EMPTY = {
  studyId: null,
  list: null,
  surveyId: null,
  question: null,
  by: null,
  mean: null,
  table: null,
  meanTable: null,
  tableError: null,
} satisfies Partial<SurveyStore>;

export const useSurvey = create<SurveyStore>()((set, get) => {
  /** Keep the choices that still exist in the (re)loaded survey. */
  const settle = (list: SurveyList, preferredSurveyId: string | null) => {
    const survey = list.surveys.find((candidate) => candidate.id === preferredSurveyId) ?? list.surveys[0] ?? null;
    const headers = new Set(survey?.columns.map((column) => column.header) ?? []);
    const question = get().question && headers.has(get().question!) ? get().question : (survey?.columns.find((c) => QUESTION_KINDS.has(c.kind) && c.kind !== 'role' && c.kind !== 'institution')?.header ?? null);
    set({
      list,
      surveyId: survey?.id ?? null,
      question,
      by: get().by && headers.has(get().by!) && get().by !== question ? get().by : null,
      mean: get().mean && headers.has(get().mean!) ? get().mean : null,
    });
  };

  /** The import job's progress as the dialog's message. */
  const showProgress = (progress: JobProgress) => {
    const importing = get().importing;
    if (importing) set({ importing: { ...importing, message: progress.message } });
  };

  const tableFor = async (input: { question?: string; mean?: string; by?: string }) => {
    const surveyId = get().surveyId;
    if (!surveyId) return null;
    return api['survey.table']({ surveyId, ...input });
  };

  return {
    ...EMPTY,
    importing: null,

    async show(studyId) {
      if (get().studyId !== studyId) set({ ...EMPTY, studyId });
      await get().load();
    },
    async load() {
      settle(await api['survey.list']({}), get().surveyId);
      await get().refreshTables();
    },
    reset: () => set(EMPTY),

    async selectSurvey(surveyId) {
      set({ surveyId, question: null, by: null, mean: null });
      settle(get().list!, surveyId);
      await get().refreshTables();
    },
    async selectQuestion(question) {
      set({ question, by: get().by === question ? null : get().by });
      await get().refreshTables();
    },
    async setBy(by) {
      set({ by });
      await get().refreshTables();
    },
    async setMean(mean) {
      set({ mean });
      await get().refreshTables();
    },
    async refreshTables() {
      const { question, by, mean } = get();
      try {
        const [table, meanTable] = await Promise.all([
          question ? tableFor({ question, ...(by ? { by } : {}) }) : null,
          mean ? tableFor({ mean, ...(by && by !== mean ? { by } : {}) }) : null,
        ]);
        set({ table, meanTable, tableError: null });
      } catch (error) {
        set({ table: null, meanTable: null, tableError: errorMessage(error, nl.errors.unexpected) });
      }
    },
    async setNorm(codeId) {
      const { surveyId, question, list } = get();
      if (!surveyId || !question || !list) return;
      const summary = await api['survey.setQuestionNorm']({ surveyId, question, codeId });
      set({ list: { ...list, surveys: list.surveys.map((survey) => (survey.id === summary.id ? summary : survey)) } });
    },
    async setMinGroup(minGroup) {
      await api['survey.setMinGroup']({ minGroup });
      await get().load();
    },

    async beginImport(file) {
      set({ importing: { phase: 'analysing', fileName: file.name, analysis: null, message: nl.survey.importer.staging, error: null } });
      const { jobId, stop } = followJob('vragenlijst', showProgress);
      try {
        const staged = await stageFile(file);
        set({ importing: { ...get().importing!, message: nl.survey.importer.reading } });
        const analysis = await api['survey.analyse']({ stagedId: staged.stagedId, jobId });
        if (get().importing) set({ importing: { ...get().importing!, phase: 'mapping', analysis, error: null } });
      } catch (error) {
        if (get().importing) set({ importing: { ...get().importing!, phase: 'analysing', error: errorMessage(error, nl.errors.unexpected) } });
      } finally {
        stop();
      }
    },

    async confirmImport(mapping, name) {
      const importing = get().importing;
      if (!importing?.analysis) return null;
      set({ importing: { ...importing, phase: 'importing', message: nl.survey.importer.saving, error: null } });
      const { jobId, stop } = followJob('vragenlijst', showProgress);
      try {
        const result = await api['survey.import']({ stagedId: importing.analysis.stagedId, mapping, name, jobId });
          set({ importing: null, surveyId: result.surveyId, question: null, by: null, mean: null });
        settle(await api['survey.list']({}), result.surveyId);
        await get().refreshTables();
        return nl.survey.importer.done(result.name, result.respondents, result.replaced);
      } catch (error) {
        set({ importing: { ...importing, phase: 'mapping', error: errorMessage(error, nl.errors.unexpected) } });
        return null;
      } finally {
        stop();
      }
    },
    async setHeaderRows(headerRows) {
      const importing = get().importing;
      if (!importing?.analysis) return;
      set({ importing: { ...importing, phase: 'analysing', message: nl.survey.importer.rereading, error: null } });
      try {
        const analysis = await api['survey.analyse']({ stagedId: importing.analysis.stagedId, headerRows });
        if (get().importing) set({ importing: { ...get().importing!, phase: 'mapping', analysis, error: null } });
      } catch (error) {
        if (get().importing) set({ importing: { ...importing, phase: 'mapping', error: errorMessage(error, nl.errors.unexpected) } });
      }
    },
    closeImport: () => set({ importing: null }),
  };
});
