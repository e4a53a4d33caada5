/**
 * CSV exports: UTF-8 with or without BOM (Excel's Windows-1252 as a fallback),
 * separator `,` or `;` detected from the header line, quoted fields with
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
): { builder: SheetBuilder; notes: string[] } {
  const notes: string[] = [];
  const text = decode(bytes, notes);
  if (text.trim() === '') refuse('Het bestand is leeg.');
  const delimiter = detectDelimiter(text);
  // Rows are numbered as a spreadsheet shows them (the header is row 1), also when a quoted cell spans lines.
  // Each record goes straight into the builder (on_record returns null), so no list of records piles up,
  // and a limit thrown there stops the parser at once.
  const builder = new SheetBuilder(limits, 'rij');
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

function decode(bytes: Buffer, notes: string[]): string {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    refuse('Dit is een Excel-bestand (.xlsx) met de extensie .csv. Geef het de extensie .xlsx en importeer het opnieuw.');
  }
  if (bytes.includes(0)) refuse('Dit is geen CSV-bestand: het bevat binaire gegevens in plaats van tekst.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
    notes.push('Het bestand is geen UTF-8; het is gelezen als Windows-tekst (zoals Excel CSV opslaat). Controleer de letters met accenten.');
  }
  const controls = text.match(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g)?.length ?? 0;
  if (controls > 0 && controls > text.length / 1000) refuse('Dit is geen CSV-bestand: het bevat binaire gegevens in plaats van tekst.');
  return text;
}

/** `;` or `,`: whichever occurs more often outside quotes in the first line (the header). */
export function detectDelimiter(text: string): ',' | ';' {
  let inQuotes = false;
  let commas = 0;
  let semicolons = 0;
  for (let index = 0; index < text.length && index < 1_000_000; index++) {
    const char = text[index];
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === '\n' || char === '\r')) break;
    else if (!inQuotes && char === ',') commas++;
    else if (!inQuotes && char === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
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
