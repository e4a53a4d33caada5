/**
 * PDF text, page by page, with pdfjs-dist (legacy build: the one meant for
 * Node). Text only: no font loading, no rendering. pdf.js gets the character
 * maps and standard font data that pdfjs-dist ships (read from disk, never
 * fetched), without which text in CID fonts (Japanese, Chinese, some
 * OpenOffice exports) comes out empty. Filled-in form fields and comment
 * annotations are part of what the page says, so their text goes into the
 * page text where it stands on the page (./pdf-annotations.ts). (pdfjs 6 has
 * dropped the isEvalSupported option along with any use of eval, so there is
 * none to turn off.)
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { normalizeText } from '../../../shared/normalize-text';
import { documentTitle } from './document-title';
import { annotationTexts, placeAnnotations, type TextLine } from './pdf-annotations';
import { REASONS, extracted, rejected, type ExtractLimits, type ExtractOutcome } from './types';

type PdfDocument = Awaited<ReturnType<typeof import('pdfjs-dist/legacy/build/pdf.mjs').getDocument>['promise']>;

/** pdfjs's VerbosityLevel.ERRORS: its warnings about odd but readable files are noise here. */
const ONLY_ERRORS = 0;
const END_OF_FILE_MARKER = '%%EOF';

export async function extractPdf(bytes: Buffer, limits: ExtractLimits): Promise<ExtractOutcome> {
  // pdfjs tries to repair damaged files and may then return just the pages it
  // still finds. A file cut off halfway has lost its end; one that only lacks
  // the %%EOF line (some writers leave it out) still ends in a cross-reference
  // that pdf.js and poppler read, and is accepted.
  if (!containsAscii(bytes, END_OF_FILE_MARKER) && !endsWithCrossReference(bytes)) return rejected(REASONS.damaged);
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const data = pdfjsData();
  const loadingTask = pdfjs.getDocument({
    data: new Uint8Array(bytes), // a copy: pdfjs detaches the buffer it is given
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: ONLY_ERRORS,
    cMapUrl: data.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: data.standardFontDataUrl,
  });
  try {
    return await readPages(await loadingTask.promise, limits);
  } catch (error) {
    return rejected(isPasswordError(error) ? REASONS.passwordProtected : REASONS.damaged);
  } finally {
    await loadingTask.destroy();
  }
}

async function readPages(document: PdfDocument, limits: ExtractLimits): Promise<ExtractOutcome> {
  if (document.numPages > limits.maxPdfPages) {
    return rejected(
      `Het document heeft ${document.numPages.toLocaleString('nl-NL')} pagina's; meer dan ${limits.maxPdfPages.toLocaleString('nl-NL')} kan niet worden geïmporteerd.`,
    );
  }
  const pages: string[] = [];
  const pageStarts: number[] = [];
  let length = 0;
  for (let pageNumber = 1; pageNumber <= document.numPages; pageNumber++) {
    if (pageNumber > 1) length += 1; // the '\n' that joins it to the previous page
    pageStarts.push(length);
    const pageText = normalizeText(await pageTextOf(document, pageNumber));
    length += pageText.length;
    // Stop early rather than build a string that is rejected anyway.
    if (length > limits.maxTextChars) return rejected(REASONS.tooMuchText(limits.maxTextChars));
    pages.push(pageText);
  }
  return extracted({ format: 'pdf', text: pages.join('\n'), pageStarts, headings: [], title: await pdfTitle(document) });
}

async function pageTextOf(document: PdfDocument, pageNumber: number): Promise<string> {
  const page = await document.getPage(pageNumber);
  try {
    const content = await page.getTextContent();
    const lines: TextLine[] = [];
    let current: TextLine | null = null;
    for (const item of content.items) {
      if (!('str' in item)) continue; // marked-content markers carry no text
      current ??= { text: '', y: item.transform[5] ?? 0, height: Math.abs(item.transform[3] ?? 0) || item.height };
      current.text += item.str;
      if (item.hasEOL) {
        lines.push(current);
        current = null;
      }
    }
    if (current) lines.push(current);
    const placed = placeAnnotations(lines, annotationTexts(await page.getAnnotations({ intent: 'display' })));
    return placed.map((line) => line.text).join('\n');
  } finally {
    page.cleanup();
  }
}

/** The title in the document's XMP metadata or its document info; null when it has none worth showing. */
async function pdfTitle(document: PdfDocument): Promise<string | null> {
  try {
    const { info, metadata } = await document.getMetadata();
    const infoTitle = (info as { Title?: unknown } | null)?.Title;
    return documentTitle(metadata?.get('dc:title') ?? null, typeof infoTitle === 'string' ? infoTitle : null);
  } catch {
    return null; // a broken info dictionary costs the title, not the text
  }
}

/** Where pdfjs-dist keeps its character maps and standard fonts: beside its package.json, shipped with the app. */
function pdfjsData(): { cMapUrl: string; standardFontDataUrl: string } {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  // pdf.js joins these with file names and reads them with fs; it wants the trailing separator.
  return { cMapUrl: `${join(root, 'cmaps')}/`, standardFontDataUrl: `${join(root, 'standard_fonts')}/` };
}

/** The file's last kilobyte names a cross-reference (startxref) that exists where it points. */
function endsWithCrossReference(bytes: Buffer): boolean {
  const tail = bytes.subarray(Math.max(0, bytes.length - 1024)).toString('latin1');
  const match = /startxref\s+(\d+)\s*$/.exec(tail);
  if (!match) return false;
  const offset = Number(match[1]);
  if (!Number.isSafeInteger(offset) || offset >= bytes.length) return false;
  const target = bytes.subarray(offset, offset + 32).toString('latin1');
  return /^\s*(xref|\d+\s+\d+\s+obj)/.test(target);
}

/** By name: pdfjs's exception classes are not guaranteed to be subclasses of Error. */
function isPasswordError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'PasswordException';
}

/** Searched from the end, where the marker of a whole file is. */
function containsAscii(bytes: Buffer, needle: string): boolean {
  return bytes.lastIndexOf(needle, -1, 'latin1') >= 0;
}
