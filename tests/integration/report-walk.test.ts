/**
 * Sentences of a draft read wrong in a study with one institution or one
 * coded fragment, found by walking a new study as an inspector would
 * ("GI Testland is een van de 1 instelling", "In totaal zijn 1 fragment").
 */
import { describe, expect, it } from 'vitest';
import { codedTotalSentence, placeInRoundSentence } from '../../backend/reports/build-model';

describe('draft sentences for a small study', () => {
  it('places an institution in a round of one, two and more', () => {
    expect(placeInRoundSentence('GI Testland', 1)).toBe('GI Testland is de enige instelling in deze ronde.');
    expect(placeInRoundSentence('GI Noord', 2)).toBe('GI Noord is een van de 2 instellingen in deze ronde.');
    expect(placeInRoundSentence('GI Noord', 3)).toBe('GI Noord is een van de 3 instellingen in deze ronde.');
  });

  it('counts the coded fragments with the verb in number', () => {
    expect(codedTotalSentence(0, '')).toBe('Er is nog geen fragment gecodeerd.');
    expect(codedTotalSentence(1, '1 negatief')).toBe('In totaal is 1 fragment gecodeerd: 1 negatief.');
    expect(codedTotalSentence(5, '3 positief en 2 negatief')).toBe('In totaal zijn 5 fragmenten gecodeerd: 3 positief en 2 negatief.');
  });
});
