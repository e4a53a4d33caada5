/**
 * OCR of scanned PDF pages: a dossier of one text page and N scanned pages
 * (pictures of printed Dutch text, no text layer), extracted in process as
 * the extraction worker does, with OCR and without. The difference divided by
 * N is the time OCR adds per scanned page (Tesseract start-up included once).
 */
import { extractBytes } from '../../backend/sources/extract/extract-core';
import { DEFAULT_LIMITS } from '../../backend/sources/extract/types';
import { makeScannedPdf } from '../../tests/fixtures/make-real-pdfs';

const SCANNED_PAGES = Number(process.env.BENCH_OCR_PAGES ?? 5);

const seconds = (start: number) => Number(((performance.now() - start) / 1000).toFixed(2));

export async function measureOcr(): Promise<object> {
  process.stderr.write(`Gescand dossier met ${SCANNED_PAGES} pagina's maken…\n`);
  const bytes = await makeScannedPdf(SCANNED_PAGES);
  let start = performance.now();
  const plain = await extractBytes(bytes, 'gescand.pdf', { ...DEFAULT_LIMITS, ocr: false });
  const withoutOcrSeconds = seconds(start);
  start = performance.now();
  const recognised = await extractBytes(bytes, 'gescand.pdf');
  const withOcrSeconds = seconds(start);
  if (!plain.ok || !recognised.ok) throw new Error('het gescande dossier werd geweigerd');
  return {
    scannedPages: SCANNED_PAGES,
    pagesRecognised: recognised.value.ocrPages?.length ?? 0,
    withoutOcrSeconds,
    withOcrSeconds,
    ocrSecondsPerPage: Number(((withOcrSeconds - withoutOcrSeconds) / SCANNED_PAGES).toFixed(2)),
  };
}
