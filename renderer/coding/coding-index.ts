/**
 * The codings of the open source, indexed per line of the document view.
 *
 * `byLine[i]` lists the pieces of the codings that touch line i (or is
 * undefined). The index is immutable: adding, changing or removing one coding
 * copies the outer array but creates new piece arrays only for the lines that
 * coding covers, so a memoised line re-renders only when its own array changed.
 *
 * Margin stripes sit beside whole lines, so two codings that share a line need
 * different lanes. A full build assigns lanes greedily in text order (the
 * fewest lanes an interval graph needs); an incremental add takes the lowest
 * lane free on its lines and leaves every other coding's lane where it was, so
 * stripes never jump while one codes.
 *
 * Pure: no DOM, no React.
 */
import type { Coding } from '../../shared/api/types';
import { lineIndexAt } from '../document/layout';

export interface IndexLine {
  start: number;
  text: string;
}

/** The part of one coding on one line. */
export interface LinePiece {
  coding: Coding;
  /** Offsets within the line (0..line length); equal for a line the coding only passes (an empty line). */
  from: number;
  to: number;
  lane: number;
  /** The coding starts on this line / ends on this line. */
  first: boolean;
  last: boolean;
}

export interface CodingIndex {
  byLine: ReadonlyArray<readonly LinePiece[] | undefined>;
  lanes: ReadonlyMap<string, number>;
  /** Number of lanes in use (highest lane + 1). */
  laneCount: number;
}

export const EMPTY_INDEX: CodingIndex = { byLine: [], lanes: new Map(), laneCount: 0 };

/** The first and last line a coding touches (end exclusive, so a span ending at a line start stays above it). */
export function lineRange(lines: readonly IndexLine[], coding: Pick<Coding, 'start' | 'end'>): [number, number] {
  if (lines.length === 0) return [0, -1];
  const first = lineIndexAt(lines, coding.start);
  const last = Math.max(first, lineIndexAt(lines, Math.max(coding.start, coding.end - 1)));
  return [first, last];
}

/** Order of pieces on a line: earlier first, then longer first (the outer highlight), then by id. */
export function comparePieces(a: LinePiece, b: LinePiece): number {
  return a.coding.start - b.coding.start || b.coding.end - a.coding.end || (a.coding.id < b.coding.id ? -1 : a.coding.id > b.coding.id ? 1 : 0);
}

function piecesOf(lines: readonly IndexLine[], coding: Coding, lane: number): Array<[number, LinePiece]> {
  const [first, last] = lineRange(lines, coding);
  const pieces: Array<[number, LinePiece]> = [];
  for (let index = first; index <= last; index++) {
    const line = lines[index]!;
    const length = line.text.length;
    pieces.push([
      index,
      {
        coding,
        from: Math.max(0, Math.min(length, coding.start - line.start)),
        to: Math.max(0, Math.min(length, coding.end - line.start)),
        lane,
        first: index === first,
        last: index === last,
      },
    ]);
  }
  return pieces;
}

/**
 * Lanes for all codings: in text order, each takes the lowest lane not held by
 * an earlier coding whose lines overlap its lines.
 */
export function assignLanes(lines: readonly IndexLine[], codings: readonly Coding[]): Map<string, number> {
  const ordered = [...codings].sort((a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : 1));
  const lanes = new Map<string, number>();
  // For every lane, the last line it is busy until.
  const busyUntil: number[] = [];
  for (const coding of ordered) {
    const [first, last] = lineRange(lines, coding);
    let lane = busyUntil.findIndex((until) => until < first);
    if (lane === -1) lane = busyUntil.length;
    busyUntil[lane] = last;
    lanes.set(coding.id, lane);
  }
  return lanes;
}

export function buildIndex(lines: readonly IndexLine[], codings: readonly Coding[]): CodingIndex {
  const lanes = assignLanes(lines, codings);
  const byLine: Array<LinePiece[] | undefined> = new Array(lines.length);
  for (const coding of codings) {
    for (const [index, piece] of piecesOf(lines, coding, lanes.get(coding.id)!)) (byLine[index] ??= []).push(piece);
  }
  for (const pieces of byLine) pieces?.sort(comparePieces);
  return { byLine, lanes, laneCount: countLanes(lanes) };
}

function countLanes(lanes: ReadonlyMap<string, number>): number {
  let highest = -1;
  for (const lane of lanes.values()) highest = Math.max(highest, lane);
  return highest + 1;
}

/** The lowest lane not used on lines first..last, other than by `exceptId`. */
function freeLane(index: CodingIndex, first: number, last: number, exceptId: string): number {
  const used = new Set<number>();
  for (let line = first; line <= last; line++) {
    for (const piece of index.byLine[line] ?? []) if (piece.coding.id !== exceptId) used.add(piece.lane);
  }
  let lane = 0;
  while (used.has(lane)) lane++;
  return lane;
}

/** Add a coding, or replace the one with the same id (`previous`: its old version, to clear its old lines). */
export function putCoding(lines: readonly IndexLine[], index: CodingIndex, coding: Coding, previous?: Coding): CodingIndex {
  const byLine = index.byLine.slice();
  byLine.length = Math.max(byLine.length, lines.length);
  const lanes = new Map(index.lanes);
  if (previous) dropPieces(lines, byLine, previous);
  const [first, last] = lineRange(lines, coding);
  const oldLane = lanes.get(coding.id);
  // Keep the lane when it is still free on the (possibly new) lines.
  let lane = freeLane({ ...index, byLine }, first, last, coding.id);
  if (oldLane !== undefined && !laneTaken({ ...index, byLine }, first, last, coding.id, oldLane)) lane = oldLane;
  lanes.set(coding.id, lane);
  for (const [line, piece] of piecesOf(lines, coding, lane)) {
    const current = byLine[line]?.filter((other) => other.coding.id !== coding.id) ?? [];
    current.push(piece);
    current.sort(comparePieces);
    byLine[line] = current;
  }
  return { byLine, lanes, laneCount: Math.max(index.laneCount, lane + 1) };
}

function laneTaken(index: CodingIndex, first: number, last: number, exceptId: string, lane: number): boolean {
  for (let line = first; line <= last; line++) {
    for (const piece of index.byLine[line] ?? []) if (piece.coding.id !== exceptId && piece.lane === lane) return true;
  }
  return false;
}

export function removeCoding(lines: readonly IndexLine[], index: CodingIndex, coding: Coding): CodingIndex {
  if (!index.lanes.has(coding.id)) return index;
  const byLine = index.byLine.slice();
  dropPieces(lines, byLine, coding);
  const lanes = new Map(index.lanes);
  lanes.delete(coding.id);
  return { byLine, lanes, laneCount: index.laneCount };
}

function dropPieces(lines: readonly IndexLine[], byLine: Array<readonly LinePiece[] | undefined>, coding: Coding): void {
  const [first, last] = lineRange(lines, coding);
  for (let line = first; line <= last; line++) {
    const current = byLine[line];
    if (!current?.some((piece) => piece.coding.id === coding.id)) continue;
    const rest = current.filter((piece) => piece.coding.id !== coding.id);
    byLine[line] = rest.length > 0 ? rest : undefined;
  }
}

/** One run of a line's text with the same codings over it (outermost first), and whether the hit mark covers it. */
export interface LineSegment {
  from: number;
  to: number;
  pieces: LinePiece[];
}

/**
 * Cut a line into runs at every piece boundary (and at `cuts`, e.g. the edges
 * of the search-hit mark). Runs without codings are included, so the runs
 * concatenated give back the whole line.
 */
export function segmentLine(length: number, pieces: readonly LinePiece[], cuts: readonly number[] = []): LineSegment[] {
  const bounds = new Set<number>([0, length]);
  for (const piece of pieces) {
    if (piece.to > piece.from) {
      bounds.add(piece.from);
      bounds.add(piece.to);
    }
  }
  for (const cut of cuts) if (cut > 0 && cut < length) bounds.add(cut);
  const sorted = [...bounds].sort((a, b) => a - b);
  const segments: LineSegment[] = [];
  for (let index = 0; index + 1 < sorted.length; index++) {
    const from = sorted[index]!;
    const to = sorted[index + 1]!;
    segments.push({ from, to, pieces: pieces.filter((piece) => piece.from <= from && piece.to >= to && piece.to > piece.from) });
  }
  return segments;
}
