/**
 * Filling the persons register from the sources: every name the detectors
 * find (in titles and texts) that no person in the register has as a form
 * becomes a candidate ("kandidaat"), with a role guessed from its context
 * ("moeder Sandra" → ouder, "Bas (9)" → jeugdige), for an inspector to
 * confirm, merge or mark "geen persoon".
 *
 * Finding is pure (findCandidates: texts in, names out) and runs in the
 * detection worker (./detect-worker.ts, driven by ./detect-off-thread.ts),
 * at import and for `veldwerk privacy detect`; storing is addCandidates.
 */
import { randomUUID } from 'node:crypto';
import { describeAction } from '../store/action-context';
import { detectIn, type PassContext } from './privacy-pass';
import { listPersons, formsOfName } from './persons';
import { candidateForms } from './study-pass';
import type { Study } from '../study/study';
import { isParticleOnlyForm } from '../../shared/name-particles';
import { DEFAULT_PSEUDONYMS, type Person, type PersonRole } from '../../shared/privacy';

/** At most this many new candidates per run: a text full of capitalised jargon should not flood the register. */
const MAX_NEW = 500;

export interface CandidateText {
  title: string;
  text: string;
}

export interface NameCandidate {
  name: string;
  role: PersonRole;
}

function guessRole(before: string, after: string): PersonRole {
  if (/pleeg\p{L}*\s+(?:van\s+)?$/iu.test(before)) return 'pleegouder';
  if (/(?:moeder|vader|mama|papa|stiefmoeder|stiefvader|ouder)\s+(?:van\s+)?$/iu.test(before)) return 'ouder';
  if (/(?:jeugdzorgwerker|jeugdbeschermer|gezinsmanager|voogd|gezinsvoogd|mentor)\s+$/iu.test(before)) return 'jeugdzorgwerker';
  if (/^\s*(?:\(\s*\d{1,2}|,\s*\d{1,2}\s*jaar)/u.test(after) || /(?:jeugdige|zoon|dochter|meisje|jongen|kind|pleegkind|broer|zus)\s+$/iu.test(before)) return 'jeugdige';
  return 'anders';
}

/** Lower-case forms of every person in the register (geen persoon included: those are decided too). */
export function registerForms(study: Study): Set<string> {
  const known = new Set<string>();
  for (const person of listPersons(study)) for (const form of person.forms) known.add(form.toLocaleLowerCase('nl'));
  return known;
}

/** The names in `texts` that are not yet known (`known`: lower-case forms), with a guessed role. */
export function findCandidates(texts: Iterable<CandidateText>, context: PassContext, known: ReadonlySet<string>): NameCandidate[] {
  const found = new Map<string, NameCandidate>();
  for (const row of texts) {
    for (const text of [row.title, row.text]) {
      for (const detection of detectIn(text, context)) {
        if (detection.kind !== 'naam' || context.byForm.has(detection.text)) continue;
        const name = detection.text.replace(/['’]s?$/u, '');
        const key = name.toLocaleLowerCase('nl');
        // Only particles or function words ("van", "De") name no one; proposed, they would replace every "van" in a report.
        if (known.has(key) || isParticleOnlyForm(name)) continue;
        const role = guessRole(text.slice(Math.max(0, detection.start - 30), detection.start), text.slice(detection.end, detection.end + 12));
        const existing = found.get(key);
        if (!existing) found.set(key, { name, role });
        else if (existing.role === 'anders') existing.role = role;
      }
    }
  }
  return [...found.values()];
}

/**
 * Store candidates that are still unknown (the register may have changed
 * while a worker looked) in one write, in the running action, which names
 * how many were proposed. Returns the persons added.
 */
export function addCandidates(study: Study, candidates: NameCandidate[]): Person[] {
  const known = registerForms(study);
  const fresh = candidates.filter((candidate) => !known.has(candidate.name.toLocaleLowerCase('nl'))).slice(0, MAX_NEW);
  if (fresh.length === 0) return [];
  const ids = fresh.map(() => randomUUID());
  // Before the write: the action's row takes its label as the write commits.
  describeAction({ candidates: String(fresh.length) });
  study.write(
    fresh.map(({ name, role }, index) => ({
      entity: 'person' as const,
      entityId: ids[index]!,
      fields: { name, role, forms: JSON.stringify(candidateForms(name, formsOfName(name))), pseudonym: DEFAULT_PSEUDONYMS[role], status: 'kandidaat', mergedInto: null, deleted: 0 },
    })),
    { undoLabel: 'Personen voorgesteld' },
  );
  const added = new Set<string>(ids);
  return listPersons(study).filter((person) => added.has(person.id));
}

/** The texts (title and text) of the given sources, or of every live source, read at once (no statement stays open across an await). */
export function sourceTexts(study: Study, sourceIds?: string[]): CandidateText[] {
  const from = sourceIds ? 'json_each(?) j CROSS JOIN source s ON s.id = j.value' : 'source s';
  return study.db
    .prepare(`SELECT s.title, c.text FROM ${from} JOIN content c ON c.id = s.content_id WHERE s.deleted = 0`)
    .all(...(sourceIds ? [JSON.stringify(sourceIds)] : [])) as CandidateText[];
}
