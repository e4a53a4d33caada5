/**
 * A coded segment in its context for reading in a list: the words before and
 * after it from the same paragraph, cut at a word boundary. Pure.
 */

export interface SegmentContext {
  before: string;
  text: string;
  after: string;
  /** True when the context was cut short (shown with an ellipsis). */
  cutBefore: boolean;
  cutAfter: boolean;
}

/** How much context `evidence.segments` sends either side (backend/evidence/evidence.ts). */
const BACKEND_CONTEXT = 160;
const MAX_CONTEXT = 130;

interface SegmentLike {
  before: string;
  text: string;
  after: string;
  start: number;
}

export function segmentContext(segment: SegmentLike, max = MAX_CONTEXT): SegmentContext {
  // Only the paragraph the segment sits in: from the last line break before it to the first after it.
  const lineBreakBefore = segment.before.lastIndexOf('\n');
  const lineBreakAfter = segment.after.indexOf('\n');
  let before = segment.before.slice(lineBreakBefore + 1);
  let after = lineBreakAfter >= 0 ? segment.after.slice(0, lineBreakAfter) : segment.after;
  // More text of the paragraph lies beyond the context the backend sent.
  let cutBefore = lineBreakBefore < 0 && segment.start > segment.before.length;
  let cutAfter = lineBreakAfter < 0 && segment.after.length >= BACKEND_CONTEXT;

  if (before.length > max) {
    before = before.slice(before.length - max);
    cutBefore = true;
  }
  if (cutBefore) {
    // The window may start mid-word: drop the broken word.
    const space = before.indexOf(' ');
    if (space >= 0 && space < before.length - 1) before = before.slice(space + 1);
  }
  if (after.length > max) {
    after = after.slice(0, max);
    cutAfter = true;
  }
  if (cutAfter) {
    const space = after.lastIndexOf(' ');
    if (space > 0) after = after.slice(0, space);
  }
  return { before, text: segment.text.replace(/\s*\n+\s*/g, ' '), after, cutBefore, cutAfter };
}
