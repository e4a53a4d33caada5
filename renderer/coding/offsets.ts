/**
 * From a point in the rendered document back to an offset in the source text.
 *
 * Every line element carries `data-start` (the offset of its first character).
 * Inside it, highlights split the line's text over several text nodes, and
 * decorations (margin stripes) are elements without text; so the offset of a
 * boundary point within the line is the number of text characters (UTF-16 code
 * units, as the DOM and the backend count) in the text nodes before it.
 *
 * Pure: it walks anything shaped like a DOM node (`NodeLike`), so the unit
 * tests run in Node without a DOM.
 */

export interface NodeLike {
  readonly nodeType: number;
  readonly nodeValue: string | null;
  readonly childNodes: ArrayLike<NodeLike>;
  readonly parentNode: NodeLike | null;
}

export const TEXT_NODE = 3;
export const ELEMENT_NODE = 1;

/** Total length of the text nodes inside `node` (itself included). */
export function textLength(node: NodeLike): number {
  if (node.nodeType === TEXT_NODE) return node.nodeValue?.length ?? 0;
  let sum = 0;
  for (let index = 0; index < node.childNodes.length; index++) sum += textLength(node.childNodes[index]!);
  return sum;
}

/**
 * The number of text characters inside `root` before the boundary point
 * (`container`, `offset`), with the DOM's meaning of a boundary point: in a
 * text node `offset` counts characters, in an element it counts child nodes.
 * Returns null when the point is not inside `root`.
 */
export function textOffsetWithin(root: NodeLike, container: NodeLike, offset: number): number | null {
  let before: number;
  let node: NodeLike;
  if (container.nodeType === TEXT_NODE) {
    before = Math.max(0, Math.min(offset, container.nodeValue?.length ?? 0));
    node = container;
  } else {
    before = 0;
    const count = Math.max(0, Math.min(offset, container.childNodes.length));
    for (let index = 0; index < count; index++) before += textLength(container.childNodes[index]!);
    node = container;
  }
  // Climb to the root, adding the text of the earlier siblings at every level.
  while (node !== root) {
    const parent = node.parentNode;
    if (!parent) return null;
    for (let index = 0; index < parent.childNodes.length; index++) {
      const sibling = parent.childNodes[index]!;
      if (sibling === node) break;
      before += textLength(sibling);
    }
    node = parent;
  }
  return before;
}

const WHITESPACE = /\s/;

/**
 * Shrink a span so it neither starts nor ends with white space (a dragged or
 * double-clicked selection often takes the space or the line end with it),
 * and never splits a surrogate pair. Returns null when nothing but white
 * space remains.
 */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } | null {
  let from = Math.max(0, Math.min(start, end, text.length));
  let to = Math.min(text.length, Math.max(start, end, 0));
  while (from < to && WHITESPACE.test(text[from]!)) from++;
  while (to > from && WHITESPACE.test(text[to - 1]!)) to--;
  if (from >= to) return null;
  if (isLowSurrogate(text, from)) from--;
  if (isLowSurrogate(text, to)) to++;
  return { start: from, end: to };
}

function isLowSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
}
