/**
 * The sentence that counts the good examples a draft leaves out
 * (backend/reports/example-selection.ts): its grammar must hold for one
 * passage as for many, with and without quotable ones and institutions.
 */
import { describe, expect, it } from 'vitest';
import { examplesLeftSentence } from '../../backend/reports/example-selection';

const passage = (institutionId: string, quotable: boolean) => ({ institutionId, quotable }) as Parameters<typeof examplesLeftSentence>[0][number];

describe('the sentence about examples left out', () => {
  it('is absent when nothing is left out', () => {
    expect(examplesLeftSentence([], true, 'Betekenisvol contact')).toBeNull();
  });

  it('speaks of one passage in the singular, without "waarvan 1"', () => {
    const sentence = examplesLeftSentence([passage('a', true)], false, 'Betekenisvol contact')!;
    expect(sentence).toBe(
      'Daarnaast is 1 andere passage als goed voorbeeld gecodeerd (als citeerbaar gemarkeerd); die staat niet in dit rapport, maar is in Veldwerk terug te vinden onder de code ‘Betekenisvol contact’.',
    );
  });

  it('counts many passages, their institutions and the quotable ones', () => {
    const sentence = examplesLeftSentence([passage('a', true), passage('b', false), passage('b', true)], true, 'Veiligheid')!;
    expect(sentence).toContain('Daarnaast zijn 3 andere passages als goed voorbeeld gecodeerd, bij 2 instellingen (waarvan 2 als citeerbaar gemarkeerd); die staan niet in dit rapport, maar zijn');
  });
});
