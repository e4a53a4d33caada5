/**
 * A person whose forms hold a bare particle ("van", "De": as detection once
 * registered them, and as a hostile bundle may still bring them) must not
 * turn every "van" and "de" in a draft into their pseudonym ("Wijze de ouder
 * bestuur"): the pass ignores such forms, while the full name is replaced.
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { listPersons } from '../../backend/privacy/persons';
import { createCodings } from '../../backend/coding/codings';
import { overallModelFromData } from '../../backend/reports/build-model';
import { passedReportModel } from '../../backend/reports/generate';
import { readStudyData } from '../../backend/reports/study-data';
import { getSource } from '../../backend/sources/queries';
import { addTextSource, codeId } from '../helpers/sources';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-privacy-particles-');

/** Every heading (a `title`) and every other text of a model, in order. */
function texts(value: unknown, key = '', out: Array<{ key: string; text: string }> = []): Array<{ key: string; text: string }> {
  if (typeof value === 'string') out.push({ key, text: value });
  else if (Array.isArray(value)) for (const item of value) texts(item, key, out);
  else if (value && typeof value === 'object') for (const [field, item] of Object.entries(value)) texts(item, field, out);
  return out;
}

describe('a person with a bare particle among their forms', () => {
  it('yields a draft whose headings and sentences keep "de" and "van", with the full name replaced', async () => {
    const study = newTestStudy(dir);
    study.setCurrentInspector(study.inspectors()[0]!.id);
    // Written as a legacy register row: the register itself now refuses such forms.
    study.write(
      [{ entity: 'person', entityId: 'p-jan', fields: { name: 'Jan van Dijk', role: 'ouder', forms: JSON.stringify(['Jan van Dijk', 'van', 'De', 'de', 'Van der', 'Jan']), pseudonym: 'de ouder', status: 'bevestigd', mergedInto: null, deleted: 0 } }],
      { undoLabel: 'Persoon toegevoegd' },
    );
    // A candidate as detection stored them on the national study ("moeder de Gestart"): its ordinary-word form is ignored too.
    study.write(
      [{ entity: 'person', entityId: 'p-gestart', fields: { name: 'de Gestart', role: 'ouder', forms: JSON.stringify(['de Gestart', 'de', 'Gestart', 'D. Gestart']), pseudonym: 'de ouder', status: 'kandidaat', mergedInto: null, deleted: 0 } }],
      { undoLabel: 'Persoon voorgesteld' },
    );
    const text = 'Volgens Jan van Dijk is de zorg van de GI goed geregeld. De jeugdzorgwerker van het team komt elke week langs. Daarna belde Jan. Gestart is de hulp van de GI in mei.';
    const sourceId = await addTextSource(study, dir, text, { institutionId: study.institutions()[0]!.id, sourceType: 'interview', role: 'ouder', title: 'Interview ouder' });
    const full = getSource(study, sourceId).text;
    const quotes = ['Volgens Jan van Dijk is de zorg van de GI goed geregeld.', 'De jeugdzorgwerker van het team komt elke week langs.', 'Daarna belde Jan.', 'Gestart is de hulp van de GI in mei.'];
    createCodings(
      study,
      quotes.map((quote) => ({ sourceId, codeId: codeId(study, 'contact'), start: full.indexOf(quote), end: full.indexOf(quote) + quote.length, valence: 'positief' as const, note: '', quotable: true })),
      'Coderen',
    );

    const data = readStudyData(study, []);
    const built = texts(overallModelFromData(data, {}));
    const passed = texts(passedReportModel(data, { overall: true }, {}).model);
    expect(passed).toHaveLength(built.length);
    const all = passed.map((item) => item.text).join('\n');
    expect(all).not.toContain('Jan van Dijk');
    expect(all).toContain('Volgens de ouder is de zorg van de GI goed geregeld.');
    expect(all).toContain('De jeugdzorgwerker van het team komt elke week langs.');
    expect(all).toContain('Daarna belde de ouder.');
    expect(all).toContain('Gestart is de hulp van de GI in mei.');
    // Headings change nowhere; some of them hold "de" or "van", so the check can fail.
    const headings = built.filter((item) => item.key === 'title');
    expect(headings.some((item) => /\b(?:de|van|De|Van)\b/u.test(item.text))).toBe(true);
    expect(passed.filter((item) => item.key === 'title').map((item) => item.text)).toEqual(headings.map((item) => item.text));
    study.close();
  }, 60_000);
});

describe('the register', () => {
  it('refuses a name or form of only particles in Dutch, and writes nothing', async () => {
    const study = newTestStudy(dir);
    study.setCurrentInspector(study.inspectors()[0]!.id);
    const session = new Session({ kind: 'cli', demoStudyPath: () => '' });
    session.setStudy(study);
    const refused = async (name: 'privacy.addPerson' | 'privacy.updatePerson', input: unknown) => {
      const result = await dispatch(session, name, input);
      expect(result.ok).toBe(false);
      return (result as { error: { message: string } }).error.message;
    };
    expect(await refused('privacy.addPerson', { name: 'van der', role: 'ouder' })).toContain('‘van der’ is geen naam');
    expect(await refused('privacy.addPerson', { name: 'Jan van Dijk', role: 'ouder', forms: ['De'] })).toContain('‘De’ is geen naam');
    expect(listPersons(study)).toEqual([]);
    const added = await dispatch(session, 'privacy.addPerson', { name: 'Jan van Dijk', role: 'ouder' });
    expect(added.ok).toBe(true);
    const jan = listPersons(study)[0]!;
    expect(await refused('privacy.updatePerson', { id: jan.id, forms: ['Jan van Dijk', 'van'] })).toContain('‘van’ is geen naam');
    expect(listPersons(study)[0]!.forms).toEqual(jan.forms);
    study.close();
  }, 60_000);
});
