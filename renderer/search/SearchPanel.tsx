/**
 * Search across all sources. Searches on Enter and while typing (debounced,
 * from two characters); hits are grouped per source, and choosing one opens
 * the source at the hit.
 */
import { useEffect, useRef } from 'react';
import { reportError } from '../ui/toast-store';
import { useUi } from '../ui/ui-store';
import { nl } from '../text/nl';
import { MemoSearchHits } from '../memos/MemoSearchHits';
import { Button } from '../ui/Button';
import { AutocodeForm } from './AutocodeForm';
import './search.css';
import { SearchResults } from './SearchResults';
import { MIN_QUERY_LENGTH, useSearch } from './search-store';

const DEBOUNCE_MS = 300;

export function SearchPanel() {
  const query = useSearch((store) => store.query);
  const setQuery = useSearch((store) => store.setQuery);
  const run = useSearch((store) => store.run);
  const searching = useSearch((store) => store.searching);
  const result = useSearch((store) => store.result);
  const searchedQuery = useSearch((store) => store.searchedQuery);
  const autocoding = useSearch((store) => store.autocoding);
  const setAutocoding = useSearch((store) => store.setAutocoding);
  const searchFocusRequest = useUi((store) => store.searchFocusRequest);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (searchFocusRequest === 0) return;
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [searchFocusRequest]);

  useEffect(() => {
    const timer = setTimeout(() => run().catch(reportError), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, run]);

  const tooShort = query.trim().length > 0 && query.trim().length < MIN_QUERY_LENGTH;

  return (
    <div className="search-panel">
      <form
        className="search-form"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          run(true).catch(reportError);
        }}
      >
        <input
          ref={inputRef}
          type="search"
          data-testid="search-input"
          aria-label={nl.search.label}
          placeholder={nl.search.placeholder}
          value={query}
          maxLength={500}
          onChange={(event) => setQuery(event.target.value)}
        />
      </form>
      <div className="search-status-row">
        <p className="search-status muted" aria-live="polite">
          {tooShort ? nl.search.minLength : searching ? nl.search.searching : result ? nl.search.hitCount(result.hits.length) : ''}
        </p>
        {result && result.hits.length > 0 && !autocoding && (
          <Button className="small" data-testid="autocode-button" label={nl.autocode.buttonLabel} onClick={() => setAutocoding(true)}>
            {nl.autocode.button}
          </Button>
        )}
      </div>
      {result && autocoding && <AutocodeForm />}
      {result && <SearchResults result={result} />}
      <MemoSearchHits query={searchedQuery} />
    </div>
  );
}
