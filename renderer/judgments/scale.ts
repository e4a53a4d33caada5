/**
 * The rating scale as colours and counts. The scale runs from the best rating
 * (first) to the worst (last); colours run from blue to orange, a pair that
 * stays apart for colour-blind readers, and the rating's text is always shown
 * beside the colour. Pure.
 */
import type { Judgment } from '../../shared/api/types';

export interface RatingTone {
  /** Position on the scale, 0 = best. */
  index: number;
  count: number;
  /** Full colour for a marker or border. */
  strong: string;
  /** Light tint for a background behind dark text. */
  soft: string;
}

const GOOD = '#1f6fb2';
const BAD = '#c25a12';
const MIDDLE = '#7d8794';
const WHITE = '#ffffff';

/** The tone of a rating, or null when it is not (or no longer) on the scale. */
export function ratingTone(rating: string | null, scale: readonly string[]): RatingTone | null {
  if (rating === null) return null;
  const index = scale.indexOf(rating);
  if (index < 0) return null;
  return toneAt(index, scale.length);
}

export function toneAt(index: number, count: number): RatingTone {
  const t = count > 1 ? index / (count - 1) : 0;
  const distance = Math.abs(t - 0.5) * 2;
  const anchor = distance < 1e-9 ? MIDDLE : t < 0.5 ? GOOD : BAD;
  const intensity = distance < 1e-9 ? 0.6 : distance;
  return {
    index,
    count,
    strong: mix(WHITE, anchor, 0.5 + 0.5 * intensity),
    soft: mix(WHITE, anchor, 0.1 + 0.12 * intensity),
  };
}

/** Linear mix of two #rrggbb colours: amount 0 gives `from`, 1 gives `to`. */
export function mix(from: string, to: string, amount: number): string {
  const a = channels(from);
  const b = channels(to);
  const clamped = Math.max(0, Math.min(1, amount));
  return `#${a.map((value, i) => Math.round(value + (b[i]! - value) * clamped).toString(16).padStart(2, '0')).join('')}`;
}

function channels(color: string): number[] {
  return [1, 3, 5].map((start) => parseInt(color.slice(start, start + 2), 16));
}

export interface NormOverview {
  /** Per rating of the scale, in scale order: how many institutions got it. */
  byRating: Array<{ rating: string; n: number }>;
  /** Institutions with a rating no longer on the scale. */
  offScale: number;
  /** Institutions without a rating yet. */
  open: number;
}

/** How the institutions were judged on one norm: "2× voldoet, 1× voldoet niet, 1 open". */
export function normOverview(
  judgments: readonly Judgment[],
  scale: readonly string[],
  institutionIds: readonly string[],
  normId: string,
): NormOverview {
  const ratings = institutionIds.map(
    (institutionId) => judgments.find((judgment) => judgment.codeId === normId && judgment.institutionId === institutionId)?.rating ?? null,
  );
  return {
    byRating: scale.map((rating) => ({ rating, n: ratings.filter((candidate) => candidate === rating).length })),
    offScale: ratings.filter((rating) => rating !== null && !scale.includes(rating)).length,
    open: ratings.filter((rating) => rating === null).length,
  };
}

export function findJudgment(judgments: readonly Judgment[], institutionId: string, codeId: string): Judgment | undefined {
  return judgments.find((judgment) => judgment.institutionId === institutionId && judgment.codeId === codeId);
}

/** Move one value of a list up (-1) or down (+1); returns a new list. */
export function moveItem<T>(items: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return [...items];
  const next = [...items];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

/** Problems with a scale before it is saved, as keys the UI turns into text. */
export function scaleProblems(values: readonly string[]): Array<'too-few' | 'duplicate' | 'empty' | 'too-many'> {
  const trimmed = values.map((value) => value.trim());
  const problems: Array<'too-few' | 'duplicate' | 'empty' | 'too-many'> = [];
  if (trimmed.some((value) => value === '')) problems.push('empty');
  const filled = trimmed.filter(Boolean);
  if (filled.length < 2) problems.push('too-few');
  if (filled.length > 10) problems.push('too-many');
  if (new Set(filled.map((value) => value.toLowerCase())).size !== filled.length) problems.push('duplicate');
  return problems;
}
