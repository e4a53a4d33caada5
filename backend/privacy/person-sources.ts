/**
 * In how many sources each person of the register appears (the Personen
 * view): one full-text query per person over the search index, every form
 * as a phrase, so a national study is counted without reading its texts.
 * The index folds case and diacritics: "Roos" also counts a source about
 * roses; the count says where to look, the review decides.
 */
import { tokenize } from '../../shared/search-tokens';
import type { Study } from '../study/study';
import { listPersons } from './persons';

/** The FTS5 expression for any of the forms, each a quoted phrase (no FTS syntax gets through). */
function anyForm(forms: string[]): string | null {
  const phrases = forms
    .map((form) => tokenize(form).map((token) => token.folded).join(' '))
    .filter(Boolean)
    .map((phrase) => `"${phrase.replaceAll('"', '""')}"`);
  return phrases.length === 0 ? null : [...new Set(phrases)].join(' OR ');
}

export function personSourceCounts(study: Study): Record<string, number> {
  const count = study.db.prepare(
    `SELECT count(DISTINCT r.source_id) FROM source_fts f JOIN source_fts_row r ON r.fts_rowid = f.rowid
     JOIN source s ON s.id = r.source_id WHERE source_fts MATCH ? AND s.deleted = 0`,
  );
  const counts: Record<string, number> = {};
  for (const person of listPersons(study)) {
    const match = anyForm(person.forms);
    counts[person.id] = match ? (count.pluck().get(match) as number) : 0;
  }
  return counts;
}
