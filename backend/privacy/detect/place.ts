/**
 * Places that point at a family: Dutch places and municipalities from
 * resources/privacy/plaatsen.tsv (GeoNames and the Countries States Cities
 * database, with their licences). A place whose name is also a Dutch word or
 * a first name ("Best", "Goes", "Lisse"?) counts only after "in", "uit",
 * "te", "naar" and the like.
 *
 * Big cities are a trade-off, decided so: a city of 100,000 inhabitants or
 * more points at no one by itself and mostly names where an institution or
 * its team sits ("de vestiging in Amsterdam", "GI Amsterdam"), so it stays;
 * it is replaced only where the text makes it someone's home town ("woont in
 * Rotterdam", "verhuisd naar Utrecht", "komt uit Den Haag").
 */
import { B, E, type Detection, type Detector } from './types';

/** Cities this large identify no one by themselves. */
const LARGE = 100_000;
const CUE = /(?:\bin|\buit|\bte|\bnaar|\bbij|\brond|\bnabij|\bomgeving|\bvanuit|\bwoont|\bwonend)\s+$/iu;
/** Where a text makes a place someone's home: only then is a big city replaced. */
const HOME = /(?:\bwoon\p{L}*|\bwonen\p{L}*|\bverhui\p{L}*|\bopgegroeid|\bafkomstig|\bgeboren|\bkomt|\bkwam|\bingeschreven)(?:\s+(?:nu|al|inmiddels|sinds\s+\p{L}+|ook))?\s+(?:in|te|naar|uit|bij)\s+$/iu;

let pattern: RegExp | null = null;
function placePattern(places: ReadonlyMap<string, number>): RegExp {
  if (pattern) return pattern;
  const names = [...places.keys()].sort((a, b) => b.length - a.length);
  pattern = new RegExp(`${B}(?:${names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})${E}`, 'gu');
  return pattern;
}

export const detectPlace: Detector = (text, { lexicon, allowed }) => {
  const found: Detection[] = [];
  for (const match of text.matchAll(placePattern(lexicon.places))) {
    const name = match[0];
    const lower = name.toLocaleLowerCase('nl');
    if (allowed.has(lower)) continue;
    const before = text.slice(Math.max(0, match.index - 40), match.index);
    if ((lexicon.places.get(name) ?? 0) >= LARGE) {
      if (HOME.test(before)) found.push({ kind: 'woonplaats', start: match.index, end: match.index + name.length, text: name, certain: true, why: 'grote stad als woonplaats' });
      continue;
    }
    const cued = CUE.test(before.slice(-12));
    if (!cued && (lexicon.isWord(lower) || lexicon.firstNames.has(name))) continue;
    found.push({ kind: 'woonplaats', start: match.index, end: match.index + name.length, text: name, certain: cued || !lexicon.isWord(lower), why: 'plaatsnaam' });
  }
  return found;
};
