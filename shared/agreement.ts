/**
 * Intercoder agreement, the pure arithmetic (no Node, no DOM).
 *
 * Character level: over all characters of a text, each coder either coded a
 * character with the code (in any of their segments) or not. That gives a 2x2
 * table (both / only A / only B / neither), from which
 *   po    = (both + neither) / N                       observed agreement
 *   pA    = (both + onlyA) / N,  pB = (both + onlyB) / N   each coder's marginal
 *   pe    = pA * pB + (1 - pA) * (1 - pB)              agreement expected by chance
 *   kappa = (po - pe) / (1 - pe)                       Cohen's kappa
 * kappa is undefined (null) when pe = 1, i.e. both coders coded everything or
 * nothing: there is nothing to agree on beyond chance.
 *
 * Segment level: a segment of coder A is matched when some segment of coder B
 * with the same code overlaps it by at least the threshold, where overlap is
 * |A ∩ B| / |A ∪ B| (intersection length over union length, both in
 * characters; the Jaccard index of the two spans). The same for B against A.
 */

export interface Span {
  start: number;
  end: number;
}

export interface CharacterTable {
  characters: number;
  both: number;
  onlyA: number;
  onlyB: number;
  neither: number;
}

export interface CharacterFigures extends CharacterTable {
  percentAgreement: number;
  kappa: number | null;
}

/** Sorted, non-overlapping spans covering the same characters (touching spans join). */
export function mergeSpans(spans: readonly Span[], length = Infinity): Span[] {
  const clipped = spans
    .map((span) => ({ start: Math.max(0, span.start), end: Math.min(length, span.end) }))
    .filter((span) => span.end > span.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Span[] = [];
  for (const span of clipped) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

export function coveredLength(merged: readonly Span[]): number {
  return merged.reduce((sum, span) => sum + (span.end - span.start), 0);
}

/** Length of the intersection of two merged (sorted, disjoint) span lists. */
export function intersectionLength(a: readonly Span[], b: readonly Span[]): number {
  let i = 0;
  let j = 0;
  let total = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]!.start, b[j]!.start);
    const end = Math.min(a[i]!.end, b[j]!.end);
    if (end > start) total += end - start;
    if (a[i]!.end < b[j]!.end) i++;
    else j++;
  }
  return total;
}

/** The 2x2 character table of two coders' spans over a text of `length` characters. */
export function characterTable(length: number, aSpans: readonly Span[], bSpans: readonly Span[]): CharacterTable {
  const a = mergeSpans(aSpans, length);
  const b = mergeSpans(bSpans, length);
  const lengthA = coveredLength(a);
  const lengthB = coveredLength(b);
  const both = intersectionLength(a, b);
  const onlyA = lengthA - both;
  const onlyB = lengthB - both;
  return { characters: length, both, onlyA, onlyB, neither: length - both - onlyA - onlyB };
}

/** Sum tables (pooling over sources: all their characters together). */
export function addTables(tables: readonly CharacterTable[]): CharacterTable {
  const sum: CharacterTable = { characters: 0, both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  for (const table of tables) {
    sum.characters += table.characters;
    sum.both += table.both;
    sum.onlyA += table.onlyA;
    sum.onlyB += table.onlyB;
    sum.neither += table.neither;
  }
  return sum;
}

/** Observed agreement, expected agreement and Cohen's kappa of a 2x2 table. */
export function kappaOf(table: CharacterTable): { po: number; pe: number; kappa: number | null } {
  const n = table.characters;
  if (n === 0) return { po: 1, pe: 1, kappa: null };
  const po = (table.both + table.neither) / n;
  const pA = (table.both + table.onlyA) / n;
  const pB = (table.both + table.onlyB) / n;
  const pe = pA * pB + (1 - pA) * (1 - pB);
  const kappa = 1 - pe < 1e-12 ? null : (po - pe) / (1 - pe);
  return { po, pe, kappa };
}

export function characterFigures(table: CharacterTable): CharacterFigures {
  const { po, kappa } = kappaOf(table);
  return { ...table, percentAgreement: po * 100, kappa };
}

/** |a ∩ b| / |a ∪ b| of two single spans (0 when disjoint). */
export function spanOverlap(a: Span, b: Span): number {
  const intersection = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = a.end - a.start + (b.end - b.start) - intersection;
  return union <= 0 ? 0 : intersection / union;
}

export interface Segment extends Span {
  codeId: string;
}

/**
 * For each segment of `own`: the best overlap with a segment of `other` that
 * has the same code, and whether it reaches the threshold.
 */
export function matchSegments<S extends Segment>(own: readonly S[], other: readonly Segment[], threshold: number) {
  return own.map((segment) => {
    let best = 0;
    for (const candidate of other) {
      if (candidate.codeId !== segment.codeId) continue;
      best = Math.max(best, spanOverlap(segment, candidate));
    }
    // A small tolerance so that 0.9 typed as a threshold matches an overlap of exactly 9/10.
    return { segment, best, matched: best + 1e-9 >= threshold };
  });
}
