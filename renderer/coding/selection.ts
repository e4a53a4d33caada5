/**
 * The browser side of selecting text: a DOM Range (or a point under the
 * mouse) in the document view becomes a span of source offsets. The counting
 * itself is in offsets.ts (pure, unit-tested); this file finds the line
 * elements (`[data-start]`) and handles boundaries that fall between lines.
 */
import { textLength, textOffsetWithin, trimSpan, type NodeLike } from './offsets';

const LINE_SELECTOR = '[data-start]';

export interface Span {
  start: number;
  end: number;
}

function lineElementOf(node: Node, root: Element): HTMLElement | null {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  const line = element?.closest<HTMLElement>(LINE_SELECTOR) ?? null;
  return line && root.contains(line) ? line : null;
}

const lineStart = (line: HTMLElement) => Number(line.dataset.start);

/**
 * The source offset of a boundary point. Inside a line: the line's start plus
 * the text before the point. Between lines (a triple click ends at the start
 * of the next paragraph; a drag may start in the header): the start of the
 * first line after the point, or for an end point the end of the last line
 * before it.
 */
export function boundaryOffset(container: Node, offset: number, root: HTMLElement, side: 'start' | 'end'): number | null {
  const line = lineElementOf(container, root);
  if (line) {
    const within = textOffsetWithin(line as unknown as NodeLike, container as unknown as NodeLike, offset);
    return within === null ? null : lineStart(line) + within;
  }
  const lines = root.querySelectorAll<HTMLElement>(LINE_SELECTOR);
  if (lines.length === 0) return null;
  const point = document.createRange();
  point.setStart(container, offset);
  point.collapse(true);
  // Binary search: the first line that starts after the point.
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (point.comparePoint(lines[middle]!, 0) >= 0) high = middle;
    else low = middle + 1;
  }
  if (side === 'start') return low < lines.length ? lineStart(lines[low]!) : null;
  const before = lines[low - 1];
  return before ? lineStart(before) + textLength(before as unknown as NodeLike) : null;
}

/** The trimmed source span of a range within the text root, or null when it holds no text of the source. */
export function spanOfRange(range: Range, root: HTMLElement, text: string): Span | null {
  if (range.collapsed || !range.intersectsNode(root)) return null;
  const start = boundaryOffset(range.startContainer, range.startOffset, root, 'start');
  const end = boundaryOffset(range.endContainer, range.endOffset, root, 'end');
  if (start === null || end === null) return null;
  return trimSpan(text, Math.max(0, start), Math.min(text.length, end));
}

/** The current selection's span in the text root, with its range, or null. */
export function currentSelectionSpan(root: HTMLElement, text: string): { span: Span; range: Range } | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const span = spanOfRange(range, root, text);
  return span ? { span, range } : null;
}

/** The source offset under a point of the window (for dragging a highlight's ends). */
export function offsetAtPoint(x: number, y: number, root: HTMLElement): number | null {
  const doc = document as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  let node: Node | null = null;
  let offset = 0;
  if (doc.caretPositionFromPoint) {
    const position = doc.caretPositionFromPoint(x, y);
    if (position) ({ offsetNode: node, offset } = position);
  } else if (document.caretRangeFromPoint) {
    const range = document.caretRangeFromPoint(x, y);
    if (range) ({ startContainer: node, startOffset: offset } = range);
  }
  if (!node || !root.contains(node)) return null;
  return boundaryOffset(node, offset, root, 'start');
}

/** A CSS Custom Highlight for the pending selection, so it stays visible when focus moves into the palette. */
const PENDING_HIGHLIGHT = 'veldwerk-pending';

export function showPendingHighlight(range: Range | null): void {
  const registry = (globalThis as { CSS?: { highlights?: Map<string, unknown> } }).CSS?.highlights;
  const HighlightClass = (globalThis as { Highlight?: new (...ranges: Range[]) => unknown }).Highlight;
  if (!registry || !HighlightClass) return;
  if (range) registry.set(PENDING_HIGHLIGHT, new HighlightClass(range.cloneRange()));
  else registry.delete(PENDING_HIGHLIGHT);
}

export function clearDocumentSelection(): void {
  window.getSelection()?.removeAllRanges();
}
