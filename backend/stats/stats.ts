/**
 * The study in figures, as `veldwerk stats --json` prints them and reports
 * count them. Codings on a sub-code count toward the norm at the top of its tree.
 */
import type { StudyStats } from '../../shared/api/types';
import { listCodes } from '../framework/framework';
import { listJudgments } from '../judgments/judgments';
import { reviewSummaries } from '../review/file-review';
import type { Study } from '../study/study';

type CountRow = { key: string; n: number };

const LIVE_SOURCES = `source s JOIN institution i ON i.id = s.institution_id WHERE s.deleted = 0`;

/** Live codings with their source, institution and the key of their top-level norm. */
const LIVE_CODINGS = `(
  WITH RECURSIVE norm_of (code_id, norm_key) AS (
    SELECT id, key FROM code WHERE parent_id IS NULL
    UNION ALL SELECT c.id, n.norm_key FROM code c JOIN norm_of n ON c.parent_id = n.code_id)
  SELECT k.valence, n.norm_key, i.name AS institution
  FROM coding k
  JOIN source s ON s.id = k.source_id
  JOIN institution i ON i.id = s.institution_id
  JOIN norm_of n ON n.code_id = k.code_id
  WHERE k.deleted = 0 AND s.deleted = 0)`;

export function studyStats(study: Study): StudyStats {
  const db = study.db;
  const total = (from: string) => (db.prepare(`SELECT count(*) AS n FROM ${from}`).get() as { n: number }).n;
  const countBy = (expression: string, from: string): Record<string, number> => {
    const rows = db.prepare(`SELECT ${expression} AS key, count(*) AS n FROM ${from} GROUP BY 1 ORDER BY 1`).all() as CountRow[];
    return Object.fromEntries(rows.map((row) => [row.key, row.n]));
  };
  return {
    institutions: study.institutions().map((institution) => institution.name),
    sources: {
      total: total(LIVE_SOURCES),
      byType: countBy('s.source_type', LIVE_SOURCES),
      byRole: countBy("coalesce(s.role, 'geen')", LIVE_SOURCES),
      byInstitution: countBy('i.name', LIVE_SOURCES),
    },
    codings: codingCounts(study),
    fileReview: reviewSummaries(study).map((summary) => ({
      institution: summary.institution,
      question: summary.questionKey,
      text: summary.question,
      norm: summary.normKey,
      answered: summary.answered,
      filesReviewed: summary.filesReviewed,
      counts: Object.fromEntries(summary.counts.map((count) => [count.answer, count.n])),
      mean: summary.mean,
    })),
    judgments: judgmentRows(study),
  };
}

/**
 * The codings counted in one pass (each count of its own would read every
 * coding again): per norm, institution and valence, then summed per figure,
 * in the order a GROUP BY of each would give.
 */
function codingCounts(study: Study): StudyStats['codings'] {
  const rows = study.db
    .prepare(
      `WITH counted AS MATERIALIZED (SELECT norm_key, institution, valence, count(*) AS n FROM ${LIVE_CODINGS} GROUP BY 1, 2, 3)
       SELECT 'byInstitution' AS figure, institution AS key, sum(n) AS n FROM counted GROUP BY 2
       UNION ALL SELECT 'byNorm', norm_key, sum(n) FROM counted GROUP BY 2
       UNION ALL SELECT 'byValence', valence, sum(n) FROM counted GROUP BY 2
       ORDER BY 1, 2`,
    )
    .all() as Array<CountRow & { figure: 'byInstitution' | 'byNorm' | 'byValence' }>;
  const figure = (name: string) => Object.fromEntries(rows.filter((row) => row.figure === name).map((row) => [row.key, row.n]));
  return {
    total: rows.filter((row) => row.figure === 'byValence').reduce((sum, row) => sum + row.n, 0),
    byNorm: figure('byNorm'),
    byInstitution: figure('byInstitution'),
    byValence: figure('byValence'),
  };
}

function judgmentRows(study: Study): StudyStats['judgments'] {
  const institutions = new Map(study.institutions().map((institution) => [institution.id, institution.name]));
  const codes = new Map(listCodes(study).map((code) => [code.id, code]));
  return listJudgments(study)
    .filter((judgment) => institutions.has(judgment.institutionId) && codes.has(judgment.codeId))
    .map((judgment) => ({
      institution: institutions.get(judgment.institutionId)!,
      norm: codes.get(judgment.codeId)!.key,
      rating: judgment.rating,
      order: codes.get(judgment.codeId)!.sortOrder,
    }))
    .sort((a, b) => a.institution.localeCompare(b.institution, 'nl') || a.order - b.order)
    .map(({ order: _order, ...row }) => row);
}
