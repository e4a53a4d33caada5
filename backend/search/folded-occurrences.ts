/**
 * Where a query's terms occur in a text, found by plain string search in a
 * folded copy of the text instead of by tokenising it token by token (issue 9:
 * tokenising was most of a two-word or phrase search at national scale).
 *
 * The folded copy has the same length as the text, so its offsets are the
 * text's offsets: every character is folded on its own (case and diacritics,
 * as foldToken does) to one of the same length, and characters that are in no
 * token become spaces. That is only exact when folding a token equals folding
 * its characters one by one and token boundaries stay where they were: not
 * with combining marks (they join the character before), a capital sigma
 * (its lowercase depends on its place in the word) or a character whose fold
 * is longer, shorter or no token character. A text holding any of those gets
 * null, and the caller tokenises it (termOccurrences, the reference this must
 * equal: tests/unit/folded-occurrences.test.ts).
 */
import { foldToken, type SearchTerm, type TermOccurrence } from '../../shared/search-tokens';

const TOKEN_CHAR = /^[\p{L}\p{N}\p{Co}]$/u;
const MARK = /\p{M}/u;
const NON_ASCII = /[^\x00-\x7f]/gu;

/** Per character: its fold of the same length, or null when it cannot be folded on its own. */
const charFolds = new Map<string, string | null>();

function foldChar(char: string): string | null {
  if (MARK.test(char)) return null;
  if (!TOKEN_CHAR.test(char)) return ' '.repeat(char.length);
  if (char.normalize('NFD').includes('\u03a3')) return null;
  const fold = foldToken(char);
  return fold.length === char.length && [...fold].every((part) => TOKEN_CHAR.test(part)) ? fold : null;
}

/** The text folded character by character, offsets unchanged; null when that would not be exact. */
export function foldedText(text: string): string | null {
  let exact = true;
  const mapped = text.replace(NON_ASCII, (char) => {
    let fold = charFolds.get(char);
    if (fold === undefined) charFolds.set(char, (fold = foldChar(char)));
    if (fold === null) exact = false;
    return fold ?? char;
  });
  if (!exact) return null;
  // ASCII letters; the folds above are lower case already, and stay so.
  const folded = mapped.toLowerCase();
  return folded.length === text.length ? folded : null;
}

/** Whether the character at `at` (a code point) is part of a token, in a folded text. */
function isTokenCharAt(folded: string, at: number): boolean {
  const code = folded.charCodeAt(at);
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
  return TOKEN_CHAR.test(String.fromCodePoint(folded.codePointAt(at)!));
}

function isTokenCharBefore(folded: string, at: number): boolean {
  if (at === 0) return false;
  const low = folded.charCodeAt(at - 1);
  const isLowSurrogate = low >= 0xdc00 && low <= 0xdfff && at >= 2;
  return isTokenCharAt(folded, isLowSurrogate ? at - 2 : at - 1);
}

/** Where the token starting at `at` ends. */
function tokenEnd(folded: string, at: number): number {
  let position = at;
  while (position < folded.length && isTokenCharAt(folded, position)) position += folded.codePointAt(position)! > 0xffff ? 2 : 1;
  return position;
}

/** The end of `term` when it occurs from the token start `at`, or -1. */
function termEndAt(folded: string, at: number, term: SearchTerm): number {
  let position = at;
  for (let index = 0; index < term.tokens.length; index++) {
    const wanted = term.tokens[index]!;
    if (!folded.startsWith(wanted, position)) return -1;
    const end = tokenEnd(folded, position);
    const last = index === term.tokens.length - 1;
    if (last && term.prefix ? end < position + wanted.length : end !== position + wanted.length) return -1;
    if (last) return end;
    position = end;
    while (position < folded.length && !isTokenCharAt(folded, position)) position++;
    if (position === folded.length) return -1;
  }
  return -1;
}

/**
 * Every occurrence of every term in text order (terms starting at the same
 * token in query order), as termOccurrences finds them; null when the text
 * cannot be folded character by character.
 */
export function foldedOccurrences(text: string, terms: SearchTerm[]): TermOccurrence[] | null {
  if (terms.some((term) => term.tokens.some((token) => token === ''))) return null;
  const folded = foldedText(text);
  if (folded === null) return null;
  const found: TermOccurrence[] = [];
  terms.forEach((term, index) => {
    const first = term.tokens[0]!;
    for (let at = folded.indexOf(first); at !== -1; at = folded.indexOf(first, at + 1)) {
      if (isTokenCharBefore(folded, at)) continue;
      const end = termEndAt(folded, at, term);
      if (end !== -1) found.push({ term: index, start: at, end });
    }
  });
  return found.sort((a, b) => a.start - b.start || a.term - b.term);
}
