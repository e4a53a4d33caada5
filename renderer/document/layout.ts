/**
 * Turns a source's text into what the document view draws: lines (each with
 * the offset where it starts), grouped into chunks the browser may skip while
 * they are off screen. PDF pages start a new chunk with a page marker; long
 * pages and other formats are cut every CHUNK_LINES lines.
 */
import type { SourceDocument } from '../../shared/api/types';

export const CHUNK_LINES = 100;

export interface DocLine {
  /** Offset of the first character of this line in the source text. */
  start: number;
  text: string;
  /** 1..3 for a heading line, otherwise 0. */
  headingLevel: number;
}

export interface DocChunk {
  /** Offset of its first line: stable key and lookup value. */
  start: number;
  /** The 1-based page this chunk begins, when it is the first chunk of a PDF page. */
  pageMarker: number | null;
  /** Index of its first line in `DocLayout.lines`. */
  firstLine: number;
  lines: DocLine[];
}

export interface DocLayout {
  chunks: DocChunk[];
  /** All lines in order, for finding the line that holds an offset. */
  lines: DocLine[];
}

type LayoutInput = Pick<SourceDocument, 'text' | 'pageStarts' | 'headings'>;

export function layoutDocument({ text, pageStarts, headings }: LayoutInput): DocLayout {
  const headingLevels = new Map(headings.map((heading) => [heading.start, heading.level]));
  const pages = [...(pageStarts ?? [])].sort((a, b) => a - b);
  const lines = splitLines(text, pages).map(
    (line): DocLine => ({ ...line, headingLevel: Math.min(3, Math.max(0, headingLevels.get(line.start) ?? 0)) }),
  );

  const chunks: DocChunk[] = [];
  let pageIndex = 0;
  let current: DocChunk | null = null;
  for (const [lineIndex, line] of lines.entries()) {
    let newPage = false;
    while (pageIndex + 1 < pages.length && pages[pageIndex + 1]! <= line.start) {
      pageIndex++;
      newPage = true;
    }
    if (!current || newPage || current.lines.length >= CHUNK_LINES) {
      const startsPage: boolean = pages.length > 0 && (current === null || newPage);
      current = { start: line.start, pageMarker: startsPage ? pageIndex + 1 : null, firstLine: lineIndex, lines: [] };
      chunks.push(current);
    }
    current.lines.push(line);
  }
  return { chunks, lines };
}

/** Split on `\n`, and also where a PDF page begins in the middle of a line. */
function splitLines(text: string, pageStarts: readonly number[]): Array<{ start: number; text: string }> {
  const cuts = [...pageStarts].filter((offset) => offset > 0 && offset < text.length).sort((a, b) => a - b);
  const lines: Array<{ start: number; text: string }> = [];
  let cutIndex = 0;
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    while (cutIndex < cuts.length && cuts[cutIndex]! <= start) cutIndex++;
    let segmentStart = start;
    while (cutIndex < cuts.length && cuts[cutIndex]! < end) {
      lines.push({ start: segmentStart, text: text.slice(segmentStart, cuts[cutIndex]) });
      segmentStart = cuts[cutIndex]!;
      cutIndex++;
    }
    lines.push({ start: segmentStart, text: text.slice(segmentStart, end) });
    if (newline === -1) break;
    start = newline + 1;
  }
  return lines;
}

/** Index of the line holding `offset` (the last line starting at or before it). Lines are in text order. */
export function lineIndexAt(lines: ReadonlyArray<{ start: number }>, offset: number): number {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (lines[middle]!.start <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Characters on a line of the text column at its widest (708 px of 16 px text). */
export const DEFAULT_CHARS_PER_LINE = 90;
/** The average width of a character of the reading text, for estimates. */
const AVERAGE_CHAR_PX = 7.9;

/** About how many characters fit on a line of the text column when it is `width` pixels wide. */
export function charsPerLineAt(width: number): number {
  if (!(width > 0)) return DEFAULT_CHARS_PER_LINE;
  return Math.max(20, Math.round(width / AVERAGE_CHAR_PX));
}

/** A rough height for a chunk before it is first drawn, so the scrollbar is about right. */
export function estimateChunkHeight(chunk: DocChunk, charsPerLine = DEFAULT_CHARS_PER_LINE, lineHeight = 27): number {
  const rows = chunk.lines.reduce((sum, line) => sum + Math.max(1, Math.ceil(line.text.length / charsPerLine)), 0);
  return rows * lineHeight + (chunk.pageMarker ? 48 : 0);
}
