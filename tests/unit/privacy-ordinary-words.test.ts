/**
 * Detection keeps drafts true: an ordinary word that follows a role in word
 * salad ("moeder de Wachtlijst", "jeugdige Vertraagd") and that the study's
 * texts also write in lower case is no person, so it is not proposed and
 * never replaced at the start of a sentence. A name that is also a word keeps
 * being found where something shows it is a name ("mevrouw Bakker", a listed
 * first name, initials, an age).
 */
import { describe, expect, it } from 'vitest';
import { detectJob } from '../../backend/privacy/detect-worker';
import { passContext, passTexts } from '../../backend/privacy/privacy-pass';
import { STOP_WORDS } from '../../backend/privacy/study-context';
import { collectLowerCaseWords } from '../../backend/privacy/study-context';

const allowed = [...STOP_WORDS];
const proposed = (text: string) => detectJob({ texts: [{ title: 'Interview', text }], persons: [], allowed, known: [] }).map((candidate) => candidate.name);

// Sentence starts and words after a role, each also written in lower case in the same text.
const SALAD = [
  'Vertraagd is de overdracht. Het besluit werd vertraagd door de wachtlijst.',
  'Gestart is de hulp bij moeder de Wachtlijst en jeugdige Vertraagd; de hulp is gestart.',
  'Veiligheidsplan besproken met voogd te Veiligheidsplan. Het veiligheidsplan is af.',
  'De Wachtlijst is lang, zegt vader van Gestart.',
].join('\n');

// Names that are also words, each with name evidence, while the text also uses the words in lower case.
const NAMES = [
  'De bakker en de visser kwamen niet. Mevrouw Bakker belde over meneer Visser.',
  'Bij zus Roos staat een roos op tafel; oma Groen woont in het groen.',
  'J. de Wit schreef het verslag; het papier was wit. Moeder van Dijk belde.',
].join('\n');

describe('ordinary words after a role or at a sentence start', () => {
  it('are not proposed when the text writes them in lower case', () => {
    const names = proposed(SALAD);
    for (const word of ['Vertraagd', 'Gestart', 'Veiligheidsplan', 'Wachtlijst']) expect(names.filter((name) => name.includes(word)), word).toEqual([]);
  });

  it('are proposed after a role when the study never writes them in lower case (the rule is what drops them)', () => {
    expect(proposed('Gestart is de hulp bij moeder de Wachtlijst.')).toContain('de Wachtlijst');
  });

  it('still give way to names that are also words, with name evidence', () => {
    const names = proposed(NAMES);
    expect(names).toEqual(expect.arrayContaining(['Bakker', 'Visser', 'Roos', 'Groen', 'J. de Wit', 'van Dijk']));
    expect(names).not.toContain('De');
  });

  it('are found after a form of address, even when no list knows the word', () => {
    expect(proposed('Mevrouw Sterk belde; het team is sterk. Meneer de Wachtlijst ook; de wachtlijst is lang.')).toEqual(expect.arrayContaining(['Sterk', 'de Wachtlijst']));
  });
});

describe('the pass over salad and names', () => {
  it('keeps the sentence-start words and replaces the names', () => {
    const lowerCaseWords = new Set<string>();
    collectLowerCaseWords(`${SALAD}\n${NAMES}`, lowerCaseWords);
    const context = passContext({ persons: [], choices: new Map(), allowed: new Set(allowed), lowerCaseWords });
    const lines = `${SALAD}\n${NAMES}`.split('\n');
    const { replaced } = passTexts(lines, context);
    const out = lines.map((line) => replaced.get(line)).join('\n');
    expect(out).toContain('Vertraagd is de overdracht.');
    expect(out).toContain('Gestart is de hulp bij moeder de Wachtlijst en jeugdige Vertraagd');
    expect(out).toContain('Veiligheidsplan besproken met voogd te Veiligheidsplan.');
    expect(out).toContain('De Wachtlijst is lang, zegt vader van Gestart.');
    expect(out).not.toMatch(/Bakker|Visser|Roos|Groen|Dijk|J\. de Wit/u);
    expect(out).toContain('De bakker en de visser kwamen niet.');
  });
});
