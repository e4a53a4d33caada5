/**
 * A survey export as read from a file, before the user maps it: the header
 * texts and, per column, the respondents' values, dictionary-coded (each
 * distinct text once, every row a number; -1 is a blank cell). Both readers
 * (csv, xlsx) fill a `SheetBuilder`, which applies the row, column, cell and
 * text limits as it goes.
 */
import { UserError } from '../errors';
import type { SurveyLimits } from './limits';

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
  /** Things the user should know (ignored sheets, renamed headers, encoding). */
  notes: string[];
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
  readonly notes: string[] = [];

  constructor(
    private readonly limits: SurveyLimits,
    /** How the user finds a row back: "rij 12" (xlsx) or "regel 12" (csv). */
    private readonly rowWord: 'rij' | 'regel',
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
      this.setHeaders(cleaned.slice(0, lastFilled + 1));
      return true;
    }
    if (lastFilled >= this.headers.length) {
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
    return true;
  }

  finish(): { rowCount: number; columns: RawColumn[]; notes: string[] } {
    if (!this.headers) refuse('Het bestand is leeg: er staat geen kopregel en geen antwoord in.');
    if (this.rows === 0) refuse('Het bestand bevat alleen een kopregel en geen antwoorden van respondenten.');
    return {
      rowCount: this.rows,
      columns: this.headers.map((header, index) => ({ header, dict: this.columns[index]!.dict, codes: this.columns[index]!.codes })),
      notes: this.notes,
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

  private setHeaders(values: Array<string | null>): void {
    if (values.length > this.limits.maxColumns) {
      refuse(`Het bestand heeft ${nl(values.length)} kolommen; Veldwerk leest er hoogstens ${nl(this.limits.maxColumns)}.`);
    }
    const seen = new Map<string, number>();
    this.headers = values.map((value, index) => {
      let header = value ?? '';
      if (header.length > this.limits.maxHeaderChars) {
        refuse(`De kop van kolom ${columnLetter(index)} is langer dan ${nl(this.limits.maxHeaderChars)} tekens; is de eerste regel wel de kopregel?`);
      }
      if (header === '') {
        header = `Kolom ${columnLetter(index)}`;
        this.notes.push(`Kolom ${columnLetter(index)} heeft geen kop en heet nu "${header}".`);
      }
      const key = header.toLocaleLowerCase('nl');
      const count = (seen.get(key) ?? 0) + 1;
      seen.set(key, count);
      if (count > 1) {
        const renamed = `${header} (${count})`;
        this.notes.push(`De kop "${header}" komt meer dan eens voor; kolom ${columnLetter(index)} heet nu "${renamed}".`);
        header = renamed;
      }
      this.columns.push({ dict: [], index: new Map(), codes: [] });
      return header;
    });
  }
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
