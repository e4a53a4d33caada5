/**
 * Auto-code: code the hits of a search with one code and valence, as one
 * undoable action. Hits the current coder already coded with that code at
 * exactly that span are skipped, so running it twice does not double codings.
 */
import { search } from '../search/search';
import { createCodings } from './codings';
import type { Study } from '../study/study';
import type { Valence } from '../../shared/vocabulary';

const MAX_AUTOCODE_HITS = 5000;

export interface AutocodeInput {
  query: string;
  codeId: string;
  valence: Valence;
  /** The chosen hits; all hits of the query when absent. */
  hits?: Array<{ sourceId: string; start: number; end: number }> | undefined;
}

export function autocode(study: Study, input: AutocodeInput): { created: number; skipped: number } {
  const hits = input.hits ?? search(study, input.query, MAX_AUTOCODE_HITS).hits;
  const existing = new Set(
    (
      study.db
        .prepare('SELECT source_id, start, end FROM coding WHERE code_id = ? AND coder_id IS ? AND deleted = 0')
        .all(input.codeId, study.currentInspectorId) as Array<{ source_id: string; start: number; end: number }>
    ).map((row) => `${row.source_id}|${row.start}|${row.end}`),
  );
  const fresh = hits.filter((hit) => !existing.has(`${hit.sourceId}|${hit.start}|${hit.end}`));
  if (fresh.length > 0) {
    createCodings(
      study,
      fresh.map((hit) => ({ sourceId: hit.sourceId, codeId: input.codeId, start: hit.start, end: hit.end, valence: input.valence, note: '', quotable: false })),
      `Automatisch coderen: "${input.query}"`,
    );
  }
  return { created: fresh.length, skipped: hits.length - fresh.length };
}
