/**
 * PDF pages with little or no readable text: a scanned page without a text
 * layer, or one whose fonts pdf.js cannot map to letters (it then gives
 * nothing, or private-use characters). Derived from the stored page text, so
 * every copy of a study (and a merged one) flags the same pages without a
 * separate field to keep in step. Import reads such pages by OCR first
 * (extract/pdf-ocr.ts); a page still flagged had nothing OCR could read.
 */

/** Fewer letters and digits than this on a page is "little text". */
export const SPARSE_PAGE_LETTERS = 20;

/** 1-based numbers of the pages with fewer than SPARSE_PAGE_LETTERS letters and digits. */
export function sparsePages(text: string, pageStarts: number[] | null): number[] {
  if (!pageStarts) return [];
  const sparse: number[] = [];
  pageStarts.forEach((start, index) => {
    const end = pageStarts[index + 1] ?? text.length;
    if (letterCount(text.slice(start, end)) < SPARSE_PAGE_LETTERS) sparse.push(index + 1);
  });
  return sparse;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Letters and digits in `text`, counted up to SPARSE_PAGE_LETTERS + 1 (enough to tell). */
export function letterCount(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length && count <= SPARSE_PAGE_LETTERS; index++) if (LETTER_OR_DIGIT.test(text[index]!)) count++;
  return count;
}
