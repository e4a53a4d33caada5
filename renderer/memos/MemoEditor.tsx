/**
 * An inspector's memo on a norm, institution or source: the current
 * inspector's own memo, editable and saved by itself (on leaving the field
 * and after a pause in typing), and the memos of the others, to read.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Memo, MemoTarget } from '../../shared/api/types';
import { api } from '../api/client';
import { reportError } from '../ui/toast-store';
import { useEntitiesChanged } from '../api/study-changes';
import { selectCurrentInspector, selectInspectors, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import './memos.css';

interface MemoEditorProps {
  targetType: MemoTarget;
  targetId: string;
  /** What the memo is about, for the field's label ("Jouw memo bij …"). */
  subject?: string;
}

const PAUSE_MS = 1200;

type SaveState = { kind: 'idle' } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'saved'; at: Date; fresh: boolean } | { kind: 'failed' };

export function MemoEditor({ targetType, targetId, subject }: MemoEditorProps) {
  const inspector = useSession(selectCurrentInspector);
  const inspectors = useSession(selectInspectors);
  const [memos, setMemos] = useState<Memo[] | null>(null);
  const [text, setText] = useState('');
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const savedText = useRef('');
  const latestText = useRef('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saving = useRef<Promise<void> | null>(null);
  const fieldId = useId();
  const statusId = `${fieldId}-status`;
  const inspectorId = inspector?.id ?? null;

  const [reloads, setReloads] = useState(0);
  // A memo changed elsewhere (undo, redo, a merge, a colleague's bundle): the others' memos follow; one's
  // own text is reloaded only when it differs from what was saved here and nothing is being typed.
  useEntitiesChanged(['memo'], () => {
    api['memos.list']({ targetType, targetId }).then((list) => {
      const own = list.find((memo) => memo.authorId === inspectorId);
      if ((own?.text ?? '') === savedText.current) setMemos(list);
      else if (latestText.current === savedText.current && !saving.current) setReloads((count) => count + 1);
    }, reportError);
  });

  useEffect(() => {
    let cancelled = false;
    if (reloads === 0) setMemos(null);
    api['memos.list']({ targetType, targetId })
      .then((list) => {
        if (cancelled) return;
        const own = list.find((memo) => memo.authorId === inspectorId);
        savedText.current = own?.text ?? '';
        latestText.current = own?.text ?? '';
        setText(own?.text ?? '');
        setState(own ? { kind: 'saved', at: new Date(own.updatedAt), fresh: false } : { kind: 'idle' });
        setMemos(list);
      })
      .catch(reportError);
    return () => {
      cancelled = true;
    };
  }, [targetType, targetId, inspectorId, reloads]);

  const save = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (saving.current) await saving.current;
    const value = latestText.current;
    if (value === savedText.current) return;
    setState({ kind: 'saving' });
    const run = api['memo.save']({ targetType, targetId, text: value }).then(
      (memo) => {
        savedText.current = memo.text;
        setMemos((list) => [memo, ...(list ?? []).filter((other) => other.id !== memo.id)]);
        setState(latestText.current === memo.text ? { kind: 'saved', at: new Date(memo.updatedAt), fresh: true } : { kind: 'dirty' });
      },
      (error: unknown) => {
        setState({ kind: 'failed' });
        reportError(error);
      },
    );
    saving.current = run.finally(() => {
      saving.current = null;
    });
    await saving.current;
  }, [targetType, targetId]);

  // Whatever was typed is saved when the editor goes away (another cell, another view).
  useEffect(
    () => () => {
      if (latestText.current !== savedText.current) void save();
    },
    [save],
  );

  const onChange = (value: string) => {
    setText(value);
    latestText.current = value;
    setState(value === savedText.current ? { kind: 'idle' } : { kind: 'dirty' });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), PAUSE_MS);
  };

  const others = (memos ?? []).filter((memo) => memo.authorId !== inspectorId && memo.text.trim() !== '');
  const label = subject ? nl.memos.own(subject) : nl.memos.ownShort;

  return (
    <div className="memo-editor" data-testid="memo-editor" data-target-type={targetType} data-target-id={targetId}>
      <div className="memo-own">
        <label htmlFor={fieldId} className="memo-label">
          {label}
        </label>
        {inspector ? (
          <>
            <textarea
              id={fieldId}
              className="memo-text"
              data-testid="memo-text"
              rows={7}
              value={text}
              disabled={memos === null}
              placeholder={nl.memos.placeholder}
              aria-describedby={statusId}
              onChange={(event) => onChange(event.target.value)}
              onBlur={() => void save()}
            />
            <p id={statusId} className={`memo-status memo-status-${state.kind}`} data-testid="memo-status" aria-live="polite">
              {statusText(state)}
            </p>
          </>
        ) : (
          <p id={fieldId} className="muted">
            {nl.memos.noInspector}
          </p>
        )}
      </div>
      <section className="memo-others" aria-label={nl.memos.others}>
        <h4>{nl.memos.others}</h4>
        {memos === null ? (
          <p className="muted">{nl.common.loading}</p>
        ) : others.length === 0 ? (
          <p className="muted">{nl.memos.noOthers}</p>
        ) : (
          <ul className="memo-list">
            {others.map((memo) => {
              const author = inspectors.find((candidate) => candidate.id === memo.authorId);
              return (
                <li key={memo.id} className="memo-item" data-testid="memo-other">
                  <header className="memo-item-head">
                    <span className="initials-badge" aria-hidden="true">
                      {author?.initials ?? '?'}
                    </span>
                    <span className="memo-author">{author?.name ?? nl.memos.unknownAuthor}</span>
                    <time className="memo-time" dateTime={memo.updatedAt}>
                      {nl.memos.dateTime(new Date(memo.updatedAt))}
                    </time>
                  </header>
                  <p className="memo-item-text">{memo.text}</p>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}

function statusText(state: SaveState): string {
  switch (state.kind) {
    case 'dirty':
      return nl.memos.unsaved;
    case 'saving':
      return nl.memos.saving;
    case 'saved':
      return state.fresh ? nl.memos.savedAt(nl.memos.time(state.at)) : nl.memos.lastSaved(nl.memos.dateTime(state.at));
    case 'failed':
      return nl.memos.failed;
    default:
      return '';
  }
}
