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
import { runPaced, runWhole } from '../slices';
import { CellTally, type SourceRow } from './cell-tally';
import type { CodingInSource, EvidenceFilter, EvidenceMatrix, EvidenceSegment, EvidenceSegmentPage, SegmentScope } from '../../shared/api/types';

const CONTEXT_CHARS = 160;

/** The filter as conditions on the coding `k` and its source `s`, after the `always` conditions. */
export function filterClause(filter: EvidenceFilter, always: string[]): { where: string; params: string[] } {
  return whereClause([...always, ...(filter.quotableOnly ? ['k.quotable = 1'] : [])], {
    's.source_type': filter.sourceType,
    's.role': filter.role,
    's.measure': filter.measure,
    'k.coder_id': filter.coderId,
    'k.valence': filter.valence,
  });
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

/** Sources counted per slice: about 10 ms of work at national scale, when the matrix runs in slices. */
const SOURCES_PER_SLICE = 400;

/**
 * Source by source, its codings counted by code and valence, read from the
 * covering index coding_evidence: no coding row and no source row is looked
 * up per coding. The ORDER BY is the GROUP BY's own, so SQLite sorts nothing
 * and the groups come source by source, as the tally counts sources. Sources
 * are read in slices of rowids; the generator stops after each slice, so the
 * service can answer other calls in between (evidenceMatrixInSlices).
 */
function* countInSlices(study: Study, filter: EvidenceFilter, sourcesPerSlice: number): Generator<void, EvidenceMatrix> {
  const { where, params } = filterClause(filter, ['s.deleted = 0']);
  const sources = study.db.prepare('SELECT rowid, institution_id, source_type, role FROM source WHERE deleted = 0 ORDER BY rowid').raw().all() as SourceRow[];
  const tally = new CellTally(ancestorsByCode(study), sources);
  const groups = study.db
    .prepare(
      `SELECT s.rowid, k.code_id, k.valence, count(*) FROM source s JOIN coding k ON k.source_id = s.id AND k.deleted = 0
       WHERE s.rowid BETWEEN ? AND ? AND ${where} GROUP BY s.rowid, k.code_id, k.valence ORDER BY s.rowid, k.code_id, k.valence`,
    )
    .raw();
  for (let first = 0; first < sources.length; first += sourcesPerSlice) {
    const last = Math.min(first + sourcesPerSlice, sources.length) - 1;
    for (const [rowid, codeId, valence, count] of groups.iterate(sources[first]![0], sources[last]![0], ...params) as IterableIterator<[number, string, string, number]>) {
      tally.add(rowid, codeId, valence, count);
    }
    yield;
  }
  return { cells: tally.cells() };
}

export function evidenceMatrix(study: Study, filter: EvidenceFilter): EvidenceMatrix {
  return runWhole(countInSlices(study, filter, SOURCES_PER_SLICE));
}

/**
 * The matrix in the backend service: between slices the service answers
 * other calls. It is a read, so it does not wait for a running import or
 * merge. A write that lands between two slices counts only in the slices
 * after it (a new source or code not at all); the change it pushes makes the
 * view ask for the matrix again.
 */
export function evidenceMatrixInSlices(study: Study, filter: EvidenceFilter, sourcesPerSlice = SOURCES_PER_SLICE): Promise<EvidenceMatrix> {
  return runPaced(countInSlices(study, filter, sourcesPerSlice));
}

/** The conditions (on `k` and `s`) of a segment list, or null for a code that is not (or no longer) in the framework. */
function scopeConditions(study: Study, scope: SegmentScope): { conditions: string[]; params: string[] } | null {
  const subtree = [...ancestorsByCode(study)].filter(([, chain]) => chain.includes(scope.codeId)).map(([id]) => id);
  if (subtree.length === 0) return null;
  const conditions = [`k.code_id IN (${subtree.map(() => '?').join(',')})`];
  const params = [...subtree];
  if (scope.institutionId) conditions.push('s.institution_id = ?'), params.push(scope.institutionId);
  if (scope.sourceId) conditions.push('k.source_id = ?'), params.push(scope.sourceId);
  return { conditions, params };
}

/**
 * The live codings of a segment list (a matrix cell, the retrieval list, its
 * Excel export): the code with its sub-codes, at one institution and in one
 * source when given, under the filter; in the lists' order (one page of it
 * when `page` is given). Empty for a code not (or no longer) in the framework.
 */
export function codingsInScope(study: Study, scope: SegmentScope, page?: { offset: number; limit: number }): CodingInSource[] {
  const also = scopeConditions(study, scope);
  if (!also) return [];
  const { where, params } = filterClause(scope.filter, also.conditions);
  // The page is cut by SQLite: no row object is made for the segments not shown. Integers checked here, not bound.
  const cut = page ? ` LIMIT ${Math.max(1, Math.trunc(page.limit))} OFFSET ${Math.max(0, Math.trunc(page.offset))}` : '';
  return codingsInSources(study, { where, params: [...also.params, ...params], orderBy: `s.title, s.id, k.start, k.id${cut}` });
}

/** How many codings a segment list holds (see codingsInScope). */
function countInScope(study: Study, scope: SegmentScope): number {
  const also = scopeConditions(study, scope);
  if (!also) return 0;
  const { where, params } = filterClause(scope.filter, ['k.deleted = 0', 's.deleted = 0', ...also.conditions]);
  return study.db.prepare(`SELECT count(*) FROM coding k JOIN source s ON s.id = k.source_id WHERE ${where}`).pluck().get(...also.params, ...params) as number;
}

/** The segments behind one cell (institution optional: all institutions). */
export function evidenceSegments(study: Study, codeId: string, institutionId: string | null, filter: EvidenceFilter): EvidenceSegment[] {
  return withText(study, codingsInScope(study, { codeId, institutionId, filter }));
}

/**
 * One page of a segment list, with the list's length: only the page's source
 * texts are read (a norm's list at national scale spans most sources; reading
 * every one of their texts to show the first hundred segments is what made it slow).
 */
export function evidenceSegmentPage(study: Study, scope: SegmentScope, offset: number, limit: number): EvidenceSegmentPage {
  return { total: countInScope(study, scope), segments: withText(study, codingsInScope(study, scope, { offset, limit })) };
}

function withText(study: Study, codings: readonly CodingInSource[]): EvidenceSegment[] {
  const codedText = codedTextReader(study, CONTEXT_CHARS);
  return codings.map(({ id, createdAt: _createdAt, ...coding }) => ({ codingId: id, ...coding, ...codedText(coding) }));
}
