/**
 * The questionnaire view ("Vragenlijst"): import an export, the questions on
 * the left, and for the chosen question its distribution as a table and a bar
 * chart, optionally split by another column, the mean of a numeric column per
 * group, the norm chapter it belongs to in the reports, and export of the
 * shown table to Excel. Small groups show "n < 10" (the study's threshold).
 */
import { useEffect, useRef, useState } from 'react';
import { NUMERIC_KINDS, SURVEY_COLUMN_KIND_LABELS } from '../../shared/survey';
import type { SurveySummary, SurveyTable } from '../../shared/api/types';
import { api } from '../api/client';
import { notify, reportError } from '../ui/toast-store';
import { useEntitiesChanged } from '../api/study-changes';
import { useFramework } from '../framework/framework-store';
import { useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { handOffFile } from '../ui/hand-off';
import { DistributionChart, MeanChart, SplitChart } from './SurveyCharts';
import { SurveyImportDialog } from './SurveyImportDialog';
import { SurveyTableView, tableTitle } from './SurveyTables';
import { currentSurvey, useSurvey } from './survey-store';
import './survey.css';

export function SurveyView() {
  const studyId = useSession((store) => store.session?.study?.id ?? null);
  const list = useSurvey((store) => store.list);
  const survey = useSurvey(currentSurvey);

  useEffect(() => {
    if (studyId) useSurvey.getState().show(studyId).catch(reportError);
    else useSurvey.getState().reset();
    if (!useFramework.getState().loaded) useFramework.getState().load().catch(reportError);
  }, [studyId]);
  // Surveys, their norm placements or the threshold changed (an import, an undo, a merge).
  useEntitiesChanged(['survey', 'surveyQuestion', 'study', 'institution'], () => useSurvey.getState().load().catch(reportError));

  return (
    <section className="survey-view" data-testid="survey-view" aria-label={nl.survey.viewLabel}>
      <SurveyToolbar />
      {list && list.surveys.length === 0 && (
        <div className="survey-empty">
          <p>{nl.survey.empty}</p>
          <ImportButton primary />
        </div>
      )}
      {survey && (
        <div className="survey-body">
          <QuestionList survey={survey} />
          <QuestionDetail survey={survey} />
        </div>
      )}
      <SurveyImportDialog />
    </section>
  );
}

function SurveyToolbar() {
  const list = useSurvey((store) => store.list);
  const surveyId = useSurvey((store) => store.surveyId);
  const selectSurvey = useSurvey((store) => store.selectSurvey);
  const survey = useSurvey(currentSurvey);
  return (
    <header className="survey-toolbar">
      <h2>{nl.survey.title}</h2>
      {list && list.surveys.length > 1 && (
        <select aria-label={nl.survey.chooseSurvey} data-testid="survey-select" value={surveyId ?? ''} onChange={(event) => void selectSurvey(event.target.value).catch(reportError)}>
          {list.surveys.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
        </select>
      )}
      {survey && <span className="muted" data-testid="survey-respondents">{nl.survey.respondents(survey)}</span>}
      <span className="survey-toolbar-spacer" />
      {list && <MinGroupField minGroup={list.minGroup} />}
      <ImportButton />
    </header>
  );
}

function ImportButton({ primary = false }: { primary?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const beginImport = useSurvey((store) => store.beginImport);
  return (
    <>
      <button type="button" className={primary ? 'primary' : undefined} data-testid="survey-import-button" aria-label={nl.survey.importLabel} onClick={() => input.current?.click()}>
        {nl.survey.import}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept=".xlsx,.csv,.tsv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv,text/tab-separated-values"
        data-testid="survey-import-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void beginImport(file);
        }}
      />
    </>
  );
}

function MinGroupField({ minGroup }: { minGroup: number }) {
  const [value, setValue] = useState(String(minGroup));
  const setMinGroup = useSurvey((store) => store.setMinGroup);
  useEffect(() => setValue(String(minGroup)), [minGroup]);
  const save = () => {
    const number = Number(value);
    if (!Number.isInteger(number) || number === minGroup) {
      setValue(String(minGroup));
      return;
    }
    setMinGroup(number)
      .then(() => notify(nl.survey.minGroupSaved(number)))
      .catch((error: unknown) => {
        setValue(String(minGroup));
        reportError(error);
      });
  };
  return (
    <label className="survey-min-group" title={nl.survey.minGroupHint(minGroup)}>
      {nl.survey.minGroup}:
      <input
        type="number"
        min={1}
        max={1000}
        step={1}
        data-testid="survey-min-group"
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onBlur={save}
        onKeyDown={(event) => {
          if (event.key === 'Enter') save();
        }}
      />
    </label>
  );
}

function QuestionList({ survey }: { survey: SurveySummary }) {
  const question = useSurvey((store) => store.question);
  const selectQuestion = useSurvey((store) => store.selectQuestion);
  return (
    <nav className="survey-questions" aria-label={nl.survey.questionsLabel}>
      <h3>{nl.survey.questions}</h3>
      <ul>
        {survey.columns.map((column) => (
          <li key={column.header}>
            <button
              type="button"
              className="survey-question"
              data-testid="survey-question"
              aria-current={column.header === question ? 'true' : undefined}
              onClick={() => void selectQuestion(column.header).catch(reportError)}
            >
              <span className="survey-question-text">{column.header}</span>
              <span className="survey-question-meta">
                {SURVEY_COLUMN_KIND_LABELS[column.kind]} · {nl.survey.answered(column.answered)}
                {column.normKey ? ` · ${column.normKey}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function QuestionDetail({ survey }: { survey: SurveySummary }) {
  const question = useSurvey((store) => store.question);
  const by = useSurvey((store) => store.by);
  const mean = useSurvey((store) => store.mean);
  const table = useSurvey((store) => store.table);
  const meanTable = useSurvey((store) => store.meanTable);
  const tableError = useSurvey((store) => store.tableError);
  const setBy = useSurvey((store) => store.setBy);
  const setMean = useSurvey((store) => store.setMean);
  const setNorm = useSurvey((store) => store.setNorm);
  const codes = useFramework((store) => store.codes);
  const column = survey.columns.find((candidate) => candidate.header === question) ?? null;
  const norms = codes.filter((code) => code.kind === 'norm' && code.parentId === null);
  const numericColumns = survey.columns.filter((candidate) => NUMERIC_KINDS.includes(candidate.kind));

  if (!column) return <main className="survey-detail muted">{nl.survey.noQuestion}</main>;
  return (
    <main className="survey-detail">
      <h3 className="survey-detail-title" data-testid="survey-question-title">
        {column.header}
      </h3>
      <div className="survey-controls">
        <label>
          {nl.survey.by}
          <select data-testid="survey-by" value={by ?? ''} onChange={(event) => void setBy(event.target.value || null).catch(reportError)}>
            <option value="">{nl.survey.noSplit}</option>
            {survey.columns
              .filter((candidate) => candidate.header !== column.header)
              .map((candidate) => (
                <option key={candidate.header} value={candidate.header}>
                  {candidate.header}
                </option>
              ))}
          </select>
        </label>
        <label>
          {nl.survey.mean}
          <select data-testid="survey-mean" value={mean ?? ''} onChange={(event) => void setMean(event.target.value || null).catch(reportError)}>
            <option value="">{nl.survey.noMean}</option>
            {numericColumns.map((candidate) => (
              <option key={candidate.header} value={candidate.header}>
                {candidate.header}
              </option>
            ))}
          </select>
        </label>
        {column.kind !== 'role' && column.kind !== 'institution' && (
          <label>
            {nl.survey.norm}
            <select
              data-testid="survey-norm"
              value={column.normCodeId ?? ''}
              onChange={(event) =>
                void setNorm(event.target.value || null)
                  .then(() => notify(nl.survey.normSaved))
                  .catch(reportError)
              }
            >
              <option value="">{nl.survey.noNorm}</option>
              {norms.map((code) => (
                <option key={code.id} value={code.id}>
                  {code.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {tableError && (
        <p role="alert" className="survey-error">
          {tableError}
        </p>
      )}
      {table && <TableBlock table={table} />}
      {meanTable && <TableBlock table={meanTable} />}
    </main>
  );
}

function TableBlock({ table }: { table: SurveyTable }) {
  const survey = useSurvey(currentSurvey);
  const [exporting, setExporting] = useState(false);
  const subject = table.kind === 'mean' ? table.mean : table.question;
  const numericScale = table.kind === 'mean' && survey?.columns.find((column) => column.header === table.mean)?.kind === 'mark' ? 10 : 0;

  const exportTable = async () => {
    setExporting(true);
    try {
      const input =
        table.kind === 'mean'
          ? { surveyId: table.surveyId, mean: table.mean, ...(table.by ? { by: table.by } : {}) }
          : { surveyId: table.surveyId, question: table.question, ...(table.kind === 'split' ? { by: table.by } : {}) };
      const result = await api['survey.exportTable'](input);
      const outcome = await handOffFile(result);
      if (outcome.how === 'saved') notify(nl.survey.exported(outcome.path));
    } catch (error) {
      reportError(error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <section className="survey-block">
      <h4 className="survey-block-title" data-testid="survey-block-title">
        {tableTitle(table)}
      </h4>
      <div className="survey-block-body">
        <div className="survey-table-wrap">
          <SurveyTableView table={table} />
          {table.kind !== 'mean' && <p className="field-hint">{nl.survey.percentagesNote}</p>}
        </div>
        <div className="survey-chart-wrap">
          {table.kind === 'distribution' && <DistributionChart question={table.question} answers={table.answers} suppressed={table.suppressed} minGroup={table.minGroup} />}
          {table.kind === 'split' && (
            <SplitChart question={table.question} answers={table.total.answers.map((answer) => answer.answer)} groups={table.groups} minGroup={table.minGroup} />
          )}
          {table.kind === 'mean' && <MeanChart column={table.mean} groups={table.groups} minGroup={table.minGroup} scaleMax={numericScale} />}
        </div>
      </div>
      <button type="button" className="small" data-testid={table.kind === 'mean' ? 'survey-export-mean' : 'survey-export'} aria-label={nl.survey.exportLabel(subject)} disabled={exporting} onClick={() => void exportTable()}>
        {nl.survey.export}
      </button>
    </section>
  );
}
