/** Reading sources: the filtered list and one whole document. */
import { UserError } from '../errors';
import { whereClause } from '../store/where-clause';
import type { HeadingMark, SourceDetails, SourceDocument, SourceSummary } from '../../shared/api/types';
import type { Measure, Role, SourceFormat, SourceType } from '../../shared/vocabulary';
import type { Study } from '../study/study';
import { sparsePages } from './sparse-pages';

export interface SourceFilter {
  institutionId?: string | undefined;
  sourceType?: SourceType | undefined;
  role?: Role | undefined;
}

interface SourceRow {
  id: string;
  title: string;
  institution_id: string;
  source_type: SourceType;
  role: Role | null;
  measure: Measure | null;
  date: string | null;
  inspector_id: string | null;
  format: SourceFormat;
  file_name: string;
  imported_at: string;
  page_starts: string | null;
  character_count: number;
}

const SUMMARY_COLUMNS = `s.id, s.title, s.institution_id, s.source_type, s.role, s.measure, s.date, s.inspector_id,
  s.format, s.file_name, s.imported_at, c.page_starts, length(c.text) AS character_count`;

function toSummary(row: SourceRow): SourceSummary {
  return {
    id: row.id,
    title: row.title,
    institutionId: row.institution_id,
    sourceType: row.source_type,
    role: row.role,
    measure: row.measure,
    date: row.date,
    inspectorId: row.inspector_id,
    format: row.format,
    fileName: row.file_name,
    pageCount: row.page_starts ? (JSON.parse(row.page_starts) as number[]).length : null,
    characterCount: row.character_count,
    importedAt: row.imported_at,
  };
}

export function listSources(study: Study, filter: SourceFilter = {}): SourceSummary[] {
  const { where, params } = whereClause(['s.deleted = 0'], { 's.institution_id': filter.institutionId, 's.source_type': filter.sourceType, 's.role': filter.role });
  const rows = study.db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM source s JOIN content c ON c.id = s.content_id
       WHERE ${where} ORDER BY s.title COLLATE NOCASE`,
    )
    .all(...params) as SourceRow[];
  return rows.map(toSummary);
}

/** One source's details without reading its text (the header after an edit). */
export function getSourceDetails(study: Study, id: string): SourceDetails {
  const row = study.db
    .prepare(`SELECT ${SUMMARY_COLUMNS}, s.ecli FROM source s JOIN content c ON c.id = s.content_id WHERE s.id = ? AND s.deleted = 0`)
    .get(id) as (SourceRow & { ecli: string | null }) | undefined;
  if (!row) throw new UserError('Deze bron bestaat niet (meer).', 'not-found');
  return { ...toSummary(row), ecli: row.ecli };
}

export function getSource(study: Study, id: string): SourceDocument {
  const row = study.db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS}, c.text, c.headings, c.ocr_pages, s.ecli FROM source s JOIN content c ON c.id = s.content_id
       WHERE s.id = ? AND s.deleted = 0`,
    )
    .get(id) as (SourceRow & { text: string; headings: string; ocr_pages: string | null; ecli: string | null }) | undefined;
  if (!row) throw new UserError('Deze bron bestaat niet (meer).', 'not-found');
  const pageStarts = row.page_starts ? (JSON.parse(row.page_starts) as number[]) : null;
  return {
    ...toSummary(row),
    text: row.text,
    pageStarts,
    headings: JSON.parse(row.headings) as HeadingMark[],
    sparsePages: sparsePages(row.text, pageStarts),
    ocrPages: row.ocr_pages ? (JSON.parse(row.ocr_pages) as number[]) : [],
    ecli: row.ecli,
  };
}
