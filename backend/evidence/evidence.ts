/**
 * The evidence view: codings counted per code and institution, split by
 * valence, source type and role (triangulation at a glance), and the coded
 * segments behind any cell, in context. A norm's cell includes the codings
 * on its sub-codes.
 */
import { codedTextReader, codingsInSources } from '../coding/codings';
import { listCodes } from '../framework/framework';
import { whereClause } from '../store/where-clause';
import type { Study } from '../study/study';
import type { CodingInSource, EvidenceCell, EvidenceFilter, EvidenceMatrix, EvidenceSegment } from '../../shared/api/types';

const CONTEXT_CHARS = 160;

/** The live codings the filter lets through, with their sources; `also` narrows them further (conditions on `k` and `s`, with their parameters). */
function filteredCodings(study: Study, filter: EvidenceFilter, also: { conditions: string[]; params: string[] } = { conditions: [], params: [] }): CodingInSource[] {
  const { where, params } = whereClause([...(filter.quotableOnly ? ['k.quotable = 1'] : []), ...also.conditions], {
    's.source_type': filter.sourceType,
    's.role': filter.role,
    's.measure': filter.measure,
    'k.coder_id': filter.coderId,
    'k.valence': filter.valence,
  });
  return codingsInSources(study, { where, params: [...also.params, ...params], orderBy: 's.title, k.start' });
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
    for (const codeId of ancestors.get(coding.codeId) ?? []) {
      const key = `${codeId}|${coding.institutionId}`;
      let cell = cells.get(key);
      if (!cell) {
        cell = { codeId, institutionId: coding.institutionId, total: 0, sources: 0, byValence: {}, bySourceType: {}, byRole: {}, sourceIds: new Set() };
        cells.set(key, cell);
      }
      cell.total += 1;
      cell.sourceIds.add(coding.sourceId);
      increment(cell.byValence, coding.valence);
      increment(cell.bySourceType, coding.sourceType);
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
  const codings = filteredCodings(study, filter, {
    conditions: [`k.code_id IN (${subtree.map(() => '?').join(',')})`, ...(institutionId ? ['s.institution_id = ?'] : [])],
    params: [...subtree, ...(institutionId ? [institutionId] : [])],
  });
  const codedText = codedTextReader(study, CONTEXT_CHARS);
  return codings.map(({ id, createdAt: _createdAt, ...coding }) => ({ codingId: id, ...coding, ...codedText(coding) }));
}
