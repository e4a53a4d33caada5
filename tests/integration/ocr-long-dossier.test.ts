/**
 * A scanned dossier that takes longer to read than the extraction deadline
 * allows in one go is still read whole: once OCR starts, the deadline runs per
 * page (each page is reported, and the user can stop it), so only a page that
 * hangs ends the file. The deadline is set from a first reading of the same
 * dossier (twice its longest step: starting OCR, or one page), so the test
 * holds on a slow or loaded machine while the whole reading takes longer.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractFile, shutdownExtractionPool } from '../../backend/sources/extract';
import { DEFAULT_LIMITS } from '../../backend/sources/extract/types';
import { makeScannedPdf } from '../fixtures/make-real-pdfs';
import { tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-ocr-lang-');
const SCANNED_PAGES = 30;

afterAll(() => shutdownExtractionPool());

/** Read `path`, timing each step: up to the first OCR page, between pages, and after the last. */
async function timedRead(path: string, timeoutMs: number) {
  const marks = [performance.now()];
  const pagesSeen: number[] = [];
  const outcome = await extractFile(path, 'lang-dossier.pdf', { ...DEFAULT_LIMITS, timeoutMs }, {
    onOcrPage: (page) => {
      pagesSeen.push(page);
      marks.push(performance.now());
    },
  });
  marks.push(performance.now());
  const steps = marks.slice(1).map((mark, index) => mark - marks[index]!);
  return { outcome, pagesSeen, longestStepMs: Math.max(...steps), totalMs: marks.at(-1)! - marks[0]! };
}

describe('OCR of a long scanned dossier', () => {
  it('reads every scanned page although the whole takes longer than the extraction deadline', async () => {
    const path = join(dir, 'lang-dossier.pdf');
    writeFileSync(path, await makeScannedPdf(SCANNED_PAGES));
    const first = await timedRead(path, DEFAULT_LIMITS.timeoutMs);
    expect(first.outcome.ok).toBe(true);
    const timeoutMs = Math.ceil(first.longestStepMs * 2);
    // The dossier is long enough: reading it whole takes well over one such deadline.
    expect(first.totalMs).toBeGreaterThan(timeoutMs * 1.5);

    const second = await timedRead(path, timeoutMs);
    expect(second.outcome.ok ? '' : second.outcome.reason).toBe('');
    expect(second.pagesSeen).toEqual(Array.from({ length: SCANNED_PAGES }, (_, index) => index + 1));
    if (second.outcome.ok) expect(second.outcome.value.ocrPages).toHaveLength(SCANNED_PAGES);
    expect(second.totalMs).toBeGreaterThan(timeoutMs);
  }, 240_000);
});
