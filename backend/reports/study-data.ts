/**
 * Everything a report draft needs from a study, read once: the framework, every
 * live coding with its source's metadata, judgments, file-review summaries,
 * memos and the study's statistics. Counting follows backend/stats/stats.ts:
 * a coding counts toward the top-level code of its tree.
 */
import { codedTextReader, codingsInSources } from '../coding/codings';
import { listFindings } from '../findings/findings';
import { listThemes } from '../findings/themes';
import { listCodes } from '../framework/framework';
import { listJudgments, ratingScale } from '../judgments/judgments';
import { listMemos } from '../memos/memos';
import { privacyContextFor, type PrivacyContext } from '../privacy/study-context';
import { listPersons } from '../privacy/persons';
import type { Person } from '../../shared/privacy';
import { reviewSummaries } from '../review/file-review';
import { studyStats } from '../stats/stats';
import type { Study } from '../study/study';
import type { Code, CodedText, CodingInSource, Inspector, Institution, Judgment, Memo, ReviewSummary, StudyInfo, StudyStats } from '../../shared/api/types';
import type { SourceType } from '../../shared/vocabulary';
import type { Finding, Theme } from '../../shared/findings';

export interface CodingRow extends CodingInSource {
  /** The top-level code of the coding's tree (the norm or context code it counts toward). */
  topId: string;
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
  /** The writers' findings, in their order. */
  findings: Finding[];
  /** The overarching report's storyline (empty: one chapter per norm). */
  themes: Theme[];
  scale: string[];
  review: ReviewSummary[];
  memos: Memo[];
  stats: StudyStats;
  /** Sources per institution, type and role (role 'geen' when absent), as studyStats counts them. */
  sourceCounts: SourceCountRow[];
  privacy: PrivacyContext;
  /** The coded text of a coding, and where it sits. */
  segment(coding: CodingRow): CodedText;
  /** The persons register: case stories take their invented names from its pseudonyms. */
  persons: Person[];
  /** Court rulings (sources of type uitspraak) by source id: their ECLI and date, for citing them. */
  rulings: Map<string, { ecli: string | null; date: string | null }>;
  /** Live codings left out because their code was deleted (a merge can leave them; the lead decides under Conflicten). */
  codingsLeftOut: number;
}

export function readStudyData(study: Study, extraNames: string[] = []): StudyData {
  const codes = listCodes(study);
  const codeById = new Map(codes.map((code) => [code.id, code]));
  const topOf = (codeId: string): string => {
    let code = codeById.get(codeId);
    while (code?.parentId) code = codeById.get(code.parentId);
    return code?.id ?? codeId;
  };
  // Only sources of a known institution, as sourceCounts counts them.
  const inSources = codingsInSources(study, {
    where: 's.institution_id IN (SELECT id FROM institution)',
    orderBy: 's.title COLLATE NOCASE, k.start, k.id',
  });
  // Each coding gets its top code in place (a copy of 200,000 codings is hundreds of MB in a national study).
  const codings: CodingRow[] = [];
  for (const coding of inSources) if (codeById.has(coding.codeId)) codings.push(Object.assign(coding, { topId: topOf(coding.codeId) }));

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
    codingsLeftOut: inSources.length - codings.length,
    rulings: readRulings(study),
    persons: listPersons(study),
    judgments: listJudgments(study),
    findings: listFindings(study),
    themes: listThemes(study),
    scale: ratingScale(study),
    review: reviewSummaries(study),
    memos: listMemos(study),
    stats: studyStats(study),
    sourceCounts,
    privacy,
    segment: codedTextReader(study, 200),
  };
  return data;
}

function readRulings(study: Study): StudyData['rulings'] {
  const rows = study.db.prepare(`SELECT id, ecli, date FROM source WHERE deleted = 0 AND source_type = 'uitspraak'`).all() as Array<{ id: string; ecli: string | null; date: string | null }>;
  return new Map(rows.map((row) => [row.id, { ecli: row.ecli, date: row.date }]));
}
