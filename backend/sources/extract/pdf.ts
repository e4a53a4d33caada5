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
import { letterCount, SPARSE_PAGE_LETTERS } from '../sparse-pages';
import { MAX_OCR_PAGES, openOcr } from './pdf-ocr';
import { annotationTexts, placeAnnotations, type TextLine } from './pdf-annotations';
import { REASONS, extracted, rejected, type ExtractHooks, type ExtractLimits, type ExtractOutcome } from './types';

type PdfDocument = Awaited<ReturnType<typeof import('pdfjs-dist/legacy/build/pdf.mjs').getDocument>['promise']>;

/** pdfjs's VerbosityLevel.ERRORS: its warnings about odd but readable files are noise here. */
const ONLY_ERRORS = 0;
const END_OF_FILE_MARKER = '%%EOF';

export async function extractPdf(bytes: Buffer, limits: ExtractLimits, hooks: ExtractHooks = {}): Promise<ExtractOutcome> {
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
    return await readPages(await loadingTask.promise, limits, pdfjs, hooks);
  } catch (error) {
    return rejected(isPasswordError(error) ? REASONS.passwordProtected : REASONS.damaged);
  } finally {
    await loadingTask.destroy();
  }
}

async function readPages(document: PdfDocument, limits: ExtractLimits, pdfjs: typeof import('pdfjs-dist/legacy/build/pdf.mjs'), hooks: ExtractHooks): Promise<ExtractOutcome> {
  if (document.numPages > limits.maxPdfPages) {
    return rejected(
      `Het document heeft ${document.numPages.toLocaleString('nl-NL')} pagina's; meer dan ${limits.maxPdfPages.toLocaleString('nl-NL')} kan niet worden geïmporteerd.`,
    );
  }
  const pages: string[] = [];
  let length = 0;
  for (let pageNumber = 1; pageNumber <= document.numPages; pageNumber++) {
    const pageText = normalizeText(await pageTextOf(document, pageNumber));
    length += pageText.length + 1;
    // Stop early rather than build a string that is rejected anyway.
    if (length > limits.maxTextChars) return rejected(REASONS.tooMuchText(limits.maxTextChars));
    pages.push(pageText);
  }
  const ocrPages = limits.ocr ? await recognisePages(document, pages, imageOperators(pdfjs.OPS), hooks) : [];
  const pageStarts: number[] = [];
  let start = 0;
  for (const page of pages) {
    pageStarts.push(start);
    start += page.length + 1; // the '\n' that joins it to the next page
  }
  if (start - 1 > limits.maxTextChars) return rejected(REASONS.tooMuchText(limits.maxTextChars));
  return extracted({ format: 'pdf', text: pages.join('\n'), pageStarts, headings: [], title: await pdfTitle(document), ocrPages });
}

/**
 * Pages with little or no text that paint an image are read again by OCR
 * (pdf-ocr.ts), up to MAX_OCR_PAGES; a page whose recognised text has more letters than its own
 * takes it. Returns the numbers (1-based) of the pages so read.
 */
async function recognisePages(document: PdfDocument, pages: string[], images: Set<number>, hooks: ExtractHooks): Promise<number[]> {
  const sparse: number[] = [];
  for (let index = 0; index < pages.length && sparse.length < MAX_OCR_PAGES; index++) {
    // Only a page that paints a picture can hold a scan; a blank or short page is left alone.
    if (letterCount(pages[index]!) < SPARSE_PAGE_LETTERS && (await paintsImage(document, index + 1, images))) sparse.push(index);
  }
  if (sparse.length === 0) return [];
  // OCR is a help, not a condition: when it cannot start (no trained data, no canvas), the pages stay flagged.
  const reader = await openOcr().catch(() => null);
  if (!reader) return [];
  const recognised: number[] = [];
  try {
    for (const [position, index] of sparse.entries()) {
      hooks.onOcrPage?.(position + 1, sparse.length);
      const page = await document.getPage(index + 1);
      try {
        const text = await reader
          .read(page as never, (document as unknown as { canvasFactory: Parameters<typeof reader.read>[1] }).canvasFactory)
          .catch(() => ''); // a page that cannot be rendered or read keeps its own text and its flag
        if (letterCount(text) > letterCount(pages[index]!)) {
          pages[index] = text;
          recognised.push(index + 1);
        }
      } finally {
        page.cleanup();
      }
    }
  } finally {
    await reader.close().catch(() => undefined);
  }
  return recognised;
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

/** pdf.js's operators that paint an image (a scanned page is one large image). */
function imageOperators(ops: Record<string, number>): Set<number> {
  const names = ['paintImageXObject', 'paintInlineImageXObject', 'paintInlineImageXObjectGroup', 'paintImageXObjectRepeat', 'paintImageMaskXObject', 'paintImageMaskXObjectGroup', 'paintImageMaskXObjectRepeat'];
  return new Set(names.map((name) => ops[name]).filter((op): op is number => op !== undefined));
}

async function paintsImage(document: PdfDocument, pageNumber: number, images: Set<number>): Promise<boolean> {
  const page = await document.getPage(pageNumber);
  try {
    const { fnArray } = await page.getOperatorList({ intent: 'display' });
    return fnArray.some((op) => images.has(op));
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
