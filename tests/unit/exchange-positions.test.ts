import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointIndexer, normaliseWithPositions } from '../../backend/exchange/positions';
import { alignPseudonymised } from '../../backend/exchange/align';
import { normalizeText } from '../../shared/normalize-text';

/** Text the way other programs write it: CRLF and lone CR, trailing spaces, decomposed accents, emoji, controls. */
const pieces = fc.constantFrom('ouder', ' ', '\r\n', '\r', '\n', '  \r\n', 'e\u0301', 'ï', '😀', '\t', '\u0007', 'Noor', '.', '\uFEFF');
const rawText = fc.array(pieces, { maxLength: 60 }).map((parts) => parts.join(''));

describe('REFI-QDA positions (code points) onto Veldwerk offsets (UTF-16 of the normalised text)', () => {
  it('normalise exactly as the importer does, and keep positions in order', () => {
    fc.assert(
      fc.property(rawText, (raw) => {
        const mapped = normaliseWithPositions(raw, 'bron');
        expect(mapped.text).toBe(normalizeText(raw));
        let previous = 0;
        for (let codePoint = 0; codePoint <= mapped.codePoints; codePoint++) {
          const offset = mapped.offsetOf(codePoint);
          expect(offset).toBeGreaterThanOrEqual(previous);
          expect(offset).toBeLessThanOrEqual(mapped.text.length);
          previous = offset;
        }
      }),
    );
  });

  it('carry a selection over CRLF, a decomposed accent and an emoji onto the same words', () => {
    const raw = 'Moeder:  \r\nHet plan is nooit besproke\u0301n 😀.\r\nEinde';
    const points = Array.from(raw);
    const wanted = 'plan is nooit besproke\u0301n 😀';
    const start = points.findIndex((_, index) => points.slice(index, index + 4).join('') === 'plan');
    const end = start + Array.from(wanted).length;
    const mapped = normaliseWithPositions(raw, 'bron');
    expect(mapped.text.slice(mapped.offsetOf(start), mapped.offsetOf(end))).toBe('plan is nooit besprokén 😀');
  });

  it('count an emoji as one code point when exporting', () => {
    const text = 'a😀b';
    const indexOf = codePointIndexer(text);
    expect([0, 1, 3, 4].map(indexOf)).toEqual([0, 1, 2, 3]);
  });

  it('line a pseudonymised text up with the original: placeholders map onto what they replaced', () => {
    const original = 'Noor vertelde op 12-03-2026 dat Maaike belde.';
    const pseudonymised = '[naam] vertelde op [datum] dat [naam] belde.';
    const alignment = alignPseudonymised(pseudonymised, original)!;
    const span = (from: string, to: string) => {
      const start = pseudonymised.indexOf(from);
      const end = pseudonymised.indexOf(to, start) + to.length;
      return original.slice(alignment.startOf(start), alignment.endOf(end));
    };
    expect(span('[naam] vertelde', '[datum]')).toBe('Noor vertelde op 12-03-2026');
    expect(span(' dat ', '[naam]')).toBe(' dat Maaike');
    expect(alignPseudonymised('Een heel andere tekst over iets anders.', original)).toBeNull();
  });
});
