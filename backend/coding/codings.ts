/**
 * Codings: a span of a source's text marked with a code by one coder, with a
 * valence, an optional note and a quotable flag. Codings by different coders
 * are separate entities, never merged or overwritten: double-coded text is
 * what intercoder agreement is computed from.
 *
 * Evidence and report drafts read the live codings with their sources'
 * metadata (codingsInSources) and the coded text in context (codedTextReader).
 */
import { randomUUID } from 'node:crypto';
import { UserError } from '../errors';
import { listCodes } from '../framework/framework';
import type { Study } from '../study/study';
import { pageOfOffset } from '../../shared/pages';
import type { Coding, CodedText, CodingInSource } from '../../shared/api/types';
import type { Measure, Role, SourceType, Valence } from '../../shared/vocabulary';
import type { Fields } from '../store/entities';

/** A row of the coding table as stored. */
export interface CodingRow {
  id: string;
  source_id: string;
  code_id: string;
  start: number;
  end: number;
  valence: Valence;
  note: string | null;
  quotable: number;
  coder_id: string | null;
  created_at: string;
}

const toCoding = (row: CodingRow): Coding => ({
  id: row.id,
  sourceId: row.source_id,
  codeId: row.code_id,
  start: row.start,
  end: row.end,
  valence: row.valence,
  note: row.note ?? '',
  quotable: row.quotable === 1,
  coderId: row.coder_id,
  createdAt: row.created_at,
});

interface CodingInSourceRow extends CodingRow {
  institution_id: string;
  source_type: SourceType;
  role: Role | null;
  measure: Measure | null;
  source_title: string;
}

/**
 * The live codings in live sources, each with its source's metadata. `where`
 * narrows them further (SQL on the coding `k` and the source `s`, with its
 * `params`); `orderBy` orders them.
 */
export function codingsInSources(study: Study, query: { where?: string; params?: string[]; orderBy: string }): CodingInSource[] {
  const rows = study.db
    .prepare(
      `SELECT k.*, s.institution_id, s.source_type, s.role, s.measure, s.title AS source_title
       FROM coding k JOIN source s ON s.id = k.source_id
       WHERE k.deleted = 0 AND s.deleted = 0 ${query.where ? `AND ${query.where}` : ''}
       ORDER BY ${query.orderBy}`,
    )
    .iterate(...(query.params ?? [])) as Iterable<CodingInSourceRow>;
  // A national study has 200,000 codings in 10,000 sources: rows are read one
  // at a time, and the ids and metadata they repeat are held once.
  const once = sharedStrings();
  const codings: CodingInSource[] = [];
  for (const row of rows) {
    codings.push({
      id: row.id,
      sourceId: once(row.source_id),
      codeId: once(row.code_id),
      start: row.start,
      end: row.end,
      valence: once(row.valence),
      note: row.note ?? '',
      quotable: row.quotable === 1,
      coderId: once(row.coder_id),
      createdAt: row.created_at,
      institutionId: once(row.institution_id),
      sourceType: once(row.source_type),
      role: once(row.role),
      measure: once(row.measure),
      sourceTitle: once(row.source_title),
    });
  }
  return codings;
}

/** Equal strings as one string (SQLite gives each row its own copy). */
function sharedStrings(): <T extends string | null>(value: T) => T {
  const seen = new Map<string, string>();
  return (value) => {
    if (value === null) return value;
    const held = seen.get(value);
    if (held !== undefined) return held as typeof value;
    seen.set(value, value);
    return value;
  };
}

/** Source texts a reader keeps at once: a report reads codings of thousands of sources, whose texts together run to gigabytes. */
const TEXTS_KEPT = 64;

/**
 * The coded text of a coding with `contextChars` of context either side, and
 * the page it starts on. The texts of the last sources read are kept.
 */
export function codedTextReader(study: Study, contextChars: number): (coding: Pick<Coding, 'sourceId' | 'start' | 'end'>) => CodedText {
  const statement = study.db.prepare('SELECT c.text, c.page_starts, c.ocr_pages FROM source s JOIN content c ON c.id = s.content_id WHERE s.id = ?');
  const contents = new Map<string, { text: string; pageStarts: number[] | null; ocrPages: ReadonlySet<number> }>();
  return (coding) => {
    let content = contents.get(coding.sourceId);
    if (!content) {
      const row = statement.get(coding.sourceId) as { text: string; page_starts: string | null; ocr_pages: string | null } | undefined;
      content = {
        text: row?.text ?? '',
        pageStarts: row?.page_starts ? (JSON.parse(row.page_starts) as number[]) : null,
        ocrPages: new Set(row?.ocr_pages ? (JSON.parse(row.ocr_pages) as number[]) : []),
      };
      if (contents.size === TEXTS_KEPT) contents.delete(contents.keys().next().value!);
      contents.set(coding.sourceId, content);
    }
    const { text, pageStarts, ocrPages } = content;
    const page = pageStarts ? pageOfOffset(pageStarts, coding.start) : null;
    return {
      text: text.slice(coding.start, coding.end),
      before: text.slice(Math.max(0, coding.start - contextChars), coding.start),
      after: text.slice(coding.end, coding.end + contextChars),
      page,
      ocr: page !== null && ocrPages.size > 0 && touchesOcrPage(pageStarts!, ocrPages, page, coding.end),
    };
  };
}

/** Whether a span from page `first` to offset `end` crosses a page read by OCR. */
function touchesOcrPage(pageStarts: number[], ocrPages: ReadonlySet<number>, first: number, end: number): boolean {
  const last = pageOfOffset(pageStarts, Math.max(0, end - 1));
  for (let page = first; page <= last; page++) if (ocrPages.has(page)) return true;
  return false;
}

export function codingsForSource(study: Study, sourceId: string, coderId?: string): Coding[] {
  const rows = study.db
    .prepare(
      `SELECT * FROM coding WHERE source_id = ? AND deleted = 0 ${coderId ? 'AND coder_id = ?' : ''} ORDER BY start, end`,
    )
    .all(...(coderId ? [sourceId, coderId] : [sourceId])) as CodingRow[];
  return rows.map(toCoding);
}

export function getCoding(study: Study, id: string): Coding {
  const row = study.db.prepare('SELECT * FROM coding WHERE id = ? AND deleted = 0').get(id) as CodingRow | undefined;
  if (!row) throw new UserError('Deze codering bestaat niet (meer).', 'not-found');
  return toCoding(row);
}

/** What the coder chooses; the program adds the id, the coder and the time. */
export type NewCoding = Omit<Coding, 'id' | 'coderId' | 'createdAt'>;

/** Create codings in one undoable action (one for a selection, many for auto-code). */
export function createCodings(study: Study, codings: NewCoding[], undoLabel: string): Coding[] {
  const ids = codings.map(() => randomUUID());
  const createdAt = new Date().toISOString();
  const codes = new Set(listCodes(study).map((code) => code.id));
  const texts = new Map<string, string>();
  const textOf = (sourceId: string) => texts.get(sourceId) ?? texts.set(sourceId, sourceText(study, sourceId)).get(sourceId)!;
  const mutations = codings.map((coding, index) => {
    if (!codes.has(coding.codeId)) throw new UserError('De gekozen code bestaat niet (meer).', 'not-found');
    const span = checkedSpan(textOf(coding.sourceId), coding.start, coding.end);
    return {
      entity: 'coding' as const,
      entityId: ids[index]!,
      fields: {
        sourceId: coding.sourceId,
        codeId: coding.codeId,
        ...span,
        valence: coding.valence,
        note: coding.note,
        quotable: coding.quotable ? 1 : 0,
        coderId: study.currentInspectorId,
        createdAt,
      },
    };
  });
  study.write(mutations, { undoLabel });
  // One statement for them all: thousands prepared one by one hold native memory until garbage collection.
  const read = study.db.prepare('SELECT * FROM coding WHERE id = ?');
  return ids.map((id) => toCoding(read.get(id) as CodingRow));
}

/** Any of the coder's choices but the source. */
export type CodingEdit = Partial<Omit<NewCoding, 'sourceId'>>;

export function updateCoding(study: Study, id: string, edit: CodingEdit): Coding {
  const current = getCoding(study, id);
  const fields: Fields = {};
  if (edit.codeId !== undefined) {
    if (!listCodes(study).some((code) => code.id === edit.codeId)) throw new UserError('De gekozen code bestaat niet (meer).', 'not-found');
    fields.codeId = edit.codeId;
  }
  if (edit.start !== undefined || edit.end !== undefined) {
    Object.assign(fields, checkedSpan(sourceText(study, current.sourceId), edit.start ?? current.start, edit.end ?? current.end));
  }
  if (edit.valence !== undefined) fields.valence = edit.valence;
  if (edit.note !== undefined) fields.note = edit.note;
  if (edit.quotable !== undefined) fields.quotable = edit.quotable ? 1 : 0;
  if (Object.keys(fields).length > 0) study.write([{ entity: 'coding', entityId: id, fields }], { undoLabel: 'Codering wijzigen' });
  return getCoding(study, id);
}

export function deleteCoding(study: Study, id: string): void {
  getCoding(study, id);
  study.write([{ entity: 'coding', entityId: id, fields: { deleted: 1 } }], { undoLabel: 'Codering verwijderen' });
}

function sourceText(study: Study, sourceId: string): string {
  const row = study.db
    .prepare('SELECT c.text FROM source s JOIN content c ON c.id = s.content_id WHERE s.id = ? AND s.deleted = 0')
    .get(sourceId) as { text: string } | undefined;
  if (!row) throw new UserError('Deze bron bestaat niet (meer).', 'not-found');
  return row.text;
}

/**
 * Validate a span against the source text, widening it so that it never
 * splits a surrogate pair (an emoji): offsets count UTF-16 code units.
 */
function checkedSpan(text: string, start: number, end: number): { start: number; end: number } {
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= text.length && start < end)) {
    throw new UserError('De selectie valt buiten de tekst van de bron.', 'invalid-input');
  }
  const isLowSurrogate = (index: number) => /[\uDC00-\uDFFF]/.test(text[index] ?? '');
  return {
    start: isLowSurrogate(start) ? start - 1 : start,
    end: isLowSurrogate(end) ? end + 1 : end,
  };
}
