/** Hits grouped per source; each hit shows its snippet with the hit emphasised. */
import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchHit, SearchResult } from '../../shared/api/types';
import { openSource } from '../document/open-source';
import { nl } from '../text/nl';
import { hitKey, useSearch } from './search-store';

interface HitGroup {
  sourceId: string;
  title: string;
  hits: SearchHit[];
}

function groupBySource(hits: readonly SearchHit[]): HitGroup[] {
  const groups = new Map<string, HitGroup>();
  for (const hit of hits) {
    const group = groups.get(hit.sourceId) ?? { sourceId: hit.sourceId, title: hit.title, hits: [] };
    group.hits.push(hit);
    groups.set(hit.sourceId, group);
  }
  return [...groups.values()];
}

/**
 * The hit list is one stop in the Tab order: arrow keys (and Home/End) move
 * between hits, Enter or a click opens one.
 */
export const SearchResults = memo(function SearchResults({ result }: { result: SearchResult }) {
  const groups = useMemo(() => groupBySource(result.hits), [result]);
  const [activeIndex, setActiveIndex] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  const autocoding = useSearch((store) => store.autocoding);
  const checked = useSearch((store) => store.checked);
  const toggleHit = useSearch((store) => store.toggleHit);
  useEffect(() => setActiveIndex(0), [result]);

  const onKeyDown = (event: KeyboardEvent) => {
    const last = result.hits.length - 1;
    const moves: Record<string, number> = { ArrowDown: activeIndex + 1, ArrowUp: activeIndex - 1, Home: 0, End: last };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = Math.max(0, Math.min(last, target));
    setActiveIndex(next);
    listRef.current?.querySelectorAll<HTMLElement>('[data-testid="search-hit"]')[next]?.focus();
  };

  if (result.hits.length === 0) return <p className="pane-empty">{nl.search.noHits}</p>;
  let index = 0;
  return (
    <div className="search-results" aria-label={nl.search.resultsLabel} role="region" ref={listRef} onKeyDown={onKeyDown}>
      {groups.map((group) => (
        <section key={group.sourceId} className="hit-group">
          <h3 className="hit-group-title">
            {group.title} <span className="muted">({group.hits.length})</span>
          </h3>
          <ul className="hit-list">
            {group.hits.map((hit) => {
              const hitIndex = index++;
              return (
                <li key={`${hit.start}-${hit.end}`} className={autocoding ? 'hit-row checkable' : 'hit-row'}>
                  {autocoding && (
                    <input
                      type="checkbox"
                      className="hit-check"
                      data-testid="hit-checkbox"
                      aria-label={nl.autocode.checkHit(hit.title)}
                      checked={checked.has(hitKey(hit))}
                      onChange={(event) => toggleHit(hit, event.target.checked)}
                    />
                  )}
                  <HitButton hit={hit} focusable={hitIndex === activeIndex} onFocus={() => setActiveIndex(hitIndex)} />
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      {result.truncated && <p className="search-truncated">{nl.search.truncated}</p>}
    </div>
  );
});

function HitButton({ hit, focusable, onFocus }: { hit: SearchHit; focusable: boolean; onFocus: () => void }) {
  const from = Math.max(0, hit.start - hit.snippetOffset);
  const to = Math.max(from, hit.end - hit.snippetOffset);
  return (
    <button
      type="button"
      className="search-hit"
      data-testid="search-hit"
      tabIndex={focusable ? 0 : -1}
      aria-label={`${nl.search.hitLabel(hit.title, hit.page)}: ${hit.snippet}`}
      onFocus={onFocus}
      onClick={() => openSource(hit.sourceId, { start: hit.start, end: hit.end })}
    >
      {hit.page !== null && <span className="hit-page">{nl.search.page(hit.page)}</span>}
      <span className="hit-snippet">
        {hit.snippet.slice(0, from)}
        <strong>{hit.snippet.slice(from, to)}</strong>
        {hit.snippet.slice(to)}
      </span>
    </button>
  );
}
