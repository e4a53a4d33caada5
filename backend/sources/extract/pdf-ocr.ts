/**
 * Text recognition (OCR) for PDF pages without a readable text layer, such as
 * scanned dossier pages: the page is rendered by pdf.js (on @napi-rs/canvas)
 * and read by Tesseract compiled to WebAssembly (tesseract.js), with the Dutch
 * trained data of @tesseract.js-data/nld (MIT, Tesseract 4 "best_int"), read
 * from disk: nothing is downloaded at run time. Runs inside the extraction
 * worker, so the thread that answers the UI stays free; at most
 * MAX_OCR_PAGES pages per document, the rest stay flagged as pages without text.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { normalizeText } from '../../../shared/normalize-text';

/**
 * Pages recognised per document: a scanned dossier of a few hundred pages is read whole. At about
 * 2.6 s a page (npm run bench, 2 cores) 500 pages take some 20 minutes, page by page in the import's
 * progress with Afbreken; the extraction deadline runs per page once OCR starts (extract/index.ts).
 */
export const MAX_OCR_PAGES = 500;
/** 2.5 × 72 dpi = 180 dpi: Tesseract reads ordinary print well from about 150 dpi. */
const RENDER_SCALE = 2.5;

interface RenderablePage {
  getViewport(options: { scale: number }): { width: number; height: number };
  render(options: { canvasContext: unknown; viewport: unknown; canvas: unknown }): { promise: Promise<void> };
}

interface CanvasFactory {
  create(width: number, height: number): { canvas: { encode(format: 'png'): Promise<Buffer> }; context: unknown };
}

export interface OcrReader {
  read(page: RenderablePage, canvasFactory: CanvasFactory): Promise<string>;
  close(): Promise<void>;
}

/** The Dutch trained data shipped with the app, or null when the package is missing. */
function languageFolder(): string | null {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('@tesseract.js-data/nld/package.json')), '4.0.0_best_int');
  } catch {
    return null;
  }
}

/** A Tesseract worker for Dutch; null when OCR cannot run here (no trained data, no canvas). */
export async function openOcr(): Promise<OcrReader | null> {
  const langPath = languageFolder();
  if (!langPath) return null;
  const { createWorker } = await import('tesseract.js');
  // OEM 1: the LSTM engine, the one the best_int data is for; the cache is off, so nothing is written to disk.
  const worker = await createWorker('nld', 1, { langPath, cacheMethod: 'none', gzip: true });
  return {
    async read(page, canvasFactory) {
      const viewport = page.getViewport({ scale: RENDER_SCALE });
      const { canvas, context } = canvasFactory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
      await page.render({ canvasContext: context, viewport, canvas }).promise;
      const { data } = await worker.recognize(await canvas.encode('png'));
      return normalizeText(data.text).replace(/\n{2,}/g, '\n').trim();
    },
    close: async () => {
      await worker.terminate();
    },
  };
}
