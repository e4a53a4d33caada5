/**
 * Intercoder agreement arithmetic against figures worked out by hand.
 * Notation: N characters; both / onlyA / onlyB / neither the 2x2 table;
 * po = (both + neither) / N; pA = (both + onlyA) / N; pB = (both + onlyB) / N;
 * pe = pA·pB + (1 − pA)(1 − pB); kappa = (po − pe) / (1 − pe).
 */
import { describe, expect, it } from 'vitest';
import {
  addTables,
  characterFigures,
  characterTable,
  kappaOf,
  matchSegments,
  mergeSpans,
  spanOverlap,
} from '../../shared/agreement';

describe('character-level agreement and Cohen’s kappa', () => {
  it('100 characters, A codes 0–40, B codes 20–60', () => {
    // both = 20 (20–40), onlyA = 20 (0–20), onlyB = 20 (40–60), neither = 40 (60–100)
    // po = (20 + 40) / 100 = 0.6
    // pA = 40/100 = 0.4, pB = 40/100 = 0.4
    // pe = 0.4·0.4 + 0.6·0.6 = 0.16 + 0.36 = 0.52
    // kappa = (0.6 − 0.52) / (1 − 0.52) = 0.08 / 0.48 = 1/6 ≈ 0.1667
    const table = characterTable(100, [{ start: 0, end: 40 }], [{ start: 20, end: 60 }]);
    expect(table).toEqual({ characters: 100, both: 20, onlyA: 20, onlyB: 20, neither: 40 });
    const { po, pe, kappa } = kappaOf(table);
    expect(po).toBeCloseTo(0.6, 12);
    expect(pe).toBeCloseTo(0.52, 12);
    expect(kappa).toBeCloseTo(1 / 6, 12);
    expect(characterFigures(table).percentAgreement).toBeCloseTo(60, 12);
  });

  it('identical coding is kappa 1', () => {
    // 50 characters, both code 10–30: both = 20, neither = 30; po = 1
    // pA = pB = 0.4; pe = 0.16 + 0.36 = 0.52; kappa = (1 − 0.52) / 0.48 = 1
    const table = characterTable(50, [{ start: 10, end: 30 }], [{ start: 10, end: 30 }]);
    expect(kappaOf(table).kappa).toBeCloseTo(1, 12);
    expect(characterFigures(table).percentAgreement).toBe(100);
  });

  it('overlapping segments of one coder count each character once', () => {
    // A codes 0–30 and 20–50 (= 0–50, 50 characters), B codes 40–60; N = 100
    // both = 10 (40–50), onlyA = 40, onlyB = 10, neither = 40
    // po = 50/100 = 0.5; pA = 0.5, pB = 0.2; pe = 0.1 + 0.4 = 0.5; kappa = 0 / 0.5 = 0
    const table = characterTable(100, [{ start: 0, end: 30 }, { start: 20, end: 50 }], [{ start: 40, end: 60 }]);
    expect(table).toEqual({ characters: 100, both: 10, onlyA: 40, onlyB: 10, neither: 40 });
    expect(kappaOf(table).kappa).toBeCloseTo(0, 12);
  });

  it('systematic disagreement gives a negative kappa', () => {
    // N = 10, A codes 0–5, B codes 5–10: both = 0, onlyA = 5, onlyB = 5, neither = 0
    // po = 0; pA = pB = 0.5; pe = 0.25 + 0.25 = 0.5; kappa = (0 − 0.5) / 0.5 = −1
    expect(kappaOf(characterTable(10, [{ start: 0, end: 5 }], [{ start: 5, end: 10 }])).kappa).toBeCloseTo(-1, 12);
  });

  it('pooled over sources: the tables are added', () => {
    // Source 1 as in the first test (N = 100: 20 / 20 / 20 / 40).
    // Source 2: N = 50, A codes 0–10, B nothing: both 0, onlyA 10, onlyB 0, neither 40.
    // Pooled: N = 150, both 20, onlyA 30, onlyB 20, neither 80.
    // po = 100/150 = 2/3; pA = 50/150 = 1/3; pB = 40/150 = 4/15
    // pe = (1/3)(4/15) + (2/3)(11/15) = 4/45 + 22/45 = 26/45
    // kappa = (30/45 − 26/45) / (19/45) = 4/19 ≈ 0.2105
    const pooled = addTables([
      characterTable(100, [{ start: 0, end: 40 }], [{ start: 20, end: 60 }]),
      characterTable(50, [{ start: 0, end: 10 }], []),
    ]);
    expect(pooled).toEqual({ characters: 150, both: 20, onlyA: 30, onlyB: 20, neither: 80 });
    const { po, pe, kappa } = kappaOf(pooled);
    expect(po).toBeCloseTo(2 / 3, 12);
    expect(pe).toBeCloseTo(26 / 45, 12);
    expect(kappa).toBeCloseTo(4 / 19, 12);
  });

  it('kappa is undefined (null) when both coders coded nothing, or everything', () => {
    // po = 1, pA = pB = 0 → pe = 1: (1 − 1) / (1 − 1) is undefined
    expect(kappaOf(characterTable(100, [], [])).kappa).toBeNull();
    expect(kappaOf(characterTable(100, [{ start: 0, end: 100 }], [{ start: 0, end: 100 }])).kappa).toBeNull();
    expect(characterFigures(characterTable(100, [], [])).percentAgreement).toBe(100);
  });

  it('clips spans to the text and merges touching spans', () => {
    expect(mergeSpans([{ start: 5, end: 10 }, { start: 10, end: 12 }, { start: -3, end: 2 }, { start: 90, end: 130 }], 100)).toEqual([
      { start: 0, end: 2 },
      { start: 5, end: 12 },
      { start: 90, end: 100 },
    ]);
  });
});

describe('segment-level agreement (overlap = |A ∩ B| / |A ∪ B|)', () => {
  it('computes the overlap of two spans', () => {
    // 0–40 and 20–60: intersection 20, union 60 → 1/3
    expect(spanOverlap({ start: 0, end: 40 }, { start: 20, end: 60 })).toBeCloseTo(1 / 3, 12);
    expect(spanOverlap({ start: 0, end: 10 }, { start: 10, end: 20 })).toBe(0);
    expect(spanOverlap({ start: 0, end: 100 }, { start: 5, end: 100 })).toBeCloseTo(0.95, 12);
  });

  it('matches a segment at or above the threshold, with the same code only', () => {
    const a = [
      { start: 0, end: 100, codeId: 'x' }, // vs B 0–90: 90/100 = 0.90 → matched (exactly at 90%)
      { start: 200, end: 300, codeId: 'x' }, // vs B 200–289: 89/100 = 0.89 → not matched
      { start: 400, end: 500, codeId: 'x' }, // B has 400–500 but with code y → not matched
    ];
    const b = [
      { start: 0, end: 90, codeId: 'x' },
      { start: 200, end: 289, codeId: 'x' },
      { start: 400, end: 500, codeId: 'y' },
    ];
    expect(matchSegments(a, b, 0.9).map((match) => match.matched)).toEqual([true, false, false]);
    expect(matchSegments(a, b, 0.9).map((match) => Number(match.best.toFixed(2)))).toEqual([0.9, 0.89, 0]);
    expect(matchSegments(a, b, 0.85).map((match) => match.matched)).toEqual([true, true, false]);
  });
});
