/**
 * The persons register and the review's choices (issue 10): written through
 * the change log (so they travel in bundles and undo), used by the privacy
 * pass (a person by their pseudonym), and the CLI (`privacy scan`, `report
 * --strict`, keep/replace), with hostile input refused in Dutch.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { createCodings } from '../../backend/coding/codings';
import { privacyPass } from '../../backend/privacy/privacy-pass';
import { studyPassContext } from '../../backend/privacy/study-pass';
import { getSource } from '../../backend/sources/queries';
import type { Study } from '../../backend/study/study';
import { undo } from '../../backend/undo/undo';
import type { CallName, CallOutput } from '../../shared/api/contract';
import { veldwerk } from '../helpers/cli';
import { addTextSource, codeId } from '../helpers/sources';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-privacy-register-');

async function call<N extends CallName>(session: Session, name: N, input: unknown): Promise<CallOutput<N>> {
  const result = await dispatch(session, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as CallOutput<N>;
}

async function failure(session: Session, name: CallName, input: unknown): Promise<string> {
  const result = await dispatch(session, name, input);
  expect(result.ok).toBe(false);
  return (result as { error: { message: string } }).error.message;
}

function studyWithSession(): { study: Study; session: Session } {
  const study = newTestStudy(dir);
  study.setCurrentInspector(study.inspectors()[0]!.id);
  const session = new Session({ kind: 'cli', demoStudyPath: () => '' });
  session.setStudy(study);
  return { study, session };
}

describe('the persons register', () => {
  it('replaces every form of a person by their pseudonym, and "moeder Sandra" by "moeder [naam]"', async () => {
    const { study, session } = studyWithSession();
    const sandra = await call(session, 'privacy.addPerson', { name: 'Sandra de Vries', role: 'ouder', pseudonym: 'moeder' });
    expect(sandra.forms).toEqual(expect.arrayContaining(['Sandra de Vries', 'Sandra', 'de Vries', 'De Vries', 'S. de Vries']));
    const context = studyPassContext(study);
    expect(privacyPass('Sandra de Vries belde. Ik sprak met Sandra en later met mevrouw De Vries; moeder Sandra was boos.', context).text).toBe(
      'Moeder belde. Ik sprak met moeder en later met mevrouw [naam]; moeder [naam] was boos.',
    );
    study.close();
  });

  it('goes through the change log: merge, "geen persoon", and undo', async () => {
    const { study, session } = studyWithSession();
    const roos = await call(session, 'privacy.addPerson', { name: 'Roos', role: 'jeugdige' });
    const rosa = await call(session, 'privacy.addPerson', { name: 'Rosa Bakker', role: 'jeugdige', status: 'kandidaat' });
    const merged = await call(session, 'privacy.mergePersons', { keepId: roos.id, otherId: rosa.id });
    expect(merged.forms).toEqual(expect.arrayContaining(['Roos', 'Rosa Bakker', 'Rosa']));
    expect((await call(session, 'privacy.persons', {})).map((person) => person.id)).toEqual([roos.id]);
    const logged = study.db.prepare("SELECT count(*) AS n FROM change_log WHERE entity = 'person'").get() as { n: number };
    expect(logged.n).toBe(4);

    const veilig = await call(session, 'privacy.addPerson', { name: 'Veilig Thuis', status: 'kandidaat' });
    await call(session, 'privacy.updatePerson', { id: veilig.id, status: 'geen-persoon' });
    expect(privacyPass('Veilig Thuis belde over Roos.', studyPassContext(study)).text).toBe('Veilig Thuis belde over de jeugdige.');
    undo(study);
    expect((await call(session, 'privacy.persons', {})).find((person) => person.id === veilig.id)?.status).toBe('kandidaat');
    study.close();
  });

  it('keeps a detail marked "niet identificerend", and refuses hostile input in Dutch', async () => {
    const { study, session } = studyWithSession();
    expect(privacyPass('Het gesprek met Xandrijn liep goed.', studyPassContext(study)).text).toBe('Het gesprek met [naam] liep goed.');
    await call(session, 'privacy.choose', { kind: 'naam', text: 'Xandrijn', decision: 'niet-identificerend' });
    expect(privacyPass('Het gesprek met Xandrijn liep goed.', studyPassContext(study)).text).toBe('Het gesprek met Xandrijn liep goed.');
    expect(await failure(session, 'privacy.addPerson', { name: '  ' })).toContain('Ongeldige invoer');
    expect(await failure(session, 'privacy.addPerson', { name: '1234' })).toContain('letter');
    const person = await call(session, 'privacy.addPerson', { name: 'Bas' });
    expect(await failure(session, 'privacy.mergePersons', { keepId: person.id, otherId: person.id })).toContain('twee verschillende');
    expect(await failure(session, 'privacy.updatePerson', { id: '00000000-0000-4000-8000-000000000000', status: 'bevestigd' })).toContain('niet (meer) in het register');
    expect(await failure(session, 'privacy.choose', { kind: 'paspoort', text: 'X', decision: 'vervangen' })).toBeTruthy();
    study.close();
  });
});

describe('veldwerk privacy and report --strict', () => {
  let file: string;
  beforeAll(async () => {
    const study = newTestStudy(dir);
    study.setCurrentInspector(study.inspectors()[0]!.id);
    const text = 'Het gesprek met Xandrijn liep goed. Moeder Sandra belde op 06 - 12 34 56 78. Zij komt elke week langs.';
    const sourceId = await addTextSource(study, dir, text, { institutionId: study.institutions()[0]!.id, sourceType: 'interview', role: 'ouder', title: 'Interview ouder' });
    const full = getSource(study, sourceId).text;
    const quotes = ['Het gesprek met Xandrijn liep goed.', 'Moeder Sandra belde op 06 - 12 34 56 78.', 'Zij komt elke week langs.'];
    createCodings(
      study,
      quotes.map((quote) => ({ sourceId, codeId: codeId(study, 'contact'), start: full.indexOf(quote), end: full.indexOf(quote) + quote.length, valence: 'negatief' as const, note: '', quotable: true })),
      'Coderen',
    );
    file = study.path;
    study.close();
  }, 60_000);

  it('scans what would leave, as text and as JSON', () => {
    const text = veldwerk(['privacy', 'scan', file, '--institution', 'GI Noord']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Telefoonnummers:');
    expect(text.stdout).toMatch(/Xandrijn → \[naam\] \(onzeker/);
    const json = JSON.parse(veldwerk(['privacy', 'scan', file, '--overall', '--json']).stdout) as { findings: Array<{ kind: string; text: string }>; unresolved: number };
    expect(json.findings.map((finding) => `${finding.kind}:${finding.text}`)).toEqual(expect.arrayContaining(['naam:Sandra', 'naam:Xandrijn', 'telefoonnummer:06 - 12 34 56 78']));
    expect(json.unresolved).toBe(1);
  }, 120_000);

  it('refuses a --strict draft while an uncertain candidate has no choice, and writes it after one', () => {
    const out = join(dir, 'streng.docx');
    const refused = veldwerk(['report', file, '--institution', 'GI Noord', '--out', out, '--fast', '--strict', '--min-quotes', '1']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Niet geschreven (--strict)');
    expect(refused.stderr).toContain('"Xandrijn"');
    expect(existsSync(out)).toBe(false);
    expect(veldwerk(['privacy', 'replace', file, '--kind', 'naam', '--text', 'Xandrijn']).code).toBe(0);
    const written = veldwerk(['report', file, '--institution', 'GI Noord', '--out', out, '--fast', '--strict', '--min-quotes', '1']);
    expect(written.code, written.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
  }, 120_000);

  it('refuses unknown subcommands and bad arguments with usage', () => {
    expect(veldwerk(['privacy', 'wis', file]).code).toBe(2);
    expect(veldwerk(['privacy', 'scan', file, '--overall', '--institution', 'GI Noord']).code).toBe(2);
    const unknown = veldwerk(['privacy', 'scan', file, '--institution', 'GI Nergens']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Er is geen instelling "GI Nergens"');
  }, 120_000);
});
