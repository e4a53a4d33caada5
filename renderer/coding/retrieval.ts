/**
 * Counts for the retrieval list: per code, its codings in the open source and
 * in the study, a norm counting those on its sub-codes too (as the evidence
 * view counts). Pure: no DOM, no React.
 */
import type { Code, Coding } from '../../shared/api/types';

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

/** Counts per code with each code's count added to all its ancestors. */
export function rollUp(codes: readonly Code[], direct: Iterable<[string, number]>): Map<string, number> {
  const chainOf = chains(codes);
  const counts = new Map<string, number>();
  for (const [codeId, count] of direct) {
    for (const id of chainOf.get(codeId) ?? [codeId]) counts.set(id, (counts.get(id) ?? 0) + count);
  }
  return counts;
}

export function countsInSource(codes: readonly Code[], codings: Iterable<Coding>): Map<string, number> {
  return rollUp(codes, Array.from(codings, (coding): [string, number] => [coding.codeId, 1]));
}
