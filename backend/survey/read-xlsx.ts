/**
 * Excel exports (.xlsx) from any writer (Excel, LibreOffice, Google Sheets,
 * Gnumeric, openpyxl and pandas, xlsxwriter, SheetJS, exceljs), read by our
 * own small reader on yauzl and saxes (never the npm `xlsx` package): parts
 * are found through the relationships whatever their path or order in the zip,
 * cells by their reference, text from shared or inline strings (CDATA too),
 * numbers with a date format become dates. One pass, no races: the same file
 * gives the same result on every run. Only the first visible sheet is read.
 * Formula cells, error values and merged cells are refused: a survey export
 * holds plain values. Every other entry is inflated once to prove its
 * declared size (xlsx-zip.ts).
 */
import type { Entry } from 'yauzl';
import { columnLetter, refuse, SheetBuilder, SurveyFileError } from './sheet';
import type { SurveyLimits } from './limits';
import { cellDateStyles, sharedString, sharedStrings, workbookFacts } from './xlsx-parts';
import { DAMAGED, drain, openPackage, parsePart, type XlsxPackage } from './xlsx-zip';
import { isoCellText, serialText, type DateStyle } from './xlsx-dates';

/** The widest sheet Excel makes (XFD). */
const MAX_SHEET_COLUMNS = 16_384;

export async function readXlsx(
  bytes: Buffer,
  limits: SurveyLimits,
  onRows: (rows: number) => void,
  headerRows?: number,
): Promise<{ builder: SheetBuilder; notes: string[] }> {
  if (bytes.length === 0) refuse('Het bestand is leeg.');
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0xd0cf11e0) {
    refuse('Dit is een oud Excel-bestand (.xls) of een bestand met een wachtwoord. Sla het in Excel op als .xlsx zonder wachtwoord en importeer het opnieuw.');
  }
  if (!(bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    refuse('Dit is geen Excel-bestand (.xlsx), al heeft het die extensie.');
  }
  const pkg = await openPackage(bytes, limits);
  try {
    return await readPackage(pkg, limits, onRows, headerRows);
  } catch (error) {
    if (error instanceof SurveyFileError) throw error;
    refuse(DAMAGED);
  } finally {
    pkg.zip.close();
  }
}

async function readPackage(
  pkg: XlsxPackage,
  limits: SurveyLimits,
  onRows: (rows: number) => void,
  headerRows: number | undefined,
): Promise<{ builder: SheetBuilder; notes: string[] }> {
  const facts = await workbookFacts(pkg).catch(async (error: unknown) => {
    // A zip that lies about its sizes is named damaged, whatever else is missing from it.
    for (const entry of pkg.entries.values()) await drain(pkg, entry);
    throw error;
  });
  const strings = await sharedStrings(pkg, facts.sharedStrings);
  const dateStyles = await cellDateStyles(pkg, facts.styles);
  const notes: string[] = [];
  if (facts.sheetNames.length > 1) {
    const others = facts.sheetNames.slice(1).map((name) => `"${name}"`).join(', ');
    notes.push(`Alleen het eerste werkblad ("${facts.sheetNames[0]}") is gelezen; ${others} ${facts.sheetNames.length > 2 ? 'zijn' : 'is'} genegeerd.`);
  }
  const builder = new SheetBuilder(limits, 'rij', headerRows);
  await readSheet(pkg, facts.firstSheet, { strings, dateStyles, date1904: facts.date1904, sheetName: facts.sheetNames[0]! }, builder, onRows);
  // The parts not read still inflate once, so that a bomb hidden in one of them is found.
  const read = new Set<Entry | null>([facts.firstSheet, facts.sharedStrings, facts.styles]);
  for (const entry of pkg.entries.values()) if (!read.has(entry)) await drain(pkg, entry);
  return { builder, notes };
}

interface CellContext {
  strings: string[];
  dateStyles: Array<DateStyle | null>;
  date1904: boolean;
  sheetName: string;
}

/** One cell as the parser meets it. */
interface OpenCell {
  column: number;
  address: string;
  type: string;
  style: number;
  value: string[];
  inline: string[];
  formula: boolean;
}

async function readSheet(pkg: XlsxPackage, entry: Entry, context: CellContext, builder: SheetBuilder, onRows: (rows: number) => void): Promise<void> {
  let rowNumber = 0;
  let row: Array<string | null> = [];
  let nextColumn = 0;
  let cell: OpenCell | null = null;
  let collect: string[] | null = null;
  let phonetic = 0;
  /** The last row of each merged range. */
  const merges: number[] = [];
  await parsePart(pkg, entry, {
    open(name, attributes) {
      switch (name) {
        case 'row': {
          const number = attributes.r ? Number(attributes.r) : rowNumber + 1;
          if (!Number.isInteger(number) || number <= rowNumber) refuse(DAMAGED);
          rowNumber = number;
          row = [];
          nextColumn = 0;
          return;
        }
        case 'c': {
          const column = attributes.r ? columnOf(attributes.r) : nextColumn;
          if (column < 0 || column >= MAX_SHEET_COLUMNS) refuse(DAMAGED);
          cell = { column, address: `${columnLetter(column)}${rowNumber}`, type: attributes.t ?? 'n', style: Number(attributes.s ?? 0), value: [], inline: [], formula: false };
          return;
        }
        case 'v':
          collect = cell?.value ?? null;
          return;
        case 'f':
          if (cell) cell.formula = true;
          return;
        case 'rPh':
          phonetic += 1;
          return;
        case 't':
          collect = cell && phonetic === 0 ? cell.inline : null;
          return;
        case 'mergeCell':
          merges.push(lastRowOf(attributes.ref ?? ''));
          return;
      }
    },
    close(name) {
      switch (name) {
        case 'v':
        case 't':
          collect = null;
          return;
        case 'rPh':
          phonetic -= 1;
          return;
        case 'c':
          if (cell) {
            while (row.length < cell.column) row.push(null);
            row[cell.column] = cellText(cell, context);
            nextColumn = cell.column + 1;
          }
          cell = null;
          return;
        case 'row':
          if (builder.addRow(row, rowNumber) && builder.rowCount > 0 && builder.rowCount % 5000 === 0) onRows(builder.rowCount);
          return;
      }
    },
    text(text) {
      collect?.push(text);
    },
  });
  // Survey tools merge a question's cell over its options in the header rows; among the respondents
  // a merged cell would stand for several answers, so there it is refused.
  if (merges.some((lastRow) => lastRow > builder.lastHeaderRowNumber())) {
    refuse(
      `Het werkblad "${context.sheetName}" bevat samengevoegde cellen. Maak het samenvoegen ongedaan, zodat elke respondent één rij heeft en elke cel één waarde, en importeer het opnieuw.`,
    );
  }
}

/** The last row a merged range such as "B3:C4" covers; a range that cannot be read counts as below the header. */
function lastRowOf(range: string): number {
  const rows = [...range.matchAll(/\d+/g)].map((match) => Number(match[0]));
  return rows.length > 0 ? Math.max(...rows) : Number.MAX_SAFE_INTEGER;
}

/** "AB12" → 27; -1 when it is no cell reference. */
function columnOf(reference: string): number {
  const letters = /^\$?([A-Za-z]{1,3})\$?\d*$/.exec(reference.trim())?.[1];
  if (!letters) return -1;
  let column = 0;
  for (const letter of letters.toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  return column - 1;
}

function cellText(cell: OpenCell, context: CellContext): string | null {
  if (cell.formula) {
    refuse(
      `Cel ${cell.address} bevat een formule. Veldwerk leest alleen vaste waarden: kopieer het werkblad en plak het als "Alleen waarden", sla op en importeer opnieuw.`,
    );
  }
  const value = cell.value.join('');
  switch (cell.type) {
    case 'inlineStr':
      return cell.inline.join('');
    case 's':
      return value === '' ? null : sharedString(context.strings, value, cell.address);
    case 'str':
      return value;
    case 'b':
      return value === '' ? null : value.trim() === '1' || value.trim() === 'true' ? 'Ja' : 'Nee';
    case 'e':
      refuse(`Cel ${cell.address} bevat een foutwaarde (${value}). Herstel of wis die cel en importeer opnieuw.`);
    case 'd':
      return value === '' ? null : (isoCellText(value) ?? value);
    case 'n': {
      if (value.trim() === '') return null;
      const number = Number(value);
      if (!Number.isFinite(number)) refuse(`Cel ${cell.address} bevat een waarde die Veldwerk niet kan lezen.`);
      const style = context.dateStyles[cell.style];
      // Excel shows at most 15 significant digits: 0.30000000000000004 as written by some tools is 0.3 to the user.
      return (style && serialText(number, style, context.date1904)) || String(Number(number.toPrecision(15)));
    }
    default:
      refuse(`Cel ${cell.address} bevat een waarde die Veldwerk niet kan lezen.`);
  }
}
