/**
 * The mapping dialog: the file is read (with progress), then per column the
 * proposed meaning with the values found in it, the institution names mapped
 * to the study's institutions (or new ones), and only then "Importeren".
 */
import { useMemo, useState } from 'react';
import { foldAnswer, SINGLE_COLUMN_KINDS, SURVEY_COLUMN_KIND_LABELS, SURVEY_COLUMN_KINDS, type SurveyColumnKind, type SurveyRole } from '../../shared/survey';
import type { Institution, SurveyAnalysis, SurveyMapping } from '../../shared/api/types';
import { notify } from '../ui/toast-store';
import { selectInstitutions, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { Dialog } from '../ui/Dialog';
import { ProgressBar } from '../ui/ProgressBar';
import { useSurvey } from './survey-store';

const PREVIEW_COUNT = 6;
const NEW = '__nieuw__';
const IGNORE = '';

export function SurveyImportDialog() {
  const importing = useSurvey((store) => store.importing);
  const close = useSurvey((store) => store.closeImport);
  if (!importing) return null;
  const busy = importing.phase !== 'mapping' && !importing.error;
  return (
    <Dialog title={nl.survey.importer.title} onClose={busy ? undefined : close} className="survey-import-dialog" testId="survey-mapping-dialog">
      {importing.phase === 'mapping' && importing.analysis ? (
        <MappingForm key={`${importing.analysis.stagedId}-${importing.analysis.header.headerRows}`} analysis={importing.analysis} error={importing.error} />
      ) : (
        <div className="survey-import-progress">
          {importing.error ? (
            <>
              <p role="alert" className="survey-error" data-testid="survey-import-error">
                {importing.error}
              </p>
              <div className="dialog-actions">
                <button type="button" onClick={close}>
                  {nl.common.close}
                </button>
              </div>
            </>
          ) : (
            <ProgressBar done={0} total={0} message={importing.message} label={nl.survey.importer.progressLabel} testId="survey-import-progress" />
          )}
        </div>
      )}
    </Dialog>
  );
}

function MappingForm({ analysis, error }: { analysis: SurveyAnalysis; error: string | null }) {
  const institutions = useSession(selectInstitutions);
  const importing = useSurvey((store) => store.importing);
  const confirm = useSurvey((store) => store.confirmImport);
  const close = useSurvey((store) => store.closeImport);
  const [name, setName] = useState(analysis.suggestedName);
  const [kinds, setKinds] = useState<Record<string, SurveyColumnKind>>(() =>
    Object.fromEntries(analysis.mapping.columns.map((column) => [column.header, column.kind])),
  );
  const [targets, setTargets] = useState<Record<string, string>>(() => initialTargets(analysis, institutions));
  const [defaultRole, setDefaultRole] = useState<SurveyRole | null>(null);
  const [defaultInstitutionId, setDefaultInstitutionId] = useState<string | null>(null);
  const saving = importing?.phase === 'importing';

  const institutionColumn = analysis.columns.find((column) => kinds[column.header] === 'institution') ?? null;
  const hasRole = Object.values(kinds).includes('role');
  const tooMany = SINGLE_COLUMN_KINDS.filter((kind) => Object.values(kinds).filter((value) => value === kind).length > 1);
  const institutionValues = useMemo(() => institutionColumn?.values.map((value) => value.value) ?? [], [institutionColumn]);

  const targetOf = (value: string) => targets[value] ?? proposeTarget(value, institutions);

  const submit = async () => {
    const mapping: SurveyMapping = {
      columns: analysis.columns.map((column) => ({ header: column.header, kind: kinds[column.header] ?? 'ignore' })),
      institutions: institutionValues.map((value) => {
        const target = targetOf(value);
        if (target === NEW) return { value, createName: value };
        if (target === IGNORE) return { value };
        return { value, institutionId: target };
      }),
      defaultRole: hasRole ? null : defaultRole,
      defaultInstitutionId: institutionColumn ? null : defaultInstitutionId,
    };
    const done = await confirm(mapping, name.trim() || analysis.suggestedName);
    if (done) notify(done);
  };

  return (
    <form
      className="survey-mapping"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <p>{nl.survey.importer.intro(analysis.fileName, analysis.respondents)}</p>
      {analysis.notes.length > 0 && (
        <div className="survey-notes" role="note">
          <strong>{nl.survey.importer.notes}</strong>
          <ul>
            {analysis.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      )}
      <HeaderRows analysis={analysis} disabled={saving} />
      <div className="field">
        <label htmlFor="survey-name">{nl.survey.importer.name}</label>
        <input id="survey-name" data-testid="survey-name" value={name} maxLength={300} onChange={(event) => setName(event.target.value)} />
        {analysis.replaces && <span className="field-hint">{nl.survey.importer.replaces(analysis.replaces.name)}</span>}
      </div>

      <div className="survey-mapping-scroll">
        <table className="survey-mapping-table">
          <thead>
            <tr>
              <th scope="col">{nl.survey.importer.column}</th>
              <th scope="col">{nl.survey.importer.kind}</th>
              <th scope="col">{nl.survey.importer.values}</th>
            </tr>
          </thead>
          <tbody>
            {analysis.columns.map((column, index) => (
              <tr key={column.header} data-testid="survey-mapping-row" data-header={column.header}>
                <th scope="row">{column.header}</th>
                <td>
                  <select
                    data-testid="survey-kind"
                    data-index={index}
                    aria-label={nl.survey.importer.kindLabel(column.header)}
                    value={kinds[column.header] ?? 'ignore'}
                    disabled={saving}
                    onChange={(event) => setKinds({ ...kinds, [column.header]: event.target.value as SurveyColumnKind })}
                  >
                    {SURVEY_COLUMN_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {SURVEY_COLUMN_KIND_LABELS[kind]}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="survey-preview">
                  {column.values.slice(0, PREVIEW_COUNT).map((value) => (
                    <span key={value.value} className="survey-value" title={value.value}>
                      {value.value} <span className="muted">({value.n.toLocaleString('nl-NL')})</span>
                    </span>
                  ))}
                  {column.distinct > PREVIEW_COUNT && <span className="muted">{nl.survey.importer.more(column.distinct - PREVIEW_COUNT)}</span>}
                  {column.blanks > 0 && <span className="muted"> · {nl.survey.importer.blanks(column.blanks)}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {tooMany.length > 0 && (
        <p role="alert" className="survey-error">
          {tooMany.map((kind) => nl.survey.importer.kindLimit(SURVEY_COLUMN_KIND_LABELS[kind])).join(' ')}
        </p>
      )}

      {institutionColumn && (
        <fieldset className="survey-institutions">
          <legend>{nl.survey.importer.institutions}</legend>
          <p className="field-hint">{nl.survey.importer.institutionsIntro}</p>
          {!institutionColumn.valuesComplete && <p className="survey-error">{nl.survey.importer.incompleteValues}</p>}
          {institutionValues.map((value) => (
            <div className="survey-institution-row" key={value}>
              <label htmlFor={`survey-institution-${foldAnswer(value)}`}>{value}</label>
              <select
                id={`survey-institution-${foldAnswer(value)}`}
                data-testid="survey-institution-target"
                data-value={value}
                aria-label={nl.survey.importer.institutionFor(value)}
                value={targetOf(value)}
                disabled={saving}
                onChange={(event) => setTargets({ ...targets, [value]: event.target.value })}
              >
                {institutions.map((institution) => (
                  <option key={institution.id} value={institution.id}>
                    {institution.name}
                  </option>
                ))}
                <option value={NEW}>{nl.survey.importer.newInstitution(value)}</option>
                <option value={IGNORE}>{nl.survey.importer.ignoreInstitution}</option>
              </select>
            </div>
          ))}
        </fieldset>
      )}

      <div className="field-row">
        {!hasRole && (
          <div className="field">
            <label htmlFor="survey-default-role">{nl.survey.importer.defaultRole}</label>
            <select id="survey-default-role" value={defaultRole ?? ''} onChange={(event) => setDefaultRole((event.target.value || null) as SurveyRole | null)}>
              <option value="">{nl.survey.importer.defaultRoleNone}</option>
              <option value="jeugdige">{nl.survey.importer.defaultRoleJeugdige}</option>
              <option value="ouder">{nl.survey.importer.defaultRoleOuder}</option>
            </select>
          </div>
        )}
        {!institutionColumn && (
          <div className="field">
            <label htmlFor="survey-default-institution">{nl.survey.importer.defaultInstitution}</label>
            <select id="survey-default-institution" value={defaultInstitutionId ?? ''} onChange={(event) => setDefaultInstitutionId(event.target.value || null)}>
              <option value="">{nl.survey.importer.defaultInstitutionNone}</option>
              {institutions.map((institution) => (
                <option key={institution.id} value={institution.id}>
                  {institution.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>

      {error && (
        <p role="alert" className="survey-error" data-testid="survey-import-error">
          {error}
        </p>
      )}
      {saving && <ProgressBar done={0} total={0} message={importing?.message ?? ''} label={nl.survey.importer.progressLabel} testId="survey-import-progress" />}
      <div className="dialog-actions">
        <button type="button" onClick={close} disabled={saving}>
          {nl.survey.importer.cancel}
        </button>
        <button type="submit" className="primary" data-testid="survey-import-submit" disabled={saving || tooMany.length > 0}>
          {nl.survey.importer.submit}
        </button>
      </div>
    </form>
  );
}

/** The top rows of the file with the header rows marked, and the number of header rows to choose. */
function HeaderRows({ analysis, disabled }: { analysis: SurveyAnalysis; disabled: boolean }) {
  const setHeaderRows = useSurvey((store) => store.setHeaderRows);
  const { rows, headerRows, detectedHeaderRows, recognised } = analysis.header;
  const choices = Array.from({ length: Math.max(1, Math.min(rows.length, headerRows + analysis.respondents - 1)) }, (_, index) => index + 1);
  const width = Math.min(8, Math.max(...rows.map((row) => row.length)));
  return (
    <fieldset className="survey-header-rows" data-testid="survey-header-rows">
      <legend>{nl.survey.importer.headerRows}</legend>
      <p className="field-hint">
        {recognised && <strong data-testid="survey-recognised">{nl.survey.importer.headerRowsRecognised(recognised)} </strong>}
        {nl.survey.importer.headerRowsIntro}
      </p>
      <div className="field">
        <label htmlFor="survey-header-rows">{nl.survey.importer.headerRowsCount}</label>
        <select
          id="survey-header-rows"
          data-testid="survey-header-rows-count"
          value={headerRows}
          disabled={disabled}
          onChange={(event) => void setHeaderRows(Number(event.target.value))}
        >
          {choices.map((count) => (
            <option key={count} value={count}>
              {count}
              {count === detectedHeaderRows ? nl.survey.importer.headerRowsDetected(detectedHeaderRows) : ''}
            </option>
          ))}
        </select>
      </div>
      <div className="survey-mapping-scroll survey-header-preview">
        <table>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index} className={index < headerRows ? 'is-header' : undefined} data-testid="survey-head-row" data-header={index < headerRows}>
                <th scope="row">
                  {nl.survey.importer.headerRowLabel(index + 1)} <span className="muted">({nl.survey.importer.headerRowKind(index < headerRows)})</span>
                </th>
                {row.slice(0, width).map((cell, column) => (
                  <td key={column} title={cell}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}

function initialTargets(analysis: SurveyAnalysis, institutions: Institution[]): Record<string, string> {
  const targets: Record<string, string> = {};
  for (const entry of analysis.mapping.institutions) {
    targets[entry.value] = entry.institutionId && institutions.some((institution) => institution.id === entry.institutionId) ? entry.institutionId : entry.createName ? NEW : IGNORE;
  }
  return targets;
}

/** For a column the proposal did not cover: the institution with the same name, else a new one. */
function proposeTarget(value: string, institutions: Institution[]): string {
  const folded = foldAnswer(value);
  return institutions.find((institution) => foldAnswer(institution.name) === folded)?.id ?? NEW;
}
