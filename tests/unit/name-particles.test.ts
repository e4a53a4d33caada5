/**
 * Name particles and function words never name anyone on their own (the
 * national draft read "Wijze de ouder bestuur": detection had proposed
 * "van Besluit" as a parent, and its particle "van" became a form).
 */
import { describe, expect, it } from 'vitest';
import { findCandidates } from '../../backend/privacy/candidates';
import { formsOfName } from '../../backend/privacy/persons';
import { passContext, passTexts, privacyPass } from '../../backend/privacy/privacy-pass';
import { STOP_WORDS } from '../../backend/privacy/study-context';
import { candidateForms } from '../../backend/privacy/study-pass';
import { formsProblem } from '../../renderer/privacy/person-filter';
import { isParticleOnlyForm, particleFormsProblem } from '../../shared/name-particles';

const allowed = new Set(STOP_WORDS);

describe('forms of only particles or function words', () => {
  it('are told apart from names that hold particles', () => {
    for (const form of ['van', 'Van', 'de', 'De', 'van der', 'Van den', "in 't", 'ter', 'het', 'en', 'met']) expect(isParticleOnlyForm(form), form).toBe(true);
    for (const form of ['Jan van Dijk', 'van Dijk', 'De Vries', 'Dijk', 'Jan', 'Dan', 'Al', 'Ben']) expect(isParticleOnlyForm(form), form).toBe(false);
  });

  it('are refused in Dutch by the Personen view, naming the form', () => {
    expect(formsProblem(['Jan van Dijk', 'van'])).toContain('‘van’ is geen naam');
    expect(particleFormsProblem(['De', 'van der'])).toContain('‘De’, ‘van der’ zijn geen naam');
    expect(formsProblem(['Jan van Dijk', 'Van Dijk'])).toBeNull();
  });
});

describe('detection', () => {
  it('gives a name that opens with a particle no particle as a form, and no initial of it', () => {
    expect(formsOfName('van Besluit')).toEqual(['van Besluit', 'Van Besluit', 'Besluit']);
    expect(formsOfName('van de Passend')).toEqual(['van de Passend', 'Van de Passend', 'Passend']);
    expect(formsOfName('De Vries')).toEqual(['De Vries', 'Vries']);
    expect(formsOfName('Jan van Dijk')).toEqual(['Jan van Dijk', 'Jan', 'van Dijk', 'Van Dijk', 'Dijk', 'J. van Dijk']);
    for (const name of ['van Besluit', 'te Huisbezoek', 'de  Wachtlijst', 'Van der Berg', 'Jan van Dijk', 'Sandra de Vries']) {
      expect(formsOfName(name).filter(isParticleOnlyForm), name).toEqual([]);
    }
  });

  it('proposes no candidate made of particles, and the candidates it proposes carry no particle-only form', () => {
    const texts = [{ title: 'Interview', text: 'Het gesprek met moeder van Besluit en mevrouw De Vries ging over de zorg van de GI. Bij moeder de Wachtlijst ook.' }];
    const candidates = findCandidates(texts, passContext({ persons: [], choices: new Map(), allowed }), new Set());
    expect(candidates.map((candidate) => candidate.name)).toEqual(expect.arrayContaining(['De Vries']));
    for (const candidate of candidates) {
      expect(isParticleOnlyForm(candidate.name), candidate.name).toBe(false);
      expect(formsOfName(candidate.name).filter(isParticleOnlyForm), candidate.name).toEqual([]);
    }
  });
});

describe('forms of an unconfirmed candidate', () => {
  it('keep the name as detected, and drop derived forms that are ordinary words', () => {
    expect(candidateForms('de Gestart', formsOfName('de Gestart'))).toEqual(['de Gestart', 'De Gestart']);
    expect(candidateForms('Roos', ['Roos'])).toEqual(['Roos']);
    expect(candidateForms('Jaylinn Xandrijn', formsOfName('Jaylinn Xandrijn'))).toEqual(formsOfName('Jaylinn Xandrijn'));
  });
});

describe('the pass', () => {
  const person = { id: 'p1', forms: ['Jan van Dijk', 'van', 'De', 'de', 'Van der', 'in het', 'Jan'], pseudonym: 'de ouder' };

  it('ignores a registered form of only particles, and still replaces the full name with its particles', () => {
    const context = passContext({ persons: [person], choices: new Map(), allowed });
    expect(privacyPass('Wijze van bestuur', context).text).toBe('Wijze van bestuur');
    expect(privacyPass('De zorg van de GI is in het algemeen goed. Van der Berg is geen lid.', context).text).toContain('De zorg van de GI is in het algemeen goed.');
    expect(privacyPass('Volgens Jan van Dijk is de zorg van de GI goed; Jan belde.', context).text).toBe('Volgens de ouder is de zorg van de GI goed; de ouder belde.');
  });

  it('reports no finding for the ignored forms over many texts', () => {
    const { scan } = passTexts(['Wijze van bestuur', 'De inspectie sprak met Jan van Dijk.'], passContext({ persons: [person], choices: new Map(), allowed }));
    expect(scan.findings.filter((finding) => finding.kind === 'naam').map((finding) => finding.text)).toEqual(['Jan van Dijk']);
  });
});
