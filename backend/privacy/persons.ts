/**
 * The persons register (Personen) and the privacy review's choices: study
 * entities written through the change log, so they travel in bundles and undo.
 */
import { randomUUID } from 'node:crypto';
import { UserError } from '../errors';
import { derivedId } from '../store/derived-id';
import { choiceKey } from './privacy-pass';
import { isNameParticle, isParticleOnlyForm, particleFormsProblem } from '../../shared/name-particles';
import type { Study } from '../study/study';
import {
  DEFAULT_PSEUDONYMS,
  PERSON_ROLES,
  type Person,
  type PersonRole,
  type PersonStatus,
  type PrivacyChoice,
  type PrivacyDecision,
} from '../../shared/privacy';

interface PersonRow {
  id: string;
  name: string | null;
  role: string | null;
  forms: string | null;
  pseudonym: string | null;
  status: string | null;
}

function toPerson(row: PersonRow): Person {
  const role = (PERSON_ROLES as readonly string[]).includes(row.role ?? '') ? (row.role as PersonRole) : 'anders';
  let forms: string[] = [];
  try {
    const parsed: unknown = JSON.parse(row.forms ?? '[]');
    if (Array.isArray(parsed)) forms = parsed.filter((form): form is string => typeof form === 'string');
  } catch {
    // A damaged forms field (a hostile bundle) leaves the full name only.
  }
  const name = row.name ?? forms[0] ?? '';
  return {
    id: row.id,
    name,
    role,
    forms: [...new Set([name, ...forms].filter(Boolean))],
    pseudonym: row.pseudonym || DEFAULT_PSEUDONYMS[role],
    status: row.status === 'bevestigd' || row.status === 'geen-persoon' ? row.status : 'kandidaat',
  };
}

export function listPersons(study: Study): Person[] {
  const rows = study.db
    .prepare('SELECT * FROM person WHERE deleted = 0 AND merged_into IS NULL ORDER BY status, name COLLATE NOCASE')
    .all() as PersonRow[];
  return rows.map(toPerson);
}

export function getPerson(study: Study, id: string): Person {
  const row = study.db.prepare('SELECT * FROM person WHERE id = ? AND deleted = 0').get(id) as PersonRow | undefined;
  if (!row) throw new UserError('Deze persoon staat niet (meer) in het register.', 'not-found');
  return toPerson(row);
}

/**
 * The forms a full name appears under: itself, first name, surname with and
 * without particles (capitalised as at the start of a sentence), initials.
 * A name that opens with a particle ("van Dijk", "de Vries") is a surname
 * only: its particle is no first name. No form is only particles or function
 * words ("van", "de"): the pass would replace those everywhere.
 */
export function formsOfName(name: string): string[] {
  const words = cleanName(name).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const forms = new Set([words.join(' ')]);
  const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  const surnameForms = (surname: string[]) => {
    forms.add(surname.join(' '));
    forms.add(capitalised(surname.join(' ')));
    const core = surname.filter((word) => !isNameParticle(word));
    if (core.length > 0) forms.add(core.join(' '));
  };
  if (isNameParticle(words[0]!)) surnameForms(words);
  else if (words.length > 1) {
    const [first, ...rest] = words;
    forms.add(first!);
    surnameForms(rest);
    forms.add(`${first![0]!.toUpperCase()}. ${rest.join(' ')}`);
  }
  return [...forms].filter((form) => form.length >= 2 && !isParticleOnlyForm(form));
}

function cleanName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export interface PersonInput {
  name: string;
  role?: PersonRole | undefined;
  forms?: string[] | undefined;
  pseudonym?: string | undefined;
  status?: PersonStatus | undefined;
}

function validName(name: string): string {
  const clean = cleanName(name);
  if (!clean || clean.length > 200 || !/\p{L}/u.test(clean)) throw new UserError('Geef een naam van 1 tot 200 tekens met ten minste één letter.', 'invalid-input');
  refuseParticleForms([clean]);
  return clean;
}

/** Forms a person types must each be able to name someone ("van" or "de" alone would be replaced everywhere). */
function refuseParticleForms(forms: readonly string[]): void {
  const problem = particleFormsProblem(forms);
  if (problem) throw new UserError(problem, 'invalid-input');
}

export function addPerson(study: Study, input: PersonInput): Person {
  const name = validName(input.name);
  const role = input.role ?? 'anders';
  const typed = (input.forms ?? []).map(cleanName).filter(Boolean);
  refuseParticleForms(typed);
  const forms = [...new Set([...formsOfName(name), ...typed])];
  const id = randomUUID();
  study.write(
    [{
      entity: 'person',
      entityId: id,
      fields: { name, role, forms: JSON.stringify(forms), pseudonym: input.pseudonym?.trim() || DEFAULT_PSEUDONYMS[role], status: input.status ?? 'bevestigd', mergedInto: null, deleted: 0 },
    }],
    { undoLabel: `Persoon ${input.status === 'kandidaat' ? 'voorgesteld' : 'toegevoegd'}` },
  );
  return getPerson(study, id);
}

export interface PersonUpdate {
  role?: PersonRole | undefined;
  forms?: string[] | undefined;
  pseudonym?: string | undefined;
  status?: PersonStatus | undefined;
  name?: string | undefined;
}

export function updatePerson(study: Study, id: string, update: PersonUpdate): Person {
  const current = getPerson(study, id);
  const fields: Record<string, string | null> = {};
  if (update.name !== undefined) fields.name = validName(update.name);
  if (update.role !== undefined) {
    fields.role = update.role;
    // A pseudonym that only followed the role follows it again.
    if (update.pseudonym === undefined && current.pseudonym === DEFAULT_PSEUDONYMS[current.role]) fields.pseudonym = DEFAULT_PSEUDONYMS[update.role];
  }
  if (update.pseudonym !== undefined) fields.pseudonym = update.pseudonym.trim() || DEFAULT_PSEUDONYMS[update.role ?? current.role];
  if (update.forms !== undefined) {
    const forms = [...new Set(update.forms.map(cleanName).filter(Boolean))];
    refuseParticleForms(forms);
    fields.forms = JSON.stringify(forms);
  }
  if (update.status !== undefined) fields.status = update.status;
  if (Object.keys(fields).length === 0) return current;
  study.write([{ entity: 'person', entityId: id, fields }], { undoLabel: 'Persoon gewijzigd' });
  return getPerson(study, id);
}

/** Merge `otherId` into `keepId`: every form of both under the one kept; the other points to it. */
export function mergePersons(study: Study, keepId: string, otherId: string): Person {
  if (keepId === otherId) throw new UserError('Kies twee verschillende personen om samen te voegen.', 'invalid-input');
  const keep = getPerson(study, keepId);
  const other = getPerson(study, otherId);
  const forms = [...new Set([...keep.forms, ...other.forms])];
  study.write(
    [
      { entity: 'person', entityId: keepId, fields: { forms: JSON.stringify(forms), status: 'bevestigd' } },
      { entity: 'person', entityId: otherId, fields: { mergedInto: keepId } },
    ],
    { undoLabel: 'Personen samengevoegd' },
  );
  return getPerson(study, keepId);
}

/* ---------- choices of the review ---------- */


export function listChoices(study: Study): PrivacyChoice[] {
  const rows = study.db.prepare('SELECT * FROM privacy_choice WHERE deleted = 0').all() as Array<{
    id: string;
    kind: string | null;
    text: string | null;
    decision: string | null;
    person_id: string | null;
  }>;
  return rows
    .filter((row) => row.kind && row.text && (row.decision === 'vervangen' || row.decision === 'niet-identificerend'))
    .map((row) => ({ id: row.id, kind: row.kind!, text: row.text!, decision: row.decision as PrivacyDecision, personId: row.person_id }));
}

/**
 * Record a choice for a detected detail; with `personId` (a name), the text
 * also becomes a form of that person.
 */
export function choose(study: Study, input: { kind: string; text: string; decision: PrivacyDecision; personId?: string | null | undefined }): PrivacyChoice {
  const text = cleanName(input.text);
  if (!text || text.length > 300) throw new UserError('Het gegeven voor deze keuze is leeg of langer dan 300 tekens.', 'invalid-input');
  const id = derivedId('privacy-choice', choiceKey(input.kind, text));
  const mutations: Parameters<Study['write']>[0] = [
    { entity: 'privacyChoice', entityId: id, fields: { kind: input.kind, text, decision: input.decision, personId: input.personId ?? null, deleted: 0 } },
  ];
  if (input.personId) {
    const person = getPerson(study, input.personId);
    if (!person.forms.includes(text) && !isParticleOnlyForm(text)) mutations.push({ entity: 'person', entityId: person.id, fields: { forms: JSON.stringify([...person.forms, text]) } });
  }
  study.write(mutations, { undoLabel: input.decision === 'vervangen' ? 'Privacykeuze: vervangen' : 'Privacykeuze: niet identificerend' });
  return listChoices(study).find((choice) => choice.id === id)!;
}
