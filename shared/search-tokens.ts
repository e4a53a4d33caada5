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

/**
 * A token: a letter, digit or private-use character, then any run of those and
 * combining marks (a mark only continues a token, never starts one). The `u`
 * flag steps over surrogate pairs as one character, so offsets stay UTF-16.
 */
const TOKEN = /[\p{L}\p{N}\p{Co}][\p{L}\p{N}\p{Co}\p{M}]*/gu;

/** Fold one token: strip combining marks after canonical decomposition, lowercase. */
export function foldToken(token: string): string {
  return token.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The tokens of a text, lazily, in order: a search that has found enough hits
 * stops reading. Folding is remembered per spelling (a text repeats its words).
 */
export function* tokenStream(text: string): Generator<Token> {
  const folded = new Map<string, string>();
  for (const match of text.matchAll(TOKEN)) {
    const raw = match[0];
    let fold = folded.get(raw);
    if (fold === undefined) folded.set(raw, (fold = foldToken(raw)));
    yield { start: match.index, end: match.index + raw.length, folded: fold };
  }
}

export function tokenize(text: string): Token[] {
  return [...tokenStream(text)];
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

/** One occurrence of term number `term` of a query, in text offsets. */
export interface TermOccurrence {
  term: number;
  start: number;
  end: number;
}

const termMatchesAt = (window: Token[], term: SearchTerm): boolean => {
  const last = term.tokens.length - 1;
  if (window.length <= last) return false;
  return term.tokens.every((wanted, offset) => {
    const token = window[offset]!.folded;
    return offset === last && term.prefix ? token.startsWith(wanted) : token === wanted;
  });
};

/**
 * Where every term occurs in a text, lazily, in order of their first token
 * (terms starting at the same token in query order): the same occurrences as
 * findTermRanges, without tokenising more of the text than is read.
 */
export function* termOccurrences(text: string, terms: SearchTerm[]): Generator<TermOccurrence> {
  const longest = Math.max(...terms.map((term) => term.tokens.length));
  const tokens = tokenStream(text);
  const window: Token[] = [];
  const fill = () => {
    while (window.length < longest) {
      const next = tokens.next();
      if (next.done) return;
      window.push(next.value);
    }
  };
  for (fill(); window.length > 0; window.shift(), fill()) {
    for (const [index, term] of terms.entries()) {
      if (termMatchesAt(window, term)) yield { term: index, start: window[0]!.start, end: window[term.tokens.length - 1]!.end };
    }
  }
}

