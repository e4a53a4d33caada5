/**
 * The parts of a workbook that say where the first sheet is and how to read
 * its cells: the package and workbook relationships (targets relative,
 * `../`, or absolute as openpyxl and pandas write them), the sheet list, the
 * 1900/1904 date system, the shared strings (plain, rich-text runs, CDATA;
 * phonetic guides left out) and the cell styles that make a number a date.
 */
import type { Entry } from 'yauzl';
import { DAMAGED, parsePart, partKey, type XlsxPackage } from './xlsx-zip';
import { refuse } from './sheet';
import { dateStyleOf, type DateStyle } from './xlsx-dates';

export interface WorkbookFacts {
  /** Visible sheets in workbook order; the first is read. */
  sheetNames: string[];
  firstSheet: Entry;
  date1904: boolean;
  sharedStrings: Entry | null;
  styles: Entry | null;
}

export async function workbookFacts(pkg: XlsxPackage): Promise<WorkbookFacts> {
  const packageRels = await relationships(pkg, '_rels/.rels', '');
  const workbookPath = packageRels.find((rel) => rel.type === 'officeDocument')?.target ?? 'xl/workbook.xml';
  const workbook = pkg.entries.get(partKey(workbookPath));
  if (!workbook) {
    const mimetype = pkg.entries.get('mimetype');
    if (mimetype && pkg.entries.has('content.xml')) {
      refuse('Dit is een OpenDocument-rekenblad (.ods), geen Excel-bestand. Sla het op als Excel 2007-365 (.xlsx) en importeer het opnieuw.');
    }
    refuse('Dit is geen Excel-werkmap (.xlsx): het werkboekdeel ontbreekt.');
  }
  const folder = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/')) : '';
  const base = workbookPath.slice(workbookPath.lastIndexOf('/') + 1);
  const rels = await relationships(pkg, `${folder ? `${folder}/` : ''}_rels/${base}.rels`, folder);

  const sheets: Array<{ name: string; relId: string; hidden: boolean }> = [];
  let date1904 = false;
  await parsePart(pkg, workbook, {
    open(name, attributes) {
      if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
      else if (name === 'sheet') {
        sheets.push({ name: attributes.name ?? '', relId: attributes.id ?? '', hidden: attributes.state === 'hidden' || attributes.state === 'veryHidden' });
      }
    },
  });
  const visible = sheets.filter((sheet) => !sheet.hidden);
  if (visible.length === 0) refuse('Het Excel-bestand bevat geen werkblad.');
  const target = rels.find((rel) => rel.id === visible[0]!.relId)?.target;
  const firstSheet = target ? pkg.entries.get(partKey(target)) : undefined;
  if (!firstSheet) refuse(`Het werkblad "${visible[0]!.name}" ontbreekt in het Excel-bestand; het bestand is beschadigd of onvolledig.`);
  const part = (type: string, fallback: string) => {
    const path = rels.find((rel) => rel.type === type)?.target ?? fallback;
    return pkg.entries.get(partKey(path)) ?? null;
  };
  return {
    sheetNames: visible.map((sheet) => sheet.name),
    firstSheet,
    date1904,
    sharedStrings: part('sharedStrings', `${folder}/sharedStrings.xml`),
    styles: part('styles', `${folder}/styles.xml`),
  };
}

interface Relationship {
  id: string;
  /** The last segment of the relationship type: the same in transitional and Strict OOXML. */
  type: string;
  /** The part's path from the package root. */
  target: string;
}

async function relationships(pkg: XlsxPackage, path: string, folder: string): Promise<Relationship[]> {
  const entry = pkg.entries.get(partKey(path));
  if (!entry) return [];
  const found: Relationship[] = [];
  await parsePart(pkg, entry, {
    open(name, attributes) {
      if (name !== 'Relationship' || attributes.TargetMode === 'External' || !attributes.Target) return;
      found.push({ id: attributes.Id ?? '', type: (attributes.Type ?? '').split('/').pop() ?? '', target: resolveTarget(folder, attributes.Target) });
    },
  });
  return found;
}

/** A relationship target from the folder of the part that names it; a leading slash means from the package root. */
export function resolveTarget(folder: string, target: string): string {
  const parts = target.startsWith('/') ? [] : folder.split('/').filter(Boolean);
  for (const part of decodeURI(target).split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** Every shared string in order; a run's phonetic guide (<rPh>) is not part of the text. */
export async function sharedStrings(pkg: XlsxPackage, entry: Entry | null): Promise<string[]> {
  const strings: string[] = [];
  if (!entry) return strings;
  let current: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  await parsePart(pkg, entry, {
    open(name) {
      if (name === 'si') current = [];
      else if (name === 'rPh') phonetic += 1;
      else if (name === 't' && current && phonetic === 0) inText = true;
    },
    close(name) {
      if (name === 'si' && current) {
        strings.push(current.join(''));
        current = null;
      } else if (name === 'rPh') phonetic -= 1;
      else if (name === 't') inText = false;
    },
    text(text) {
      if (inText) current!.push(text);
    },
  });
  return strings;
}

/** Per cell style (the `s` of a cell): how its number is a date or time, or null. */
export async function cellDateStyles(pkg: XlsxPackage, entry: Entry | null): Promise<Array<DateStyle | null>> {
  if (!entry) return [];
  const formats = new Map<number, string>();
  const styleFormats: number[] = [];
  let inCellXfs = false;
  await parsePart(pkg, entry, {
    open(name, attributes) {
      if (name === 'numFmt' && attributes.numFmtId !== undefined) formats.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) styleFormats.push(Number(attributes.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return styleFormats.map((id) => (Number.isInteger(id) ? dateStyleOf(id, formats.get(id)) : null));
}

export function sharedString(strings: string[], index: string, address: string): string {
  const value = strings[Number(index)];
  if (value === undefined || !/^\d+$/.test(index.trim())) refuse(`${DAMAGED} (cel ${address} verwijst naar tekst die er niet is)`);
  return value;
}
