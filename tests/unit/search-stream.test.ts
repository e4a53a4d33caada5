import { describe, expect, it } from 'vitest';
import { findTermRanges, parseQuery, termOccurrences, tokenize } from '../../shared/search-tokens';

const TEXT = 'Het plan van\naanpak: Plan van Aanpak? Zoë en gee\u0308n 😀 plannen; van aanpak plan.\nGeïnformeerd, plan van aanpak.';

describe('term occurrences read lazily', () => {
  it('finds what findTermRanges finds, also a phrase across a line break, in text order', () => {
    const tokens = tokenize(TEXT);
    const terms = parseQuery('"plan van aanpak" plan* geinformeerd van');
    const expected = terms
      .flatMap((term, index) => findTermRanges(tokens, term).map(([first, last]) => ({ term: index, first, start: tokens[first]!.start, end: tokens[last - 1]!.end })))
      .sort((a, b) => a.first - b.first || a.term - b.term)
      .map(({ first: _first, ...occurrence }) => occurrence);
    expect([...termOccurrences(TEXT, terms)]).toEqual(expected);
    expect(TEXT.slice(expected[0]!.start, expected[0]!.end)).toBe('plan van\naanpak');
  });

  it('reads no further than asked', () => {
    const long = `plan ${'woord '.repeat(100_000)}plan`;
    const occurrences = termOccurrences(long, parseQuery('plan'));
    expect(occurrences.next().value).toEqual({ term: 0, start: 0, end: 4 });
    expect(occurrences.next().value).toEqual({ term: 0, start: long.length - 4, end: long.length });
    expect(occurrences.next().done).toBe(true);
  });
});
