/**
 * Finding a query's terms by string search in a folded copy of the text
 * (issue 9) must find exactly what tokenising the text finds: the same
 * occurrences, offsets and order, for words, prefixes and phrases of common
 * words, with case, diacritics, emoji and letters outside the BMP; texts it
 * cannot fold exactly (combining marks, a capital sigma) are left to the
 * tokeniser.
 */
import { describe, expect, it } from 'vitest';
import { foldedOccurrences, foldedText } from '../../backend/search/folded-occurrences';
import { parseQuery, termOccurrences, tokenize } from '../../shared/search-tokens';
import { seededRandom } from '../../shared/seeded-random';

const reference = (text: string, query: string) => [...termOccurrences(text, parseQuery(query))];

describe('occurrences found in the folded text', () => {
  it('equal the tokeniser’s for a phrase of common words, a prefix and words, across lines and case', () => {
    const text = 'Het Plan van\naanpak: PLAN VAN AANPAK? Geïnformeerd, van van van; plannen, plan-van-aanpak.\nZoë ﬁets 😀 ß 𝐀pen';
    for (const query of ['"plan van aanpak"', 'plan*', 'van', '"van van"', 'geinformeerd zoe', 'ß', '𝐚pen', 'apen', 'ﬁets', 'plan van aanpak']) {
      const fast = foldedOccurrences(text, parseQuery(query));
      expect(fast, query).not.toBeNull();
      expect(fast, query).toEqual(reference(text, query));
    }
    const phrase = foldedOccurrences(text, parseQuery('"plan van aanpak"'))!;
    expect(phrase.map(({ start, end }) => text.slice(start, end))).toEqual(['Plan van\naanpak', 'PLAN VAN AANPAK', 'plan-van-aanpak']);
  });

  it('keeps every offset: the folded text is as long as the text and has its token boundaries', () => {
    const text = 'ÉÉN Één één. İstanbul 😀 Ærø';
    const folded = foldedText(text)!;
    expect(folded.length).toBe(text.length);
    expect(tokenize(folded).map(({ start, end, folded: fold }) => [start, end, fold])).toEqual(
      tokenize(text).map(({ start, end, folded: fold }) => [start, end, fold]),
    );
  });

  it('leaves a text with a combining mark or a capital sigma to the tokeniser', () => {
    expect(foldedOccurrences('gee\u0308n plan', parseQuery('geen'))).toBeNull();
    expect(foldedOccurrences('ΟΔΟΣ plan', parseQuery('οδος'))).toBeNull();
    expect(reference('gee\u0308n plan', 'geen')).toEqual([{ term: 0, start: 0, end: 5 }]);
  });

  it('equal the tokeniser’s on random texts and queries', () => {
    const random = seededRandom(9);
    const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const words = ['plan', 'Plan', 'van', 'VAN', 'aanpak', 'plannen', 'geïnformeerd', 'GEÏNFORMEERD', 'één', 'zoë', 'Zoë', 'ß', '𝐀pen', 'x1', '12', 'ǅemal', 'straße', '\ue000priv'];
    const separators = [' ', ' ', ' ', '\n', ', ', '-', '. ', '😀', ' — ', '\u00a0', '’'];
    const rare = ['e\u0301', 'Σ', 'İ'];
    let fastTaken = 0;
    for (let round = 0; round < 300; round++) {
      const parts: string[] = [];
      const count = 3 + Math.floor(random() * 30);
      for (let index = 0; index < count; index++) parts.push(pick(words), pick(separators));
      if (random() < 0.2) parts.splice(Math.floor(random() * parts.length), 0, pick(rare));
      const text = parts.join('');
      const queryWords = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(words));
      const query = pick([
        queryWords.join(' '),
        `"${queryWords.join(' ')}"`,
        `${queryWords[0]!.slice(0, 3)}*`,
        `"${queryWords.join(' ')}" ${pick(words)}`,
      ]);
      const fast = foldedOccurrences(text, parseQuery(query));
      if (fast === null) continue;
      fastTaken++;
      expect(fast, `${query} in ${JSON.stringify(text)}`).toEqual(reference(text, query));
    }
    // Most random texts have neither marks nor a capital sigma: the comparison covered them.
    expect(fastTaken).toBeGreaterThan(200);
  });
});
