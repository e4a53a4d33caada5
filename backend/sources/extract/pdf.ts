/**
 * PDF text, page by page, with pdfjs-dist (legacy build: the one meant for
 * Node). Text only: no font loading, no rendering. (pdfjs 6 has dropped the
 * isEvalSupported option along with any use of eval, so there is none to turn off.)
 */
import { normalizeText } from '../../../shared/normalize-text';
import { REASONS, extracted, rejected, type ExtractLimits, type ExtractOutcome } from './types';

type PdfDocument = Awaited<ReturnType<typeof import('pdfjs-dist/legacy/build/pdf.mjs').getDocument>['promise']>;

/** pdfjs's VerbosityLevel.ERRORS: its warnings about odd but readable files are noise here. */
const ONLY_ERRORS = 0;
const END_OF_FILE_MARKER = '%%EOF';

export async function extractPdf(bytes: Buffer, limits: ExtractLimits): Promise<ExtractOutcome> {
  // pdfjs tries to repair damaged files and may then return just the pages it
  // still finds; a file without its end marker was cut off, so rather than
  // import half of it, it is rejected up front.
  if (!containsAscii(bytes, END_OF_FILE_MARKER)) return rejected(REASONS.damaged);
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const loadingTask = pdfjs.getDocument({
    data: new Uint8Array(bytes), // a copy: pdfjs detaches the buffer it is given
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: ONLY_ERRORS,
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
  return extracted({ format: 'pdf', text: pages.join('\n'), pageStarts, headings: [] });
}

async function pageTextOf(document: PdfDocument, pageNumber: number): Promise<string> {
  const page = await document.getPage(pageNumber);
  try {
    const content = await page.getTextContent();
    let text = '';
    for (const item of content.items) {
      if (!('str' in item)) continue; // marked-content markers carry no text
      text += item.str;
      if (item.hasEOL) text += '\n';
    }
    return text;
  } finally {
    page.cleanup();
  }
}

/** By name: pdfjs's exception classes are not guaranteed to be subclasses of Error. */
function isPasswordError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'PasswordException';
}

/** Searched from the end, where the marker of a whole file is. */
function containsAscii(bytes: Buffer, needle: string): boolean {
  return bytes.lastIndexOf(needle, -1, 'latin1') >= 0;
}
