/**
 * What the privacy pass knows about a study beyond the persons register: the
 * names it holds (inspectors, names in the titles of client and personnel
 * files, names handed in for the report), the words its texts write in lower
 * case (so "Daar" at the start of a sentence is not taken for a name, while
 * "Rianne" is) and the words that are never a name here (institutions, the
 * framework's codes, the inspectorate's vocabulary).
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../errors';
import type { Study } from '../study/study';

export interface PrivacyContext {
  /** Names to replace wherever they occur as whole words (full names and single name parts). */
  names: string[];
  /** Lower-case words that the study's texts use in lower case: capitalised forms of these are ordinary words. */
  lowerCaseWords: Set<string>;
  /** Capitalised words that are known not to be people (institution names, the framework's codes). */
  allowedWords: Set<string>;
}

const MONTHS = [
  'januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december',
  'jan', 'feb', 'mrt', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'okt', 'nov', 'dec',
];

/** Name particles that are never a name on their own. */
const PARTICLES = new Set(['van', 'de', 'der', 'den', 'het', 'ter', 'ten', 'te', 'la', 'le', 'du', 'von', 'op', "'t", 'in', 'el', 'al', 'bin', 'da', 'di', 'dos']);

/**
 * Capitalised words that are not names: sentence starters, pronouns, days,
 * months, directions and words of the domain. Lower case; compared folded.
 */
export const STOP_WORDS = new Set(
  `de het een ik je jij u we wij ze zij hij men als maar en of dan dat die dit deze er toen want ook daar hier wat wie waar hoe waarom
   wanneer soms vaak altijd nooit elke elk iedere ieder na voor bij in op met van zonder niet nee ja mijn onze ons hun haar zijn
   alles niemand iemand iedereen niets eerst daarna later nu toch wel al nog misschien gelukkig helaas dus omdat hoewel terwijl sinds
   tot tijdens volgens door om over onder tussen naast binnen buiten zo zoals eigenlijk gewoon echt goed mooi slecht veel weinig
   meer minder sommige andere beide dan welke welk mevrouw meneer moeder vader mama papa oma opa zus broer
   maandag dinsdag woensdag donderdag vrijdag zaterdag zondag ${MONTHS.join(' ')}
   noord zuid oost west noordoost noordwest zuidoost zuidwest midden centrum regio team
   gi gi's raad kinderbescherming rechter rechtbank kinderrechter inspectie inspecties jeugdwet gemeente gemeenten wijkteam
   veilig thuis ggz om ots jr voogdij jeugdreclassering jeugdbescherming jeugdige jeugdigen ouder ouders jeugdzorgwerker
   jeugdbeschermer gedragswetenschapper teamleider teammanager bestuurder cliëntenraad ondernemingsraad plan bron uitspraak
   dossier cliëntdossier personeelsdossier interview groepsgesprek gesprek samenvatting notitie werkinstructie kwartaalrapportage`
    .split(/\s+/)
    .filter(Boolean),
);

/** A name's full form and its parts worth hiding on their own ("Marloes Dijkhuis" → also "Marloes", "Dijkhuis"). */
export function nameForms(name: string): string[] {
  const clean = name.trim().replace(/\s+/g, ' ');
  if (!clean) return [];
  const parts = clean.split(' ').filter((part) => part.length >= 3 && !PARTICLES.has(part.toLowerCase()) && /^\p{Lu}/u.test(part));
  return [...new Set([clean, ...parts])];
}

/** Lower-case words of a text (for `lowerCaseWords`): words that start with a lower-case letter. */
export function collectLowerCaseWords(text: string, into: Set<string>): void {
  for (const match of text.matchAll(/(?<![\p{L}\p{M}])\p{Ll}[\p{Ll}\p{M}]*/gu)) into.add(match[0]);
}

/**
 * Names in a file's title: capitalised words after the first, not all capitals,
 * not stop words ("Cliëntdossier OTS – Noor (14)" → "Noor").
 */
export function namesInTitle(title: string): string[] {
  const words = [...title.matchAll(/\p{Lu}[\p{Ll}\p{M}]+(?:-\p{Lu}[\p{Ll}\p{M}]+)*/gu)];
  return words
    .filter((match) => match.index! > 0)
    .map((match) => match[0])
    .filter((word) => !STOP_WORDS.has(word.toLocaleLowerCase('nl')));
}

export function privacyContextFor(study: Study, extraNames: string[] = []): PrivacyContext {
  const names = new Set<string>();
  for (const inspector of study.inspectors()) names.add(inspector.name);
  const titles = study.db
    .prepare(`SELECT title FROM source WHERE deleted = 0 AND source_type IN ('clientdossier', 'personeelsdossier')`)
    .all() as Array<{ title: string }>;
  for (const { title } of titles) for (const name of namesInTitle(title)) names.add(name);
  for (const name of extraNames) if (name.trim()) names.add(name.trim());

  const lowerCaseWords = new Set(lowerCaseWordsOfTexts(study));
  // A name that some text writes in lower case is still a name.
  for (const name of names) for (const part of name.split(/\s+/)) lowerCaseWords.delete(part.toLocaleLowerCase('nl'));

  return { names: [...names], lowerCaseWords, allowedWords: allowedWordsOf(study) };
}

/** Words that are never a name here: those of the institutions' names and of the framework's codes (small tables, read whole). */
export function allowedWordsOf(study: Study): Set<string> {
  const allowedWords = new Set<string>();
  for (const institution of study.institutions()) {
    for (const word of institution.name.split(/[^\p{L}\p{M}]+/u)) if (word) allowedWords.add(word.toLocaleLowerCase('nl'));
  }
  const codes = study.db.prepare('SELECT name FROM code WHERE deleted = 0').all() as Array<{ name: string }>;
  for (const code of codes) for (const word of code.name.split(/[^\p{L}\p{M}]+/u)) if (word) allowedWords.add(word.toLocaleLowerCase('nl'));

  return allowedWords;
}

/**
 * The lower-case words of every live source's text. Reading them all takes
 * seconds in a national study, and a report outline is drawn up anew after
 * every option change: they are kept per connection until a source changes
 * (every change to a source, import, merge or delete, is in the change log).
 */
const wordsCache = new WeakMap<Study['db'], { sourceChange: number | null; words: ReadonlySet<string> }>();

function lowerCaseWordsOfTexts(study: Study): ReadonlySet<string> {
  const sourceChange = study.db.prepare("SELECT max(seq) FROM change_log WHERE entity = 'source'").pluck().get() as number | null;
  const cached = wordsCache.get(study.db);
  if (cached && cached.sourceChange === sourceChange) return cached.words;
  const words = new Set<string>();
  const texts = study.db
    .prepare('SELECT c.text FROM content c WHERE c.id IN (SELECT content_id FROM source WHERE deleted = 0)')
    .iterate() as Iterable<{ text: string }>;
  for (const { text } of texts) collectLowerCaseWords(text, words);
  wordsCache.set(study.db, { sourceChange, words });
  return words;
}

/** A names file: one name per line; empty lines and lines starting with # are skipped. */
export function readNamesFile(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UserError(`Het namenbestand "${path}" kan niet worden gelezen.`, 'invalid-input');
  }
  if (text.length > 1_000_000) throw new UserError('Het namenbestand is groter dan 1 MB.', 'invalid-input');
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}
