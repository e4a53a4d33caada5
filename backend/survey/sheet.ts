/**
 * A survey export as read from a file, before the user maps it: the header
 * texts and, per column, the respondents' values, dictionary-coded (each
 * distinct text once, every row a number; -1 is a blank cell). Both readers
 * (csv, xlsx) fill a `SheetBuilder`, which applies the row, column, cell and
 * text limits as it goes.
 */
import { UserError } from '../errors';
import type { SurveyLimits } from './limits';
import { composeHeaders, detectLayout, HEAD_ROWS, layoutNote, nameHeaders, type HeadRows } from './header-rows';

export interface RawColumn {
  header: string;
  /** Distinct values in order of first appearance. */
  dict: string[];
  /** Per respondent: index into `dict`, or -1 for a blank cell. */
  codes: number[];
}

export interface RawSurvey {
  fileName: string;
  format: 'csv' | 'xlsx';
  /** SHA-256 of the file as imported: the same export imported again is the same survey. */
  fileSha256: string;
  rowCount: number;
  columns: RawColumn[];
  /** Things the user should know (ignored sheets, renamed headers, encoding, the layout recognised). */
  notes: string[];
  /** The top rows of the file and how many of them are header rows. */
  head: HeadRows;
}

/** A refusal of the file: one Dutch sentence, the caller puts the file name in front. */
export class SurveyFileError extends Error {}

export function refuse(reason: string): never {
  throw new SurveyFileError(reason);
}

export function asUserError(fileName: string, error: unknown): unknown {
  if (error instanceof SurveyFileError) return new UserError(`${fileName}: ${error.message}`, 'rejected');
  return error;
}

/** "A", "B", … "Z", "AA": the column letters a spreadsheet user knows. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** NFC, every run of white space (line breaks too) one space, trimmed. */
export function cleanText(value: string): string {
  // Most cells are short plain ASCII with single spaces: nothing to do.
  if (!NEEDS_CLEANING.test(value)) return value;
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

const NEEDS_CLEANING = /[^\x21-\x7e ]|  |^ | $/;

const nl = (value: number) => value.toLocaleString('nl-NL');

export class SheetBuilder {
  private headers: string[] | null = null;
  private readonly columns: Array<{ dict: string[]; index: Map<string, number>; codes: number[] }> = [];
  private rows = 0;
  private cells = 0;
  private readonly scratch: Array<string | null> = [];
  /** The first non-blank rows, held until the header rows are known. */
  private readonly top: Array<{ values: Array<string | null>; rowNumber: number }> = [];
  private layout: HeadRows['layout'] = null;
  private detectedLayout: HeadRows['layout'] = null;
  private headerRows = 1;
  private detectedHeaderRows = 1;
  readonly notes: string[] = [];

  constructor(
    private readonly limits: SurveyLimits,
    /** How the user finds a row back: "rij 12" (xlsx) or "regel 12" (csv). */
    private readonly rowWord: 'rij' | 'regel',
    /** The number of header rows the user chose; detected from the file when absent. */
    private readonly requestedHeaderRows?: number,
  ) {}

  get rowCount(): number {
    return this.rows;
  }

  get hasHeader(): boolean {
    return this.headers !== null;
  }

  /** Returns false for an all-blank row, which is skipped. */
  addRow(values: ReadonlyArray<string | null>, rowNumber: number): boolean {
    const cleaned = this.scratch;
    cleaned.length = 0;
    let lastFilled = -1;
    for (let column = 0; column < values.length; column++) {
      const value = values[column];
      const text = value === null || value === undefined || value === '' ? null : this.cell(value, rowNumber) || null;
      cleaned.push(text);
      if (text !== null) lastFilled = column;
    }
    if (lastFilled < 0) return false;
    if (!this.headers) {
      this.top.push({ values: cleaned.slice(0, lastFilled + 1), rowNumber });
      if (this.top.length >= HEAD_ROWS) this.decideHeader();
      return true;
    }
    this.addRespondent(cleaned, lastFilled, rowNumber);
    return true;
  }

  private addRespondent(cleaned: ReadonlyArray<string | null>, lastFilled: number, rowNumber: number): void {
    const headers = this.headers!;
    if (lastFilled >= headers.length) {
      refuse(
        `${capitalise(this.rowWord)} ${nl(rowNumber)} heeft een waarde in kolom ${columnLetter(lastFilled)}, maar die kolom heeft geen kop. ` +
          'Geef elke kolom met antwoorden een kop (de vraag) in de eerste regel.',
      );
    }
    this.rows += 1;
    if (this.rows > this.limits.maxRows) {
      refuse(`Het bestand heeft meer dan ${nl(this.limits.maxRows)} respondenten; dat is meer dan Veldwerk inleest.`);
    }
    for (let column = 0; column < this.columns.length; column++) {
      const value = cleaned[column];
      const target = this.columns[column]!;
      if (value === null || value === undefined) {
        target.codes.push(-1);
        continue;
      }
      this.cells += 1;
      let code = target.index.get(value);
      if (code === undefined) {
        code = target.dict.length;
        target.dict.push(value);
        target.index.set(value, code);
      }
      target.codes.push(code);
    }
    if (this.cells > this.limits.maxCells) {
      refuse(`Het bestand heeft meer dan ${nl(this.limits.maxCells)} ingevulde cellen; dat is meer dan Veldwerk inleest.`);
    }
  }

  /** The header rows (chosen or detected) name the columns; the rows held below them are the first respondents. */
  private decideHeader(): void {
    const rows = this.top.map((row) => row.values);
    const detected = detectLayout(rows);
    this.detectedHeaderRows = detected.headerRows;
    this.detectedLayout = detected.layout;
    this.headerRows = Math.min(this.requestedHeaderRows ?? this.detectedHeaderRows, rows.length);
    this.layout = this.headerRows === detected.headerRows ? detected.layout : null;
    const headerRows = rows.slice(0, this.headerRows);
    const width = Math.max(...headerRows.map((row) => row.length));
    const { headers, notes } = nameHeaders(composeHeaders(headerRows, this.layout, width), this.limits, this.headerRows);
    const note = layoutNote(this.layout, this.headerRows);
    if (note) this.notes.push(note);
    this.notes.push(...notes);
    this.headers = headers;
    for (let index = 0; index < headers.length; index++) this.columns.push({ dict: [], index: new Map(), codes: [] });
    for (const row of this.top.slice(this.headerRows)) {
      let lastFilled = row.values.length - 1;
      while (lastFilled >= 0 && row.values[lastFilled] === null) lastFilled--;
      this.addRespondent(row.values, lastFilled, row.rowNumber);
    }
  }

  /** The file's row number of the last header row (0 when the sheet is empty). */
  lastHeaderRowNumber(): number {
    if (!this.headers && this.top.length > 0) this.decideHeader();
    return this.headers ? this.top[this.headerRows - 1]!.rowNumber : 0;
  }

  finish(fileNotes: string[] = []): { rowCount: number; columns: RawColumn[]; notes: string[]; head: HeadRows } {
    if (!this.headers && this.top.length > 0) this.decideHeader();
    if (!this.headers) refuse('Het bestand is leeg: er staat geen kopregel en geen antwoord in.');
    if (this.rows === 0) refuse('Het bestand bevat alleen een kopregel en geen antwoorden van respondenten.');
    const width = this.headers.length;
    return {
      rowCount: this.rows,
      columns: this.headers.map((header, index) => ({ header, dict: this.columns[index]!.dict, codes: this.columns[index]!.codes })),
      notes: this.notes,
      head: {
        rows: this.top.map((row) => Array.from({ length: width }, (_, column) => row.values[column] ?? null)),
        headerRows: this.headerRows,
        detectedHeaderRows: this.detectedHeaderRows,
        layout: this.layout,
        detectedLayout: this.detectedLayout,
        fileNotes,
      },
    };
  }

  private cell(value: string, rowNumber: number): string {
    if (value.length > this.limits.maxCellChars * 4) this.tooLong(rowNumber);
    const text = cleanText(value);
    if (text.length > this.limits.maxCellChars) this.tooLong(rowNumber);
    return text;
  }

  private tooLong(rowNumber: number): never {
    refuse(`${capitalise(this.rowWord)} ${nl(rowNumber)} bevat een cel met meer dan ${nl(this.limits.maxCellChars)} tekens; dat is te lang voor een antwoord.`);
  }
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
