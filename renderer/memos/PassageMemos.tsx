/**
 * The memos on passages of the open source, in the Memo's tab: the one being
 * written for a selected passage, and the others with the words they are
 * about. The author edits (saved on leaving the field) or deletes their own;
 * every change can be undone.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Memo } from '../../shared/api/types';
import { reportError } from '../ui/toast-store';
import { useDocument } from '../document/document-store';
import { selectInspectors, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { useMemos } from './memo-store';

const QUOTE_CHARS = 140;

function quote(text: string, start: number, end: number): string {
  const words = text.slice(start, end);
  return words.length > QUOTE_CHARS ? `${words.slice(0, QUOTE_CHARS)}…` : words;
}

export function PassageMemos({ sourceId }: { sourceId: string }) {
  const passages = useMemos((store) => store.passages);
  const draft = useMemos((store) => store.draft);
  const text = useDocument((store) => (store.document?.id === sourceId ? store.document.text : ''));
  return (
    <section className="passage-memos" aria-label={nl.codingDay.passageMemos}>
      <h3 className="memo-label">{nl.codingDay.passageMemos}</h3>
      {draft && draft.sourceId === sourceId && <DraftForm key={`${draft.start}-${draft.end}`} passage={quote(text, draft.start, draft.end)} />}
      {passages.length === 0 && !draft && <p className="muted">{nl.codingDay.noPassageMemos}</p>}
      {passages.map((memo) => (
        <PassageMemo key={memo.id} memo={memo} passage={quote(text, memo.start ?? 0, memo.end ?? 0)} />
      ))}
    </section>
  );
}

function DraftForm({ passage }: { passage: string }) {
  const [value, setValue] = useState('');
  const save = () => useMemos.getState().saveDraft(value).catch(reportError);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      useMemos.getState().cancelDraft();
    }
  };
  return (
    <div className="passage-memo draft" data-testid="passage-memo-draft">
      <blockquote className="passage-quote">{passage}</blockquote>
      <textarea
        className="memo-text"
        data-testid="passage-memo-input"
        aria-label={nl.codingDay.passageMemoInput}
        placeholder={nl.codingDay.passageMemoPlaceholder}
        autoFocus
        rows={3}
        maxLength={100_000}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="passage-actions">
        <button type="button" className="primary small" data-testid="passage-memo-save" disabled={!value.trim()} onClick={() => void save()}>
          {nl.codingDay.passageMemoSave}
        </button>
        <button type="button" className="small" onClick={() => useMemos.getState().cancelDraft()}>
          {nl.common.cancel}
        </button>
      </div>
    </div>
  );
}

function PassageMemo({ memo, passage }: { memo: Memo; passage: string }) {
  const me = useSession((store) => store.session?.currentInspectorId ?? null);
  const inspectors = useSession(selectInspectors);
  const focusId = useMemos((store) => store.focusId);
  const [value, setValue] = useState(memo.text);
  const ref = useRef<HTMLElement>(null);
  const author = inspectors.find((inspector) => inspector.id === memo.authorId);
  const own = memo.authorId !== null && memo.authorId === me;

  useEffect(() => setValue(memo.text), [memo.text]);
  useEffect(() => {
    if (focusId !== memo.id) return;
    ref.current?.scrollIntoView({ block: 'nearest' });
    ref.current?.querySelector<HTMLElement>('textarea, p')?.focus();
  }, [focusId, memo.id]);

  return (
    <article ref={ref} className={`passage-memo${focusId === memo.id ? ' focused' : ''}`} data-testid="passage-memo" data-memo-id={memo.id}>
      <blockquote className="passage-quote">{passage}</blockquote>
      {own ? (
        <textarea
          className="memo-text"
          data-testid="passage-memo-text"
          aria-label={nl.codingDay.passageMemoInput}
          rows={3}
          maxLength={100_000}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          onBlur={() => value !== memo.text && value.trim() && void useMemos.getState().update(memo.id, value).catch(reportError)}
        />
      ) : (
        <p tabIndex={-1}>{memo.text}</p>
      )}
      <footer className="passage-actions muted">
        <span>
          {author?.initials ?? nl.memos.unknownAuthor} · {nl.memos.dateTime(new Date(memo.updatedAt))}
        </span>
        {own && (
          <button type="button" className="small danger-outline" data-testid="passage-memo-delete" onClick={() => void useMemos.getState().remove(memo.id).catch(reportError)}>
            {nl.coding.delete}
          </button>
        )}
      </footer>
    </article>
  );
}
