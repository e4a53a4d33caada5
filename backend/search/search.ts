/**
 * Full-text search over all sources. FTS5 finds and ranks the sources that
 * contain every term; the hits' exact offsets are then found by tokenising
 * those texts the same way, so a hit can be shown and jumped to in context.
 */
import { parseQuery, termOccurrences, toFtsMatch, type SearchTerm, type TermOccurrence } from '../../shared/search-tokens';
import { pageOfOffset } from '../../shared/pages';
import type { SearchHit, SearchResult } from '../../shared/api/types';
import type { Study } from '../study/study';
import { foldedOccurrences } from './folded-occurrences';

const SNIPPET_RADIUS = 70;

interface MatchingSource {
  source_id: string;
  title: string;
  text: string;
  page_starts: string | null;
}

/** The FTS5 expression a search runs: every term, in the sources' text only (titles are indexed for other uses). */
export const textMatch = (terms: SearchTerm[]) => `text : (${toFtsMatch(terms)})`;

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
    .iterate(textMatch(terms)) as IterableIterator<MatchingSource>;

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
 * Where the query hits in one text, lazily in text order (reading stops when
 * the search has enough hits). One term: each occurrence. Several terms: each
 * paragraph (line) holding all of them, spanning from the first occurrence of
 * each there; when no paragraph holds them all (they only meet in the
 * document as a whole), each occurrence of the first term.
 */
function* hitSpans(text: string, terms: SearchTerm[]): Generator<Span> {
  const occurrences = foldedOccurrences(text, terms) ?? termOccurrences(text, terms);
  if (terms.length === 1) {
    for (const { start, end } of occurrences) yield { start, end };
    return;
  }
  let together = false;
  const firstTermAlone: Span[] = [];
  let paragraph: number | null = null;
  let firstInParagraph: Array<TermOccurrence | undefined> = [];
  for (const occurrence of occurrences) {
    const at = paragraphOf(text, occurrence.start);
    if (at !== paragraph) {
      const span = spanOfAll(firstInParagraph, terms.length);
      if (span) {
        together = true;
        yield span;
      }
      paragraph = at;
      firstInParagraph = [];
    }
    firstInParagraph[occurrence.term] ??= occurrence;
    if (!together && occurrence.term === 0) firstTermAlone.push({ start: occurrence.start, end: occurrence.end });
  }
  const span = spanOfAll(firstInParagraph, terms.length);
  if (span) {
    together = true;
    yield span;
  }
  if (!together) yield* firstTermAlone;
}

type Span = { start: number; end: number };

/** Occurrences are read in text order, so paragraphs come one after the other. */
const paragraphOf = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1);

/** The span from the first to the last of one paragraph's first occurrences, when every term is among them. */
function spanOfAll(found: Array<TermOccurrence | undefined>, termCount: number): Span | null {
  const present = found.filter((occurrence): occurrence is TermOccurrence => occurrence !== undefined);
  if (present.length < termCount) return null;
  return { start: Math.min(...present.map((occurrence) => occurrence.start)), end: Math.max(...present.map((occurrence) => occurrence.end)) };
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
