/**
 * Counts for the retrieval list: per code, its codings in the open source and
 * in the study, a norm counting those on its sub-codes too (as the evidence
 * view counts). Pure: no DOM, no React.
 */
import type { Code, Coding, EvidenceCell } from '../../shared/api/types';

/** Each code with itself and its ancestors: a coding counts in every one of them. */
function chains(codes: readonly Code[]): Map<string, string[]> {
  const parentOf = new Map(codes.map((code) => [code.id, code.parentId]));
  return new Map(
    codes.map((code) => {
      const chain = [code.id];
      for (let parent = code.parentId; parent && !chain.includes(parent); parent = parentOf.get(parent) ?? null) chain.push(parent);
      return [code.id, chain];
    }),
  );
}

export function countsInSource(codes: readonly Code[], codings: Iterable<Coding>): Map<string, number> {
  const chainOf = chains(codes);
  const counts = new Map<string, number>();
  for (const coding of codings) {
    for (const codeId of chainOf.get(coding.codeId) ?? [coding.codeId]) counts.set(codeId, (counts.get(codeId) ?? 0) + 1);
  }
  return counts;
}

/** The matrix cells are already rolled up per code and institution: add up the institutions. */
export function countsInStudy(cells: readonly EvidenceCell[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const cell of cells) counts.set(cell.codeId, (counts.get(cell.codeId) ?? 0) + cell.total);
  return counts;
}
