/**
 * A pseudonymised export coming home. The text another program coded is the
 * study's own text with identifying details replaced by placeholders
 * ("[naam]", "[datum]"). A diff (jsdiff, Myers' algorithm) lines the two up,
 * so a position in the pseudonymised text finds its place in the original:
 * unchanged stretches one to one, a placeholder as a whole onto what it
 * replaced. Placeholders are single tokens in the diff, so none of their
 * letters is ever matched with a letter of the original ("[datum]" shares
 * "dat" with "dat").
 */
import { diffArrays } from 'diff';

export interface Alignment {
  /** Position in the pseudonymised text → position in the original, for a span's start. */
  startOf(offset: number): number;
  /** The same for a span's end: a span that ends inside a placeholder keeps all of what it replaced. */
  endOf(offset: number): number;
}

const PLACEHOLDER = /\[(?:e-mail|telefoonnummer|BSN|datum|adres|postcode|naam)\]/g;
/** Share of the pseudonymised text (placeholders left out) that must reappear unchanged for it to be the same source. */
const MIN_SHARED = 0.9;
const DIFF_TIMEOUT_MS = 5_000;

interface Block {
  /** Range in the pseudonymised text. */
  from: number;
  to: number;
  /** Range in the original. */
  originalFrom: number;
  originalTo: number;
  equal: boolean;
}

/** How the pseudonymised text lines up with the original, or null when it is not the same text. */
export function alignPseudonymised(pseudonymised: string, original: string): Alignment | null {
  const changes = diffArrays(tokens(pseudonymised), original.split(''), { timeout: DIFF_TIMEOUT_MS });
  if (!changes) return null;
  const blocks: Block[] = [];
  let at = 0;
  let originalAt = 0;
  let shared = 0;
  for (const change of changes) {
    const length = change.value.reduce((sum, token) => sum + token.length, 0);
    const last = blocks[blocks.length - 1];
    const equal = !change.added && !change.removed;
    // Consecutive insertions and removals form one replaced block.
    const block = last && !last.equal && !equal ? last : { from: at, to: at, originalFrom: originalAt, originalTo: originalAt, equal };
    if (block !== last) blocks.push(block);
    if (!change.added) at += length;
    if (!change.removed) originalAt += length;
    block.to = at;
    block.originalTo = originalAt;
    if (equal) shared += length;
  }
  const meaningful = pseudonymised.replace(PLACEHOLDER, '').length;
  if (meaningful > 0 && shared / meaningful < MIN_SHARED) return null;
  return {
    startOf: (offset) => map(blocks, offset, 'start'),
    endOf: (offset) => map(blocks, offset, 'end'),
  };
}

/** Placeholders whole, everything else one UTF-16 unit at a time (as the original is split). */
function tokens(text: string): string[] {
  const out: string[] = [];
  let at = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    out.push(...text.slice(at, match.index).split(''));
    out.push(match[0]);
    at = match.index + match[0].length;
  }
  out.push(...text.slice(at).split(''));
  return out;
}

function map(blocks: Block[], offset: number, side: 'start' | 'end'): number {
  let low = 0;
  let high = blocks.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (blocks[middle]!.from <= offset) low = middle;
    else high = middle - 1;
  }
  const block = blocks[low];
  if (!block) return offset;
  if (block.equal) return block.originalFrom + Math.min(offset - block.from, block.originalTo - block.originalFrom);
  if (offset <= block.from) return block.originalFrom;
  if (offset >= block.to) return block.originalTo;
  return side === 'start' ? block.originalFrom : block.originalTo;
}
