/** Filtering the persons register in the Personen view, and reading the forms a user typed. Pure functions. */
import type { Person, PersonRole, PersonStatus } from '../../shared/privacy';
import { particleFormsProblem } from '../../shared/name-particles';

export interface PersonFilter {
  /** Any part of a name, a form or the pseudonym; case and diacritics do not matter. */
  query: string;
  status: PersonStatus | 'alle';
  role: PersonRole | 'alle';
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('nl');

export function filterPersons(persons: readonly Person[], filter: PersonFilter): Person[] {
  const query = fold(filter.query.trim());
  return persons.filter(
    (person) =>
      (filter.status === 'alle' || person.status === filter.status) &&
      (filter.role === 'alle' || person.role === filter.role) &&
      (!query || [person.name, person.pseudonym, ...person.forms].some((text) => fold(text).includes(query))),
  );
}

/** "Sandra, S. de Vries ,  Sandra de Vries" → the distinct forms, trimmed, none empty (at most 50, as the register takes). */
export function parseForms(text: string): string[] {
  return [...new Set(text.split(/[,;\n]/).map((form) => form.replace(/\s+/g, ' ').trim()).filter(Boolean))].slice(0, 50);
}

/** The register takes forms of at most this many characters. */
export const MAX_FORM_LENGTH = 300;

/** Why typed forms cannot be stored (in Dutch), or null when they can. */
export function formsProblem(forms: readonly string[]): string | null {
  if (forms.length === 0) return 'Geef ten minste één vorm van de naam.';
  const long = forms.find((form) => form.length > MAX_FORM_LENGTH);
  if (long) return `Een vorm mag hoogstens ${MAX_FORM_LENGTH} tekens hebben (‘${long.slice(0, 20)}…’ heeft er ${long.length}).`;
  return particleFormsProblem(forms);
}
