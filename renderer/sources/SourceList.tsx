/**
 * The left pane: import button, search, sort, filters, count and the list of
 * sources, each with its coding count and the current inspector's status;
 * titles shared by several sources carry what tells them apart; progress
 * per inspector and institution below.
 * The list is a listbox: arrow keys move through it and open the source.
 */
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useDocument } from '../document/document-store';
import { openSource } from '../document/open-source';
import { useChangeVersion } from '../api/study-changes';
import { reportError } from '../ui/toast-store';
import { inspectorLabel } from '../study/initials';
import { selectInspectors, selectInstitutions, useSession } from '../study/session-store';
import type { SourceStatus } from '../../shared/api/types';
import { arrangeSources, distinguishers, SOURCE_SORTS, statusOf, type SourceSort } from './source-arrange';
import { SourceProgressPanel } from './SourceProgressPanel';
import { nl } from '../text/nl';
import { ImportButton } from './ImportButton';
import { BatchImportButtons } from './BatchImport';
import './sources.css';
import { SourceFilters } from './SourceFilters';
import { SourceRow } from './SourceRow';
import { useSources } from './sources-store';

export const SOURCE_PANE_ID = 'source-pane';

const NO_COUNTS: Readonly<Record<string, number>> = {};

export function SourceList() {
  const listed = useSources((store) => store.sources);
  const query = useSources((store) => store.query);
  const sort = useSources((store) => store.sort);
  const progress = useSources((store) => store.progress);
  const me = useSession((store) => store.session?.currentInspectorId ?? null);
  const inspectors = useSession(selectInspectors);
  const codingVersion = useChangeVersion(['coding', 'sourceStatus']);
  const loaded = useSources((store) => store.loaded);
  const filtered = useSources((store) => Object.values(store.filters).some((value) => value !== null));
  const selectedId = useDocument((store) => store.selectedId);
  const institutions = useSession(selectInstitutions);
  const listRef = useRef<HTMLUListElement>(null);

  const institutionNames = useMemo(
    () => new Map(institutions.map((institution) => [institution.id, institution.name])),
    [institutions],
  );
  // Counts follow every coding change (the coding version) and every reload of the list.
  useEffect(() => void useSources.getState().loadProgress().catch(reportError), [codingVersion, listed]);

  const myStatus = useMemo(
    () => new Map<string, SourceStatus>((progress?.statuses ?? []).filter((entry) => entry.inspectorId === me).map((entry) => [entry.sourceId, entry.status])),
    [progress, me],
  );
  const codingCounts = progress?.codingCounts ?? NO_COUNTS;
  const sources = useMemo(
    () => arrangeSources(listed, { query, sort, codingCounts, myStatus, institutionNames }),
    [listed, query, sort, codingCounts, myStatus, institutionNames],
  );
  const apart = useMemo(() => distinguishers(listed, institutionNames, nl.formatDate), [listed, institutionNames]);
  const othersTitle = (sourceId: string) =>
    nl.codingDay.statusOthers(
      (progress?.statuses ?? [])
        .filter((entry) => entry.sourceId === sourceId)
        .map((entry) => {
          const inspector = inspectors.find((candidate) => candidate.id === entry.inspectorId);
          return `${inspector ? inspectorLabel(inspector) : '?'} ${nl.codingDay.status[entry.status].toLowerCase()}`;
        }),
    );

  const selectedIndex = sources.findIndex((source) => source.id === selectedId);
  const focusIndex = selectedIndex >= 0 ? selectedIndex : 0;

  const open = useCallback((id: string) => openSource(id), []);

  // A source opened elsewhere (a search hit, an import result) is shown in the list too.
  useEffect(() => {
    if (selectedId) listRef.current?.querySelector(`#source-${CSS.escape(selectedId)}`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  const moveTo = (index: number) => {
    const source = sources[Math.max(0, Math.min(sources.length - 1, index))];
    if (!source) return;
    openSource(source.id);
    listRef.current?.querySelector<HTMLElement>(`#source-${CSS.escape(source.id)}`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const current = Math.max(0, sources.findIndex((source) => `source-${source.id}` === (event.target as HTMLElement).id));
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      Home: 0,
      End: sources.length - 1,
      PageDown: current + 10,
      PageUp: current - 10,
      Enter: current,
      ' ': current,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    moveTo(target);
  };

  return (
    <nav className="pane source-pane" id={SOURCE_PANE_ID} aria-label={nl.sources.heading}>
      <header className="pane-header">
        <h2>{nl.sources.heading}</h2>
        <span className="source-import-buttons">
          <ImportButton />
          <BatchImportButtons />
        </span>
      </header>
      <div className="source-search">
        <input
          type="search"
          data-testid="source-search"
          aria-label={nl.codingDay.searchSourcesLabel}
          placeholder={nl.codingDay.searchSources}
          value={query}
          onChange={(event) => useSources.getState().setQuery(event.target.value)}
        />
        <select
          data-testid="source-sort"
          aria-label={nl.codingDay.sortLabel}
          title={nl.codingDay.sortLabel}
          value={sort}
          onChange={(event) => useSources.getState().setSort(event.target.value as SourceSort)}
        >
          {SOURCE_SORTS.map((option) => (
            <option key={option} value={option}>
              {nl.codingDay.sorts[option]}
            </option>
          ))}
        </select>
      </div>
      <SourceFilters />
      <p className="source-count" aria-live="polite">
        {sources.length === listed.length ? nl.sources.count(sources.length) : `${sources.length} / ${nl.sources.count(listed.length)}`}
      </p>
      {loaded && sources.length === 0 ? (
        <p className="pane-empty">{filtered || query ? nl.sources.emptyFiltered : nl.sources.empty}</p>
      ) : (
        <ul
          ref={listRef}
          className="source-list"
          role="listbox"
          aria-label={nl.sources.listLabel}
          data-testid="source-list"
          onKeyDown={onKeyDown}
        >
          {sources.map((source, index) => (
            <SourceRow
              key={source.id}
              source={source}
              institutionName={institutionNames.get(source.institutionId) ?? nl.sources.unknownInstitution}
              selected={source.id === selectedId}
              focusable={index === focusIndex}
              onOpen={open}
              distinguisher={apart.get(source.id) ?? null}
              codingCount={progress ? (codingCounts[source.id] ?? 0) : null}
              status={me ? statusOf(myStatus, source.id) : null}
              statusTitle={othersTitle(source.id)}
            />
          ))}
        </ul>
      )}
      <SourceProgressPanel />
    </nav>
  );
}
