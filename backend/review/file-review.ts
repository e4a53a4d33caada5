/**
 * The structured file review (dossieranalyse): a fixed set of questions that
 * inspectors answer for every client file, each under a norm. The questions
 * are part of the framework and editable; the answers aggregate per
 * institution ("in 9 van de 16 dossiers ...").
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_REVIEW_QUESTIONS } from '../../shared/framework-defaults';
import { UserError } from '../errors';
import { listCodes } from '../framework/framework';
import { derivedId } from '../store/derived-id';
import type { Mutation } from '../store/changes';
import type { Study } from '../study/study';
import type { FileReview, ReviewQuestion, ReviewSummary } from '../../shared/api/types';

interface QuestionRow {
  id: string;
  key: string;
  text: string;
  answer_type: 'choice' | 'number';
  options: string;
  code_id: string | null;
  sort_order: number;
}

const toQuestion = (row: QuestionRow): ReviewQuestion => ({
  id: row.id,
  key: row.key,
  text: row.text,
  answerType: row.answer_type,
  options: JSON.parse(row.options) as string[],
  codeId: row.code_id,
  sortOrder: row.sort_order,
});

export function seedReviewQuestions(study: Study): void {
  const codeByKey = new Map(listCodes(study).map((code) => [code.key, code.id]));
  const mutations: Mutation[] = DEFAULT_REVIEW_QUESTIONS.map((question, index) => ({
    entity: 'reviewQuestion',
    entityId: randomUUID(),
    fields: {
      key: question.key,
      text: question.text,
      answerType: question.answerType,
      options: JSON.stringify(question.options),
      codeId: codeByKey.get(question.normKey) ?? null,
      sortOrder: index,
    },
  }));
  study.write(mutations);
}

export function listReviewQuestions(study: Study): ReviewQuestion[] {
  const rows = study.db.prepare('SELECT * FROM review_question WHERE deleted = 0 ORDER BY sort_order').all() as QuestionRow[];
  return rows.map(toQuestion);
}

export interface QuestionInput {
  id?: string | undefined;
  text: string;
  answerType: 'choice' | 'number';
  options: string[];
  codeId: string | null;
}

/** Create a question, or change one (its key stays). */
export function saveReviewQuestion(study: Study, input: QuestionInput): ReviewQuestion {
  if (input.answerType === 'choice' && input.options.length < 2) {
    throw new UserError('Een keuzevraag heeft minstens twee antwoordmogelijkheden.', 'invalid-input');
  }
  const questions = listReviewQuestions(study);
  const existing = input.id ? questions.find((question) => question.id === input.id) : undefined;
  if (input.id && !existing) throw new UserError('Deze vraag bestaat niet (meer).', 'not-found');
  const id = existing?.id ?? randomUUID();
  const fields = {
    text: input.text,
    answerType: input.answerType,
    options: JSON.stringify(input.answerType === 'choice' ? input.options : []),
    codeId: input.codeId,
    ...(existing ? {} : { key: `vraag-${questions.length + 1}-${id.slice(0, 4)}`, sortOrder: questions.length }),
  };
  study.write([{ entity: 'reviewQuestion', entityId: id, fields }], { undoLabel: 'Dossiervraag bewerken' });
  return listReviewQuestions(study).find((question) => question.id === id)!;
}

export function deleteReviewQuestion(study: Study, id: string): void {
  if (!listReviewQuestions(study).some((question) => question.id === id)) throw new UserError('Deze vraag bestaat niet (meer).', 'not-found');
  study.write([{ entity: 'reviewQuestion', entityId: id, fields: { deleted: 1 } }], { undoLabel: 'Dossiervraag verwijderen' });
}

export function fileReviewOf(study: Study, sourceId: string): FileReview {
  const rows = study.db
    .prepare('SELECT question_id, value FROM review_answer WHERE source_id = ? AND deleted = 0 AND value IS NOT NULL')
    .all(sourceId) as Array<{ question_id: string; value: string }>;
  return { sourceId, answers: Object.fromEntries(rows.map((row) => [row.question_id, row.value])) };
}

/** Answer one question for one file; `null` clears the answer. */
export function answerReviewQuestion(study: Study, sourceId: string, questionId: string, value: string | null): FileReview {
  const question = listReviewQuestions(study).find((candidate) => candidate.id === questionId);
  if (!question) throw new UserError('Deze vraag bestaat niet (meer).', 'not-found');
  if (!study.db.prepare('SELECT 1 FROM source WHERE id = ? AND deleted = 0').get(sourceId)) {
    throw new UserError('Deze bron bestaat niet (meer).', 'not-found');
  }
  if (value !== null) assertValidAnswer(question, value);
  const id = derivedId('review-answer', sourceId, questionId);
  study.write(
    [{ entity: 'reviewAnswer', entityId: id, fields: { sourceId, questionId, value, deleted: 0 } }],
    { undoLabel: 'Dossiervraag beantwoorden' },
  );
  return fileReviewOf(study, sourceId);
}

function assertValidAnswer(question: ReviewQuestion, value: string): void {
  if (question.answerType === 'number') {
    if (!/^\d{1,3}$/.test(value)) throw new UserError('Vul een heel getal in (0 of meer).', 'invalid-input');
  } else if (!question.options.includes(value)) {
    throw new UserError(`Kies een van: ${question.options.join(', ')}.`, 'invalid-input');
  }
}

/** Answers per institution and question, over the files with any answer. */
export function reviewSummaries(study: Study): ReviewSummary[] {
  const questions = listReviewQuestions(study);
  const codes = new Map(listCodes(study).map((code) => [code.id, code.key]));
  const answers = study.db
    .prepare(
      `SELECT s.institution_id, a.question_id, a.source_id, a.value
       FROM review_answer a JOIN source s ON s.id = a.source_id
       WHERE a.deleted = 0 AND s.deleted = 0 AND a.value IS NOT NULL`,
    )
    .all() as Array<{ institution_id: string; question_id: string; source_id: string; value: string }>;
  const summaries: ReviewSummary[] = [];
  for (const institution of study.institutions()) {
    const ofInstitution = answers.filter((answer) => answer.institution_id === institution.id);
    const filesReviewed = new Set(ofInstitution.map((answer) => answer.source_id)).size;
    for (const question of questions) {
      const values = ofInstitution.filter((answer) => answer.question_id === question.id).map((answer) => answer.value);
      summaries.push({
        institutionId: institution.id,
        institution: institution.name,
        questionId: question.id,
        questionKey: question.key,
        question: question.text,
        normKey: question.codeId ? (codes.get(question.codeId) ?? null) : null,
        answered: values.length,
        filesReviewed,
        counts: countAnswers(question, values),
        mean: question.answerType === 'number' && values.length > 0 ? values.reduce((sum, value) => sum + Number(value), 0) / values.length : null,
      });
    }
  }
  return summaries;
}

function countAnswers(question: ReviewQuestion, values: string[]): Array<{ answer: string; n: number }> {
  const order = question.answerType === 'choice' ? question.options : [...new Set(values)].sort((a, b) => Number(a) - Number(b));
  return order.map((answer) => ({ answer, n: values.filter((value) => value === answer).length }));
}
