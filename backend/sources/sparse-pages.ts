/**
 * PDF pages with little or no readable text: a scanned page without a text
 * layer, or one whose fonts pdf.js cannot map to letters (it then gives
 * nothing, or private-use characters). Derived from the stored page text, so
 * every copy of a study (and a merged one) flags the same pages without a
 * separate field to keep in step; OCR would add text to such pages and clear
 * the flag by itself.
 */

/** Fewer letters and digits than this on a page is "little text". */
export const SPARSE_PAGE_LETTERS = 20;

/** 1-based numbers of the pages with fewer than SPARSE_PAGE_LETTERS letters and digits. */
export function sparsePages(text: string, pageStarts: number[] | null): number[] {
  if (!pageStarts) return [];
  const sparse: number[] = [];
  pageStarts.forEach((start, index) => {
    const end = pageStarts[index + 1] ?? text.length;
    if (lettersIn(text, start, end) < SPARSE_PAGE_LETTERS) sparse.push(index + 1);
  });
  return sparse;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function lettersIn(text: string, start: number, end: number): number {
  let count = 0;
  for (let index = start; index < end && count < SPARSE_PAGE_LETTERS; index++) if (LETTER_OR_DIGIT.test(text[index]!)) count++;
  return count;
}
