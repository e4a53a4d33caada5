/**
 * Positions in REFI-QDA count Unicode code points of the plain text from 0,
 * the end exclusive. Veldwerk's offsets count UTF-16 code units of the
 * normalised text (shared/normalize-text.ts). These functions convert between
 * the two, and map code points of a foreign text onto its normalised form.
 */
import { normalizeText } from '../../shared/normalize-text';
import { UserError } from '../errors';

const SURROGATE = /[\uD800-\uDFFF]/;

/** UTF-16 offset → code point index, for one text (precomputed once per text). */
export function codePointIndexer(text: string): (utf16Offset: number) => number {
  if (!SURROGATE.test(text)) return (offset) => offset;
  const indexAt = new Int32Array(text.length + 1);
  let codePoints = 0;
  for (let offset = 0; offset < text.length; offset++) {
    indexAt[offset] = codePoints;
    const unit = text.charCodeAt(offset);
    // A high surrogate followed by a low one is one code point: its second half counts nothing.
    const pairs = unit >= 0xd800 && unit <= 0xdbff && /[\uDC00-\uDFFF]/.test(text[offset + 1] ?? '');
    if (pairs) {
      indexAt[offset + 1] = codePoints;
      offset++;
    }
    codePoints++;
  }
  indexAt[text.length] = codePoints;
  return (offset) => indexAt[offset]!;
}

export function codePointLength(text: string): number {
  return codePointIndexer(text)(text.length);
}

export interface NormalisedText {
  text: string;
  /** Code points in the raw text. */
  codePoints: number;
  /** Code point index in the raw text → UTF-16 offset in the normalised text. */
  offsetOf(codePoint: number): number;
}

interface Cluster {
  /** Index of its first code point in the raw text. */
  codePoint: number;
  text: string;
}

const DROPPED_CONTROL = /^[\x00-\x08\x0B-\x1F]$/;
const COMBINING = /^\p{M}/u;
const WHITESPACE = /^\s+$/u;

/**
 * Normalise a foreign text exactly as an import does (normalizeText) and keep,
 * for every code point of the raw text, where it lands: dropped characters
 * (a CR before LF, controls, trailing spaces) land where the next kept one
 * does. Refused when the step-by-step result differs from normalizeText, so a
 * coding is never moved onto the wrong words.
 */
export function normaliseWithPositions(raw: string, sourceName: string): NormalisedText {
  // Already in normal form (a Veldwerk export, most texts): code points map straight onto UTF-16 offsets.
  if (normalizeText(raw) === raw) return alreadyNormal(raw);
  const codePoints = Array.from(raw);
  const clusters = trimLineEnds(composeClusters(cleanUnits(codePoints)));
  const starts = new Int32Array(clusters.length);
  const offsets = new Int32Array(clusters.length);
  let length = 0;
  clusters.forEach((cluster, index) => {
    starts[index] = cluster.codePoint;
    offsets[index] = length;
    length += cluster.text.length;
  });
  const text = clusters.map((cluster) => cluster.text).join('');
  if (text !== normalizeText(raw)) {
    throw new UserError(`De tekst van "${sourceName}" kan niet betrouwbaar worden omgerekend naar Veldwerk-posities.`, 'rejected');
  }
  return {
    text,
    codePoints: codePoints.length,
    offsetOf(codePoint) {
      // The first cluster that starts at or after this code point.
      let low = 0;
      let high = clusters.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (starts[middle]! < codePoint) low = middle + 1;
        else high = middle;
      }
      return low < clusters.length ? offsets[low]! : length;
    },
  };
}

function alreadyNormal(text: string): NormalisedText {
  if (!SURROGATE.test(text)) return { text, codePoints: text.length, offsetOf: (codePoint) => Math.min(codePoint, text.length) };
  const offsets: number[] = [];
  for (let offset = 0; offset < text.length; offset += text.codePointAt(offset)! > 0xffff ? 2 : 1) offsets.push(offset);
  offsets.push(text.length);
  return { text, codePoints: offsets.length - 1, offsetOf: (codePoint) => offsets[Math.min(codePoint, offsets.length - 1)]! };
}

/** BOM, CR LF → LF, lone CR → LF, C0 controls dropped (as normalizeText). */
function cleanUnits(codePoints: string[]): Cluster[] {
  const units: Cluster[] = [];
  codePoints.forEach((char, index) => {
    if (index === 0 && char === '\uFEFF') return;
    if (char === '\r') {
      if (codePoints[index + 1] === '\n') return;
      units.push({ codePoint: index, text: '\n' });
      return;
    }
    if (DROPPED_CONTROL.test(char)) return;
    units.push({ codePoint: index, text: char });
  });
  return units;
}

/** A base character with its combining marks, composed to NFC as one piece. */
function composeClusters(units: Cluster[]): Cluster[] {
  const clusters: Cluster[] = [];
  for (const unit of units) {
    const last = clusters[clusters.length - 1];
    if (last && COMBINING.test(unit.text) && last.text !== '\n') last.text += unit.text;
    else clusters.push({ ...unit });
  }
  for (const cluster of clusters) cluster.text = cluster.text.normalize('NFC');
  return clusters;
}

/** Whitespace at the end of each line is dropped (as normalizeText's trimEnd per line). */
function trimLineEnds(clusters: Cluster[]): Cluster[] {
  const kept: Cluster[] = [];
  let atLineEnd = true;
  for (let index = clusters.length - 1; index >= 0; index--) {
    const cluster = clusters[index]!;
    if (cluster.text === '\n') atLineEnd = true;
    else if (atLineEnd && WHITESPACE.test(cluster.text)) continue;
    else atLineEnd = false;
    kept.push(cluster);
  }
  return kept.reverse();
}
