/**
 * Tokenising and folding text the way SQLite's FTS5 `unicode61` tokenizer does
 * with `remove_diacritics 2`: letters and digits form tokens, case and
 * diacritics are folded. The index finds matching sources; this finds where in
 * the text the hits are (FTS5 cannot return offsets), so the two must agree.
 */

export interface Token {
  start: number;
  end: number;
  folded: string;
}

const TOKEN_CHAR = /[\p{L}\p{N}\p{Co}]/u;

/** Fold one token: strip combining marks after canonical decomposition, lowercase. */
export function foldToken(token: string): string {
  return token.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let start = -1;
  for (let index = 0; index <= text.length; index++) {
    const char = index < text.length ? charAt(text, index) : '';
    const isTokenChar = char !== '' && (TOKEN_CHAR.test(char) || (start >= 0 && /\p{M}/u.test(char)));
    if (isTokenChar && start < 0) start = index;
    if (!isTokenChar && start >= 0) {
      tokens.push({ start, end: index, folded: foldToken(text.slice(start, index)) });
      start = -1;
    }
    if (char.length === 2) index++; // a surrogate pair counts as two code units
  }
  return tokens;
}

function charAt(text: string, index: number): string {
  const code = text.codePointAt(index)!;
  return String.fromCodePoint(code);
}

/** A parsed search: phrases of folded tokens; a trailing `*` on a token means prefix. */
export interface SearchTerm {
  tokens: string[];
  prefix: boolean;
}

/** Parse user input: words, "quoted phrases", and `word*` prefixes; all must occur. */
export function parseQuery(query: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const pattern = /"([^"]*)"|(\S+)/g;
  for (const match of query.matchAll(pattern)) {
    const raw = match[1] ?? match[2] ?? '';
    const prefix = match[1] === undefined && raw.endsWith('*');
    const tokens = tokenize(raw).map((token) => token.folded);
    if (tokens.length > 0) terms.push({ tokens, prefix });
  }
  return terms;
}

/** The FTS5 MATCH expression for parsed terms, with every token quoted (no injection of FTS syntax). */
export function toFtsMatch(terms: SearchTerm[]): string {
  return terms
    .map((term) => `"${term.tokens.join(' ').replaceAll('"', '""')}"${term.prefix ? '*' : ''}`)
    .join(' AND ');
}

/** Where each term occurs in `tokens`: [startToken, endToken) ranges. */
export function findTermRanges(tokens: Token[], term: SearchTerm): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const last = term.tokens.length - 1;
  for (let index = 0; index + last < tokens.length; index++) {
    const matches = term.tokens.every((wanted, offset) => {
      const token = tokens[index + offset]!.folded;
      return offset === last && term.prefix ? token.startsWith(wanted) : token === wanted;
    });
    if (matches) ranges.push([index, index + last + 1]);
  }
  return ranges;
}
