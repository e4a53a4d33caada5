/**
 * The evidence view: codings counted per code and institution, split by
 * valence, source type and role (triangulation at a glance), and the coded
 * segments behind any cell, in context. A norm's cell includes the codings
 * on its sub-codes.
 */
import { listCodes } from '../framework/framework';
import { whereClause } from '../store/where-clause';
import { pageOfOffset } from '../../shared/pages';
import type { Study } from '../study/study';
import type { EvidenceCell, EvidenceFilter, EvidenceMatrix, EvidenceSegment } from '../../shared/api/types';
import type { Measure, Role, SourceType, Valence } from '../../shared/vocabulary';

const CONTEXT_CHARS = 160;

interface FilteredCoding {
  coding_id: string;
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
}

function filteredCodings(study: Study, filter: EvidenceFilter, extra = '', extraParams: string[] = []): FilteredCoding[] {
  const { where, params } = whereClause(['k.deleted = 0', 's.deleted = 0', ...(filter.quotableOnly ? ['k.quotable = 1'] : [])], {
    's.source_type': filter.sourceType,
    's.role': filter.role,
    's.measure': filter.measure,
    'k.coder_id': filter.coderId,
    'k.valence': filter.valence,
  });
  return study.db
    .prepare(
      `SELECT k.id AS coding_id, k.code_id, k.source_id, s.institution_id, s.source_type, s.role, s.measure,
              k.coder_id, k.valence, k.note, k.quotable, k.start, k.end, s.title
       FROM coding k JOIN source s ON s.id = k.source_id
       WHERE ${where} ${extra}
       ORDER BY s.title, k.start`,
    )
    .all(...params, ...extraParams) as FilteredCoding[];
}

/** Each code with itself and all its ancestors: a coding counts in every one of them. */
function ancestorsByCode(study: Study): Map<string, string[]> {
  const codes = listCodes(study);
  const parentOf = new Map(codes.map((code) => [code.id, code.parentId]));
  return new Map(
    codes.map((code) => {
      const chain = [code.id];
      for (let parent = code.parentId; parent; parent = parentOf.get(parent) ?? null) chain.push(parent);
      return [code.id, chain];
    }),
  );
}

export function evidenceMatrix(study: Study, filter: EvidenceFilter): EvidenceMatrix {
  const ancestors = ancestorsByCode(study);
  const cells = new Map<string, EvidenceCell & { sourceIds: Set<string> }>();
  for (const coding of filteredCodings(study, filter)) {
    for (const codeId of ancestors.get(coding.code_id) ?? []) {
      const key = `${codeId}|${coding.institution_id}`;
      let cell = cells.get(key);
      if (!cell) {
        cell = { codeId, institutionId: coding.institution_id, total: 0, sources: 0, byValence: {}, bySourceType: {}, byRole: {}, sourceIds: new Set() };
        cells.set(key, cell);
      }
      cell.total += 1;
      cell.sourceIds.add(coding.source_id);
      increment(cell.byValence, coding.valence);
      increment(cell.bySourceType, coding.source_type);
      increment(cell.byRole, coding.role ?? 'geen');
    }
  }
  return {
    cells: [...cells.values()].map(({ sourceIds, ...cell }) => ({ ...cell, sources: sourceIds.size })),
  };
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** The segments behind one cell (institution optional: all institutions). */
export function evidenceSegments(study: Study, codeId: string, institutionId: string | null, filter: EvidenceFilter): EvidenceSegment[] {
  const subtree = [...ancestorsByCode(study)].filter(([, chain]) => chain.includes(codeId)).map(([id]) => id);
  if (subtree.length === 0) return [];
  const placeholders = subtree.map(() => '?').join(',');
  const institutionCondition = institutionId ? 'AND s.institution_id = ?' : '';
  const codings = filteredCodings(study, filter, `AND k.code_id IN (${placeholders}) ${institutionCondition}`, [
    ...subtree,
    ...(institutionId ? [institutionId] : []),
  ]);
  const texts = new Map<string, { text: string; pageStarts: number[] | null }>();
  const contentOf = (sourceId: string) => {
    if (!texts.has(sourceId)) {
      const row = study.db
        .prepare('SELECT c.text, c.page_starts FROM source s JOIN content c ON c.id = s.content_id WHERE s.id = ?')
        .get(sourceId) as { text: string; page_starts: string | null };
      texts.set(sourceId, { text: row.text, pageStarts: row.page_starts ? (JSON.parse(row.page_starts) as number[]) : null });
    }
    return texts.get(sourceId)!;
  };
  return codings.map((coding) => {
    const { text, pageStarts } = contentOf(coding.source_id);
    return {
      codingId: coding.coding_id,
      codeId: coding.code_id,
      sourceId: coding.source_id,
      sourceTitle: coding.title,
      sourceType: coding.source_type,
      role: coding.role,
      measure: coding.measure,
      institutionId: coding.institution_id,
      coderId: coding.coder_id,
      valence: coding.valence,
      note: coding.note ?? '',
      quotable: coding.quotable === 1,
      start: coding.start,
      end: coding.end,
      page: pageStarts ? pageOfOffset(pageStarts, coding.start) : null,
      text: text.slice(coding.start, coding.end),
      before: text.slice(Math.max(0, coding.start - CONTEXT_CHARS), coding.start),
      after: text.slice(coding.end, coding.end + CONTEXT_CHARS),
    };
  });
}
