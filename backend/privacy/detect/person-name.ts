/**
 * Person names, found by context, by list and by dictionary:
 * - after a role or title ("moeder Sandra", "mevrouw De Vries", "pleegvader van Dam");
 * - before an age ("Roos (9)", "Bas, 12 jaar") and after initials ("S. de Vries");
 * - a first name from the list whose lower-case form is no Dutch word ("Sandra");
 * - a capitalised word mid-sentence that the Dutch dictionary does not know in
 *   any form (a candidate, to confirm);
 * and then every other capitalised occurrence of a name found so, genitives
 * ("Sandra's") included. A common word used as a name ("Roos", "Bas", "Groen")
 * is found only through context, so the rose in the garden stays.
 */
import { resolveOverlaps } from './overlaps';
import type { Detection, DetectContext, Detector } from './types';

const PARTICLE = "(?:van|de|der|den|ter|ten|te|in\\s+'t|op\\s+de|Van|De|Der|Den|Ter|Ten)";
const WORD = "\\p{Lu}[\\p{Ll}\\p{M}]+(?:-\\p{Lu}[\\p{Ll}\\p{M}]+)*";
/** A name: one or two capitalised words with particles between or before ("Sandra", "De Vries", "Sandra van den Berg"), on one line. */
const NAME = `(?:${PARTICLE}[ \\t]+){0,3}${WORD}(?:[ \\t]+(?:${PARTICLE}[ \\t]+){0,3}${WORD})?`;
const GENITIVE = "(?:['’]s|['’])?";
const ROLES = [
  'moeder', 'vader', 'mama', 'papa', 'mam', 'pap', 'pleegmoeder', 'pleegvader', 'pleegouder', 'pleegzoon', 'pleegdochter', 'pleegkind',
  'stiefmoeder', 'stiefvader', 'oma', 'opa', 'grootmoeder', 'grootvader', 'tante', 'oom', 'broer', 'broertje', 'zus', 'zusje', 'halfbroer',
  'halfzus', 'zoon', 'zoontje', 'dochter', 'dochtertje', 'neef', 'nicht', 'vriend', 'vriendje', 'vriendin', 'partner', 'mevrouw', 'meneer',
  'mevr\\.', 'dhr\\.', 'de heer', 'juf', 'juffrouw', 'meester', 'jeugdige', 'jongen', 'meisje', 'voogd', 'gezinsvoogd', 'jeugdzorgwerker',
  'jeugdbeschermer', 'gezinsmanager', 'mentor', 'buurvrouw', 'buurman', 'baby', 'cliënt', 'client', 'kind', 'collega', 'behandelaar',
];
/** Family roles: "moeder van Roos" names the child; "jeugdzorgwerker van Veilig Thuis" names no one. */
const FAMILY = new Set(ROLES.slice(0, ROLES.indexOf('partner') + 1));
const capitalFirst = (word: string) => `[${word[0]!.toUpperCase()}${word[0]}]${word.slice(1)}`;
const AFTER_ROLE = new RegExp(`(?<![\\p{L}])(?:${ROLES.map(capitalFirst).join('|')}|(?:${[...FAMILY].map(capitalFirst).join('|')})\\s+van)\\s+(${NAME})${GENITIVE}(?![\\p{L}\\p{N}])`, 'gu');
const BEFORE_AGE = new RegExp(`(?<![\\p{L}])(${NAME})${GENITIVE}\\s*(?:\\(\\s*\\d{1,2}(?:\\s*(?:jaar|jr\\.?))?\\s*\\)|,\\s*\\d{1,2}\\s*jaar)`, 'gu');
const AFTER_INITIALS = new RegExp(`(?<![\\p{L}.])((?:\\p{Lu}\\.\\s?){1,4}\\s*(?:${PARTICLE}\\s+){0,3}${WORD})`, 'gu');
const SURNAME_AFTER = new RegExp(`^(?:\\s+${PARTICLE})*\\s+${WORD}(?=${GENITIVE}(?![\\p{L}\\p{M}\\p{N}]))`, 'u');
/** A role or title right before a position ("moeder ", "mevrouw "): a pseudonym there would read "moeder de ouder". */
export const ROLE_BEFORE = new RegExp(`(?<![\\p{L}])(?:${ROLES.map(capitalFirst).join('|')})(?:\\s+van)?\\s+$`, 'u');
const TOKEN = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}'’])${WORD}(?=${GENITIVE}(?![\\p{L}\\p{M}\\p{N}]))`, 'gu');
/** Capitalised words that are never a name on their own, whatever the context. */
const NEVER = new Set(['de', 'het', 'een', 'ik', 'jij', 'je', 'hij', 'zij', 'ze', 'wij', 'we', 'u', 'dit', 'dat', 'die', 'deze', 'er', 'maar', 'en', 'of', 'ook', 'toen', 'dan', 'als', 'want', 'dus', 'nu', 'wel', 'niet', 'geen', 'alle', 'daar', 'hier', 'zo', 'na', 'voor', 'met', 'bij', 'in', 'op', 'over']);
const PARTICLES = /^(?:van|de|der|den|ter|ten|te|in|'t|op)$/iu;

/** The words of a detected name that identify (not particles or words that are never a name). */
export function nameWords(name: string): string[] {
  return name.split(/[\s.]+/u).filter((word) => word.length >= 2 && /^\p{Lu}/u.test(word) && !PARTICLES.test(word) && !NEVER.has(word.toLocaleLowerCase('nl')));
}

function sentenceStart(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 4), index);
  return index === 0 || /(?:^|[.!?:;"“‘(\n•–-])\s*$/u.test(before);
}

function isKnownName(word: string, { lexicon }: DetectContext): boolean {
  return lexicon.firstNames.has(word) || lexicon.surnames.has(word) || lexicon.personNames.has(word);
}

const isOrdinary = (lower: string, { lexicon }: DetectContext) => lexicon.isWord(lower) || lexicon.isCompound(lower);

/** Forms of address: what follows is a surname even when it is an ordinary word ("mevrouw Bakker", "meneer de Wit"). */
const ADDRESS = /^(?:mevrouw|meneer|mevr\.|dhr\.|de heer)\s/iu;

/**
 * After a role that is no form of address, words the study's own texts write
 * in lower case ("moeder de Wachtlijst", "jeugdige Vertraagd" in a text that
 * also says "wachtlijst" and "vertraagd") are ordinary words that happen to
 * follow the role, unless a name list knows them ("zus Roos", "oma Groen").
 * Only the study's words count for a particle form: "moeder van Dijk" is a
 * name though "dijk" is in the dictionary. The pass asks the same of an
 * unconfirmed candidate's forms.
 */
export function writtenAsWord(words: string[], { lexicon, allowed, lowerCaseWords }: DetectContext): boolean {
  if (!lowerCaseWords || words.length === 0) return false;
  return words.every((word) => lowerCaseWords.has(word.toLocaleLowerCase('nl')) && !isKnownName(word, { lexicon, allowed }));
}

function byContext(text: string, context: DetectContext): Detection[] {
  const found: Detection[] = [];
  const add = (pattern: RegExp, why: string, organisationsToo = false) => {
    for (const match of text.matchAll(pattern)) {
      const name = match[1]!;
      const words = nameWords(name);
      if (words.length === 0 || words.every((word) => context.allowed.has(word.toLocaleLowerCase('nl')))) continue;
      // After a role, several ordinary words in a row ("jeugdzorgwerker van Veilig Thuis") are an organisation; one ("oma Groen") is a name.
      if (organisationsToo && words.length > 1 && words.every((word) => context.lexicon.isWord(word.toLocaleLowerCase('nl')))) continue;
      // A single ordinary word after a role is a name only when people are called so ("oma Groen", "zus Roos"; not "jeugdzorgwerker Inspecteur").
      // A particle makes it a surname ("mevrouw De Vries", "pleegvader van Dam").
      // So is a compound the dictionary does not list ("moeder Huisbezoek" is a heading after a line break, not a mother).
      // After a form of address it is a surname all the same ("mevrouw Sterk", "meneer Bakker").
      const address = ADDRESS.test(match[0]);
      if (organisationsToo && !address && words.length === 1 && name === words[0] && isOrdinary(name.toLocaleLowerCase('nl'), context) && !isKnownName(name, context)) continue;
      if (organisationsToo && !address && writtenAsWord(words, context)) continue;
      const start = match.index + match[0].indexOf(name);
      // A word that opens the next line after a role is most often a heading or a new sentence; a known name there still counts.
      if (organisationsToo && text.slice(match.index, start).includes('\n') && !words.every((word) => isKnownName(word, context))) continue;
      found.push({ kind: 'naam', start, end: start + name.length, text: name, certain: true, why });
    }
  };
  add(AFTER_ROLE, 'na een rol of aanspreekvorm', true);
  add(BEFORE_AGE, 'voor een leeftijd');
  add(AFTER_INITIALS, 'na voorletters');
  return found;
}

function byWord(text: string, { lexicon, allowed, lowerCaseWords }: DetectContext): Detection[] {
  const found: Detection[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const word = match[0];
    const lower = word.toLocaleLowerCase('nl');
    if (allowed.has(lower) || NEVER.has(lower) || word.length < 3) continue;
    const known = lexicon.isWord(lower);
    const at = { kind: 'naam' as const, start: match.index, end: match.index + word.length, text: word };
    if ((lexicon.firstNames.has(word) || lexicon.personNames.has(word)) && !known) {
      // "Sandra de Vries": the surname after a first name belongs to it.
      const surname = SURNAME_AFTER.exec(text.slice(at.end));
      const end = at.end + (surname?.[0].length ?? 0);
      found.push({ ...at, end, text: text.slice(at.start, end), certain: true, why: lexicon.firstNames.has(word) ? 'voornaam' : 'naam in het woordenboek' });
    } else if (known && isKnownName(word, { lexicon, allowed }) && !sentenceStart(text, match.index)) {
      // "zag ze Bram", "bij Roos thuis": a name that is also a word, capitalised mid-sentence, is most likely the name; a person confirms.
      found.push({ ...at, certain: false, why: 'naam die ook een gewoon woord is' });
    } else if (!known && !lowerCaseWords?.has(lower)) {
      const midSentence = !sentenceStart(text, match.index);
      if (midSentence && lexicon.surnames.has(word)) found.push({ ...at, certain: true, why: 'achternaam' });
      // A proper noun the dictionary knows (Nederland, Jeugdwet) is no person; an unknown one may be.
      // At the start of a sentence an unknown word is far more often a word the dictionary misses than a name.
      else if (midSentence && !lexicon.isWord(word) && !lexicon.places.has(word) && !lexicon.isCompound(lower)) found.push({ ...at, certain: false, why: 'onbekend woord met hoofdletter' });
    }
  }
  return found;
}

/** Every capitalised occurrence of the given name words (with genitive), as names. */
export function occurrencesOf(text: string, words: ReadonlyMap<string, boolean>, why = 'elders als naam herkend'): Detection[] {
  if (words.size === 0) return [];
  const found: Detection[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const certain = words.get(match[0]);
    if (certain === undefined) continue;
    found.push({ kind: 'naam', start: match.index, end: match.index + match[0].length, text: match[0], certain, why });
  }
  return found;
}

export const detectPersonName: Detector = (text, context) => {
  const direct = [...byContext(text, context), ...byWord(text, context)];
  const words = new Map<string, boolean>();
  for (const detection of direct) for (const word of nameWords(detection.text)) words.set(word, (words.get(word) ?? false) || detection.certain);
  return resolveOverlaps([...direct, ...occurrencesOf(text, words)]);
};
