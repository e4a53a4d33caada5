/**
 * CSV exports: UTF-8 with or without BOM, UTF-16 LE/BE (Excel's
 * "Unicode-tekst"), Windows-1252 as a fallback; separator `,` `;` tab or `|`
 * detected from the first lines (or Excel's "sep=" line); quoted fields with
 * separators and line breaks inside them. Parsed by csv-parse record by record
 * (nothing piles up), so the row limit stops a huge file early.
 */
import { parse } from 'csv-parse/sync';
import { refuse, SheetBuilder } from './sheet';
import type { SurveyLimits } from './limits';

export function readCsv(
  bytes: Buffer,
  limits: SurveyLimits,
  onRows: (rows: number) => void,
  headerRows?: number,
): { builder: SheetBuilder; notes: string[] } {
  const notes: string[] = [];
  let text = decodeCsvText(bytes, notes);
  if (text.trim() === '') refuse('Het bestand is leeg.');
  const hint = separatorHint(text);
  if (hint) text = hint.rest;
  const delimiter = hint?.delimiter ?? detectDelimiter(text);
  if (delimiter !== ',' && delimiter !== ';') notes.push(`De kolommen zijn gescheiden door ${delimiter === '\t' ? 'tabs' : 'verticale strepen (|)'}.`);
  // Rows are numbered as a spreadsheet shows them (the header is row 1), also when a quoted cell spans lines.
  // Each record goes straight into the builder (on_record returns null), so no list of records piles up,
  // and a limit thrown there stops the parser at once.
  const builder = new SheetBuilder(limits, 'rij', headerRows);
  let rowNumber = 0;
  try {
    parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: limits.maxCellChars * limits.maxColumns,
      on_record: (record: string[]) => {
        rowNumber += 1;
        if (builder.addRow(record, rowNumber) && builder.rowCount > 0 && builder.rowCount % 5000 === 0) onRows(builder.rowCount);
        return null;
      },
    });
  } catch (error) {
    if (isCsvError(error)) {
      refuse(`Het CSV-bestand is niet goed opgebouwd rond regel ${error.lines ?? '?'} (${csvReason(error.code)}). Sla het opnieuw op als CSV vanuit het programma waarmee je het maakte.`);
    }
    throw error;
  }
  return { builder, notes };
}

/** The text of a CSV file in whichever encoding it came (see the top of this file); refuses binary data. */
export function decodeCsvText(bytes: Buffer, notes: string[] = []): string {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    refuse('Dit is een Excel-bestand (.xlsx) met de extensie .csv. Geef het de extensie .xlsx en importeer het opnieuw.');
  }
  const utf16 = utf16Encoding(bytes);
  if (utf16) {
    // Excel's "Unicode-tekst" and some survey tools write UTF-16; an odd byte count means the file was cut off.
    if ((bytes.length - (utf16.bom ? 2 : 0)) % 2 !== 0) refuse('Het bestand is UTF-16-tekst, maar het is onvolledig (de laatste letter is afgebroken). Sla het opnieuw op en importeer het opnieuw.');
    return checkText(new TextDecoder(utf16.encoding, { fatal: false }).decode(bytes));
  }
  if (bytes.includes(0)) refuse('Dit is geen CSV-bestand: het bevat binaire gegevens in plaats van tekst.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
    notes.push('Het bestand is geen UTF-8; het is gelezen als Windows-tekst (zoals Excel CSV opslaat). Controleer de letters met accenten.');
  }
  return checkText(text);
}

/** UTF-16 by its byte order mark, or (without one) by the zero bytes that ASCII letters have in every other position. */
function utf16Encoding(bytes: Buffer): { encoding: 'utf-16le' | 'utf-16be'; bom: boolean } | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  const sample = Math.min(bytes.length, 4096) & ~1;
  if (sample < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let index = 0; index < sample; index += 2) {
    if (bytes[index] === 0) evenZeros++;
    if (bytes[index + 1] === 0) oddZeros++;
  }
  const pairs = sample / 2;
  if (oddZeros > pairs * 0.6 && evenZeros === 0) return { encoding: 'utf-16le', bom: false };
  if (evenZeros > pairs * 0.6 && oddZeros === 0) return { encoding: 'utf-16be', bom: false };
  return null;
}

function checkText(text: string): string {
  const controls = text.match(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g)?.length ?? 0;
  if (controls > 0 && controls > text.length / 1000) refuse('Dit is geen CSV-bestand: het bevat binaire gegevens in plaats van tekst.');
  return text;
}

export type Delimiter = ',' | ';' | '\t' | '|';
const DELIMITERS: Delimiter[] = [',', ';', '\t', '|'];
const SAMPLE_LINES = 20;

/**
 * The separator that splits the first lines (outside quotes) into the same
 * number of fields on every line, most fields first; when none is that
 * regular, the one most often in the header line. Ties go to the order
 * comma, semicolon, tab, pipe.
 */
export function detectDelimiter(text: string): Delimiter {
  const counts = sampleCounts(text);
  let best: { delimiter: Delimiter; regular: boolean; fields: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const perLine = counts.map((line) => line[delimiter]);
    const header = perLine[0] ?? 0;
    if (header === 0) continue;
    const regular = perLine.every((count) => count === header);
    if (!best || (regular && !best.regular) || (regular === best.regular && header > best.fields)) best = { delimiter, regular, fields: header };
  }
  return best?.delimiter ?? ',';
}

/** Per line of the first SAMPLE_LINES (a quoted line break stays inside its line), how often each separator occurs outside quotes. */
function sampleCounts(text: string): Array<Record<Delimiter, number>> {
  const lines: Array<Record<Delimiter, number>> = [];
  let current: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0, '|': 0 };
  let inQuotes = false;
  let filled = false;
  for (let index = 0; index < text.length && index < 1_000_000; index++) {
    const char = text[index]!;
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === '\n' || char === '\r')) {
      if (filled) lines.push(current);
      if (lines.length >= SAMPLE_LINES) return lines;
      current = { ',': 0, ';': 0, '\t': 0, '|': 0 };
      filled = false;
      continue;
    } else if (!inQuotes && char in current) current[char as Delimiter]++;
    if (char.trim() !== '') filled = true;
  }
  if (filled && !inQuotes) lines.push(current);
  return lines;
}

/** Excel's hint line "sep=;" names the separator itself and is no data. */
function separatorHint(text: string): { delimiter: Delimiter; rest: string } | null {
  const match = /^\uFEFF?sep=([,;\t|])\r?\n/i.exec(text);
  return match ? { delimiter: match[1] as Delimiter, rest: text.slice(match[0].length) } : null;
}

interface CsvErrorLike {
  code: string;
  lines?: number;
}

function isCsvError(error: unknown): error is CsvErrorLike {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' && (error as { code: string }).code.startsWith('CSV_');
}

function csvReason(code: string): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'een aanhalingsteken wordt niet gesloten';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'er staat tekst direct na een afsluitend aanhalingsteken';
    case 'CSV_MAX_RECORD_SIZE':
      return 'een regel is te lang';
    default:
      return 'onleesbare regel';
  }
}
