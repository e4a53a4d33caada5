/** The file review in words: "ja 9 · nee 5", "In 9 van de 14 dossiers: ja", totals, groups. */
import { describe, expect, it } from 'vitest';
import type { Code, ReviewQuestion } from '../../shared/api/types';
import { combineSummaries, groupQuestionsByNorm, parseOptions, summarySentence, summaryText } from '../../renderer/review/review-format';

const choice = { answered: 16, filesReviewed: 18, counts: [{ answer: 'ja', n: 9 }, { answer: 'nee', n: 5 }, { answer: 'onbekend', n: 2 }], mean: null };
const number = { answered: 4, filesReviewed: 4, counts: [{ answer: '1', n: 1 }, { answer: '2', n: 2 }, { answer: '5', n: 1 }], mean: 2.5 };

describe('file review summaries', () => {
  it('writes a compact cell text', () => {
    expect(summaryText(choice, 'choice')).toBe('ja 9 · nee 5 · onbekend 2');
    expect(summaryText(number, 'number')).toBe('gem. 2,5');
    expect(summaryText({ ...choice, answered: 0 }, 'choice')).toBe('');
  });

  it('writes the full reading "in 9 van de 16 dossiers: ja"', () => {
    expect(summarySentence(choice, 'choice')).toBe(
      'In 9 van de 16 dossiers: ja; in 5: nee; in 2: onbekend. 2 bekeken dossiers zonder antwoord op deze vraag.',
    );
    expect(summarySentence({ ...choice, filesReviewed: 16 }, 'choice')).toBe('In 9 van de 16 dossiers: ja; in 5: nee; in 2: onbekend.');
    expect(summarySentence({ answered: 3, filesReviewed: 3, counts: [{ answer: 'ja', n: 0 }, { answer: 'nee', n: 3 }], mean: null }, 'choice')).toBe(
      'In 3 van de 3 dossiers: nee.',
    );
    expect(summarySentence(number, 'number')).toBe('Gemiddeld 2,5 over 4 dossiers (1: 1×, 2: 2×, 5: 1×).');
    expect(summarySentence({ ...choice, answered: 0 }, 'choice')).toBe('Nog geen antwoorden.');
  });

  it('adds institutions up, weighting the mean by the answers', () => {
    const total = combineSummaries([
      { answered: 2, filesReviewed: 2, counts: [{ answer: '2', n: 2 }], mean: 2 },
      { answered: 1, filesReviewed: 3, counts: [{ answer: '10', n: 1 }, { answer: '1', n: 0 }], mean: 5 },
    ]);
    expect(total).toEqual({ answered: 3, filesReviewed: 5, counts: [{ answer: '1', n: 0 }, { answer: '2', n: 2 }, { answer: '10', n: 1 }], mean: 3 });
    const choices = combineSummaries([choice, choice]);
    expect(choices.counts).toEqual([{ answer: 'ja', n: 18 }, { answer: 'nee', n: 10 }, { answer: 'onbekend', n: 4 }]);
    expect(choices.mean).toBeNull();
    expect(combineSummaries([])).toEqual({ answered: 0, filesReviewed: 0, counts: [], mean: null });
  });

  it('groups questions under their norm in framework order, loose questions last', () => {
    const codes: Code[] = [
      { id: 'n2', key: 'hulp', parentId: null, kind: 'norm', name: 'Hulp', definition: '', color: '#000000', sortOrder: 2 },
      { id: 'n1', key: 'contact', parentId: null, kind: 'norm', name: 'Contact', definition: '', color: '#000000', sortOrder: 1 },
    ];
    const question = (id: string, codeId: string | null, sortOrder: number): ReviewQuestion => ({ id, key: id, text: id, answerType: 'choice', options: ['ja', 'nee'], codeId, sortOrder });
    const groups = groupQuestionsByNorm([question('q1', 'n2', 0), question('q2', null, 1), question('q3', 'n1', 2), question('q4', 'n2', 3)], codes);
    expect(groups.map((group) => [group.norm?.id ?? null, group.questions.map((q) => q.id)])).toEqual([
      ['n1', ['q3']],
      ['n2', ['q1', 'q4']],
      [null, ['q2']],
    ]);
  });

  it('reads comma-separated options', () => {
    expect(parseOptions(' ja, nee ,, onbekend, Ja ')).toEqual(['ja', 'nee', 'onbekend']);
    expect(parseOptions('')).toEqual([]);
  });
});
