/**
 * Everything a report draft needs from a study, read once: the framework, every
 * live coding with its source's metadata, judgments, file-review summaries,
 * memos and the study's statistics. Counting follows backend/stats/stats.ts:
 * a coding counts toward the top-level code of its tree.
 */
import { listCodes } from '../framework/framework';
import { listJudgments, ratingScale } from '../judgments/judgments';
import { listMemos } from '../memos/memos';
import { privacyContextFor } from '../privacy/study-context';
import { pseudonymise, type PrivacyContext, type PseudonymisedText } from '../privacy/pseudonymise';
import { reviewSummaries } from '../review/file-review';
import { studyStats } from '../stats/stats';
import type { Study } from '../study/study';
import { pageOfOffset } from '../../shared/pages';
import type { Code, Inspector, Institution, Judgment, Memo, ReviewSummary, StudyInfo, StudyStats } from '../../shared/api/types';
import type { Measure, Role, SourceType, Valence } from '../../shared/vocabulary';

export interface CodingRow {
  id: string;
  codeId: string;
  /** The top-level code of the coding's tree (the norm or context code it counts toward). */
  topId: string;
  sourceId: string;
  institutionId: string;
  sourceType: SourceType;
  role: Role | null;
  measure: Measure | null;
  coderId: string | null;
  valence: Valence;
  note: string;
  quotable: boolean;
  start: number;
  end: number;
  sourceTitle: string;
}

export interface SourceCountRow {
  institutionId: string;
  sourceType: SourceType;
  role: string;
  n: number;
}

export interface StudyData {
  study: Study;
  info: StudyInfo;
  institutions: Institution[];
  inspectors: Map<string, Inspector>;
  codes: Code[];
  codeById: Map<string, Code>;
  /** Top-level norms in framework order. */
  norms: Code[];
  /** Top-level context codes in framework order. */
  contextCodes: Code[];
  codings: CodingRow[];
  judgments: Judgment[];
  scale: string[];
  review: ReviewSummary[];
  memos: Memo[];
  stats: StudyStats;
  /** Sources per institution, type and role (role 'geen' when absent), as studyStats counts them. */
  sourceCounts: SourceCountRow[];
  privacy: PrivacyContext;
  /** The coded text of a coding, and where it sits. */
  segment(coding: CodingRow): { text: string; before: string; after: string; page: number | null };
  /** Pseudonymise a text of the study (counts replacements for the model). */
  clean(text: string): PseudonymisedText;
  replacements: number;
}

export function readStudyData(study: Study, extraNames: string[] = []): StudyData {
  const codes = listCodes(study);
  const codeById = new Map(codes.map((code) => [code.id, code]));
  const topOf = (codeId: string): string => {
    let code = codeById.get(codeId);
    while (code?.parentId) code = codeById.get(code.parentId);
    return code?.id ?? codeId;
  };
  const rows = study.db
    .prepare(
      `SELECT k.id, k.code_id, k.source_id, s.institution_id, s.source_type, s.role, s.measure, k.coder_id, k.valence,
              k.note, k.quotable, k.start, k.end, s.title
       FROM coding k JOIN source s ON s.id = k.source_id JOIN institution i ON i.id = s.institution_id
       WHERE k.deleted = 0 AND s.deleted = 0
       ORDER BY s.title COLLATE NOCASE, k.start, k.id`,
    )
    .all() as Array<{
    id: string;
    code_id: string;
    source_id: string;
    institution_id: string;
    source_type: SourceType;
    role: Role | null;
    measure: Measure | null;
    coder_id: string | null;
    valence: Valence;
    note: string | null;
    quotable: number;
    start: number;
    end: number;
    title: string;
  }>;
  const codings: CodingRow[] = rows
    .filter((row) => codeById.has(row.code_id))
    .map((row) => ({
      id: row.id,
      codeId: row.code_id,
      topId: topOf(row.code_id),
      sourceId: row.source_id,
      institutionId: row.institution_id,
      sourceType: row.source_type,
      role: row.role,
      measure: row.measure,
      coderId: row.coder_id,
      valence: row.valence,
      note: row.note ?? '',
      quotable: row.quotable === 1,
      start: row.start,
      end: row.end,
      sourceTitle: row.title,
    }));

  const contentStatement = study.db.prepare(
    'SELECT c.text, c.page_starts FROM source s JOIN content c ON c.id = s.content_id WHERE s.id = ?',
  );
  const contents = new Map<string, { text: string; pageStarts: number[] | null }>();
  const contentOf = (sourceId: string) => {
    let content = contents.get(sourceId);
    if (!content) {
      const row = contentStatement.get(sourceId) as { text: string; page_starts: string | null } | undefined;
      content = { text: row?.text ?? '', pageStarts: row?.page_starts ? (JSON.parse(row.page_starts) as number[]) : null };
      contents.set(sourceId, content);
    }
    return content;
  };

  const sourceCounts = study.db
    .prepare(
      `SELECT s.institution_id AS institutionId, s.source_type AS sourceType, coalesce(s.role, 'geen') AS role, count(*) AS n
       FROM source s JOIN institution i ON i.id = s.institution_id WHERE s.deleted = 0 GROUP BY 1, 2, 3`,
    )
    .all() as SourceCountRow[];

  const privacy = privacyContextFor(study, extraNames);
  const data: StudyData = {
    study,
    info: study.info(),
    institutions: study.institutions(),
    inspectors: new Map(study.inspectors().map((inspector) => [inspector.id, inspector])),
    codes,
    codeById,
    norms: codes.filter((code) => code.parentId === null && code.kind === 'norm'),
    contextCodes: codes.filter((code) => code.parentId === null && code.kind === 'context'),
    codings,
    judgments: listJudgments(study),
    scale: ratingScale(study),
    review: reviewSummaries(study),
    memos: listMemos(study),
    stats: studyStats(study),
    sourceCounts,
    privacy,
    replacements: 0,
    segment(coding) {
      const { text, pageStarts } = contentOf(coding.sourceId);
      return {
        text: text.slice(coding.start, coding.end),
        before: text.slice(Math.max(0, coding.start - 200), coding.start),
        after: text.slice(coding.end, coding.end + 200),
        page: pageStarts ? pageOfOffset(pageStarts, coding.start) : null,
      };
    },
    clean(text) {
      const result = pseudonymise(text, privacy);
      data.replacements += result.replaced.length;
      return result;
    },
  };
  return data;
}
