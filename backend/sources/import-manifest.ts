/**
 * A manifest for importing many files with their own details at once
 * (`veldwerk import <studie> --manifest bestanden.csv`): one row per file,
 * columns by Dutch or English name (bestand/file, instelling/institution,
 * type, rol/role, maatregel/measure, datum/date, titel/title,
 * inspecteur/inspector). The whole manifest is checked before anything is
 * imported: a missing file or an unknown type refuses it, naming the row.
 * Read like a survey CSV (separator and encoding detected).
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { MEASURES, ROLES, SOURCE_TYPES, type Measure, type Role, type SourceType } from '../../shared/vocabulary';
import { UserError } from '../errors';
import { decodeCsvText, detectDelimiter } from '../survey/read-csv';
import { SurveyFileError } from '../survey/sheet';

export interface ManifestRow {
  /** Row number as a spreadsheet shows it (the header is row 1). */
  row: number;
  path: string;
  institution: string;
  sourceType: SourceType;
  role: Role | null;
  measure: Measure | null;
  date: string | null;
  title: string | null;
  inspector: string | null;
}

const COLUMNS: Record<keyof Omit<ManifestRow, 'row'>, string[]> = {
  path: ['bestand', 'file', 'pad', 'path'],
  institution: ['instelling', 'institution'],
  sourceType: ['type', 'brontype', 'soort'],
  role: ['rol', 'role'],
  measure: ['maatregel', 'measure'],
  date: ['datum', 'date'],
  title: ['titel', 'title'],
  inspector: ['inspecteur', 'inspector'],
};

const MAX_ROWS = 2000;

/**
 * The manifest's rows, every one checked; relative file paths are taken from
 * the manifest's folder, or found by `resolveFile` (a batch: the path inside
 * the folder or zip), which gives null for a file that is not there.
 */
export function readManifest(manifestPath: string, bytes: Buffer, resolveFile?: (file: string) => string | null): ManifestRow[] {
  const name = manifestPath.split(/[\\/]/).pop()!;
  const fail = (reason: string): never => {
    throw new UserError(`${name}: ${reason} Er is niets geïmporteerd.`, 'rejected');
  };
  let records: string[][];
  try {
    const text = decodeCsvText(bytes);
    records = parse(text, { delimiter: detectDelimiter(text), bom: true, relax_column_count: true, skip_empty_lines: true, to: MAX_ROWS + 2 });
  } catch (error) {
    return fail(error instanceof SurveyFileError ? error.message : 'het manifest is geen leesbaar CSV-bestand.');
  }
  const [header, ...rows] = records;
  if (!header || rows.length === 0) return fail('het manifest heeft geen kopregel met daaronder ten minste één bestand.');
  if (rows.length > MAX_ROWS) return fail(`het manifest noemt meer dan ${MAX_ROWS.toLocaleString('nl-NL')} bestanden; splits het.`);
  const index = columnIndex(header, fail);
  const folder = dirname(resolve(manifestPath));
  return rows.map((cells, position) => {
    const row = position + 2;
    const cell = (key: keyof typeof COLUMNS) => (index[key] === undefined ? '' : (cells[index[key]!] ?? '').trim());
    const at = `rij ${row}`;
    const file = cell('path');
    if (!file) return fail(`${at} noemt geen bestand.`);
    const path = resolveFile ? resolveFile(file) : isAbsolute(file) ? file : resolve(folder, file);
    if (path === null || (!resolveFile && !existsSync(path))) return fail(`${at}: het bestand "${file}" bestaat niet.`);
    const institution = cell('institution');
    if (!institution) return fail(`${at} noemt geen instelling.`);
    return {
      row,
      path,
      institution,
      sourceType: oneOf(cell('sourceType'), SOURCE_TYPES, `${at}: type`, fail, false)!,
      role: oneOf(cell('role'), ROLES, `${at}: rol`, fail, true),
      measure: oneOf(cell('measure'), MEASURES, `${at}: maatregel`, fail, true),
      date: isoDate(cell('date'), at, fail),
      title: cell('title') || null,
      inspector: cell('inspector') || null,
    };
  });
}

function columnIndex(header: string[], fail: (reason: string) => never): Partial<Record<keyof typeof COLUMNS, number>> {
  const folded = header.map((name) => name.trim().toLocaleLowerCase('nl'));
  const index: Partial<Record<keyof typeof COLUMNS, number>> = {};
  for (const [key, names] of Object.entries(COLUMNS) as Array<[keyof typeof COLUMNS, string[]]>) {
    const found = folded.findIndex((name) => names.includes(name));
    if (found >= 0) index[key] = found;
  }
  if (index.path === undefined || index.institution === undefined || index.sourceType === undefined) {
    fail('het manifest moet ten minste de kolommen "bestand", "instelling" en "type" hebben.');
  }
  return index;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string, fail: (reason: string) => never, optional: boolean): T | null {
  if (value === '' && optional) return null;
  const key = value.toLocaleLowerCase('nl');
  if ((allowed as readonly string[]).includes(key)) return key as T;
  return fail(`${what} "${value}" bestaat niet; kies uit ${allowed.join(', ')}.`);
}

function isoDate(value: string, at: string, fail: (reason: string) => never): string | null {
  if (value === '') return null;
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    return fail(`${at}: datum "${value}" is geen datum in de vorm JJJJ-MM-DD.`);
  }
  return value;
}
