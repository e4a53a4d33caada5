/**
 * Sentences of a draft read wrong in a study with one institution or one
 * coded fragment, found by walking a new study as an inspector would
 * ("GI Testland is een van de 1 instelling", "In totaal zijn 1 fragment").
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportModel } from '../../backend/reports/generate';
import { createStudy } from '../../backend/study/setup';
import { tempDir } from '../helpers/temp-study';
import { codedTotalSentence, fileReviewSentence, overallLeadSentence, placeInRoundSentence } from '../../backend/reports/build-model';

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

  it('leads an overarching draft of one institution without "elke instelling" or "meerdere instellingen"', () => {
    const one = overallLeadSentence(1, '');
    expect(one).toBe(
      'De inspecties hebben toezicht gehouden bij 1 gecertificeerde instelling voor jeugdbescherming en jeugdreclassering. Over deze instelling verschijnt ook een eigen rapport. Dit overkoepelende rapport vat de bevindingen samen.',
    );
    expect(overallLeadSentence(3, ' in de periode 2 maart 2026 tot en met 26 juni 2026')).toBe(
      'De inspecties hebben in de periode 2 maart 2026 tot en met 26 juni 2026 toezicht gehouden bij 3 gecertificeerde instellingen voor jeugdbescherming en jeugdreclassering. Over elke instelling verschijnt een eigen rapport. Dit overkoepelende rapport legt de bevindingen naast elkaar en laat zien wat bij meerdere instellingen terugkomt.',
    );
  });

  it('writes a whole draft of a one-institution study in the singular', () => {
    const study = createStudy(join(tempDir('veldwerk-een-instelling-'), 'ronde.veldwerk'), {
      name: 'Ronde met een instelling',
      periodStart: '2026-03-01',
      periodEnd: '2026-06-30',
      institutions: ['GI Testland'],
      inspectors: [{ name: 'Eva Testers', initials: 'ET' }],
    });
    try {
      const text = JSON.stringify(reportModel(study, { overall: true }).chapters);
      expect(text).toContain('De inspecties bezochten de instelling ');
      expect(text).not.toContain('meerdere instellingen');
      const [institution] = study.institutions();
      const own = JSON.stringify(reportModel(study, { institutionId: institution!.id }).chapters);
      expect(own).toContain('GI Testland is de enige instelling in deze ronde.');
      expect(own).toContain('Er is nog geen fragment gecodeerd.');
    } finally {
      study.close();
    }
  });

  it('never says "in geen van de dossiers" of a check that could not be made in them', () => {
    const question = (key: string, counts: Array<[string, number]>) => ({
      key,
      question: 'Vraag',
      answerType: 'choice' as const,
      answered: counts.reduce((sum, [, n]) => sum + n, 0),
      filesReviewed: 2,
      counts: counts.map(([answer, n]) => ({ answer, n })),
      mean: null,
    });
    // The demo's Lagewaard: one file 'nee', one 'onbekend'.
    expect(fileReviewSentence(question('contact-5-dagen', [['nee', 1], ['onbekend', 1]]))).toBe(
      'Niet in het ene dossier waarin dat na te gaan was, was er binnen 5 dagen na de start van de maatregel contact met de jeugdige. In 1 dossier was dat niet na te gaan.',
    );
    expect(fileReviewSentence(question('plan-6-weken', [['onbekend', 2]]))).toBe('In geen van de 2 onderzochte dossiers was na te gaan of er binnen 6 weken een plan van aanpak was.');
    expect(fileReviewSentence(question('plan-6-weken', [['nee', 3]]))).toBe('In geen van de 3 onderzochte dossiers was er binnen 6 weken een plan van aanpak.');
  });
});
