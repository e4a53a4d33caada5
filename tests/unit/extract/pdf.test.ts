import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractBytes } from '../../../backend/sources/extract/extract-core';
import { DEFAULT_LIMITS, REASONS, type ExtractOutcome } from '../../../backend/sources/extract/types';
import { CASE_NOTE, PASSWORD_PDF, makePdf, truncate } from '../../fixtures/make-files';

const PAGES = [
  ['Dossieronderzoek, pagina een.', CASE_NOTE[0]!],
  [CASE_NOTE[1]!, CASE_NOTE[2]!],
  ['Café-gesprek met de gezinsvoogd.', CASE_NOTE[3]!],
];

const reasonOf = (outcome: ExtractOutcome) => (outcome.ok ? 'ok' : outcome.reason);

describe('PDF', () => {
  it('round-trips the text of every page, lines joined by \\n', async () => {
    const outcome = await extractBytes(await makePdf(PAGES), 'dossier.pdf');
    expect(outcome.ok && outcome.value.text).toBe(PAGES.map((lines) => lines.join('\n')).join('\n'));
    expect(outcome.ok && outcome.value.format).toBe('pdf');
  });

  it('records where each page starts', async () => {
    const outcome = await extractBytes(await makePdf(PAGES), 'Dossier.PDF');
    if (!outcome.ok) throw new Error(outcome.reason);
    const { text, pageStarts } = outcome.value;
    expect(pageStarts).toHaveLength(3);
    expect(pageStarts![0]).toBe(0);
    PAGES.forEach(([firstLine], index) => {
      const start = pageStarts![index]!;
      expect(text.slice(start, start + firstLine!.length + 1)).toBe(`${firstLine}\n`);
    });
  });

  it('accepts junk before the header within the first 1024 bytes', async () => {
    const withPrefix = Buffer.concat([Buffer.alloc(200, 0x20), await makePdf(PAGES)]);
    expect(reasonOf(await extractBytes(withPrefix, 'voorloop.pdf'))).toBe('ok');
  });

  it('rejects a password-protected PDF', async () => {
    expect(reasonOf(await extractBytes(readFileSync(PASSWORD_PDF), 'beveiligd.pdf'))).toBe(REASONS.passwordProtected);
  });

  it('rejects a truncated PDF', async () => {
    expect(reasonOf(await extractBytes(truncate(await makePdf(PAGES)), 'half.pdf'))).toBe(REASONS.damaged);
  });

  it('rejects a file named .pdf that is not a PDF', async () => {
    expect(reasonOf(await extractBytes(Buffer.from('Gewoon tekst.'), 'nep.pdf'))).toBe(
      'Het bestand heeft de extensie .pdf maar is geen PDF-bestand.',
    );
  });

  it('rejects more pages than the limit', async () => {
    const limits = { ...DEFAULT_LIMITS, maxPdfPages: 2 };
    expect(reasonOf(await extractBytes(await makePdf(PAGES), 'dik.pdf', limits))).toBe(
      "Het document heeft 3 pagina's; meer dan 2 kan niet worden geïmporteerd.",
    );
  });

  it('rejects more text than the limit, before reading every page', async () => {
    const limits = { ...DEFAULT_LIMITS, maxTextChars: 40 };
    expect(reasonOf(await extractBytes(await makePdf(PAGES), 'veel.pdf', limits))).toBe(REASONS.tooMuchText(40));
  });

  it('says a PDF without a text layer may be a scan', async () => {
    expect(reasonOf(await extractBytes(await makePdf([[], []]), 'scan.pdf'))).toBe(
      'Het bestand bevat geen tekst (mogelijk een gescand document zonder tekstlaag).',
    );
  });
});
