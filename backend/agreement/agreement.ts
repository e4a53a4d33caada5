/**
 * Intercoder agreement over the sources that two or more inspectors coded
 * (each with at least one coding on the source). The arithmetic is in
 * shared/agreement.ts; this gathers the codings and reports.
 *
 * For every pair of coders and every code used by either of them on their
 * shared sources:
 * - character level: per source, over all characters of its text, "coded with
 *   the code" or not for each coder; a code's figures include its sub-codes
 *   (a norm's figures are the norm with everything under it rolled up; a
 *   sub-code's are its own). Pooled: the 2x2 tables of all the pair's shared
 *   sources added up (all their characters together, including sources where
 *   neither used the code: those characters are agreement too). `perSource`
 *   lists the sources where at least one of them used the code.
 * - segment level: a segment (one coding) of A is matched when B has a coding
 *   with the same (exact) code whose overlap with it, |A ∩ B| / |A ∪ B|, is at
 *   least the threshold (default 0.9); and the other way round.
 *
 * Disagreements: per pair, source and exact code, the unmatched segments,
 * paired with the other coder's most overlapping unmatched segment of the
 * same code where there is one (shown side by side), else alone.
 *
 * `adoptSolution(disagreement, coderId)` makes the other coder's coding match
 * the chosen coder's, as one undoable action ("Oplossing overnemen") written
 * by the current inspector (the audit trail shows who decided):
 * - both have a segment: the other's coding takes the chosen span (start and
 *   end; code, valence, note stay);
 * - only the chosen coder has one: a coding with the same code, span and
 *   valence is added for the other coder (the coding's coder is the other
 *   coder; no note, not quotable);
 * - only the other coder has one: that coding is deleted.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  addTables,
  characterFigures,
  characterTable,
  matchSegments,
  spanOverlap,
  type CharacterTable,
  type Segment,
} from '../../shared/agreement';
import type { AgreementReport, CodeAgreement, Disagreement, DisagreementSide, Inspector, SegmentAgreement } from '../../shared/api/types';
import { UserError } from '../errors';
import { listCodes } from '../framework/framework';
import type { Mutation } from '../store/changes';
import type { Study } from '../study/study';

export const DEFAULT_THRESHOLD = 0.9;
const MAX_QUOTE_CHARS = 2000;

interface CodingRow extends Segment {
  id: string;
  sourceId: string;
  coderId: string;
  valence: string;
}

export function computeAgreement(study: Study, threshold = DEFAULT_THRESHOLD): AgreementReport {
  if (!(threshold > 0 && threshold <= 1)) throw new UserError('De drempel voor overlap ligt tussen 0 en 1 (bijvoorbeeld 0,9).', 'invalid-input');
  const codes = listCodes(study);
  const codeOrder = new Map(codes.map((code, index) => [code.id, index]));
  const rows = (
    study.db
      .prepare(
        `SELECT k.id, k.source_id, k.code_id, k.start, k.end, k.coder_id, k.valence FROM coding k
         JOIN source s ON s.id = k.source_id
         WHERE k.deleted = 0 AND s.deleted = 0 AND k.coder_id IS NOT NULL`,
      )
      .all() as Array<{ id: string; source_id: string; code_id: string; start: number; end: number; coder_id: string; valence: string }>
  )
    .filter((row) => codeOrder.has(row.code_id))
    .map((row): CodingRow => ({ id: row.id, sourceId: row.source_id, codeId: row.code_id, start: row.start, end: row.end, coderId: row.coder_id, valence: row.valence }));

  const bySource = groupBy(rows, (row) => row.sourceId);
  const doubleCoded = [...bySource.entries()].filter(([, codings]) => new Set(codings.map((coding) => coding.coderId)).size >= 2);
  const sourceInfo = new Map(
    doubleCoded.map(([sourceId]) => {
      const row = study.db
        .prepare('SELECT s.title, c.text FROM source s JOIN content c ON c.id = s.content_id WHERE s.id = ?')
        .get(sourceId) as { title: string; text: string } | undefined;
      return [sourceId, { title: row?.title ?? '?', text: row?.text ?? '' }];
    }),
  );

  // A code with its descendants ("rolled up").
  const children = groupBy(codes.filter((code) => code.parentId), (code) => code.parentId!);
  const subtree = new Map<string, Set<string>>();
  const collect = (id: string): Set<string> => {
    const known = subtree.get(id);
    if (known) return known;
    const set = new Set([id]);
    for (const child of children.get(id) ?? []) for (const member of collect(child.id)) set.add(member);
    subtree.set(id, set);
    return set;
  };
  codes.forEach((code) => collect(code.id));

  const inspectors = new Map(
    (study.db.prepare('SELECT id, name, initials FROM inspector').all() as Inspector[]).map((inspector) => [inspector.id, inspector]),
  );
  const coderIds = [...new Set(doubleCoded.flatMap(([, codings]) => codings.map((coding) => coding.coderId)))].sort((a, b) =>
    coderSortKey(inspectors, a).localeCompare(coderSortKey(inspectors, b)),
  );

  const pairs: AgreementReport['pairs'] = [];
  const disagreements: Disagreement[] = [];
  for (let i = 0; i < coderIds.length; i++) {
    for (let j = i + 1; j < coderIds.length; j++) {
      const coderA = coderIds[i]!;
      const coderB = coderIds[j]!;
      const shared = doubleCoded
        .filter(([, codings]) => codings.some((coding) => coding.coderId === coderA) && codings.some((coding) => coding.coderId === coderB))
        .map(([sourceId, codings]) => ({
          sourceId,
          length: sourceInfo.get(sourceId)!.text.length,
          a: codings.filter((coding) => coding.coderId === coderA),
          b: codings.filter((coding) => coding.coderId === coderB),
        }));
      if (shared.length === 0) continue;
      const used = new Set(shared.flatMap((source) => [...source.a, ...source.b].map((coding) => coding.codeId)));
      const reported = codes.filter((code) => [...subtree.get(code.id)!].some((member) => used.has(member)));
      const codeFigures: CodeAgreement[] = reported.map((code) => {
        const members = subtree.get(code.id)!;
        const perSource = shared.map((source) => {
          const a = source.a.filter((coding) => members.has(coding.codeId));
          const b = source.b.filter((coding) => members.has(coding.codeId));
          return { sourceId: source.sourceId, table: characterTable(source.length, a, b), segments: segmentFigures(a, b, threshold), used: a.length + b.length > 0 };
        });
        return {
          codeId: code.id,
          codeKey: code.key,
          codeName: code.name,
          kind: code.kind,
          rolledUp: members.size > 1,
          pooled: {
            characters: characterFigures(addTables(perSource.map((source) => source.table))),
            segments: addSegmentFigures(perSource.map((source) => source.segments)),
          },
          perSource: perSource
            .filter((source) => source.used)
            .map((source) => ({ sourceId: source.sourceId, characters: characterFigures(source.table), segments: source.segments })),
        };
      });
      pairs.push({ coderA, coderB, sourceIds: shared.map((source) => source.sourceId), codes: codeFigures });
      for (const source of shared) {
        const info = sourceInfo.get(source.sourceId)!;
        disagreements.push(...findDisagreements(source.sourceId, info, coderA, coderB, source.a, source.b, threshold, codes));
      }
    }
  }

  return {
    threshold,
    coders: coderIds.map((id) => inspectors.get(id) ?? { id, name: '?', initials: '?' }),
    sources: doubleCoded.map(([sourceId, codings]) => ({
      sourceId,
      title: sourceInfo.get(sourceId)!.title,
      characters: sourceInfo.get(sourceId)!.text.length,
      coderIds: [...new Set(codings.map((coding) => coding.coderId))],
    })),
    pairs,
    disagreements,
  };
}

function coderSortKey(inspectors: Map<string, Inspector>, id: string): string {
  const inspector = inspectors.get(id);
  return `${inspector?.initials ?? ''}\u0000${id}`;
}

function segmentFigures(a: CodingRow[], b: CodingRow[], threshold: number): SegmentAgreement {
  const matchedA = matchSegments(a, b, threshold).filter((match) => match.matched).length;
  const matchedB = matchSegments(b, a, threshold).filter((match) => match.matched).length;
  return withPercent({ a: { matched: matchedA, total: a.length }, b: { matched: matchedB, total: b.length }, percentMatched: null });
}

function addSegmentFigures(figures: SegmentAgreement[]): SegmentAgreement {
  const sum: SegmentAgreement = { a: { matched: 0, total: 0 }, b: { matched: 0, total: 0 }, percentMatched: null };
  for (const figure of figures) {
    sum.a.matched += figure.a.matched;
    sum.a.total += figure.a.total;
    sum.b.matched += figure.b.matched;
    sum.b.total += figure.b.total;
  }
  return withPercent(sum);
}

function withPercent(figure: SegmentAgreement): SegmentAgreement {
  const total = figure.a.total + figure.b.total;
  return { ...figure, percentMatched: total === 0 ? null : ((figure.a.matched + figure.b.matched) / total) * 100 };
}

function findDisagreements(
  sourceId: string,
  info: { title: string; text: string },
  coderA: string,
  coderB: string,
  a: CodingRow[],
  b: CodingRow[],
  threshold: number,
  codes: ReturnType<typeof listCodes>,
): Disagreement[] {
  const codeName = new Map(codes.map((code) => [code.id, code.name]));
  const side = (coding: CodingRow): DisagreementSide => ({
    codingId: coding.id,
    start: coding.start,
    end: coding.end,
    text: info.text.slice(coding.start, Math.min(coding.end, coding.start + MAX_QUOTE_CHARS)),
  });
  const unmatchedA = matchSegments(a, b, threshold).filter((match) => !match.matched).map((match) => match.segment);
  const unmatchedB = new Set(matchSegments(b, a, threshold).filter((match) => !match.matched).map((match) => match.segment));
  const result: Disagreement[] = [];
  const make = (codeId: string, left: CodingRow | null, right: CodingRow | null): Disagreement => ({
    id: disagreementId(coderA, coderB, sourceId, codeId, left?.id ?? null, right?.id ?? null),
    sourceId,
    sourceTitle: info.title,
    codeId,
    codeName: codeName.get(codeId) ?? '?',
    coderA,
    coderB,
    a: left ? side(left) : null,
    b: right ? side(right) : null,
    overlap: left && right ? spanOverlap(left, right) : 0,
  });
  // Pair the most overlapping unmatched segments of the same code first.
  const candidates = unmatchedA
    .flatMap((left) => [...unmatchedB].filter((right) => right.codeId === left.codeId).map((right) => ({ left, right, overlap: spanOverlap(left, right) })))
    .filter((candidate) => candidate.overlap > 0)
    .sort((x, y) => y.overlap - x.overlap);
  const pairedA = new Set<CodingRow>();
  for (const candidate of candidates) {
    if (pairedA.has(candidate.left) || !unmatchedB.has(candidate.right)) continue;
    pairedA.add(candidate.left);
    unmatchedB.delete(candidate.right);
    result.push(make(candidate.left.codeId, candidate.left, candidate.right));
  }
  for (const left of unmatchedA) if (!pairedA.has(left)) result.push(make(left.codeId, left, null));
  for (const right of unmatchedB) result.push(make(right.codeId, null, right));
  return result.sort((x, y) => (x.a ?? x.b)!.start - (y.a ?? y.b)!.start || x.id.localeCompare(y.id));
}

function disagreementId(...parts: Array<string | null>): string {
  return createHash('sha256')
    .update(parts.map((part) => part ?? '-').join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

export interface AdoptResult {
  action: 'aligned' | 'added' | 'removed';
  codingId: string;
}

/** Make the other coder's coding match `coderId`'s for one disagreement (see the file comment). */
export function adoptSolution(study: Study, disagreement: Disagreement, coderId: string): AdoptResult {
  if (coderId !== disagreement.coderA && coderId !== disagreement.coderB) {
    throw new UserError('Kies een van de twee inspecteurs van deze onenigheid.', 'invalid-input');
  }
  const chosenIsA = coderId === disagreement.coderA;
  const chosen = chosenIsA ? disagreement.a : disagreement.b;
  const other = chosenIsA ? disagreement.b : disagreement.a;
  const otherCoder = chosenIsA ? disagreement.coderB : disagreement.coderA;
  const live = (side: DisagreementSide) =>
    study.db
      .prepare('SELECT valence FROM coding WHERE id = ? AND deleted = 0 AND start = ? AND end = ? AND code_id = ?')
      .get(side.codingId, side.start, side.end, disagreement.codeId) as { valence: string } | undefined;
  const chosenRow = chosen ? live(chosen) : undefined;
  if ((chosen && !chosenRow) || (other && !live(other))) {
    throw new UserError('Deze onenigheid is intussen veranderd; vernieuw de lijst.', 'conflict');
  }
  let mutation: Mutation;
  let result: AdoptResult;
  if (chosen && other) {
    mutation = { entity: 'coding', entityId: other.codingId, fields: { start: chosen.start, end: chosen.end } };
    result = { action: 'aligned', codingId: other.codingId };
  } else if (chosen) {
    const id = randomUUID();
    mutation = {
      entity: 'coding',
      entityId: id,
      fields: {
        sourceId: disagreement.sourceId,
        codeId: disagreement.codeId,
        start: chosen.start,
        end: chosen.end,
        valence: chosenRow!.valence,
        note: '',
        quotable: 0,
        coderId: otherCoder,
        createdAt: new Date().toISOString(),
      },
    };
    result = { action: 'added', codingId: id };
  } else if (other) {
    mutation = { entity: 'coding', entityId: other.codingId, fields: { deleted: 1 } };
    result = { action: 'removed', codingId: other.codingId };
  } else {
    throw new UserError('Deze onenigheid heeft geen coderingen.', 'invalid-input');
  }
  study.write([mutation], { undoLabel: 'Oplossing overnemen' });
  return result;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export type { CharacterTable };
