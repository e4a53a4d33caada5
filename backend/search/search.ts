/**
 * Full-text search over all sources. FTS5 finds and ranks the sources that
 * contain every term; the hits' exact offsets are then found by tokenising
 * those texts the same way, so a hit can be shown and jumped to in context.
 */
import { findTermRanges, parseQuery, toFtsMatch, tokenize, type SearchTerm } from '../../shared/search-tokens';
import { pageOfOffset } from '../../shared/pages';
import type { SearchHit, SearchResult } from '../../shared/api/types';
import type { Study } from '../study/study';

const SNIPPET_RADIUS = 70;

interface MatchingSource {
  source_id: string;
  title: string;
  text: string;
  page_starts: string | null;
}

export function search(study: Study, query: string, limit: number): SearchResult {
  const terms = parseQuery(query);
  if (terms.length === 0) return { hits: [], truncated: false };
  const candidates = study.db
    .prepare(
      `SELECT s.id AS source_id, s.title, c.text, c.page_starts
       FROM source_fts f JOIN source_fts_row r ON r.fts_rowid = f.rowid
       JOIN source s ON s.id = r.source_id JOIN content c ON c.id = s.content_id
       WHERE source_fts MATCH ? AND s.deleted = 0
       ORDER BY rank`,
    )
    .iterate(`text : (${toFtsMatch(terms)})`) as IterableIterator<MatchingSource>;

  const hits: SearchHit[] = [];
  for (const source of candidates) {
    const pageStarts = source.page_starts ? (JSON.parse(source.page_starts) as number[]) : null;
    for (const { start, end } of hitSpans(source.text, terms)) {
      if (hits.length === limit) return { hits, truncated: true };
      hits.push({
        sourceId: source.source_id,
        title: source.title,
        ...snippetAround(source.text, start, end),
        start,
        end,
        page: pageStarts ? pageOfOffset(pageStarts, start) : null,
      });
    }
  }
  return { hits, truncated: false };
}

/**
 * Where the query hits in one text. One term: each occurrence. Several terms:
 * each paragraph (line) holding all of them, spanning from the first to the
 * last; when no paragraph holds them all (they only meet in the document as a
 * whole), each occurrence of the first term.
 */
function hitSpans(text: string, terms: SearchTerm[]): Span[] {
  const tokens = tokenize(text);
  const occurrences = terms.map((term) =>
    findTermRanges(tokens, term).map(([first, last]) => ({ start: tokens[first]!.start, end: tokens[last - 1]!.end })),
  );
  if (terms.length === 1) return occurrences[0]!;
  const together = paragraphsHoldingAll(text, occurrences);
  return together.length > 0 ? together : occurrences[0]!;
}

type Span = { start: number; end: number };

function paragraphsHoldingAll(text: string, occurrences: Span[][]): Span[] {
  const paragraphOf = (offset: number) => text.lastIndexOf('\n', offset - 1);
  // Per term: paragraph -> its first occurrence there.
  const byParagraph = occurrences.map((list) => {
    const firstInParagraph = new Map<number, Span>();
    for (const occurrence of list) {
      const paragraph = paragraphOf(occurrence.start);
      if (!firstInParagraph.has(paragraph)) firstInParagraph.set(paragraph, occurrence);
    }
    return firstInParagraph;
  });
  const spans: Span[] = [];
  for (const paragraph of byParagraph[0]!.keys()) {
    const found = byParagraph.map((map) => map.get(paragraph));
    if (found.every(Boolean)) {
      spans.push({
        start: Math.min(...found.map((occurrence) => occurrence!.start)),
        end: Math.max(...found.map((occurrence) => occurrence!.end)),
      });
    }
  }
  return spans;
}

/** A short piece of text around a hit, cut at word boundaries, on one line. */
function snippetAround(text: string, start: number, end: number): { snippet: string; snippetOffset: number } {
  let from = Math.max(0, start - SNIPPET_RADIUS);
  let to = Math.min(text.length, end + SNIPPET_RADIUS);
  if (from > 0) from = text.indexOf(' ', from) + 1 || from;
  if (from > start) from = start;
  if (to < text.length) to = Math.max(end, text.lastIndexOf(' ', to));
  // One-for-one replacement keeps snippet offsets equal to text offsets minus `from`.
  return { snippet: text.slice(from, to).replace(/\s/g, ' '), snippetOffset: from };
}
