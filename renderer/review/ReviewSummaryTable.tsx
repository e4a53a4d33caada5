/**
 * The file review aggregated: per question (grouped by norm) and institution
 * how the reviewed client files answered, "ja 9 · nee 5 (n=14)", with the
 * full reading ("In 9 van de 14 dossiers: ja; …") as the cell's description.
 */
import { useId, useMemo } from 'react';
import type { Institution, ReviewQuestion, ReviewSummary } from '../../shared/api/types';
import { tableMinWidth } from '../evidence/EvidenceMatrix';
import { useFramework } from '../framework/framework-store';
import { nl } from '../text/nl';
import { combineSummaries, groupQuestionsByNorm, summarySentence, summaryText, type SummaryCounts } from './review-format';
import { useReview } from './review-store';
import './review.css';

export function ReviewSummaryTable({ institutions }: { institutions: Institution[] }) {
  const questions = useReview((store) => store.questions);
  const summaries = useReview((store) => store.summaries);
  const loaded = useReview((store) => store.questionsLoaded && store.summariesLoaded);
  const codes = useFramework((store) => store.codes);
  const groups = useMemo(() => groupQuestionsByNorm(questions, codes), [questions, codes]);
  const headingId = useId();

  const summaryOf = (question: ReviewQuestion, institutionId: string): ReviewSummary | undefined =>
    summaries.find((summary) => summary.questionId === question.id && summary.institutionId === institutionId);

  return (
    <section className="review-summary" aria-labelledby={headingId}>
      <h3 id={headingId} className="section-heading">
        {nl.review.heading}
      </h3>
      <p className="section-intro">{nl.review.intro}</p>
      {loaded && questions.length === 0 ? (
        <p className="muted">{nl.review.noQuestions}</p>
      ) : (
        <div className="matrix-scroller">
          <table
            className="summary-table"
            data-testid="review-summary"
            aria-label={nl.review.tableLabel}
            aria-busy={!loaded}
            style={{ minWidth: tableMinWidth(institutions.length) }}
          >
            <thead>
              <tr>
                <th scope="col" className="code-col">
                  {nl.review.question}
                </th>
                {institutions.map((institution) => (
                  <th key={institution.id} scope="col">
                    {institution.name}
                  </th>
                ))}
                <th scope="col" className="total-col">
                  {nl.evidence.total}
                </th>
              </tr>
            </thead>
            {groups.map((group) => (
              <tbody key={group.norm?.id ?? 'overig'}>
                <tr className="group-row">
                  <th scope="rowgroup" colSpan={institutions.length + 2}>
                    {group.norm && <span className="code-dot" style={{ background: group.norm.color }} aria-hidden="true" />}
                    {group.norm?.name ?? nl.review.otherQuestions}
                  </th>
                </tr>
                {group.questions.map((question) => {
                  const perInstitution = institutions.map((institution) => summaryOf(question, institution.id));
                  const total = combineSummaries(perInstitution.filter((summary): summary is ReviewSummary => summary !== undefined));
                  return (
                    <tr key={question.id}>
                      <th scope="row" className="question-head">
                        {question.text}
                        {question.answerType === 'number' && <span className="question-type"> ({nl.review.numberType})</span>}
                      </th>
                      {perInstitution.map((summary, index) => (
                        <SummaryCell key={institutions[index]!.id} question={question} institutionId={institutions[index]!.id} summary={summary ?? null} />
                      ))}
                      <SummaryCell question={question} institutionId="totaal" summary={total} isTotal />
                    </tr>
                  );
                })}
              </tbody>
            ))}
          </table>
        </div>
      )}
    </section>
  );
}

interface SummaryCellProps {
  question: ReviewQuestion;
  institutionId: string;
  summary: SummaryCounts | null;
  isTotal?: boolean;
}

function SummaryCell({ question, institutionId, summary, isTotal = false }: SummaryCellProps) {
  const answered = summary?.answered ?? 0;
  const sentence = summary ? summarySentence(summary, question.answerType) : nl.review.noAnswers;
  return (
    <td
      className={`summary-cell ${isTotal ? 'total-col' : ''} ${answered === 0 ? 'empty' : ''}`}
      data-testid="review-summary-cell"
      data-question-key={question.key}
      data-institution-id={institutionId}
      data-answered={answered}
      title={sentence}
    >
      {answered === 0 || !summary ? (
        <span className="cell-empty" aria-hidden="true">
          ·
        </span>
      ) : (
        <span aria-hidden="true">
          {question.answerType === 'number' ? (
            <span className="summary-text">{summaryText(summary, question.answerType)}</span>
          ) : (
            summary.counts.map((count, index) => (
              <span key={count.answer} className={`summary-count ${count.n === 0 ? 'zero' : ''}`}>
                {index > 0 && ' · '}
                {count.answer} <strong>{count.n}</strong>
              </span>
            ))
          )}{' '}
          <span className="summary-n">({nl.review.n(answered)})</span>
        </span>
      )}
      <span className="visually-hidden">{sentence}</span>
    </td>
  );
}
