/** The pure survey statistics: natural order, tabulation, means, small groups, Dutch notation. */
import { describe, expect, it } from 'vitest';
import {
  canonicalMeasure,
  canonicalRole,
  canonicalWorkers,
  canonicalYesNo,
  formatMeanNl,
  formatNumberNl,
  formatPercentNl,
  meansBy,
  naturalOrder,
  parseMark,
  surveyNameKey,
  tabulate,
  tabulateBy,
} from '../../shared/survey';

describe('natural answer order', () => {
  it('orders the known scales, never alphabetically', () => {
    expect(naturalOrder(['Nee', 'Weet ik niet', 'Een beetje', 'Ja'])).toEqual(['Ja', 'Een beetje', 'Nee', 'Weet ik niet']);
    expect(naturalOrder(['Nee', 'Ja, soms', 'Ja, altijd', 'Ja, vaak'])).toEqual(['Ja, altijd', 'Ja, vaak', 'Ja, soms', 'Nee']);
    expect(naturalOrder(['Nee', 'Ja, soms', 'Ja, altijd'])).toEqual(['Ja, altijd', 'Ja, soms', 'Nee']);
    expect(naturalOrder(['Niet helemaal', 'Nee', 'Ja'])).toEqual(['Ja', 'Niet helemaal', 'Nee']);
    expect(naturalOrder(['Nee', 'Ja'])).toEqual(['Ja', 'Nee']);
    expect(naturalOrder(['Voogdij', 'Weet ik niet', 'OTS', 'JR'])).toEqual(['JR', 'OTS', 'Voogdij', 'Weet ik niet']);
    expect(naturalOrder(['Ouder', 'Jeugdige'])).toEqual(['Jeugdige', 'Ouder']);
  });

  it('puts numbers ascending with "Meer dan 5" after them', () => {
    expect(naturalOrder(['3', 'Meer dan 5', '1', '0', '2'])).toEqual(['0', '1', '2', '3', 'Meer dan 5']);
    expect(naturalOrder(['Meer dan 5', '5', '4', 'Weet ik niet', '1'])).toEqual(['1', '4', '5', 'Meer dan 5', 'Weet ik niet']);
    expect(naturalOrder(['7,5', '10', '6'])).toEqual(['6', '7,5', '10']);
    expect(naturalOrder(['6 of meer', '2', '5'])).toEqual(['2', '5', '6 of meer']);
  });

  it('keeps unknown option sets in first-seen order with "Weet ik niet" and "Geen mening" last', () => {
    expect(naturalOrder(['Geen mening', 'Per brief', 'Weet ik niet', 'Telefonisch', 'Op kantoor'])).toEqual([
      'Per brief',
      'Telefonisch',
      'Op kantoor',
      'Weet ik niet',
      'Geen mening',
    ]);
  });
});

describe('recognised values', () => {
  it('canonicalises measures, workers, yes/no, roles and marks', () => {
    expect(['JR', 'jeugdreclassering', 'OTS', 'Ondertoezichtstelling', 'voogdij', 'weet ik niet', 'anders'].map(canonicalMeasure)).toEqual([
      'JR',
      'JR',
      'OTS',
      'OTS',
      'Voogdij',
      'Weet ik niet',
      null,
    ]);
    expect(['0', '3', '5', '6', '12', 'Meer dan 5', 'meer dan vijf', 'twee', 'veel'].map(canonicalWorkers)).toEqual([
      '0',
      '3',
      '5',
      'Meer dan 5',
      'Meer dan 5',
      'Meer dan 5',
      'Meer dan 5',
      '2',
      null,
    ]);
    expect(['ja', 'Nee', 'WAAR', 'Weet ik niet', 'misschien'].map(canonicalYesNo)).toEqual(['Ja', 'Nee', 'Ja', 'Weet ik niet', null]);
    expect(['Jongere', 'Ouder/verzorger', 'Ik ben een ouder', 'kind', 'Jeugdzorgwerker'].map(canonicalRole)).toEqual([
      'jeugdige',
      'ouder',
      'ouder',
      'jeugdige',
      null,
    ]);
    expect(['7', '7,5', '10', '0', '11', 'zeven'].map(parseMark)).toEqual([7, 7.5, 10, null, null, null]);
  });

  it('treats copies of an export as the same survey name', () => {
    expect(surveyNameKey('Vragenlijst ronde 2026 (1).xlsx')).toBe(surveyNameKey('vragenlijst ronde 2026.csv'));
    expect(surveyNameKey('Vragenlijst - kopie.csv')).toBe(surveyNameKey('Vragenlijst'));
  });
});

describe('tables', () => {
  it('counts a distribution over those who answered; blanks are missing, not an answer', () => {
    const labels = [...Array(16).fill('Ja'), ...Array(8).fill('Nee'), ...Array(3).fill(null)];
    const table = tabulate(labels, ['Ja', 'Een beetje', 'Nee'], 10);
    expect(table).toEqual({
      n: 24,
      missing: 3,
      suppressed: false,
      answers: [
        { answer: 'Ja', n: 16, pct: (16 / 24) * 100 },
        { answer: 'Een beetje', n: 0, pct: 0 },
        { answer: 'Nee', n: 8, pct: (8 / 24) * 100 },
      ],
    });
  });

  it('suppresses a group of 9 and shows a group of 10', () => {
    const labels = [...Array(9).fill('Ja'), ...Array(10).fill('Nee')];
    const groups = [...Array(9).fill('A'), ...Array(10).fill('B')];
    const [a, b] = tabulateBy(labels, groups, ['Ja', 'Nee'], ['A', 'B'], 10);
    expect(a).toEqual({ group: 'A', n: 9, missing: 0, suppressed: true, answers: [{ answer: 'Ja', n: null, pct: null }, { answer: 'Nee', n: null, pct: null }] });
    expect(b).toEqual({ group: 'B', n: 10, missing: 0, suppressed: false, answers: [{ answer: 'Ja', n: 0, pct: 0 }, { answer: 'Nee', n: 10, pct: 100 }] });
    expect(tabulate(labels.slice(0, 9), ['Ja'], 10).suppressed).toBe(true);
    expect(tabulate(labels.slice(0, 9), ['Ja'], 9).suppressed).toBe(false);
  });

  it('puts respondents without a group value last, as "Geen antwoord"', () => {
    const groups = tabulateBy(['Ja', 'Nee', 'Ja'], ['B', null, 'A'], ['Ja', 'Nee'], ['A', 'B'], 1);
    expect(groups.map((group) => group.group)).toEqual(['A', 'B', 'Geen antwoord']);
  });

  it('takes the mean per group with n per group, suppressing small groups', () => {
    const numbers = [8, 8, 6, null, 4, 5, 3];
    const groups = ['1', '1', '2', '2', '2', 'Meer dan 5', 'Meer dan 5'];
    expect(meansBy(numbers, groups, ['1', '2', 'Meer dan 5'], 2)).toEqual([
      { group: '1', n: 2, mean: 8, suppressed: false },
      { group: '2', n: 2, mean: 5, suppressed: false },
      { group: 'Meer dan 5', n: 2, mean: 4, suppressed: false },
    ]);
    expect(meansBy(numbers, null, [], 10)).toEqual([{ group: 'Alle respondenten', n: 6, mean: null, suppressed: true }]);
    expect(meansBy(numbers, null, [], 6)).toEqual([{ group: 'Alle respondenten', n: 6, mean: 34 / 6, suppressed: false }]);
  });
});

describe('Dutch notation', () => {
  it('writes a decimal comma and a thousands point, rounding half up on the written digits', () => {
    expect(formatPercentNl((16 / 27) * 100)).toBe('59,3%');
    expect(formatMeanNl(2.94)).toBe('2,9');
    expect(formatMeanNl(2.95)).toBe('3,0');
    expect(formatPercentNl(12.45)).toBe('12,5%');
    expect(formatPercentNl(100)).toBe('100,0%');
    expect(formatNumberNl(1523)).toBe('1.523');
    expect(formatNumberNl(1234567.891, 2)).toBe('1.234.567,89');
    expect(formatNumberNl(-0.04, 1)).toBe('0,0');
  });
});
