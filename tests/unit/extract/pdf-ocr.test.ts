/**
 * A scanned page (a picture of printed text, no text layer) is read by OCR
 * with the Dutch data shipped in the app; its page number is marked, the page
 * with a text layer is left as it was, and a page OCR finds nothing on stays
 * without text.
 */
import { describe, expect, it } from 'vitest';
import { extractBytes } from '../../../backend/sources/extract/extract-core';
import { DEFAULT_LIMITS } from '../../../backend/sources/extract/types';
import { makePdfWithBlankPage, makeScannedPdf, SCANNED_LINES } from '../../fixtures/make-real-pdfs';

describe('OCR of scanned PDF pages', () => {
  it('recognises the Dutch text of a scanned page and marks it', async () => {
    const outcome = await extractBytes(await makeScannedPdf(), 'gescand.pdf');
    if (!outcome.ok) throw new Error(outcome.reason);
    const { text, pageStarts, ocrPages } = outcome.value;
    expect(ocrPages).toEqual([2]);
    expect(text.slice(0, pageStarts![1]! - 1)).toBe('Voorblad van het dossier met gewone tekst erop.');
    const scanned = text.slice(pageStarts![1]!);
    // Tesseract may differ in a letter; every line must be there nearly word for word.
    for (const line of SCANNED_LINES) {
      const words = line.split(' ');
      const found = words.filter((word) => scanned.includes(word)).length;
      expect(found / words.length, `${line} in ${scanned}`).toBeGreaterThanOrEqual(0.8);
    }
  }, 60_000);

  it('leaves a page without any printing empty, and can be switched off', async () => {
    const blank = await extractBytes(await makePdfWithBlankPage(), 'blanco.pdf');
    expect(blank.ok && blank.value.ocrPages).toEqual([]);
    const off = await extractBytes(await makeScannedPdf(), 'gescand.pdf', { ...DEFAULT_LIMITS, ocr: false });
    expect(off.ok && off.value.ocrPages).toEqual([]);
  }, 60_000);
});
