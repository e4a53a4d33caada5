/**
 * Case stories (casus) use invented names, and those come from the persons
 * register: a person named in a casus leaves the program under their
 * pseudonym. Whether a casus box says "De namen in deze casus zijn gefingeerd"
 * depends on whether it will carry such a name: a casus written with roles
 * only ("de jeugdige") has no names to call fictitious.
 */
import { DEFAULT_PSEUDONYMS, type Person } from '../../shared/privacy';

const ROLE_PSEUDONYMS = new Set(Object.values(DEFAULT_PSEUDONYMS).map((pseudonym) => pseudonym.toLocaleLowerCase('nl')));

/** An invented name ("Sam", "Noor de Boer"), not a role ("de jeugdige") or a marker ("[naam]"). */
export function isInventedName(pseudonym: string): boolean {
  const trimmed = pseudonym.trim();
  return /^\p{Lu}/u.test(trimmed) && !trimmed.includes('[') && !ROLE_PSEUDONYMS.has(trimmed.toLocaleLowerCase('nl'));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const occurs = (text: string, word: string) => word.trim().length >= 2 && new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${escapeRegExp(word.trim())}(?![\\p{L}\\p{M}\\p{N}])`, 'u').test(text);

/** The invented names a casus will carry once through the privacy pass: the pseudonyms of the register's persons it names (by any form, or by the pseudonym itself). */
export function inventedNamesIn(text: string, persons: Person[]): string[] {
  const names = new Set<string>();
  for (const person of persons) {
    if (person.status === 'geen-persoon' || !isInventedName(person.pseudonym)) continue;
    if ([person.pseudonym, ...person.forms].some((form) => occurs(text, form))) names.add(person.pseudonym.trim());
  }
  return [...names];
}
