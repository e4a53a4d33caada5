/**
 * Findings the data suggest, for the writer to accept, edit or discard. Every
 * number in them is computed here from the study (never typed), and each says
 * where it comes from. Suggestions are only made where the material carries
 * them: below the thresholds below, nothing is suggested rather than a thin claim.
 */
import type { FindingFigure, SuggestedFinding } from '../../shared/findings';
import type { Code } from '../../shared/api/types';
import { listCodes } from '../framework/framework';
import { listJudgments, ratingScale } from '../judgments/judgments';
import { aggregate, fileReviewSentence, normConclusionAcross } from '../reports/build-model';
import { atInstitutions, capitalise, inSentence, plural } from '../reports/phrasing';
import { reviewSummaries } from '../review/file-review';
import { fromSurvey } from './suggest-survey';
import type { Study } from '../study/study';

/** Fewest valued (positive or negative) fragments per group for a comparison between groups. */
export const MIN_FRAGMENTS_PER_GROUP = 3;

export interface SuggestScope {
  /** Null: across all institutions. */
  institutionId: string | null;
  codeId: string;
}

export function suggestFindings(study: Study, scope: SuggestScope): SuggestedFinding[] {
  const codes = listCodes(study);
  const top = codes.find((code) => code.id === scope.codeId && code.parentId === null);
  if (!top) return [];
  return [
    ...fromFileReview(study, top, scope),
    ...fromSurvey(study, top, scope.institutionId),
    ...fromTriangulation(study, codes, top, scope),
    ...fromJudgments(study, top, scope),
  ];
}

function fromFileReview(study: Study, top: Code, scope: SuggestScope): SuggestedFinding[] {
  const summaries = reviewSummaries(study).filter(
    (summary) => summary.normKey === top.key && (scope.institutionId === null || summary.institutionId === scope.institutionId),
  );
  const byQuestion = new Map<string, typeof summaries>();
  for (const summary of summaries) byQuestion.set(summary.questionId, [...(byQuestion.get(summary.questionId) ?? []), summary]);
  const suggestions: SuggestedFinding[] = [];
  for (const ofQuestion of byQuestion.values()) {
    const question = aggregate(ofQuestion);
    if (!question || question.answered === 0) continue;
    const text = fileReviewSentence(question);
    if (!text) continue;
    const figure: FindingFigure = { text, basis: `Dossieronderzoek: vraag ‘${question.question}’, ${plural(question.answered, 'dossier', 'dossiers')} met een antwoord.` };
    suggestions.push({ kind: 'bevinding', text, figures: [figure], evidenceCodingIds: [] });
  }
  return suggestions;
}

interface ValuedCoding {
  id: string;
  valence: 'positief' | 'negatief';
  source_type: string;
  role: string | null;
}

/** Groups compared: what the files say against what was heard, and children against workers. */
const COMPARISONS: Array<{ a: Group; b: Group }> = [
  {
    a: { label: 'de dossiers', test: (coding) => coding.source_type === 'clientdossier' },
    b: { label: 'de gesprekken', test: (coding) => coding.source_type === 'interview' || coding.source_type === 'groepsgesprek' },
  },
  {
    a: { label: 'de gesprekken met jeugdigen', test: (coding) => coding.role === 'jeugdige' },
    b: { label: 'de gesprekken met jeugdzorgwerkers', test: (coding) => coding.role === 'jeugdzorgwerker' },
  },
];

interface Group {
  label: string;
  test: (coding: ValuedCoding) => boolean;
}

function fromTriangulation(study: Study, codes: Code[], top: Code, scope: SuggestScope): SuggestedFinding[] {
  const codings = valuedCodingsUnder(study, codes, top, scope.institutionId);
  const subject = inSentence(top.name);
  const suggestions: SuggestedFinding[] = [];
  for (const { a, b } of COMPARISONS) {
    const inA = codings.filter(a.test);
    const inB = codings.filter(b.test);
    if (inA.length < MIN_FRAGMENTS_PER_GROUP || inB.length < MIN_FRAGMENTS_PER_GROUP) continue;
    const negA = inA.filter((coding) => coding.valence === 'negatief').length;
    const negB = inB.filter((coding) => coding.valence === 'negatief').length;
    const figures: FindingFigure[] = [
      { text: `In ${a.label}: ${negA} van de ${inA.length} gewaardeerde fragmenten negatief.`, basis: `Coderingen onder ${top.key}, positief of negatief gewaardeerd.` },
      { text: `In ${b.label}: ${negB} van de ${inB.length} gewaardeerde fragmenten negatief.`, basis: `Coderingen onder ${top.key}, positief of negatief gewaardeerd.` },
    ];
    const tone = (neg: number, total: number) => (neg * 2 > total ? 'negatief' : neg * 2 < total ? 'positief' : 'gemengd');
    const [toneA, toneB] = [tone(negA, inA.length), tone(negB, inB.length)];
    const both = toneA === 'gemengd' ? 'is ongeveer de helft van de gewaardeerde fragmenten negatief' : `is het merendeel van de gewaardeerde fragmenten ${toneA}`;
    const text =
      toneA === toneB
        ? `Over ${subject} geven ${a.label} en ${b.label} hetzelfde beeld: in beide ${both} (${negA} van de ${inA.length} en ${negB} van de ${inB.length} negatief).`
        : `Over ${subject} geven ${a.label} en ${b.label} een ander beeld: in ${a.label} zijn ${negA} van de ${inA.length} gewaardeerde fragmenten negatief, in ${b.label} ${negB} van de ${inB.length}.`;
    suggestions.push({ kind: 'bevinding', text, figures, evidenceCodingIds: [] });
  }
  return suggestions;
}

function fromJudgments(study: Study, top: Code, scope: SuggestScope): SuggestedFinding[] {
  if (scope.institutionId !== null || top.kind !== 'norm') return [];
  const scale = ratingScale(study);
  const sufficientUpTo = Math.ceil(scale.length / 2);
  const judgments = listJudgments(study).filter((judgment) => judgment.codeId === top.id);
  const ratings = study.institutions().map((institution) => {
    const rating = judgments.find((judgment) => judgment.institutionId === institution.id)?.rating ?? null;
    const index = rating ? scale.indexOf(rating) : -1;
    return { rating, sufficient: index >= 0 && index < sufficientUpTo };
  });
  if (!ratings.some((entry) => entry.rating)) return [];
  const good = scale.slice(0, sufficientUpTo).map((rating) => `‘${rating}’`).join(' of ');
  const text = `${capitalise(inSentence(top.name))}: ${normConclusionAcross(ratings, good)}`;
  const judged = ratings.filter((entry) => entry.rating).length;
  return [
    {
      kind: 'conclusie',
      text,
      figures: [{ text: `Oordelen vastgelegd ${atInstitutions(judged, ratings.length)}.`, basis: 'Oordelen per instelling en norm.' }],
      evidenceCodingIds: [],
    },
  ];
}

function valuedCodingsUnder(study: Study, codes: Code[], top: Code, institutionId: string | null): ValuedCoding[] {
  const ids = descendantsOf(codes, top.id);
  const placeholders = ids.map(() => '?').join(', ');
  return study.db
    .prepare(
      `SELECT c.id, c.valence, s.source_type, s.role FROM coding c JOIN source s ON s.id = c.source_id
       WHERE c.deleted = 0 AND s.deleted = 0 AND c.valence IN ('positief', 'negatief') AND c.code_id IN (${placeholders})
       ${institutionId === null ? '' : 'AND s.institution_id = ?'}`,
    )
    .all(...ids, ...(institutionId === null ? [] : [institutionId])) as ValuedCoding[];
}

function descendantsOf(codes: Code[], rootId: string): string[] {
  const ids = [rootId];
  for (let index = 0; index < ids.length; index++) {
    for (const code of codes) if (code.parentId === ids[index]) ids.push(code.id);
  }
  return ids;
}
