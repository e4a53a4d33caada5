/**
 * The zip of an .xlsx, opened within the limits: entry count, declared total
 * size and expansion ratio are checked before anything is inflated, every
 * entry is inflated once (yauzl's validateEntrySizes fails a stream that gives
 * more or fewer bytes than declared, so a zip bomb cannot lie in its
 * directory), and parts are found by name whatever their order in the zip.
 * XML parts are parsed as they inflate (saxes), never held whole.
 */
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { MB, type SurveyLimits } from './limits';
import { refuse, SurveyFileError } from './sheet';

export const DAMAGED = 'Het Excel-bestand is beschadigd of onvolledig.';
const RATIO_CHECK_FROM_BYTES = MB;

/** An opened package: its entries by normalised name (no leading slash, forward slashes, lower case). */
export interface XlsxPackage {
  zip: ZipFile;
  entries: Map<string, Entry>;
}

/** Part names compare without a leading slash, with forward slashes, ignoring case (writers differ in all three). */
export function partKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

export async function openPackage(bytes: Buffer, limits: SurveyLimits): Promise<XlsxPackage> {
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
    const entries = new Map<string, Entry>();
    let declaredTotal = 0;
    for await (const entry of zip.eachEntry()) {
      checkEntry(entry, (declaredTotal += entry.uncompressedSize), limits);
      if (entry.fileName.endsWith('/')) continue;
      const key = partKey(entry.fileName);
      // Two parts with one name: which one a reader takes would be a matter of chance.
      if (entries.has(key)) refuse(DAMAGED);
      entries.set(key, entry);
    }
    return { zip, entries };
  } catch (error) {
    zip.close();
    if (error instanceof SurveyFileError) throw error;
    refuse(DAMAGED);
  }
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

/** Inflates an entry without keeping it: only that it inflates to its declared size matters. */
export async function drain(pkg: XlsxPackage, entry: Entry): Promise<void> {
  for await (const _chunk of await pkg.zip.openReadStreamPromise(entry)) {
    // Counting is yauzl's job (validateEntrySizes).
  }
}

export interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  /** Character data, CDATA sections included. */
  text?(text: string): void;
}

/** Element and attribute names without their prefix: Strict OOXML and writers that prefix every element read alike. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Streams one XML part through saxes; a handler may refuse the file, anything malformed is "damaged". */
export async function parsePart(pkg: XlsxPackage, entry: Entry, handlers: XmlHandlers): Promise<void> {
  const parser = new SaxesParser<{ position: false; xmlns: false }>({ position: false, xmlns: false });
  let failure: unknown = null;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (!handlers.open) return;
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes)) attributes[localName(name)] = value;
    handlers.open(localName(tag.name), attributes);
  });
  if (handlers.close) parser.on('closetag', (tag: SaxesTagPlain) => handlers.close!(localName(tag.name)));
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  const decoder = new StringDecoder('utf8');
  let first = true;
  try {
    for await (const chunk of await pkg.zip.openReadStreamPromise(entry)) {
      let text = decoder.write(chunk as Buffer);
      if (first && text.length > 0) {
        text = text.replace(/^\uFEFF/, '');
        first = false;
      }
      parser.write(text);
      if (failure) break;
    }
    if (!failure) parser.write(decoder.end()).close();
  } catch (error) {
    if (error instanceof SurveyFileError) throw error;
    refuse(DAMAGED);
  }
  if (failure) refuse(DAMAGED);
}
