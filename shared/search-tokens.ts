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

/**
 * Where every term occurs in a text, lazily, in order of their first token
 * (terms starting at the same token in query order): the same occurrences as
 * findTermRanges, without tokenising more of the text than is read.
 */
export function* termOccurrences(text: string, terms: SearchTerm[]): Generator<TermOccurrence> {
  // The last `longest` tokens in a ring; a term is tried where a token could start it.
  const longest = Math.max(...terms.map((term) => term.tokens.length));
  const starts: number[] = [];
  const ends: number[] = [];
  const folds: string[] = [];
  const exactFirsts = new Set(terms.filter((term) => term.tokens.length > 1 || !term.prefix).map((term) => term.tokens[0]!));
  const prefixFirsts = terms.filter((term) => term.tokens.length === 1 && term.prefix).map((term) => term.tokens[0]!);
  const mayStart = (fold: string) => exactFirsts.has(fold) || prefixFirsts.some((prefix) => fold.startsWith(prefix));
  /** The terms that start at token `first` (of `available` tokens read from there). */
  const startingAt = (first: number, available: number): TermOccurrence[] => {
    const found: TermOccurrence[] = [];
    terms.forEach((term, index) => {
      const last = term.tokens.length - 1;
      if (last >= available) return;
      for (let offset = 0; offset <= last; offset++) {
        const token = folds[(first + offset) % longest]!;
        const wanted = term.tokens[offset]!;
        if (!(offset === last && term.prefix ? token.startsWith(wanted) : token === wanted)) return;
      }
      found.push({ term: index, start: starts[first % longest]!, end: ends[(first + last) % longest]! });
    });
    return found;
  };
  const folded = new Map<string, string>();
  let count = 0;
  for (const match of text.matchAll(TOKEN)) {
    const raw = match[0];
    let fold = folded.get(raw);
    if (fold === undefined) folded.set(raw, (fold = foldToken(raw)));
    const slot = count % longest;
    starts[slot] = match.index;
    ends[slot] = match.index + raw.length;
    folds[slot] = fold;
    count++;
    if (count >= longest && mayStart(folds[(count - longest) % longest]!)) yield* startingAt(count - longest, longest);
  }
  for (let first = Math.max(0, count - longest + 1); first < count; first++) {
    if (mayStart(folds[first % longest]!)) yield* startingAt(first, count - first);
  }
}
