/** The rating scale as colours and counts, and the scale editor's list helpers. */
import { describe, expect, it } from 'vitest';
import type { Judgment } from '../../shared/api/types';
import { mix, moveItem, normOverview, ratingTone, scaleProblems, toneAt } from '../../renderer/judgments/scale';

const SCALE = ['voldoet', 'voldoet grotendeels', 'voldoet grotendeels niet', 'voldoet niet'];

function luminance(color: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('scale colours', () => {
  it('runs from blue (best) to orange (worst), strongest at the ends', () => {
    const tones = SCALE.map((rating) => ratingTone(rating, SCALE)!);
    expect(tones.map((tone) => tone.index)).toEqual([0, 1, 2, 3]);
    const blueish = (color: string) => parseInt(color.slice(5, 7), 16) > parseInt(color.slice(1, 3), 16);
    expect(blueish(tones[0]!.strong)).toBe(true);
    expect(blueish(tones[1]!.strong)).toBe(true);
    expect(blueish(tones[2]!.strong)).toBe(false);
    expect(blueish(tones[3]!.strong)).toBe(false);
    // The ends are more saturated (darker) than the middle values.
    expect(luminance(tones[0]!.strong)).toBeLessThan(luminance(tones[1]!.strong));
    expect(luminance(tones[3]!.strong)).toBeLessThan(luminance(tones[2]!.strong));
  });

  it('keeps backgrounds light enough for dark text', () => {
    for (let count = 2; count <= 10; count++) {
      for (let index = 0; index < count; index++) expect(luminance(toneAt(index, count).soft)).toBeGreaterThan(0.75);
    }
  });

  it('gives the middle of an odd scale a neutral grey', () => {
    const middle = toneAt(1, 3).strong;
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(middle.slice(i, i + 2), 16)) as [number, number, number];
    expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeLessThan(30);
  });

  it('has no tone for no rating or a rating off the scale', () => {
    expect(ratingTone(null, SCALE)).toBeNull();
    expect(ratingTone('onvoldoende', SCALE)).toBeNull();
  });

  it('mixes colours linearly', () => {
    expect(mix('#000000', '#ffffff', 0.5)).toBe('#808080');
    expect(mix('#102030', '#102030', 0.3)).toBe('#102030');
    expect(mix('#000000', '#ffffff', 2)).toBe('#ffffff');
  });
});

describe('judgment overview per norm', () => {
  const judgment = (institutionId: string, rating: string | null): Judgment => ({
    id: institutionId,
    institutionId,
    codeId: 'norm',
    rating,
    rationale: '',
    evidenceCodingIds: [],
  });

  it('counts ratings in scale order, off-scale ratings and open institutions', () => {
    const overview = normOverview([judgment('a', 'voldoet'), judgment('b', 'voldoet'), judgment('c', 'oud'), judgment('d', null)], SCALE, ['a', 'b', 'c', 'd', 'e'], 'norm');
    expect(overview.byRating).toEqual([
      { rating: 'voldoet', n: 2 },
      { rating: 'voldoet grotendeels', n: 0 },
      { rating: 'voldoet grotendeels niet', n: 0 },
      { rating: 'voldoet niet', n: 0 },
    ]);
    expect(overview.offScale).toBe(1);
    expect(overview.open).toBe(2);
  });
});

describe('scale editing', () => {
  it('moves values up and down within bounds', () => {
    expect(moveItem(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('finds empty, duplicate, too few and too many values', () => {
    expect(scaleProblems(SCALE)).toEqual([]);
    expect(scaleProblems(['voldoet', ' '])).toEqual(['empty', 'too-few']);
    expect(scaleProblems(['Voldoet', 'voldoet '])).toEqual(['duplicate']);
    expect(scaleProblems(Array.from({ length: 11 }, (_, i) => `w${i}`))).toEqual(['too-many']);
  });
});
