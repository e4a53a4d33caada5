/**
 * The privacy pass's knowledge of one study: the persons register (and the
 * people the study knows without it: inspectors, names in file titles, names
 * handed in for a report), the review's choices and the words that are never
 * a name here (institutions, the framework, the inspectorate's vocabulary).
 */
import { listChoices, listPersons, formsOfName } from './persons';
import { passContext, choiceKey, type PassContext, type PassPerson } from './privacy-pass';
import { lexicon } from './detect/lexicon';
import { nameWords, writtenAsWord } from './detect/person-name';
import { nameForms, privacyContextFor, STOP_WORDS, type PrivacyContext } from './study-context';
import type { Study } from '../study/study';
import type { PrivacyDecision } from '../../shared/privacy';

const words = (text: string) => text.split(/[^\p{L}\p{M}]+/u).filter(Boolean).map((word) => word.toLocaleLowerCase('nl'));

/**
 * Forms found by the program (not by a person): a single ordinary word ("Een",
 * "Noord") is no name on its own, nor is a number ("12" of "Inspecteur 12":
 * the draft's "jongeren van 12 tot 23 jaar" would get an inspector's initials).
 */
function safeForms(forms: string[]): string[] {
  const { isWord } = lexicon();
  const lone = (form: string) => /\p{L}/u.test(form) && !STOP_WORDS.has(form.toLocaleLowerCase('nl')) && !isWord(form.toLocaleLowerCase('nl'));
  return forms.filter((form) => form.includes(' ') || lone(form));
}

/**
 * The forms of a candidate nobody confirmed: the name as detected, and the
 * forms derived from it only where they are no ordinary word. Detection takes
 * "moeder de Gestart" for a surname; its derived form "Gestart" would replace
 * every sentence that opens with "Gestart".
 */
export function candidateForms(name: string, forms: string[]): string[] {
  return forms.filter((form) => form === name || safeForms([form]).length > 0);
}

function initials(name: string): string {
  return name.split(/\s+/).filter((part) => /^\p{Lu}/u.test(part)).map((part) => `${part[0]}.`).join('') || 'inspecteur';
}

export function studyPassContext(study: Study, known: PrivacyContext = privacyContextFor(study)): PassContext {
  const register = listPersons(study);
  // An unconfirmed candidate's form that the study writes as an ordinary word (detection once proposed "de Wachtlijst" after
  // "moeder") would rewrite every sentence that opens with it; where the draft shows it as a name, the detectors find it there.
  const ordinary = { lexicon: lexicon(), allowed: new Set<string>(), lowerCaseWords: known.lowerCaseWords };
  const persons: PassPerson[] = register
    .filter((person) => person.status !== 'geen-persoon')
    .map((person) => {
      const candidate = person.status === 'kandidaat';
      const forms = candidate ? candidateForms(person.name, person.forms).filter((form) => !writtenAsWord(nameWords(form), ordinary)) : person.forms;
      return { id: person.id, forms, pseudonym: person.pseudonym, candidate };
    });
  const inspectors = new Set<string>();
  for (const inspector of study.inspectors()) {
    inspectors.add(inspector.name);
    persons.push({ id: null, forms: safeForms(formsOfName(inspector.name)), pseudonym: inspector.initials || initials(inspector.name) });
  }
  for (const name of known.names) if (!inspectors.has(name)) persons.push({ id: null, forms: safeForms(nameForms(name)), pseudonym: '[naam]' });

  const allowed = new Set([...STOP_WORDS, ...known.allowedWords]);
  for (const code of study.db.prepare('SELECT definition FROM code WHERE deleted = 0').all() as Array<{ definition: string | null }>) {
    for (const word of words(code.definition ?? '')) allowed.add(word);
  }
  for (const word of words(study.info().name)) allowed.add(word);
  for (const person of register) if (person.status === 'geen-persoon') for (const form of person.forms) for (const word of words(form)) allowed.add(word);

  const choices = new Map<string, PrivacyDecision>();
  for (const choice of listChoices(study)) choices.set(choiceKey(choice.kind, choice.text), choice.decision);
  return passContext({ persons, choices, allowed, lowerCaseWords: known.lowerCaseWords });
}
