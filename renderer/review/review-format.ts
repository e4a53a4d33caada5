/**
 * The file review (dossieranalyse) in words and groups: answers aggregated per
 * institution as "ja 9 · nee 5 (n=14)" and "in 9 van de 14 dossiers: ja",
 * totals across institutions, and questions grouped by norm. Pure.
 */
import type { Code, ReviewQuestion, ReviewSummary } from '../../shared/api/types';
import { orderedTopLevel } from '../evidence/matrix';
import { nl } from '../text/nl';

/** The counting part of a summary, without where it belongs. */
export type SummaryCounts = Pick<ReviewSummary, 'answered' | 'filesReviewed' | 'counts' | 'mean'>;

export const formatNumber = (value: number) => value.toLocaleString('nl-NL', { maximumFractionDigits: 1 });

/** Short cell text: "ja 9 · nee 5 · onbekend 2" or "gem. 2,4"; empty when nothing was answered. */
export function summaryText(summary: SummaryCounts, answerType: ReviewQuestion['answerType']): string {
  if (summary.answered === 0) return '';
  if (answerType === 'number') return nl.review.mean(formatNumber(summary.mean ?? 0));
  return summary.counts.map((count) => `${count.answer} ${count.n}`).join(' · ');
}

/** The full reading: "In 9 van de 16 dossiers: ja; in 5: nee; in 2: onbekend." */
export function summarySentence(summary: SummaryCounts, answerType: ReviewQuestion['answerType']): string {
  if (summary.answered === 0) return nl.review.noAnswers;
  const missing = summary.filesReviewed - summary.answered;
  const tail = missing > 0 ? ` ${nl.review.unanswered(missing)}` : '';
  if (answerType === 'number') {
    const spread = summary.counts.map((count) => `${count.answer}: ${count.n}×`).join(', ');
    return `${nl.review.meanSentence(formatNumber(summary.mean ?? 0), summary.answered)} (${spread}).${tail}`;
  }
  const parts = summary.counts
    .filter((count) => count.n > 0)
    .map((count, index) => (index === 0 ? nl.review.inFiles(count.n, summary.answered, count.answer) : nl.review.inMore(count.n, count.answer)));
  return `${parts.join('; ')}.${tail}`;
}

/** One institution-independent summary: counts added up, the mean weighted by the answers. */
export function combineSummaries(summaries: readonly SummaryCounts[]): SummaryCounts {
  const counts: Array<{ answer: string; n: number }> = [];
  let answered = 0;
  let filesReviewed = 0;
  let weightedSum = 0;
  let hasMean = false;
  for (const summary of summaries) {
    answered += summary.answered;
    filesReviewed += summary.filesReviewed;
    if (summary.mean !== null) {
      hasMean = true;
      weightedSum += summary.mean * summary.answered;
    }
    for (const count of summary.counts) {
      const existing = counts.find((candidate) => candidate.answer === count.answer);
      if (existing) existing.n += count.n;
      else counts.push({ ...count });
    }
  }
  if (counts.every((count) => /^\d+$/.test(count.answer))) counts.sort((a, b) => Number(a.answer) - Number(b.answer));
  return { answered, filesReviewed, counts, mean: hasMean && answered > 0 ? weightedSum / answered : null };
}

export interface QuestionGroup {
  /** The norm the questions belong to; null for questions without a norm. */
  norm: Code | null;
  questions: ReviewQuestion[];
}

/** Questions under their norm, norms in framework order, questions without a norm last. */
export function groupQuestionsByNorm(questions: readonly ReviewQuestion[], codes: readonly Code[]): QuestionGroup[] {
  const sorted = [...questions].sort((a, b) => a.sortOrder - b.sortOrder);
  const known = new Set(codes.map((code) => code.id));
  const groups: QuestionGroup[] = orderedTopLevel(codes)
    .map((norm) => ({ norm, questions: sorted.filter((question) => question.codeId === norm.id) }))
    .filter((group) => group.questions.length > 0);
  const loose = sorted.filter((question) => question.codeId === null || !known.has(question.codeId) || !groups.some((group) => group.norm?.id === question.codeId));
  if (loose.length > 0) groups.push({ norm: null, questions: loose });
  return groups;
}

/** "ja, nee, onbekend" → ['ja', 'nee', 'onbekend']: trimmed, empty parts and repeats dropped. */
export function parseOptions(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part && !seen.has(part.toLowerCase()) && seen.add(part.toLowerCase()));
}
