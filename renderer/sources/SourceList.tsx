/**
 * The left pane: import button, filters, count and the list of sources.
 * The list is a listbox: arrow keys move through it and open the source.
 */
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useDocument } from '../document/document-store';
import { openSource } from '../document/open-source';
import { selectInstitutions, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { ImportButton } from './ImportButton';
import './sources.css';
import { SourceFilters } from './SourceFilters';
import { SourceRow } from './SourceRow';
import { useSources } from './sources-store';

export const SOURCE_PANE_ID = 'source-pane';

export function SourceList() {
  const sources = useSources((store) => store.sources);
  const loaded = useSources((store) => store.loaded);
  const filtered = useSources((store) => Object.values(store.filters).some((value) => value !== null));
  const selectedId = useDocument((store) => store.selectedId);
  const institutions = useSession(selectInstitutions);
  const listRef = useRef<HTMLUListElement>(null);

  const institutionNames = useMemo(
    () => new Map(institutions.map((institution) => [institution.id, institution.name])),
    [institutions],
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
        <ImportButton />
      </header>
      <SourceFilters />
      <p className="source-count" aria-live="polite">
        {nl.sources.count(sources.length)}
      </p>
      {loaded && sources.length === 0 ? (
        <p className="pane-empty">{filtered ? nl.sources.emptyFiltered : nl.sources.empty}</p>
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
            />
          ))}
        </ul>
      )}
    </nav>
  );
}
