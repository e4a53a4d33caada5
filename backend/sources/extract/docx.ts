/**
 * Word documents. A .docx is a zip, so before mammoth (which unzips with
 * jszip, without limits) sees it, yauzl checks the zip against the limits and
 * inflates every entry once to prove its declared size is true: a zip bomb
 * can lie in its central directory, and inflated data lives outside the V8
 * heap, where the worker's memory limit does not reach.
 */
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { normalizeText } from '../../../shared/normalize-text';
import { documentTitle } from './document-title';
import { REASONS, extracted, rejected, type ExtractLimits, type ExtractOutcome, type Heading } from './types';
import { tooManyEntries, zipEntryProblem } from '../zip-limits';

/** Some Word versions name the main part document2.xml; mammoth finds it through the relationships. */
const MAIN_DOCUMENT = /^word\/document\d*\.xml$/;
const WORD = 'Het Word-document';

export const NOT_A_WORD_DOCUMENT = 'Het bestand heeft de extensie .docx maar is geen Word-document.';

export async function extractDocx(buffer: Buffer, limits: ExtractLimits): Promise<ExtractOutcome> {
  const properties: { title: string | null } = { title: null };
  const zipProblem = await checkZip(buffer, limits, properties);
  if (zipProblem) return rejected(zipProblem);
  const { text, headings } = htmlToText(await convertToHtml(buffer));
  const firstHeading = headings[0] ? lineAt(text, headings[0].start) : null;
  return extracted({ format: 'docx', text, pageStarts: null, headings, title: documentTitle(properties.title, firstHeading) });
}

/** Why the zip must not be opened further, or null when it is a sound Word package within the limits. */
async function checkZip(buffer: Buffer, limits: ExtractLimits, properties: { title: string | null }): Promise<string | null> {
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  } catch {
    return REASONS.damaged;
  }
  try {
    if (zip.entryCount > limits.maxZipEntries) return tooManyEntries(limits, WORD);
    return await checkEntries(zip, limits, properties);
  } catch {
    return REASONS.damaged;
  } finally {
    zip.close();
  }
}

async function checkEntries(zip: ZipFile, limits: ExtractLimits, properties: { title: string | null }): Promise<string | null> {
  let declaredTotal = 0;
  let hasMainDocument = false;
  for await (const entry of zip.eachEntry()) {
    declaredTotal += entry.uncompressedSize;
    const problem = zipEntryProblem(entry, declaredTotal, limits, WORD);
    if (problem) return problem;
    hasMainDocument ||= MAIN_DOCUMENT.test(entry.fileName);
    if (entry.fileName === CORE_PROPERTIES && entry.uncompressedSize <= MAX_CORE_PROPERTIES_BYTES) {
      properties.title = coreTitle(await inflateToText(zip, entry));
    } else await inflateAndDiscard(zip, entry);
  }
  return hasMainDocument ? null : NOT_A_WORD_DOCUMENT;
}

/** yauzl (validateEntrySizes) fails the stream as soon as more, or fewer, bytes come out than declared. */
async function inflateAndDiscard(zip: ZipFile, entry: Entry): Promise<void> {
  const stream = await zip.openReadStreamPromise(entry);
  for await (const _chunk of stream) {
    // Only the count matters, and yauzl keeps it.
  }
}

function lineAt(text: string, start: number): string {
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? undefined : end);
}

/** The core properties part (docProps/core.xml); the title is in dc:title. */
const CORE_PROPERTIES = 'docProps/core.xml';
const MAX_CORE_PROPERTIES_BYTES = 64 * 1024;

async function inflateToText(zip: ZipFile, entry: Entry): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function coreTitle(xml: string): string | null {
  const match = /<(?:[\w.-]+:)?title\b[^>]*>([^<]*)<\/(?:[\w.-]+:)?title>/.exec(xml);
  return match ? decodeEntities(match[1]!) : null;
}

async function convertToHtml(buffer: Buffer): Promise<string> {
  const { default: mammoth } = await import('mammoth');
  const result = await mammoth.convertToHtml(
    { buffer },
    {
      externalFileAccess: false,
      // Images carry no text; an empty src keeps mammoth from base64-encoding them.
      convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
    },
  );
  return result.value;
}

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'table', 'tr', 'td', 'th']);
/** mammoth's HTML is simple and escaped: tags without '>' in attributes, and text. */
const HTML_TOKEN = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>|[^<]+/g;
/** The "↑" links mammoth appends to footnotes and endnotes, pointing back to the reference. */
const NOTE_BACK_LINK = /<a href="#[a-z]+-ref-[^"]*">[^<]*<\/a>/g;

/**
 * mammoth's HTML as text: one line per paragraph, heading, list item or table
 * cell. Each block is normalised on its own before joining, so the heading
 * offsets counted here are offsets into the final text.
 */
export function htmlToText(html: string): { text: string; headings: Heading[] } {
  const blocks: string[] = [];
  const headings: Heading[] = [];
  let length = 0;
  let pending = '';
  let headingLevel = 0;

  const endBlock = () => {
    const block = normalizeText(pending);
    pending = '';
    if (block.trim() === '') return;
    if (blocks.length > 0) length += 1; // the '\n' that joins it to the previous block
    if (headingLevel > 0) headings.push({ start: length, level: headingLevel });
    blocks.push(block);
    length += block.length;
  };

  for (const [token, slash, tag] of html.replace(NOTE_BACK_LINK, '').matchAll(HTML_TOKEN)) {
    if (tag === undefined) {
      pending += decodeEntities(token);
      continue;
    }
    const name = tag.toLowerCase();
    if (name === 'br') pending += '\n';
    if (!BLOCK_TAGS.has(name)) continue;
    endBlock();
    headingLevel = slash === '' ? headingLevelOf(name) : 0;
  }
  endBlock();
  return { text: blocks.join('\n'), headings };
}

function headingLevelOf(tagName: string): number {
  const match = /^h([1-6])$/.exec(tagName);
  return match ? Number(match[1]) : 0;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (entity, body: string) => {
    if (!body.startsWith('#')) return NAMED_ENTITIES[body] ?? entity;
    const codePoint = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '\uFFFD';
  });
}
