/**
 * A study whose texts put ordinary words at sentence starts and after roles
 * (as the national study's word salad does: "Vertraagd ...", "moeder de
 * Wachtlijst") gets no candidates for them at detection, so its overarching
 * draft keeps those sentences as the source has them; a name that is also a
 * word, with a form of address ("mevrouw Bakker"), is still proposed and
 * replaced.
 */
import { describe, expect, it } from 'vitest';
import { createCodings } from '../../backend/coding/codings';
import { privacyPass } from '../../backend/privacy/privacy-pass';
import { studyPassContext } from '../../backend/privacy/study-pass';
import { createInspector } from '../../backend/study/setup';
import { detectCandidatesOffThread } from '../../backend/privacy/detect-off-thread';
import { listPersons } from '../../backend/privacy/persons';
import { passedReportModel } from '../../backend/reports/generate';
import { readStudyData } from '../../backend/reports/study-data';
import { getSource } from '../../backend/sources/queries';
import { addTextSource, codeId } from '../helpers/sources';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-privacy-ordinary-');

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) strings(item, out);
  return out;
}

describe('a draft of a study with ordinary words at sentence starts', () => {
  it('keeps them as the source has them, and replaces a name that is also a word', async () => {
    const study = newTestStudy(dir);
    study.setCurrentInspector(study.inspectors()[0]!.id);
    const quotes = [
      'Vertraagd is de overdracht naar de voogd.',
      'Gestart is de hulp bij moeder de Wachtlijst en jeugdige Vertraagd.',
      'Veiligheidsplan besproken met voogd te Veiligheidsplan.',
      'De Wachtlijst is lang, zegt vader van Gestart.',
      'Mevrouw Bakker belde de jeugdzorgwerker.',
    ];
    const text = `${quotes.join(' ')}\nHet besluit werd vertraagd door de wachtlijst; het veiligheidsplan is gestart. De bakker kwam niet.`;
    const sourceId = await addTextSource(study, dir, text, { institutionId: study.institutions()[0]!.id, sourceType: 'interview', role: 'ouder', title: 'Interview ouder' });
    // Detection as at import: the worker over the study's sources, candidates into the register.
    await detectCandidatesOffThread(study);
    expect(listPersons(study).map((person) => person.name)).toEqual(['Bakker']);

    const full = getSource(study, sourceId).text;
    createCodings(
      study,
      quotes.map((quote) => ({ sourceId, codeId: codeId(study, 'contact'), start: full.indexOf(quote), end: full.indexOf(quote) + quote.length, valence: 'positief' as const, note: '', quotable: true })),
      'Coderen',
    );
    const all = strings(passedReportModel(readStudyData(study, []), { overall: true }, {}).model).join('\n');
    for (const quote of quotes.slice(0, 4)) expect(all).toContain(quote);
    expect(all).toContain('belde de jeugdzorgwerker.');
    expect(all).not.toContain('Bakker');
    study.close();
  }, 60_000);
});

describe('candidates that detection once proposed for ordinary words', () => {
  it('replace no sentence start in a draft, while a candidate with a listed name and a confirmed person are replaced', async () => {
    const study = newTestStudy(dir);
    study.setCurrentInspector(study.inspectors()[0]!.id);
    const text = 'Vertraagd is de overdracht. De Wachtlijst is lang. Bakker belde. Sterk belde ook. Het besluit werd vertraagd door de wachtlijst; de bakker is sterk.';
    await addTextSource(study, dir, text, { institutionId: study.institutions()[0]!.id, sourceType: 'interview', role: 'ouder', title: 'Interview ouder' });
    // As stored on the national study before this rule, plus a listed surname as candidate and a confirmed person that is a word.
    const person = (id: string, name: string, forms: string[], status: string) => ({ entity: 'person' as const, entityId: id, fields: { name, role: 'ouder', forms: JSON.stringify(forms), pseudonym: 'de ouder', status, mergedInto: null, deleted: 0 } });
    study.write(
      [
        person('p-vertraagd', 'Vertraagd', ['Vertraagd'], 'kandidaat'),
        person('p-wachtlijst', 'de  Wachtlijst', ['de Wachtlijst', 'De Wachtlijst', 'Wachtlijst'], 'kandidaat'),
        person('p-bakker', 'Bakker', ['Bakker'], 'kandidaat'),
        person('p-sterk', 'Sterk', ['Sterk'], 'bevestigd'),
      ],
      { undoLabel: 'Personen voorgesteld' },
    );
    const passed = privacyPass(text.split(' Het besluit')[0]!, studyPassContext(study)).text;
    expect(passed).toBe('Vertraagd is de overdracht. De Wachtlijst is lang. De ouder belde. De ouder belde ook.');
    study.close();
  }, 60_000);
});

describe('an inspector named with a number', () => {
  it('gives no bare number as a form: ages and counts in a draft stay, the full name is replaced', () => {
    const study = newTestStudy(dir);
    createInspector(study, 'Inspecteur 12', 'I12');
    const context = studyPassContext(study);
    expect(privacyPass('Toezicht op jongeren van 12 tot 23 jaar, bij 12 instellingen.', context).text).toBe('Toezicht op jongeren van 12 tot 23 jaar, bij 12 instellingen.');
    expect(privacyPass('Gecodeerd door Inspecteur 12.', context).text).toBe('Gecodeerd door I12.');
    study.close();
  });
});
