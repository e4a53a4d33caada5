/**
 * "Dossiervragen" in the framework tab: the file-review questions, each under
 * a norm; add, edit and delete them.
 */
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { ReviewQuestion } from '../../shared/api/types';
import { errorMessage } from '../api/client';
import { notify, reportError } from '../ui/toast-store';
import { orderedTopLevel } from '../evidence/matrix';
import { useFramework } from '../framework/framework-store';
import { nl } from '../text/nl';
import { Field } from '../ui/Field';
import { groupQuestionsByNorm, parseOptions } from './review-format';
import { useReview } from './review-store';
import './review.css';

export function ReviewQuestionEditor() {
  const questions = useReview((store) => store.questions);
  const loaded = useReview((store) => store.questionsLoaded);
  const codes = useFramework((store) => store.codes);
  const groups = useMemo(() => groupQuestionsByNorm(questions, codes), [questions, codes]);
  const [editing, setEditing] = useState<string | 'new' | null>(null);

  useEffect(() => {
    if (!useReview.getState().questionsLoaded) useReview.getState().loadQuestions().catch(reportError);
  }, []);

  return (
    <div className="review-question-editor" data-testid="review-question-editor">
      <p className="field-hint">{nl.review.editorIntro}</p>
      {loaded &&
        groups.map((group) => (
          <section key={group.norm?.id ?? 'overig'} className="question-group">
            <h4 className="question-group-title">
              {group.norm && <span className="code-dot" style={{ background: group.norm.color }} aria-hidden="true" />}
              {group.norm?.name ?? nl.review.otherQuestions}
            </h4>
            <ul className="question-list">
              {group.questions.map((question) =>
                editing === question.id ? (
                  <li key={question.id}>
                    <QuestionForm question={question} onDone={() => setEditing(null)} />
                  </li>
                ) : (
                  <QuestionItem key={question.id} question={question} onEdit={() => setEditing(question.id)} />
                ),
              )}
            </ul>
          </section>
        ))}
      {editing === 'new' ? (
        <QuestionForm question={null} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" className="small" aria-label={nl.review.addQuestionLabel} data-testid="review-question-add" onClick={() => setEditing('new')}>
          {nl.review.addQuestion}
        </button>
      )}
    </div>
  );
}

function QuestionItem({ question, onEdit }: { question: ReviewQuestion; onEdit(): void }) {
  const [confirming, setConfirming] = useState(false);
  const remove = async () => {
    try {
      await useReview.getState().deleteQuestion(question.id);
      notify(nl.review.questionRemoved);
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <li className="question-item" data-testid="review-question-item" data-question-key={question.key}>
      <div className="question-item-text">{question.text}</div>
      <div className="question-item-meta">
        {question.answerType === 'choice' ? question.options.join(' · ') : nl.review.answerTypes.number}
      </div>
      {confirming ? (
        <div className="question-item-actions confirming" role="group">
          <span>{nl.review.confirmRemove}</span>
          <button type="button" className="small danger" onClick={() => void remove()}>
            {nl.framework.yes}
          </button>
          <button type="button" className="small" onClick={() => setConfirming(false)}>
            {nl.framework.no}
          </button>
        </div>
      ) : (
        <div className="question-item-actions">
          <button type="button" className="small" aria-label={nl.review.editLabel(question.text)} onClick={onEdit}>
            {nl.review.edit}
          </button>
          <button type="button" className="small" aria-label={nl.review.removeLabel(question.text)} onClick={() => setConfirming(true)}>
            {nl.common.remove}
          </button>
        </div>
      )}
    </li>
  );
}

function QuestionForm({ question, onDone }: { question: ReviewQuestion | null; onDone(): void }) {
  const codes = useFramework((store) => store.codes);
  const norms = useMemo(() => orderedTopLevel(codes).filter((code) => code.kind === 'norm'), [codes]);
  const [text, setText] = useState(question?.text ?? '');
  const [answerType, setAnswerType] = useState<ReviewQuestion['answerType']>(question?.answerType ?? 'choice');
  const [options, setOptions] = useState(question?.options.join(', ') ?? 'ja, nee, onbekend');
  const [codeId, setCodeId] = useState<string>(question?.codeId ?? norms[0]?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const formId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return setError(nl.review.needText);
    const parsed = parseOptions(options);
    if (answerType === 'choice' && parsed.length < 2) return setError(nl.review.needOptions);
    try {
      await useReview.getState().saveQuestion({
        ...(question ? { id: question.id } : {}),
        text: text.trim(),
        answerType,
        options: answerType === 'choice' ? parsed : [],
        codeId: codeId || null,
      });
      notify(nl.review.questionSaved);
      onDone();
    } catch (caught) {
      setError(errorMessage(caught, nl.errors.unexpected));
    }
  };

  return (
    <form className="question-form" aria-labelledby={`${formId}-title`} data-testid="review-question-form" onSubmit={submit} noValidate>
      <h4 id={`${formId}-title`} className="visually-hidden">
        {question ? nl.review.editLabel(question.text) : nl.review.addQuestionLabel}
      </h4>
      <Field label={nl.review.questionText} required>
        <textarea rows={2} value={text} maxLength={300} data-testid="review-question-text" onChange={(event) => setText(event.target.value)} />
      </Field>
      <div className="field-row">
        <Field label={nl.review.answerType}>
          <select value={answerType} data-testid="review-question-type" onChange={(event) => setAnswerType(event.target.value as ReviewQuestion['answerType'])}>
            <option value="choice">{nl.review.answerTypes.choice}</option>
            <option value="number">{nl.review.answerTypes.number}</option>
          </select>
        </Field>
        <Field label={nl.review.norm}>
          <select value={codeId} data-testid="review-question-norm" onChange={(event) => setCodeId(event.target.value)}>
            <option value="">{nl.review.noNorm}</option>
            {norms.map((norm) => (
              <option key={norm.id} value={norm.id}>
                {norm.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {answerType === 'choice' && (
        <Field label={nl.review.options} hint={nl.review.optionsHint}>
          <input value={options} data-testid="review-question-options" onChange={(event) => setOptions(event.target.value)} />
        </Field>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="definition-actions">
        <button type="button" className="small" onClick={onDone}>
          {nl.common.cancel}
        </button>
        <button type="submit" className="small primary" data-testid="review-question-save">
          {nl.review.saveQuestion}
        </button>
      </div>
    </form>
  );
}
