/**
 * Places small enough to point at a family: Dutch places from the GeoNames
 * list (resources/privacy/plaatsen.tsv) under 100,000 inhabitants. A place
 * whose name is also a Dutch word ("Best", "Goes") counts only after "in",
 * "uit", "te", "naar" and the like.
 */
import { B, E, type Detection, type Detector } from './types';

/** Cities this large do not point at anyone. */
const LARGE = 100_000;
const CUE = /(?:\bin|\buit|\bte|\bnaar|\bbij|\brond|\bnabij|\bomgeving|\bvanuit|\bwoont|\bwonend)\s+$/iu;

let pattern: RegExp | null = null;
function placePattern(places: ReadonlyMap<string, number>): RegExp {
  if (pattern) return pattern;
  const names = [...places].filter(([, population]) => population < LARGE).map(([name]) => name).sort((a, b) => b.length - a.length);
  pattern = new RegExp(`${B}(?:${names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})${E}`, 'gu');
  return pattern;
}

export const detectPlace: Detector = (text, { lexicon, allowed }) => {
  const found: Detection[] = [];
  for (const match of text.matchAll(placePattern(lexicon.places))) {
    const name = match[0];
    const lower = name.toLocaleLowerCase('nl');
    if (allowed.has(lower)) continue;
    const cued = CUE.test(text.slice(Math.max(0, match.index - 12), match.index));
    if (!cued && (lexicon.isWord(lower) || lexicon.firstNames.has(name))) continue;
    found.push({ kind: 'woonplaats', start: match.index, end: match.index + name.length, text: name, certain: cued || !lexicon.isWord(lower), why: 'plaatsnaam' });
  }
  return found;
};
