import { describe, expect, it } from 'vitest';
import { atInstitutions, capitalise, firstSentence, inFiles, inSentence, joinList, longDate, percent, plural } from '../../backend/reports/phrasing';
import { fileReviewSentence } from '../../backend/reports/build-model';
import { niceScale, wrapLabel } from '../../backend/reports/charts';

describe('Dutch phrasing for reports', () => {
  it('counts institutions as the inspectorates write it', () => {
    expect(atInstitutions(3, 3)).toBe('bij alle 3 instellingen');
    expect(atInstitutions(2, 3)).toBe('bij 2 van de 3 instellingen');
    expect(atInstitutions(4, 5)).toBe('bij 4 van de 5 instellingen');
    expect(atInstitutions(0, 3)).toBe('bij geen van de instellingen');
    expect(atInstitutions(2, 2)).toBe('bij beide instellingen');
    expect(atInstitutions(1, 1)).toBe('bij de instelling');
    expect(atInstitutions(0, 0)).toBe('bij geen van de instellingen');
  });

  it('counts files', () => {
    expect(inFiles(9, 16)).toBe('in 9 van de 16 onderzochte dossiers');
    expect(inFiles(4, 4)).toBe('in alle 4 onderzochte dossiers');
    expect(inFiles(2, 2)).toBe('in beide onderzochte dossiers');
    expect(inFiles(0, 3)).toBe('in geen van de 3 onderzochte dossiers');
    expect(inFiles(1, 1)).toBe('in het ene onderzochte dossier');
  });

  it('joins lists, plurals, dates and sentences', () => {
    expect(joinList([])).toBe('');
    expect(joinList(['ouders'])).toBe('ouders');
    expect(joinList(['ouders', 'jeugdigen'])).toBe('ouders en jeugdigen');
    expect(joinList(['a', 'b', 'c'], 'of')).toBe('a, b of c');
    expect(plural(1, 'fragment', 'fragmenten')).toBe('1 fragment');
    expect(plural(1200, 'fragment', 'fragmenten')).toBe('1.200 fragmenten');
    expect(longDate('2026-03-02')).toBe('2 maart 2026');
    expect(inSentence('Betekenisvol contact')).toBe('betekenisvol contact');
    expect(inSentence('GGZ-wachttijden')).toBe('GGZ-wachttijden');
    expect(capitalise('in 9 van de 16')).toBe('In 9 van de 16');
    expect(firstSentence('Het gaat goed. Maar niet altijd.')).toBe('Het gaat goed.');
    expect(firstSentence('Zonder punt aan het eind')).toBe('Zonder punt aan het eind');
    expect(percent(1, 3)).toBe('33,3%');
  });

  it('writes file-review sentences from the answers', () => {
    const question = (key: string, counts: Array<[string, number]>, mean: number | null = null) => ({
      key,
      question: 'Vraag',
      answerType: mean === null ? ('choice' as const) : ('number' as const),
      answered: counts.reduce((sum, [, n]) => sum + n, 0),
      filesReviewed: 16,
      counts: counts.map(([answer, n]) => ({ answer, n })),
      mean,
    });
    expect(fileReviewSentence(question('contact-5-dagen', [['ja', 9], ['nee', 5], ['onbekend', 2]]))).toBe(
      'In 9 van de 16 onderzochte dossiers was er binnen 5 dagen na de start van de maatregel contact met de jeugdige. In 2 dossiers was dat niet na te gaan.',
    );
    expect(fileReviewSentence(question('hulp-tijdig', [['ja', 3], ['nee', 4], ['niet nodig', 2]]))).toBe(
      'In 3 van de 7 dossiers waarin hulp nodig was, is die hulp tijdig ingezet.',
    );
    expect(fileReviewSentence(question('aantal-jeugdzorgwerkers', [['1', 2], ['4', 2]], 2.5))).toBe(
      'In de onderzochte dossiers hadden de jeugdigen gemiddeld 2,5 jeugdzorgwerkers gehad (n = 4); 2 van hen 3 of meer.',
    );
    expect(fileReviewSentence({ ...question('eigen-vraag', [['ja', 1], ['nee', 3]]), question: 'Huisbezoek gedaan' })).toBe(
      'Bij de vraag ‘Huisbezoek gedaan’ luidde het antwoord 1 keer ‘ja’ en 3 keer ‘nee’ (n = 4).',
    );
  });

  it('chart helpers: round scales and wrapped labels', () => {
    expect(niceScale(11)).toEqual({ max: 12, step: 3 });
    expect(niceScale(2)).toEqual({ max: 2, step: 1 });
    expect(niceScale(0)).toEqual({ max: 1, step: 1 });
    const lines = wrapLabel('Contact met de jeugdige binnen 5 dagen na de start van de maatregel en nog veel meer woorden erachter', 300, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/…$/);
  });
});
