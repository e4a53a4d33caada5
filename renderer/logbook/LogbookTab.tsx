/**
 * "Logboek" (Team view): every action of the team, newest first, filtered by
 * inspector, kind, institution, period and a search, one page of 100 lines
 * at a time (the backend counts and pages, so 100,000 lines stay fast), and
 * the filtered lines exported to Excel or CSV through the usual save or
 * download flow. Reloads after every change the backend pushes.
 */
import { useEffect, useState } from 'react';
import type { LogbookFilter, LogbookLine, LogbookPage } from '../../shared/api/types';
import { ALL_ENTITIES } from '../../shared/api/study-entities';
import { api } from '../api/client';
import { useChangeVersion } from '../api/study-changes';
import { handOffFile } from '../ui/hand-off';
import { selectInspectors, selectInstitutions, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { DateField } from '../ui/DateField';
import { Field } from '../ui/Field';
import { notify, reportError } from '../ui/toast-store';
import './logbook.css';

const PAGE_SIZE = 100;
/** Typing in the search waits this long before asking the backend. */
const SEARCH_DELAY_MS = 250;

export function LogbookTab() {
  const text = nl.logbook;
  const [filter, setFilter] = useState<LogbookFilter>({});
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<LogbookPage | null>(null);
  const [exporting, setExporting] = useState(false);
  const version = useChangeVersion(ALL_ENTITIES);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      api['logbook.list']({ filter: withoutEmpty(filter), offset, limit: PAGE_SIZE })
        .then((loaded) => current && setPage(loaded))
        .catch(reportError);
    }, filter.query ? SEARCH_DELAY_MS : 0);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [filter, offset, version]);

  const change = (patch: Partial<LogbookFilter>) => {
    setFilter((previous) => ({ ...previous, ...patch }));
    setOffset(0);
  };

  const exportAs = async (format: 'xlsx' | 'csv') => {
    setExporting(true);
    try {
      const exported = await api['logbook.export']({ filter: withoutEmpty(filter), format });
      const handedOff = await handOffFile({ fileName: exported.fileName, fileId: exported.exportId, downloadPath: exported.downloadUrl });
      if (handedOff.how === 'saved') notify(text.saved(handedOff.path));
      else if (handedOff.how !== 'cancelled') notify(text.exported(exported.fileName));
    } catch (error) {
      reportError(error);
    } finally {
      setExporting(false);
    }
  };

  const total = page?.total ?? 0;
  return (
    <div className="logbook" data-testid="logbook">
      <h3 className="team-section-heading">{text.heading}</h3>
      <p className="section-intro">{text.intro}</p>
      {page && <RetentionSetting retention={page.retention} />}
      <Filters filter={filter} kinds={page?.kinds ?? []} onChange={change} onClear={() => change(EMPTY_FILTER)} />
      <div className="logbook-bar">
        <span data-testid="logbook-count" aria-live="polite">
          {page ? text.count(total === 0 ? 0 : offset + 1, offset + page.lines.length, total) : nl.common.loading}
        </span>
        <nav className="logbook-pager" aria-label={text.pages}>
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))} data-testid="logbook-previous">
            {text.previous}
          </button>
          <button type="button" disabled={offset + PAGE_SIZE >= total} onClick={() => setOffset(offset + PAGE_SIZE)} data-testid="logbook-next">
            {text.next}
          </button>
        </nav>
        <span className="logbook-export">
          <button type="button" disabled={exporting || total === 0} onClick={() => void exportAs('xlsx')} data-testid="logbook-export-xlsx" title={text.exportNote}>
            {text.exportExcel}
          </button>
          <button type="button" disabled={exporting || total === 0} onClick={() => void exportAs('csv')} data-testid="logbook-export-csv" title={text.exportNote}>
            {text.exportCsv}
          </button>
        </span>
      </div>
      {page && page.lines.length === 0 ? <p className="team-empty">{text.none}</p> : <Lines lines={page?.lines ?? []} />}
    </div>
  );
}

const EMPTY_FILTER: LogbookFilter = { inspectorId: undefined, call: undefined, institutionId: undefined, from: undefined, to: undefined, query: undefined };

/** The filter as the contract takes it: no empty strings. */
function withoutEmpty(filter: LogbookFilter): LogbookFilter {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => typeof value === 'string' && value.trim() !== '')) as LogbookFilter;
}

interface FiltersProps {
  filter: LogbookFilter;
  kinds: LogbookPage['kinds'];
  onChange: (patch: Partial<LogbookFilter>) => void;
  onClear: () => void;
}

function Filters({ filter, kinds, onChange, onClear }: FiltersProps) {
  const text = nl.logbook;
  const inspectors = useSession(selectInspectors);
  const institutions = useSession(selectInstitutions);
  return (
    <div className="logbook-filters" role="group" aria-label={text.filters}>
      <Field label={text.inspector}>
        <select value={filter.inspectorId ?? ''} onChange={(event) => onChange({ inspectorId: event.target.value })} data-testid="logbook-inspector">
          <option value="">{text.all}</option>
          {inspectors.map((inspector) => (
            <option key={inspector.id} value={inspector.id}>
              {inspector.initials} · {inspector.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={text.kind}>
        <select value={filter.call ?? ''} onChange={(event) => onChange({ call: event.target.value })} data-testid="logbook-kind">
          <option value="">{text.all}</option>
          {kinds.map((kind) => (
            <option key={kind.call} value={kind.call}>
              {kind.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={text.institution}>
        <select value={filter.institutionId ?? ''} onChange={(event) => onChange({ institutionId: event.target.value })} data-testid="logbook-institution">
          <option value="">{text.all}</option>
          {institutions.map((institution) => (
            <option key={institution.id} value={institution.id}>
              {institution.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={text.from}>
        <DateField value={filter.from ?? ''} onChange={(iso) => onChange({ from: iso })} data-testid="logbook-from" />
      </Field>
      <Field label={text.to}>
        <DateField value={filter.to ?? ''} onChange={(iso) => onChange({ to: iso })} data-testid="logbook-to" />
      </Field>
      <Field label={text.search}>
        <input
          type="search"
          value={filter.query ?? ''}
          maxLength={200}
          placeholder={text.searchPlaceholder}
          onChange={(event) => onChange({ query: event.target.value })}
          data-testid="logbook-search"
        />
      </Field>
      {/* A plain button, usable only when there is something to clear: not the view's main action. */}
      <button type="button" onClick={onClear} disabled={Object.keys(withoutEmpty(filter)).length === 0}>
        {text.clear}
      </button>
    </div>
  );
}

function Lines({ lines }: { lines: LogbookLine[] }) {
  const text = nl.logbook;
  return (
    <table className="team-table logbook-table" aria-label={text.tableLabel} data-testid="logbook-lines">
      <thead>
        <tr>
          <th scope="col">{text.columns.at}</th>
          <th scope="col">{text.columns.inspector}</th>
          <th scope="col">{text.columns.action}</th>
          <th scope="col">{text.columns.result}</th>
          <th scope="col">{text.columns.objects}</th>
          <th scope="col">{text.columns.copy}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.id} data-testid="logbook-line" className={line.result === 'refused' ? 'logbook-refused' : undefined}>
            <td className="logbook-at">{new Date(line.at).toLocaleString('nl-NL', { dateStyle: 'short', timeStyle: 'medium' })}</td>
            <td title={line.inspectorName ?? undefined}>{line.inspector ?? '–'}</td>
            <td>{line.label}</td>
            <td>
              {line.result === 'done' ? text.done : text.refused}
              {line.reason && <span className="logbook-reason">{line.reason}</span>}
            </td>
            <td className="logbook-objects">{line.objects}</td>
            <td title={line.own ? text.thisCopy : undefined}>
              {line.replica}
              {line.own && <span className="muted"> ({text.thisCopy})</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The terms offered for the retention (bewaartermijn), in days. */
const RETENTION_CHOICES = [null, 183, 365, 730, 1825, 2555] as const;

/** The study's retention: a change removes the older lines at once (and is a line itself); the view reloads by its push. */
function RetentionSetting({ retention }: { retention: LogbookPage['retention'] }) {
  const text = nl.logbook.retention;
  const [busy, setBusy] = useState(false);
  const choose = async (value: string) => {
    setBusy(true);
    try {
      const days = value === '' ? null : Number(value);
      const result = await api['logbook.setRetention']({ days });
      notify(text.set(result.days));
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };
  const known = (RETENTION_CHOICES as readonly (number | null)[]).includes(retention.days);
  return (
    <div className="logbook-retention">
      <Field label={text.label} hint={text.hint(retention.removed)}>
        <select value={retention.days ?? ''} disabled={busy} onChange={(event) => void choose(event.target.value)} data-testid="logbook-retention">
          {!known && <option value={retention.days ?? ''}>{text.days(retention.days ?? 0)}</option>}
          {RETENTION_CHOICES.map((days) => (
            <option key={days ?? 'geen'} value={days ?? ''}>
              {days === null ? text.none : text.days(days)}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}
