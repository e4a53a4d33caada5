/**
 * What the pseudonymiser knows about a study: the names it holds (inspectors,
 * names in the titles of client and personnel files, names handed in for the
 * report) and the words its texts write in lower case (so "Daar" at the start
 * of a sentence is not taken for a name, while "Rianne" is flagged).
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../errors';
import type { Study } from '../study/study';
import { collectLowerCaseWords, namesInTitle, type PrivacyContext } from './pseudonymise';

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

  const allowedWords = new Set<string>();
  for (const institution of study.institutions()) {
    for (const word of institution.name.split(/[^\p{L}\p{M}]+/u)) if (word) allowedWords.add(word.toLocaleLowerCase('nl'));
  }
  const codes = study.db.prepare('SELECT name FROM code WHERE deleted = 0').all() as Array<{ name: string }>;
  for (const code of codes) for (const word of code.name.split(/[^\p{L}\p{M}]+/u)) if (word) allowedWords.add(word.toLocaleLowerCase('nl'));

  return { names: [...names], lowerCaseWords, allowedWords };
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
