/**
 * Detection at import (issue 10): every imported source (a batch through the
 * API, the CLI's import, a REFI-QDA project) adds the names it holds to the
 * persons register as unconfirmed candidates, in the import's own action
 * (declared writes, a Dutch label), pushed to the UI with it; names already
 * known or marked "geen persoon" are not proposed again.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { exportQdpx, importQdpx } from '../../backend/exchange/exchange';
import { listPersons } from '../../backend/privacy/persons';
import { detectCandidatesOffThread, detectionWorkerRunning } from '../../backend/privacy/detect-off-thread';
import { detectJob } from '../../backend/privacy/detect-worker';
import { personSourceCounts } from '../../backend/privacy/person-sources';
import { addPerson } from '../../backend/privacy/persons';
import type { CallName, CallOutput } from '../../shared/api/contract';
import type { StudyChangedEvent } from '../../shared/api/study-entities';
import { veldwerk } from '../helpers/cli';
import { addTextSource } from '../helpers/sources';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-privacy-import-');

async function call<N extends CallName>(session: Session, name: N, input: unknown): Promise<CallOutput<N>> {
  const result = await dispatch(session, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as CallOutput<N>;
}

const names = (persons: Array<{ name: string; role: string; status: string }>) => persons.map((person) => `${person.name}:${person.role}:${person.status}`).sort();

function textFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('detection at import', () => {
  it('adds the names of a batch as candidates in the import’s action, pushes them, and proposes no name twice', async () => {
    const study = newTestStudy(dir);
    study.setCurrentInspector(study.inspectors()[0]!.id);
    const session = new Session({ kind: 'cli', demoStudyPath: () => '' });
    session.setStudy(study);
    const pushed: StudyChangedEvent[] = [];
    session.onStudyChanged((event) => pushed.push(event));
    const meta = { institutionId: study.institutions()[0]!.id, sourceType: 'interview', role: 'ouder', measure: null, date: '2026-03-12', inspectorId: null };
    const stagedIds = [
      session.registerLocalFile(textFile('a.txt', 'Moeder Sandra vertelt dat Roos (9) sinds maart bij pleegvader Kees woont. Het huisbezoek was op 12 maart 2026.')),
      session.registerLocalFile(textFile('b.txt', 'Jeugdzorgwerker Ilse sprak Roos alleen. Veilig Thuis en de Raad voor de Kinderbescherming zijn betrokken.')),
    ];
    const outcomes = await call(session, 'sources.import', { stagedIds, meta });
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['imported', 'imported']);

    const persons = await call(session, 'privacy.persons', {});
    expect(names(persons)).toEqual(['Ilse:jeugdzorgwerker:kandidaat', 'Kees:pleegouder:kandidaat', 'Roos:jeugdige:kandidaat', 'Sandra:ouder:kandidaat']);
    // Written through the change log in the import's own action, labelled in Dutch, and pushed with it.
    const action = study.db.prepare("SELECT id, label FROM action WHERE call = 'sources.import'").get() as { id: string; label: string };
    expect(action.label).toBe('Bronnen geïmporteerd; 4 namen voorgesteld voor het personenregister');
    const personChanges = study.db.prepare("SELECT DISTINCT action_id FROM change_log WHERE entity = 'person'").pluck().all();
    expect(personChanges).toEqual([action.id]);
    expect(pushed.find((event) => event.actionId === action.id)?.entities).toEqual(expect.arrayContaining(['source', 'person']));

    // A name already in the register, or marked "geen persoon", is not proposed again.
    const kees = persons.find((person) => person.name === 'Kees')!;
    await call(session, 'privacy.updatePerson', { id: kees.id, status: 'geen-persoon' });
    await call(session, 'sources.import', {
      stagedIds: [session.registerLocalFile(textFile('c.txt', 'Later belde moeder Sandra; pleegvader Kees kwam met Roos (9) en oma Groen mee.'))],
      meta,
    });
    expect(names(await call(session, 'privacy.persons', {}))).toEqual([
      'Groen:anders:kandidaat',
      'Ilse:jeugdzorgwerker:kandidaat',
      'Kees:pleegouder:geen-persoon',
      'Roos:jeugdige:kandidaat',
      'Sandra:ouder:kandidaat',
    ]);
    // Searching all sources again (the review's "Namen in de bronnen zoeken", `veldwerk privacy detect`) reads all three and proposes nothing twice.
    expect(await call(session, 'privacy.detectCandidates', {})).toEqual({ added: [], scanned: 6 });
    study.close();
  }, 60_000);

  it('ends the worker a few seconds after its last answer, not between batches, and starts it again for the next', async () => {
    const study = newTestStudy(dir);
    const sourceId = await addTextSource(study, dir, 'Moeder Sandra belde met de jeugdzorgwerker.');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      // The import proposed Sandra already (through the same worker); read again, nothing new.
      expect((await detectCandidatesOffThread(study, [sourceId])).added).toEqual([]);
      vi.advanceTimersByTime(1000);
      expect(detectionWorkerRunning()).toBe(true);
      vi.advanceTimersByTime(5000);
      expect(detectionWorkerRunning()).toBe(false);
    } finally {
      vi.useRealTimers();
    }
    expect((await detectCandidatesOffThread(study, [sourceId])).scanned).toBeGreaterThan(0);
    study.close();
  });

  it('adds the names of a REFI-QDA project’s sources', async () => {
    const from = newTestStudy(dir);
    await addTextSource(from, dir, 'Vader Youssef zegt dat Noor (12) naar school gaat.', { sourceType: 'interview', role: 'ouder', title: 'Gesprek vader' });
    const path = join(dir, 'project.qdpx');
    writeFileSync(path, await exportQdpx(from, 'full'));
    from.close();
    const into = newTestStudy(dir);
    await importQdpx(into, path);
    expect(names(listPersons(into))).toEqual(expect.arrayContaining(['Noor:jeugdige:kandidaat', 'Youssef:ouder:kandidaat']));
    into.close();
  }, 60_000);

  it('adds the names of sources imported with the CLI', () => {
    const study = newTestStudy(dir);
    const file = study.path;
    study.close();
    const source = textFile('cli.txt', 'Pleegmoeder Wilma vertelt dat Daan (7) goed slaapt.');
    const imported = veldwerk(['import', file, source, '--institution', 'GI Noord', '--type', 'interview', '--role', 'ouder']);
    expect(imported.code, imported.stderr).toBe(0);
    const persons = JSON.parse(veldwerk(['privacy', 'persons', file, '--json']).stdout) as Array<{ name: string; role: string; status: string }>;
    expect(names(persons)).toEqual(['Daan:jeugdige:kandidaat', 'Wilma:pleegouder:kandidaat']);
  }, 60_000);

  it('detects in the worker’s job what the register does not know, using the texts’ own lower-case words', () => {
    const candidates = detectJob({
      texts: [{ title: 'Gesprek', text: 'Moeder Sandra belde. Daarna kwam Xandrijn. De school en het team; daarna weer.' }],
      persons: [{ id: null, forms: ['Sandra'], pseudonym: 'de ouder' }],
      allowed: ['team'],
      known: [],
    });
    expect(candidates).toEqual([{ name: 'Xandrijn', role: 'anders' }]);
  });

  it('counts the sources that name each person through the search index; FTS syntax in a form is only text', async () => {
    const study = newTestStudy(dir);
    await addTextSource(study, dir, 'Moeder Sandra belde. Sandra de Vries kwam later.', { sourceType: 'interview', role: 'ouder' });
    await addTextSource(study, dir, 'Het gesprek met S. de Vries ging over het plan van aanpak.', { sourceType: 'interview', role: 'ouder' });
    await addTextSource(study, dir, 'Niemand wordt hier genoemd; NOT OR AND staan er wel.', { sourceType: 'interview', role: 'ouder' });
    const sandra = addPerson(study, { name: 'Sandra de Vries', role: 'ouder' });
    const hostile = addPerson(study, { name: 'Zorro', forms: ['"NOT" OR *', 'AND ('] });
    const counts = personSourceCounts(study);
    expect(counts[sandra.id]).toBe(2);
    // Its forms are searched as phrases of words: "not or" and "and" stand in the third source, "Zorro" nowhere.
    expect(counts[hostile.id]).toBe(1);
    study.close();
  }, 60_000);
});
