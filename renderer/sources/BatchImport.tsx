/**
 * Batch import: the "Map…" and "Zip…" buttons, and the table of a read
 * folder or zip. Every row's institution, type, role, measure, date and
 * title can be changed, or one column for all selected rows at once; the
 * files that will not be imported are listed with their reason. Nothing is
 * stored before "Importeren".
 */
import { useId, useRef, useState } from 'react';
import { MEASURE_LABELS, MEASURES, ROLE_LABELS, ROLES, SOURCE_TYPE_LABELS, SOURCE_TYPES } from '../../shared/vocabulary';
import { openSource } from '../document/open-source';
import { selectInstitutions, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { DateField } from '../ui/DateField';
import { EnumSelect, optionsOf } from '../ui/EnumSelect';
import { ProgressBar } from '../ui/ProgressBar';
import { notify, reportError } from '../ui/toast-store';
import { isComplete, useBatch, type BatchValues, type EditableRow } from './batch-store';
import { ImportResults } from './ImportResults';
import { JobCancel } from './JobCancel';

const TYPE_OPTIONS = optionsOf(SOURCE_TYPES, SOURCE_TYPE_LABELS);
const ROLE_OPTIONS = optionsOf(ROLES, ROLE_LABELS);
const MEASURE_OPTIONS = optionsOf(MEASURES, MEASURE_LABELS);

export function BatchImportButtons() {
  const folderRef = useRef<HTMLInputElement>(null);
  const zipRef = useRef<HTMLInputElement>(null);
  // The desktop app asks for the folder with its own dialog; a browser through <input webkitdirectory>.
  const nativeDialog = useSession((store) => store.session?.canChooseFiles ?? false);
  const read = (source: Parameters<ReturnType<typeof useBatch.getState>['read']>[0]) => void useBatch.getState().read(source).catch(reportError);
  const take = (input: HTMLInputElement) => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length > 0) read({ files });
  };
  return (
    <>
      <button
        type="button"
        className="small"
        data-testid="batch-folder-button"
        aria-label={nl.batch.folderLabel}
        title={nl.batch.folderLabel}
        onClick={() => (nativeDialog ? read({ chooseFolder: true }) : folderRef.current?.click())}
      >
        {nl.batch.folder}
      </button>
      <button type="button" className="small" data-testid="batch-zip-button" aria-label={nl.batch.zipLabel} title={nl.batch.zipLabel} onClick={() => zipRef.current?.click()}>
        {nl.batch.zip}
      </button>
      <input
        ref={(element) => {
          folderRef.current = element;
          // React does not know these attributes; set them on the element itself.
          element?.setAttribute('webkitdirectory', '');
          element?.setAttribute('directory', '');
        }}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        aria-hidden="true"
        data-testid="batch-folder-input"
        onChange={(event) => take(event.target)}
      />
      <input ref={zipRef} type="file" accept=".zip,application/zip" hidden tabIndex={-1} aria-hidden="true" data-testid="batch-zip-input" onChange={(event) => take(event.target)} />
    </>
  );
}

export function BatchPanel() {
  const phase = useBatch((store) => store.phase);
  const preview = useBatch((store) => store.preview);
  const close = useBatch((store) => store.close);
  const titleId = useId();
  if (phase === null) return null;
  return (
    <section className="batch-panel" role="dialog" aria-modal="false" aria-labelledby={titleId} data-testid="batch-panel">
      <header className="import-panel-header">
        <h2 id={titleId}>{nl.batch.title(preview?.name ?? '…')}</h2>
        <button type="button" className="icon-button" data-testid="batch-close" aria-label={nl.batch.closeLabel} title={nl.common.close} disabled={phase === 'running' || phase === 'reading'} onClick={close}>
          ×
        </button>
      </header>
      <div className="batch-panel-body">{phase === 'table' ? <BatchTable /> : <BatchProgress />}</div>
    </section>
  );
}

function BatchProgress() {
  const phase = useBatch((store) => store.phase);
  const progress = useBatch((store) => store.progress);
  const outcomes = useBatch((store) => store.outcomes);
  return (
    <>
      <ProgressBar {...progress} label={nl.batch.progressLabel} testId="batch-progress" />
      {phase === 'reading' && <JobCancel ocr={progress.ocr} onCancel={() => useBatch.getState().cancel()} testId="batch-cancel" />}
      {phase === 'done' && <ImportResults outcomes={outcomes} />}
    </>
  );
}

function BatchTable() {
  const rows = useBatch((store) => store.rows);
  const preview = useBatch((store) => store.preview)!;
  const selected = useBatch((store) => store.selected);
  const currentInspectorId = useSession((store) => store.session?.currentInspectorId ?? null);
  const incomplete = rows.filter((row) => !isComplete(row)).length;

  const submit = () => {
    useBatch
      .getState()
      .confirm(currentInspectorId)
      .then((outcomes) => {
        const count = (status: string) => outcomes.filter((outcome) => outcome.status === status).length;
        notify(nl.importer.summary(count('imported'), count('duplicate'), count('rejected') + preview.refused.filter((item) => item.status === 'rejected').length));
        const only = outcomes.length === 1 ? outcomes[0] : undefined;
        if (only && only.status === 'imported') openSource(only.sourceId);
      })
      .catch(reportError);
  };

  return (
    <>
      <p className="muted">{nl.batch.intro}</p>
      <p data-testid="batch-counts">{nl.batch.counts(rows.length, preview.refused.length)}</p>
      {rows.length > 0 ? (
        <>
          <BulkBar />
          <div className="batch-table-wrap">
            <table className="batch-table" data-testid="batch-table">
              <thead>
                <tr>
                  <th>
                    <input
                      type="checkbox"
                      data-testid="batch-select-all"
                      aria-label={nl.batch.selectAll}
                      checked={selected.size > 0 && selected.size === rows.length}
                      onChange={(event) => useBatch.getState().selectAll(event.target.checked)}
                    />
                  </th>
                  <th>{nl.batch.file}</th>
                  <th>{nl.importer.title_}</th>
                  <th>{nl.importer.institution}</th>
                  <th>{nl.importer.sourceType}</th>
                  <th>{nl.importer.role}</th>
                  <th>{nl.importer.measure}</th>
                  <th>{nl.importer.date}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <BatchRowView key={row.rowId} row={row} selected={selected.has(row.rowId)} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p>{nl.batch.nothing}</p>
      )}
      {preview.refused.length > 0 && (
        <details className="batch-refused" open>
          <summary>{nl.batch.refused(preview.refused.length)}</summary>
          <ul>
            {preview.refused.map((item) => (
              <li key={item.relativePath} data-testid="batch-refused-row" data-status={item.status}>
                <span className="import-file">{shownPath(item.relativePath, preview.name)}</span>{' '}
                {/* A duplicate's reason already says it is there ("Dit bestand is al geïmporteerd …"). */}
                {item.status !== 'duplicate' && <span className="muted">({nl.batch.rejected}) </span>}
                <span className="import-message">{item.reason}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      <footer className="dialog-actions">
        {incomplete > 0 && (
          <span className="form-error" data-testid="batch-incomplete">
            {nl.batch.incomplete(incomplete)}
          </span>
        )}
        {rows.length === 0 ? (
          // Nothing can be imported: no "0 bronnen importeren", only the way out.
          <button type="button" className="primary" data-testid="batch-nothing-close" onClick={() => useBatch.getState().close()}>
            {nl.common.close}
          </button>
        ) : (
          <>
            <button type="button" onClick={() => useBatch.getState().close()}>
              {nl.common.cancel}
            </button>
            <button type="button" className="primary" data-testid="batch-submit" disabled={incomplete > 0} onClick={submit}>
              {nl.batch.submit(rows.length)}
            </button>
          </>
        )}
      </footer>
    </>
  );
}

function BatchRowView({ row, selected }: { row: EditableRow; selected: boolean }) {
  const institutions = useSession(selectInstitutions);
  const batchName = useBatch((store) => store.preview?.name ?? '');
  const set = (values: Partial<BatchValues>) => useBatch.getState().setRow(row.rowId, values);
  const label = (field: string) => nl.batch.fieldLabel(field, row.relativePath);
  return (
    <tr data-testid="batch-row" data-path={row.relativePath} className={isComplete(row) ? undefined : 'incomplete'}>
      <td>
        <input type="checkbox" data-testid="batch-row-select" aria-label={nl.batch.selectRow(row.relativePath)} checked={selected} onChange={(event) => useBatch.getState().select(row.rowId, event.target.checked)} />
      </td>
      <td className="batch-path" title={row.relativePath}>
        {shownPath(row.relativePath, batchName)}
        <span className="batch-file-facts muted" data-testid="batch-file-facts">
          {nl.batch.fileFacts(row.format.toUpperCase(), row.pages, row.ocrPages)}
        </span>
      </td>
      <td>
        <input
          data-testid="batch-title"
          aria-label={label(nl.importer.title_)}
          title={row.titleFromDocument ? undefined : nl.batch.titleFromFile}
          className={row.titleFromDocument ? undefined : 'from-file-name'}
          value={row.title}
          maxLength={300}
          onChange={(event) => set({ title: event.target.value })}
        />
      </td>
      <td>
        <EnumSelect
          data-testid="batch-institution"
          aria-label={label(nl.importer.institution)}
          value={row.institutionId}
          options={institutions.map((institution) => ({ value: institution.id, label: institution.name }))}
          emptyLabel={nl.importer.choose}
          onChange={(institutionId) => set({ institutionId })}
        />
      </td>
      <td>
        <EnumSelect data-testid="batch-type" aria-label={label(nl.importer.sourceType)} value={row.sourceType} options={TYPE_OPTIONS} emptyLabel={nl.importer.choose} onChange={(sourceType) => set({ sourceType })} />
      </td>
      <td>
        <EnumSelect data-testid="batch-role" aria-label={label(nl.importer.role)} value={row.role} options={ROLE_OPTIONS} emptyLabel={nl.importer.noRole} onChange={(role) => set({ role })} />
      </td>
      <td>
        <EnumSelect data-testid="batch-measure" aria-label={label(nl.importer.measure)} value={row.measure} options={MEASURE_OPTIONS} emptyLabel={nl.importer.noMeasure} onChange={(measure) => set({ measure })} />
      </td>
      <td>
        <DateField data-testid="batch-date" aria-label={label(nl.importer.date)} value={row.date ?? ''} onChange={(date) => set({ date: date || null })} />
      </td>
    </tr>
  );
}

/** The path inside the chosen folder: its own name, the same on every row, is left out. */
function shownPath(relativePath: string, batchName: string): string {
  return relativePath.startsWith(`${batchName}/`) ? relativePath.slice(batchName.length + 1) : relativePath;
}

type BulkColumn = 'institutionId' | 'sourceType' | 'role' | 'measure' | 'date';

/** Set one column for every selected row. */
function BulkBar() {
  const selected = useBatch((store) => store.selected);
  const institutions = useSession(selectInstitutions);
  const [column, setColumn] = useState<BulkColumn>('institutionId');
  const [value, setValue] = useState<string | null>(null);
  const columns: Array<{ value: BulkColumn; label: string }> = [
    { value: 'institutionId', label: nl.importer.institution },
    { value: 'sourceType', label: nl.importer.sourceType },
    { value: 'role', label: nl.importer.role },
    { value: 'measure', label: nl.importer.measure },
    { value: 'date', label: nl.importer.date },
  ];
  const options: Record<Exclude<BulkColumn, 'date'>, ReadonlyArray<{ value: string; label: string }>> = {
    institutionId: institutions.map((institution) => ({ value: institution.id, label: institution.name })),
    sourceType: TYPE_OPTIONS,
    role: ROLE_OPTIONS,
    measure: MEASURE_OPTIONS,
  };
  const count = selected.size;
  return (
    <div className="batch-bulk" role="group" aria-label={nl.batch.setColumnLabel}>
      <span data-testid="batch-selected">{nl.batch.selected(count)}</span>
      <select
        data-testid="batch-bulk-column"
        aria-label={nl.batch.setColumnLabel}
        value={column}
        onChange={(event) => {
          setColumn(event.target.value as BulkColumn);
          setValue(null);
        }}
      >
        {columns.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {column === 'date' ? (
        <DateField data-testid="batch-bulk-date" aria-label={nl.batch.setValueLabel} value={value ?? ''} onChange={(date) => setValue(date || null)} />
      ) : (
        <EnumSelect data-testid="batch-bulk-value" aria-label={nl.batch.setValueLabel} value={value} options={options[column]} emptyLabel={nl.importer.choose} onChange={setValue} />
      )}
      <button type="button" className="small" data-testid="batch-bulk-apply" aria-label={nl.batch.applyLabel(count)} disabled={count === 0} onClick={() => useBatch.getState().setSelected({ [column]: value } as Partial<BatchValues>)}>
        {nl.batch.apply}
      </button>
      <button type="button" className="small" data-testid="batch-remove" aria-label={nl.batch.removeLabel(count)} disabled={count === 0} onClick={() => useBatch.getState().removeSelected()}>
        {nl.batch.remove}
      </button>
    </div>
  );
}
