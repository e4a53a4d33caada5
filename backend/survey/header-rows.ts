/**
 * Survey tools put more than one header row above the respondents: Qualtrics
 * three (question codes, question texts, ImportId JSON), SurveyMonkey two
 * (the question, then "Response" or the option of a multiple-choice
 * question), other tools codes and then texts; some files start with a title
 * line. Those rows are never respondents. The first few non-blank rows of
 * the file are kept (`HeadRows`) so that the layout can be recognised, the
 * column names made from the header rows, and the user's choice of a
 * different number of header rows applied later without reading the file
 * again (`withHeaderRows`).
 */
import { columnLetter, refuse, type RawColumn, type RawSurvey } from './sheet';
import type { SurveyLimits } from './limits';
import type { SurveyHeaderRows } from '../../shared/api/types';

/** How many non-blank rows at the top are kept: the most header rows a user can choose. */
export const HEAD_ROWS = 5;

export type SurveyLayout = 'qualtrics' | 'surveymonkey' | 'codes-text' | 'limesurvey' | 'google-forms' | 'microsoft-forms' | 'title';

export interface HeadRows {
  /** The first non-blank rows, cleaned, each as wide as the sheet's header. */
  rows: Array<Array<string | null>>;
  /** Of those, how many are header rows now. */
  headerRows: number;
  /** What detection proposed. */
  detectedHeaderRows: number;
  layout: SurveyLayout | null;
  detectedLayout: SurveyLayout | null;
  /** Notes about the file itself (encoding, ignored sheets), without those about the headers. */
  fileNotes: string[];
}

const nl = (value: number) => value.toLocaleString('nl-NL');

/** The layout and the number of header rows the top of a file shows. */
export function detectLayout(rows: ReadonlyArray<ReadonlyArray<string | null>>): { headerRows: number; layout: SurveyLayout | null } {
  const filled = (row: ReadonlyArray<string | null> | undefined) => (row ?? []).filter((value) => value !== null && value !== '') as string[];
  // A title line ("Vragenlijst ouders 2026") above a wide header is no column name.
  let title = 0;
  while (title < rows.length - 2 && filled(rows[title]).length === 1 && filled(rows[title + 1]).length >= 3) title++;
  const top = rows.slice(title);
  const importIdRow = top.slice(0, 4).findIndex((row) => share(filled(row), (value) => /^\{\s*"ImportId"\s*:/.test(value)) >= 0.5);
  if (importIdRow >= 1) return { headerRows: title + importIdRow + 1, layout: 'qualtrics' };
  if (top.length >= 3 && isSurveyMonkey(top[0]!, top[1]!)) return { headerRows: title + 2, layout: 'surveymonkey' };
  if (top.length >= 3 && isCodesThenText(filled(top[0]), top[0]!, top[1]!)) return { headerRows: title + 2, layout: 'codes-text' };
  const first = filled(top[0]).map((value) => value.toLowerCase());
  const has = (...names: string[]) => names.every((name) => first.includes(name));
  if ((has('lastpage', 'startlanguage') || has('laatste pagina', 'starttaal')) && title === 0) return { headerRows: 1, layout: 'limesurvey' };
  if (first[0] === 'tijdstempel' || first[0] === 'timestamp') return { headerRows: title + 1, layout: 'google-forms' };
  if (has('id') && (has('begintijd', 'tijd van voltooien') || has('start time', 'completion time'))) return { headerRows: title + 1, layout: 'microsoft-forms' };
  return { headerRows: title + 1, layout: title > 0 ? 'title' : null };
}

function share(values: string[], test: (value: string) => boolean): number {
  return values.length === 0 ? 0 : values.filter(test).length / values.length;
}

const MONKEY_SUB = /^(response|open-ended response|antwoord|open antwoord|reactie|open reactie|other \(please specify\)|anders \(graag specificeren\))$/i;

/** SurveyMonkey: the second row says "Response" (or an option) under each question and is blank under the respondent's details. */
function isSurveyMonkey(first: ReadonlyArray<string | null>, second: ReadonlyArray<string | null>): boolean {
  const subs = second.filter((value) => value !== null && MONKEY_SUB.test(value)).length;
  const firstHasId = first.some((value) => value !== null && /^(respondent id|respondent-id|respondentnummer)$/i.test(value));
  const blanksUnderFilled = first.filter((value, index) => value && !second[index]).length;
  return subs >= 1 && (firstHasId || blanksUnderFilled >= 1);
}

const CODE_PATTERN = /^[A-Za-z]{1,12}[_.-]?\d[A-Za-z0-9_.-]*$/;
const CODE = { test: (value: string) => value.length <= 32 && CODE_PATTERN.test(value) };

/** Short codes (Q1, Q2_3, G01Q02) above longer question texts. */
function isCodesThenText(firstFilled: string[], first: ReadonlyArray<string | null>, second: ReadonlyArray<string | null>): boolean {
  if (firstFilled.length < 2 || share(firstFilled, (value) => CODE.test(value)) < 0.6) return false;
  const pairs = first.map((code, index) => [code, second[index]] as const).filter(([code]) => code && CODE.test(code));
  const texts = pairs.filter(([, text]) => text && !CODE.test(text) && text.length >= 8 && /\s/.test(text)).length;
  return texts / pairs.length >= 0.6;
}

export const LAYOUT_LABELS: Record<SurveyLayout, string> = {
  qualtrics: 'Qualtrics',
  surveymonkey: 'SurveyMonkey',
  'codes-text': 'vraagcodes met vraagteksten eronder',
  limesurvey: 'LimeSurvey',
  'google-forms': 'Google Formulieren',
  'microsoft-forms': 'Microsoft Forms',
  title: 'titelregel boven de kopregel',
};

const DISPLAY_CHARS = 80;

/** The top rows as the mapping dialog shows them. */
export function headerRowsView(head: HeadRows): SurveyHeaderRows {
  return {
    rows: head.rows.map((row) => row.map((value) => (value === null ? '' : value.length > DISPLAY_CHARS ? `${value.slice(0, DISPLAY_CHARS - 1)}…` : value))),
    headerRows: head.headerRows,
    detectedHeaderRows: head.detectedHeaderRows,
    recognised: head.layout ? LAYOUT_LABELS[head.layout] : null,
  };
}

/** What the user is told about the recognised layout. */
export function layoutNote(layout: SurveyLayout | null, headerRows: number): string | null {
  switch (layout) {
    case 'qualtrics':
      return `Herkend als Qualtrics-export: ${nl(headerRows)} kopregels (vraagcodes, vraagteksten en ImportId). De vraagteksten zijn de kolomnamen; de kopregels tellen niet als respondent.`;
    case 'surveymonkey':
      return `Herkend als SurveyMonkey-export: ${nl(headerRows)} kopregels (de vraag en daaronder het antwoord of de antwoordoptie). Die zijn samen de kolomnaam; de kopregels tellen niet als respondent.`;
    case 'codes-text':
      return `Herkend: ${nl(headerRows)} kopregels, eerst vraagcodes en daaronder vraagteksten. De vraagteksten zijn de kolomnamen; de kopregels tellen niet als respondent.`;
    case 'limesurvey':
      return 'Herkend als LimeSurvey-export met één kopregel.';
    case 'google-forms':
      return 'Herkend als Google Formulieren-export met één kopregel.';
    case 'microsoft-forms':
      return 'Herkend als Microsoft Forms-export met één kopregel.';
    case 'title':
      return `De eerste ${headerRows === 2 ? 'regel is een titel' : `${nl(headerRows - 1)} regels zijn een titel`}; de kopregel daaronder geeft de kolomnamen.`;
    default:
      return headerRows > 1 ? `De eerste ${nl(headerRows)} regels zijn kopregels; ze tellen niet als respondent.` : null;
  }
}

/**
 * Column names from the header rows: for Qualtrics and codes-then-text the
 * text row (the code where it has none); otherwise the rows joined with " – ",
 * a blank above a filled cell taking the question to its left (SurveyMonkey's
 * options), "Response" left out. A title line (one filled cell) adds nothing.
 */
export function composeHeaders(rows: ReadonlyArray<ReadonlyArray<string | null>>, layout: SurveyLayout | null, width: number): Array<string | null> {
  const wide = rows.filter((row) => row.filter((value) => value).length > 1);
  const used = wide.length > 0 ? wide : rows;
  if ((layout === 'qualtrics' || layout === 'codes-text') && used.length >= 2) {
    return Array.from({ length: width }, (_, column) => used[1]![column] || used[0]![column] || null);
  }
  const filledAbove = used.map((row) => {
    let last: string | null = null;
    return Array.from({ length: width }, (_, column) => {
      const value = row[column] || null;
      if (value) last = value;
      return value ?? last;
    });
  });
  return Array.from({ length: width }, (_, column) => {
    const parts: string[] = [];
    used.forEach((row, level) => {
      const own = row[column] || null;
      const below = used.slice(level + 1).some((lower) => lower[column]);
      const value = own ?? (below ? filledAbove[level]![column]! : null);
      if (value && !MONKEY_SUB.test(value) && !parts.includes(value)) parts.push(value);
    });
    return parts.length > 0 ? parts.join(' – ') : null;
  });
}

/** Unique, non-empty column names within the limits, and what was renamed. */
export function nameHeaders(values: Array<string | null>, limits: SurveyLimits, headerRows: number): { headers: string[]; notes: string[] } {
  if (values.length > limits.maxColumns) {
    refuse(`Het bestand heeft ${nl(values.length)} kolommen; Veldwerk leest er hoogstens ${nl(limits.maxColumns)}.`);
  }
  const notes: string[] = [];
  const seen = new Map<string, number>();
  const headers = values.map((value, index) => {
    let header = value ?? '';
    if (header.length > limits.maxHeaderChars) {
      // One header row that long is no header; text composed from several is shortened.
      if (headerRows === 1) refuse(`De kop van kolom ${columnLetter(index)} is langer dan ${nl(limits.maxHeaderChars)} tekens; is de eerste regel wel de kopregel?`);
      header = `${header.slice(0, limits.maxHeaderChars - 1)}…`;
    }
    if (header === '') {
      header = `Kolom ${columnLetter(index)}`;
      notes.push(`Kolom ${columnLetter(index)} heeft geen kop en heet nu "${header}".`);
    }
    const key = header.toLocaleLowerCase('nl');
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (count > 1) {
      const renamed = `${header} (${count})`;
      notes.push(`De kop "${header}" komt meer dan eens voor; kolom ${columnLetter(index)} heet nu "${renamed}".`);
      header = renamed;
    }
    return header;
  });
  return { headers, notes };
}

/**
 * The same file read with `headerRows` header rows: rows that become header
 * rows leave the respondents, rows that stop being header rows become the
 * first respondents. Answers and their order stay as read.
 */
export function withHeaderRows(raw: RawSurvey, headerRows: number, limits: SurveyLimits): RawSurvey {
  const head = raw.head;
  if (headerRows === head.headerRows) return raw;
  const rowCount = raw.rowCount - (headerRows - head.headerRows);
  if (!Number.isInteger(headerRows) || headerRows < 1 || headerRows > head.rows.length || rowCount < 1) {
    const most = Math.max(1, Math.min(head.rows.length, head.headerRows + raw.rowCount - 1));
    refuse(`Kies 1 tot ${nl(most)} kopregels: daaronder moet ten minste één respondent overblijven.`);
  }
  const width = raw.columns.length;
  const layout = headerRows === head.detectedHeaderRows ? head.detectedLayout : null;
  const { headers, notes } = nameHeaders(composeHeaders(head.rows.slice(0, headerRows), layout, width), limits, headerRows);
  const columns: RawColumn[] = raw.columns.map((column, index) => {
    const values = column.codes.map((code) => (code < 0 ? null : column.dict[code]!));
    const shown = headerRows < head.headerRows ? [...head.rows.slice(headerRows, head.headerRows).map((row) => row[index] ?? null), ...values] : values.slice(headerRows - head.headerRows);
    return encodeColumn(headers[index]!, shown);
  });
  const note = layoutNote(layout, headerRows);
  return {
    ...raw,
    rowCount,
    columns,
    notes: [...head.fileNotes, ...(note ? [note] : []), ...notes],
    head: { ...head, headerRows, layout },
  };
}

function encodeColumn(header: string, values: Array<string | null>): RawColumn {
  const dict: string[] = [];
  const index = new Map<string, number>();
  const codes = values.map((value) => {
    if (value === null) return -1;
    let code = index.get(value);
    if (code === undefined) {
      code = dict.length;
      dict.push(value);
      index.set(value, code);
    }
    return code;
  });
  return { header, dict, codes };
}
