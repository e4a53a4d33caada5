/**
 * Excel exports (.xlsx), read with exceljs's streaming reader (never the npm
 * `xlsx` package). Before exceljs sees the file, yauzl checks the zip against
 * the limits and inflates every entry once to prove its declared size (a zip
 * bomb can lie in its directory); on the way it learns which sheet is the
 * first and whether that sheet has merged cells, which the streaming reader
 * does not report. Only the first sheet is read. Formula cells, error values
 * and merged cells are refused: a survey export holds plain values.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { columnLetter, refuse, SheetBuilder, SurveyFileError } from './sheet';
import { MB, type SurveyLimits } from './limits';

const DAMAGED = 'Het Excel-bestand is beschadigd of onvolledig.';
const RATIO_CHECK_FROM_BYTES = MB;
const MAX_XML_PART_BYTES = 10 * MB;

interface ZipFacts {
  sheetNames: string[];
  firstSheetPath: string | null;
  mergedSheets: Set<string>;
}

export async function readXlsx(
  bytes: Buffer,
  limits: SurveyLimits,
  onRows: (rows: number) => void,
): Promise<{ builder: SheetBuilder; notes: string[] }> {
  if (bytes.length === 0) refuse('Het bestand is leeg.');
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0xd0cf11e0) {
    refuse('Dit is een oud Excel-bestand (.xls) of een bestand met een wachtwoord. Sla het in Excel op als .xlsx zonder wachtwoord en importeer het opnieuw.');
  }
  if (!(bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    refuse('Dit is geen Excel-bestand (.xlsx), al heeft het die extensie.');
  }
  const facts = await inspectZip(bytes, limits);
  if (!facts.firstSheetPath || facts.sheetNames.length === 0) refuse('Het Excel-bestand bevat geen werkblad.');
  if (facts.mergedSheets.has(facts.firstSheetPath)) {
    refuse(
      `Het werkblad "${facts.sheetNames[0]}" bevat samengevoegde cellen. Maak het samenvoegen ongedaan, zodat elke respondent één rij heeft en elke cel één waarde, en importeer het opnieuw.`,
    );
  }
  const notes: string[] = [];
  if (facts.sheetNames.length > 1) {
    const others = facts.sheetNames.slice(1).map((name) => `"${name}"`).join(', ');
    notes.push(`Alleen het eerste werkblad ("${facts.sheetNames[0]}") is gelezen; ${others} ${facts.sheetNames.length > 2 ? 'zijn' : 'is'} genegeerd.`);
  }

  const builder = new SheetBuilder(limits, 'rij');
  const firstSheetNumber = /sheet(\d+)\.xml$/.exec(facts.firstSheetPath)?.[1];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let found = false;
  try {
    for await (const worksheet of reader) {
      const sheet = worksheet as unknown as { name?: string; id?: string | number } & AsyncIterable<ExcelJS.Row>;
      const isFirst = sheet.name !== undefined ? sheet.name === facts.sheetNames[0] : String(sheet.id) === firstSheetNumber;
      if (!isFirst || found) continue;
      found = true;
      for await (const row of sheet) {
        if (builder.addRow(rowValues(row), row.number) && builder.rowCount > 0 && builder.rowCount % 5000 === 0) onRows(builder.rowCount);
      }
    }
  } catch (error) {
    if (error instanceof SurveyFileError) throw error;
    refuse(DAMAGED);
  }
  if (!found) refuse('Veldwerk kon het eerste werkblad van dit Excel-bestand niet lezen.');
  return { builder, notes };
}

function rowValues(row: ExcelJS.Row): Array<string | null> {
  const values = row.values as unknown[];
  const out: Array<string | null> = [];
  for (let column = 1; column < values.length; column++) {
    out.push(cellText(values[column], `${columnLetter(column - 1)}${row.number}`));
  }
  return out;
}

function cellText(value: unknown, address: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? 'Ja' : 'Nee';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if ('formula' in object || 'sharedFormula' in object) {
      refuse(
        `Cel ${address} bevat een formule. Veldwerk leest alleen vaste waarden: kopieer het werkblad en plak het als "Alleen waarden", sla op en importeer opnieuw.`,
      );
    }
    if ('error' in object) refuse(`Cel ${address} bevat een foutwaarde (${String(object.error)}). Herstel of wis die cel en importeer opnieuw.`);
    if (Array.isArray(object.richText)) return object.richText.map((part: { text?: unknown }) => String(part.text ?? '')).join('');
    if ('text' in object) return String(object.text ?? '');
  }
  refuse(`Cel ${address} bevat een waarde die Veldwerk niet kan lezen.`);
}

// ---------------------------------------------------------------------------
// The zip, checked before exceljs opens it

async function inspectZip(bytes: Buffer, limits: SurveyLimits): Promise<ZipFacts> {
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  } catch {
    refuse(DAMAGED);
  }
  try {
    if (zip.entryCount > limits.maxZipEntries) {
      refuse(`Het Excel-bestand bestaat uit meer dan ${limits.maxZipEntries.toLocaleString('nl-NL')} onderdelen; dat wijst op een beschadigd of kwaadaardig bestand.`);
    }
    return await readEntries(zip, limits);
  } catch (error) {
    if (error instanceof SurveyFileError) throw error;
    refuse(DAMAGED);
  } finally {
    zip.close();
  }
}

async function readEntries(zip: ZipFile, limits: SurveyLimits): Promise<ZipFacts> {
  let declaredTotal = 0;
  let workbookXml = '';
  let relsXml = '';
  const mergedSheets = new Set<string>();
  for await (const entry of zip.eachEntry()) {
    checkEntry(entry, (declaredTotal += entry.uncompressedSize), limits);
    const name = entry.fileName;
    if (name === 'xl/workbook.xml') workbookXml = await readText(zip, entry);
    else if (name === 'xl/_rels/workbook.xml.rels') relsXml = await readText(zip, entry);
    else if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) {
      if (await hasMergedCells(zip, entry)) mergedSheets.add(name);
    } else await drain(zip, entry);
  }
  if (!workbookXml) refuse('Dit is geen Excel-werkmap (.xlsx): het werkboekdeel ontbreekt.');
  const sheets = [...workbookXml.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)>/g)].map((match) => ({
    name: xmlDecode(attribute(match[1]!, 'name') ?? ''),
    relId: /\s[\w.-]+:id\s*=\s*"([^"]*)"/.exec(match[1]!)?.[1] ?? null,
  }));
  const targets = new Map(
    [...relsXml.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)].map((match) => [attribute(match[1]!, 'Id'), attribute(match[1]!, 'Target')]),
  );
  const firstTarget = sheets[0]?.relId ? targets.get(sheets[0].relId) : undefined;
  return { sheetNames: sheets.map((sheet) => sheet.name), firstSheetPath: firstTarget ? resolveTarget(firstTarget) : null, mergedSheets };
}

function checkEntry(entry: Entry, declaredTotal: number, limits: SurveyLimits): void {
  if (entry.isEncrypted()) refuse('Het Excel-bestand is beveiligd met een wachtwoord; sla het zonder wachtwoord op en importeer het opnieuw.');
  if (declaredTotal > limits.maxUncompressedBytes) {
    refuse(`Het Excel-bestand is uitgepakt groter dan ${Math.round(limits.maxUncompressedBytes / MB)} MB; dat is te groot om te importeren.`);
  }
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize > RATIO_CHECK_FROM_BYTES && ratio > limits.maxExpansionRatio) {
    refuse(`Het Excel-bestand bevat een onderdeel dat uitgepakt meer dan ${limits.maxExpansionRatio} keer zo groot wordt; dat wijst op een beschadigd of kwaadaardig bestand.`);
  }
}

async function readText(zip: ZipFile, entry: Entry): Promise<string> {
  if (entry.uncompressedSize > MAX_XML_PART_BYTES) refuse(DAMAGED);
  const chunks: Buffer[] = [];
  for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Streams the sheet once (validating its size) and looks for a <mergeCell> element on the way. */
async function hasMergedCells(zip: ZipFile, entry: Entry): Promise<boolean> {
  const pattern = /<(?:[\w.-]+:)?mergeCell[\s/>]/;
  let tail = '';
  let found = false;
  for await (const chunk of await zip.openReadStreamPromise(entry)) {
    if (found) continue;
    const text = tail + (chunk as Buffer).toString('latin1');
    if (pattern.test(text)) found = true;
    tail = text.slice(-64);
  }
  return found;
}

/** yauzl (validateEntrySizes) fails the stream as soon as more, or fewer, bytes come out than declared. */
async function drain(zip: ZipFile, entry: Entry): Promise<void> {
  for await (const _chunk of await zip.openReadStreamPromise(entry)) {
    // Only the count matters.
  }
}

function attribute(attributes: string, name: string): string | null {
  return new RegExp(`(?:^|\\s)${name}\\s*=\\s*"([^"]*)"`).exec(attributes)?.[1] ?? null;
}

function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ['xl'];
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

function xmlDecode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&amp;/g, '&');
}
