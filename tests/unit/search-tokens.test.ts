import { describe, expect, it } from 'vitest';
import { findTermRanges, parseQuery, toFtsMatch, tokenize } from '../../shared/search-tokens';
import { pageOfOffset } from '../../shared/pages';

describe('search tokens', () => {
  it('folds case and diacritics like FTS5 unicode61 remove_diacritics 2', () => {
    expect(tokenize('Ouders zijn geïnformeerd, ÉÉN keer.').map((t) => t.folded)).toEqual([
      'ouders',
      'zijn',
      'geinformeerd',
      'een',
      'keer',
    ]);
  });

  it('keeps offsets in UTF-16 code units, also after an emoji and a decomposed letter', () => {
    const text = 'Blij 😀 met gee\u0308n plan';
    const tokens = tokenize(text);
    expect(tokens.map((token) => token.folded)).toEqual(['blij', 'met', 'geen', 'plan']);
    const geen = tokens.find((token) => token.folded === 'geen')!;
    expect(text.slice(geen.start, geen.end)).toBe('gee\u0308n');
    expect(text.slice(tokens.at(-1)!.start, tokens.at(-1)!.end)).toBe('plan');
  });

  it('parses words, quoted phrases and prefixes; quotes every token for FTS5', () => {
    const terms = parseQuery('"plan van aanpak" veilig* OR');
    expect(terms).toEqual([
      { tokens: ['plan', 'van', 'aanpak'], prefix: false },
      { tokens: ['veilig'], prefix: true },
      { tokens: ['or'], prefix: false },
    ]);
    expect(toFtsMatch(terms)).toBe('"plan van aanpak" AND "veilig"* AND "or"');
    expect(toFtsMatch(parseQuery('a"b'))).not.toMatch(/[^"]"[^" ]/);
  });

  it('finds phrase and prefix occurrences as token ranges', () => {
    const tokens = tokenize('Het plan van aanpak. Geen Plan van Aanpak? Veiligheid en veiligheidsplan.');
    expect(findTermRanges(tokens, parseQuery('"plan van aanpak"')[0]!)).toEqual([
      [1, 4],
      [5, 8],
    ]);
    expect(findTermRanges(tokens, parseQuery('veiligheid*')[0]!).length).toBe(2);
    expect(findTermRanges(tokens, parseQuery('veiligheid')[0]!).length).toBe(1);
  });
});

describe('pages', () => {
  it('maps offsets to 1-based pages', () => {
    const starts = [0, 100, 250];
    expect([0, 99, 100, 249, 250, 9999].map((offset) => pageOfOffset(starts, offset))).toEqual([1, 1, 2, 2, 3, 3]);
  });
});
