/** Memos found by the main search (Zoeken), under the hits in the sources; a memo on a source or passage opens it. */
import { useEffect, useState } from 'react';
import type { Memo } from '../../shared/api/types';
import { api } from '../api/client';
import { reportError } from '../ui/toast-store';
import { openSource } from '../document/open-source';
import { nl } from '../text/nl';
import { useMemos } from './memo-store';
import { memoKind } from './MemoList';

export function MemoSearchHits({ query }: { query: string }) {
  const [hits, setHits] = useState<Memo[]>([]);
  useEffect(() => {
    let current = true;
    if (!query.trim()) return setHits([]);
    api['memos.search']({ query })
      .then((found) => current && setHits(found))
      .catch(reportError);
    return () => void (current = false);
  }, [query]);
  if (hits.length === 0) return null;
  return (
    <section className="memo-search-hits" data-testid="memo-search-hits" aria-label={nl.codingDay.memoHits(hits.length)}>
      <h3 className="memo-label">{nl.codingDay.memoHits(hits.length)}</h3>
      <ul className="memo-list-items">
        {hits.map((memo) => (
          <li key={memo.id} data-testid="memo-search-hit" data-memo-id={memo.id}>
            <button
              type="button"
              className="memo-list-entry"
              disabled={memo.targetType !== 'source'}
              onClick={() => {
                openSource(memo.targetId, memo.start != null && memo.end != null ? { start: memo.start, end: memo.end } : undefined);
                if (memoKind(memo) === 'passage') useMemos.getState().show(memo.id);
              }}
            >
              <span className="memo-kind">{nl.codingDay.memoKinds[memoKind(memo)]}</span>
              <span className="memo-list-text">{memo.text.length > 220 ? `${memo.text.slice(0, 220)}…` : memo.text}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
