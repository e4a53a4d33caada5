/**
 * The file review (dossieranalyse) of one client file: the study's questions
 * grouped by norm, choice questions as segmented buttons, number questions
 * as a number field. Every answer is saved as soon as it is given.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ReviewQuestion } from '../../shared/api/types';
import { api } from '../api/client';
import { reportError } from '../ui/toast-store';
import { useEntitiesChanged } from '../api/study-changes';
import { useFramework } from '../framework/framework-store';
import { nl } from '../text/nl';
import { groupQuestionsByNorm } from './review-format';
import { useReview } from './review-store';
import './review.css';

type SaveState = 'saving' | 'saved' | 'failed';

export function FileReviewForm({ sourceId }: { sourceId: string }) {
  const questions = useReview((store) => store.questions);
  const questionsLoaded = useReview((store) => store.questionsLoaded);
  const codes = useFramework((store) => store.codes);
  const [answers, setAnswers] = useState<Record<string, string> | null>(null);
  const [saveStates, setSaveStates] = useState<Record<string, SaveState>>({});
  const shownAnswers = useRef(answers);
  shownAnswers.current = answers;
  const [lastSaved, setLastSaved] = useState<Date | null>(null);
  const groups = useMemo(() => groupQuestionsByNorm(questions, codes), [questions, codes]);

  useEffect(() => {
    if (!useReview.getState().questionsLoaded) useReview.getState().loadQuestions().catch(reportError);
  }, []);

  useEffect(() => {
    let cancelled = false;
    setAnswers(null);
    setSaveStates({});
    setLastSaved(null);
    api['review.get']({ sourceId })
      .then((review) => {
        if (!cancelled) setAnswers(review.answers);
      })
      .catch(reportError);
    return () => {
      cancelled = true;
    };
  }, [sourceId]);
  // An answer changed elsewhere (undo, redo, a merge, another window). This
  // form's own answers come back too: where nothing differs, the save states stay.
  useEntitiesChanged(['reviewAnswer'], () => {
    api['review.get']({ sourceId }).then((review) => {
      const current = shownAnswers.current;
      if (current && sameAnswers(current, review.answers)) return;
      setAnswers(review.answers);
      setSaveStates({});
    }, reportError);
  });

  const answer = async (question: ReviewQuestion, value: string | null) => {
    setSaveStates((states) => ({ ...states, [question.id]: 'saving' }));
    setAnswers((current) => withAnswer(current ?? {}, question.id, value));
    try {
      const review = await api['review.answer']({ sourceId, questionId: question.id, value });
      setAnswers(review.answers);
      setSaveStates((states) => ({ ...states, [question.id]: 'saved' }));
      setLastSaved(new Date());
    } catch (error) {
      setSaveStates((states) => ({ ...states, [question.id]: 'failed' }));
      reportError(error);
      api['review.get']({ sourceId }).then((review) => setAnswers(review.answers), reportError);
    }
  };

  if (!questionsLoaded || answers === null) {
    return (
      <div className="file-review-form" data-testid="file-review-form" aria-busy="true">
        <p className="muted">{nl.review.loading}</p>
      </div>
    );
  }
  if (questions.length === 0) {
    return (
      <div className="file-review-form" data-testid="file-review-form">
        <p className="muted">{nl.review.noQuestions}</p>
      </div>
    );
  }

  const answered = questions.filter((question) => answers[question.id] !== undefined).length;
  return (
    <form className="file-review-form" data-testid="file-review-form" aria-label={nl.review.formLabel} onSubmit={(event) => event.preventDefault()}>
      <p className="review-progress" aria-live="polite">
        <span data-testid="review-progress">{nl.review.progress(answered, questions.length)}</span>
        {lastSaved && <span className="review-saved"> · {nl.review.savedAt(nl.memos.time(lastSaved))}</span>}
      </p>
      {groups.map((group) => (
        <fieldset key={group.norm?.id ?? 'overig'} className="review-group">
          <legend>
            {group.norm && <span className="code-dot" style={{ background: group.norm.color }} aria-hidden="true" />}
            {group.norm?.name ?? nl.review.otherQuestions}
          </legend>
          {group.questions.map((question) => (
            <QuestionField
              key={question.id}
              question={question}
              value={answers[question.id] ?? null}
              saveState={saveStates[question.id]}
              onAnswer={(value) => void answer(question, value)}
              onEdit={() => setSaveStates(({ [question.id]: _edited, ...others }) => others)}
            />
          ))}
        </fieldset>
      ))}
    </form>
  );
}

function withAnswer(answers: Record<string, string>, questionId: string, value: string | null): Record<string, string> {
  const next = { ...answers };
  if (value === null) delete next[questionId];
  else next[questionId] = value;
  return next;
}

interface QuestionFieldProps {
  question: ReviewQuestion;
  value: string | null;
  saveState: SaveState | undefined;
  onAnswer(value: string | null): void;
  /** Typing started in the number field: an earlier "saved" no longer applies. */
  onEdit(): void;
}

function QuestionField({ question, value, saveState, onAnswer, onEdit }: QuestionFieldProps) {
  const id = useId();
  return (
    <div className="review-question" data-testid="review-question" data-question-key={question.key} data-answered={value !== null}>
      <div className="review-question-text" id={`${id}-text`}>
        {question.text}
      </div>
      <div className="review-answer-row">
        {question.answerType === 'choice' ? (
          <div className="segmented" role="radiogroup" aria-labelledby={`${id}-text`}>
            {question.options.map((option) => (
              <label key={option} className={`segment ${value === option ? 'checked' : ''}`}>
                <input type="radio" name={id} value={option} checked={value === option} onChange={() => onAnswer(option)} />
                <span>{option}</span>
              </label>
            ))}
          </div>
        ) : (
          <NumberAnswer labelledBy={`${id}-text`} value={value} onAnswer={onAnswer} onEdit={onEdit} />
        )}
        {value !== null && (
          <button type="button" className="link-button review-clear" aria-label={nl.review.clearLabel(question.text)} onClick={() => onAnswer(null)}>
            {nl.review.clear}
          </button>
        )}
        <SaveMark state={saveState} />
      </div>
    </div>
  );
}

/** A whole number, saved after a pause in typing, on Enter and on leaving the field. */
interface NumberAnswerProps {
  labelledBy: string;
  value: string | null;
  onAnswer(value: string | null): void;
  onEdit(): void;
}

function NumberAnswer({ labelledBy, value, onAnswer, onEdit }: NumberAnswerProps) {
  const [draft, setDraft] = useState(value ?? '');
  const [invalid, setInvalid] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const errorId = useId();

  useEffect(() => setDraft(value ?? ''), [value]);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const commit = (text: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const trimmed = text.trim();
    if (trimmed === (value ?? '')) return setInvalid(false);
    if (trimmed === '') return onAnswer(null);
    if (!/^\d{1,3}$/.test(trimmed)) return setInvalid(true);
    setInvalid(false);
    onAnswer(String(Number(trimmed)));
  };

  return (
    <>
      <input
        type="number"
        className="review-number"
        inputMode="numeric"
        min={0}
        max={999}
        step={1}
        value={draft}
        placeholder={nl.review.numberPlaceholder}
        aria-labelledby={labelledBy}
        aria-invalid={invalid}
        aria-describedby={invalid ? errorId : undefined}
        onChange={(event) => {
          setDraft(event.target.value);
          onEdit();
          if (timer.current) clearTimeout(timer.current);
          const text = event.target.value;
          timer.current = setTimeout(() => commit(text), 800);
        }}
        onBlur={(event) => commit(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit((event.target as HTMLInputElement).value);
          }
        }}
      />
      {invalid && (
        <span id={errorId} className="review-invalid" role="alert">
          {nl.review.invalidNumber}
        </span>
      )}
    </>
  );
}

function SaveMark({ state }: { state: SaveState | undefined }) {
  if (!state) return null;
  const text = state === 'saving' ? nl.review.saving : state === 'saved' ? nl.review.saved : nl.review.failed;
  return (
    <span className={`save-mark save-${state}`} data-testid="review-save-state">
      {state === 'saved' && <span aria-hidden="true">✓ </span>}
      {text}
    </span>
  );
}

function sameAnswers(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
