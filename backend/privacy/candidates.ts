/**
 * Filling the persons register from the sources: every name the detectors
 * find (in titles and texts) that no person in the register has as a form
 * becomes a candidate ("kandidaat"), with a role guessed from its context
 * ("moeder Sandra" → ouder, "Bas (9)" → jeugdige), for an inspector to
 * confirm, merge or mark "geen persoon".
 */
import { detectIn } from './privacy-pass';
import { listPersons, formsOfName } from './persons';
import { studyPassContext } from './study-pass';
import type { Study } from '../study/study';
import { DEFAULT_PSEUDONYMS, type Person, type PersonRole } from '../../shared/privacy';
import { randomUUID } from 'node:crypto';

/** At most this many new candidates per run: a text full of capitalised jargon should not flood the register. */
const MAX_NEW = 500;

function guessRole(before: string, after: string): PersonRole {
  if (/pleeg\p{L}*\s+(?:van\s+)?$/iu.test(before)) return 'pleegouder';
  if (/(?:moeder|vader|mama|papa|stiefmoeder|stiefvader|ouder)\s+(?:van\s+)?$/iu.test(before)) return 'ouder';
  if (/(?:jeugdzorgwerker|jeugdbeschermer|gezinsmanager|voogd|gezinsvoogd|mentor)\s+$/iu.test(before)) return 'jeugdzorgwerker';
  if (/^\s*(?:\(\s*\d{1,2}|,\s*\d{1,2}\s*jaar)/u.test(after) || /(?:jeugdige|zoon|dochter|meisje|jongen|kind|pleegkind|broer|zus)\s+$/iu.test(before)) return 'jeugdige';
  return 'anders';
}

export interface CandidateResult {
  added: Person[];
  /** Texts scanned. */
  scanned: number;
}

export function detectCandidates(study: Study, sourceIds?: string[]): CandidateResult {
  const context = studyPassContext(study);
  const known = new Set<string>();
  for (const person of listPersons(study)) for (const form of person.forms) known.add(form.toLocaleLowerCase('nl'));
  const where = sourceIds ? `AND s.id IN (${sourceIds.map(() => '?').join(',')})` : '';
  const rows = study.db
    .prepare(`SELECT s.title, c.text FROM source s JOIN content c ON c.id = s.content_id WHERE s.deleted = 0 ${where}`)
    .iterate(...(sourceIds ?? [])) as Iterable<{ title: string; text: string }>;
  const found = new Map<string, { name: string; role: PersonRole }>();
  let scanned = 0;
  for (const row of rows) {
    for (const text of [row.title, row.text]) {
      scanned++;
      for (const detection of detectIn(text, context)) {
        if (detection.kind !== 'naam' || context.byForm.has(detection.text)) continue;
        const name = detection.text.replace(/['’]s?$/u, '');
        const key = name.toLocaleLowerCase('nl');
        if (known.has(key)) continue;
        const role = guessRole(text.slice(Math.max(0, detection.start - 30), detection.start), text.slice(detection.end, detection.end + 12));
        const existing = found.get(key);
        if (!existing) found.set(key, { name, role });
        else if (existing.role === 'anders') existing.role = role;
      }
    }
  }
  const fresh = [...found.values()].slice(0, MAX_NEW);
  if (fresh.length === 0) return { added: [], scanned };
  const ids = fresh.map(() => randomUUID());
  study.write(
    fresh.map(({ name, role }, index) => ({
      entity: 'person' as const,
      entityId: ids[index]!,
      fields: { name, role, forms: JSON.stringify(formsOfName(name)), pseudonym: DEFAULT_PSEUDONYMS[role], status: 'kandidaat', mergedInto: null, deleted: 0 },
    })),
    { undoLabel: 'Personen voorgesteld' },
  );
  const added = new Set<string>(ids);
  return { added: listPersons(study).filter((person) => added.has(person.id)), scanned };
}
