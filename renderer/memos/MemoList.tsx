/**
 * Every memo of the study in one list: filter by kind (source, passage, norm
 * or code, institution), author and institution, and search their text
 * (case and diacritics folded). A memo on a source or passage opens it.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Memo, SourceSummary } from '../../shared/api/types';
import { api } from '../api/client';
import { reportError } from '../ui/toast-store';
import { useChangeVersion } from '../api/study-changes';
import { fold } from '../coding/palette-items';
import { openSource } from '../document/open-source';
import { useFramework } from '../framework/framework-store';
import { inspectorLabel } from '../study/initials';
import { selectInspectors, selectInstitutions, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { useMemos } from './memo-store';

export const MEMO_KINDS = ['source', 'passage', 'code', 'institution'] as const;
export type MemoKind = (typeof MEMO_KINDS)[number];

export function memoKind(memo: Memo): MemoKind {
  return memo.targetType === 'source' && memo.start != null ? 'passage' : memo.targetType;
}

export interface MemoListFilter {
  kind: MemoKind | '';
  authorId: string;
  institutionId: string;
  query: string;
}

/** The memos passing the filter; `institutionOf` says which institution a memo is about, if any. */
export function filterMemos(memos: readonly Memo[], filter: MemoListFilter, institutionOf: (memo: Memo) => string | null): Memo[] {
  const words = fold(filter.query).split(/\s+/).filter(Boolean);
  return memos.filter(
    (memo) =>
      (!filter.kind || memoKind(memo) === filter.kind) &&
      (!filter.authorId || memo.authorId === filter.authorId) &&
      (!filter.institutionId || institutionOf(memo) === filter.institutionId) &&
      words.every((word) => fold(memo.text).includes(word)),
  );
}

export function MemoList() {
  const inspectors = useSession(selectInspectors);
  const institutions = useSession(selectInstitutions);
  const codes = useFramework((store) => store.codes);
  const version = useChangeVersion(['memo', 'source']);
  const [memos, setMemos] = useState<Memo[] | null>(null);
  const [sources, setSources] = useState<SourceSummary[]>([]);
  const [filter, setFilter] = useState<MemoListFilter>({ kind: '', authorId: '', institutionId: '', query: '' });

  useEffect(() => {
    let current = true;
    Promise.all([api['memos.all']({}), api['sources.list']({})])
      .then(([all, list]) => {
        if (!current) return;
        setMemos(all);
        setSources(list);
      })
      .catch(reportError);
    return () => void (current = false);
  }, [version]);

  const sourceById = useMemo(() => new Map(sources.map((source) => [source.id, source])), [sources]);
  const institutionOf = (memo: Memo) =>
    memo.targetType === 'institution' ? memo.targetId : memo.targetType === 'source' ? (sourceById.get(memo.targetId)?.institutionId ?? null) : null;
  const subject = (memo: Memo) =>
    memo.targetType === 'source'
      ? (sourceById.get(memo.targetId)?.title ?? nl.sources.unknownInstitution)
      : memo.targetType === 'code'
        ? (codes.find((code) => code.id === memo.targetId)?.name ?? nl.coding.unknownCode)
        : (institutions.find((institution) => institution.id === memo.targetId)?.name ?? nl.sources.unknownInstitution);
  const shown = memos ? filterMemos(memos, filter, institutionOf) : [];
  const set = <K extends keyof MemoListFilter>(key: K, value: MemoListFilter[K]) => setFilter((previous) => ({ ...previous, [key]: value }));

  const open = (memo: Memo) => {
    if (memo.targetType !== 'source') return;
    openSource(memo.targetId, memo.start != null && memo.end != null ? { start: memo.start, end: memo.end } : undefined);
    if (memoKind(memo) === 'passage') useMemos.getState().show(memo.id);
  };

  return (
    <section className="memo-list" data-testid="memo-list" aria-label={nl.codingDay.allMemos}>
      <div className="memo-list-filters" role="group" aria-label={nl.codingDay.memoFilters}>
        <input
          type="search"
          data-testid="memo-list-search"
          aria-label={nl.codingDay.memoSearch}
          placeholder={nl.codingDay.memoSearch}
          value={filter.query}
          onChange={(event) => set('query', event.target.value)}
        />
        <select data-testid="memo-list-kind" aria-label={nl.codingDay.memoKindLabel} value={filter.kind} onChange={(event) => set('kind', event.target.value as MemoKind | '')}>
          <option value="">{nl.codingDay.allKinds}</option>
          {MEMO_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {nl.codingDay.memoKinds[kind]}
            </option>
          ))}
        </select>
        <select data-testid="memo-list-author" aria-label={nl.codingDay.memoAuthorLabel} value={filter.authorId} onChange={(event) => set('authorId', event.target.value)}>
          <option value="">{nl.codingDay.allAuthors}</option>
          {inspectors.map((inspector) => (
            <option key={inspector.id} value={inspector.id}>
              {inspectorLabel(inspector)}
            </option>
          ))}
        </select>
        <select
          data-testid="memo-list-institution"
          aria-label={nl.sources.filterInstitution}
          value={filter.institutionId}
          onChange={(event) => set('institutionId', event.target.value)}
        >
          <option value="">{nl.sources.allInstitutions}</option>
          {institutions.map((institution) => (
            <option key={institution.id} value={institution.id}>
              {institution.name}
            </option>
          ))}
        </select>
      </div>
      <p className="muted" aria-live="polite">
        {memos === null ? nl.common.loading : nl.codingDay.memoCount(shown.length)}
      </p>
      <ul className="memo-list-items">
        {shown.map((memo) => {
          const author = inspectors.find((inspector) => inspector.id === memo.authorId);
          const kind = memoKind(memo);
          return (
            <li key={memo.id} data-testid="memo-list-item" data-memo-id={memo.id} data-kind={kind}>
              <button type="button" className="memo-list-entry" disabled={memo.targetType !== 'source'} onClick={() => open(memo)}>
                <span className="memo-list-subject">
                  <span className="memo-kind">{nl.codingDay.memoKinds[kind]}</span> {subject(memo)}
                </span>
                <span className="memo-list-text">{memo.text.length > 220 ? `${memo.text.slice(0, 220)}…` : memo.text}</span>
                <span className="muted">
                  {author?.initials ?? nl.memos.unknownAuthor} · {nl.memos.dateTime(new Date(memo.updatedAt))}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
