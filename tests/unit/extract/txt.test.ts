import { describe, expect, it } from 'vitest';
import { extractBytes } from '../../../backend/sources/extract/extract-core';
import { DEFAULT_LIMITS, REASONS, type ExtractOutcome } from '../../../backend/sources/extract/types';
import {
  CASE_NOTE,
  encodeCp1252,
  encodeUtf16Be,
  encodeUtf16Le,
  encodeUtf8,
  encodeUtf8Bom,
  makePdf,
} from '../../fixtures/make-files';

const NOTE = CASE_NOTE.join('\n');

function textOf(outcome: ExtractOutcome): string {
  if (!outcome.ok) throw new Error(`Verwacht tekst, kreeg: ${outcome.reason}`);
  return outcome.value.text;
}

const reasonOf = (outcome: ExtractOutcome) => (outcome.ok ? 'ok' : outcome.reason);

describe('plain text: every encoding round-trips the text exactly', () => {
  it.each([
    ['UTF-8', encodeUtf8(NOTE)],
    ['UTF-8 with BOM', encodeUtf8Bom(NOTE)],
    ['UTF-16LE with BOM', encodeUtf16Le(NOTE)],
    ['UTF-16BE with BOM', encodeUtf16Be(NOTE)],
    ['UTF-16LE without BOM', encodeUtf16Le(NOTE, false)],
    ['UTF-16BE without BOM', encodeUtf16Be(NOTE, false)],
    ['Windows-1252', encodeCp1252(NOTE)],
  ])('%s', async (_encoding, bytes) => {
    const outcome = await extractBytes(bytes, 'gespreksverslag.txt', DEFAULT_LIMITS);
    expect(textOf(outcome)).toBe(NOTE);
    expect(outcome.ok && outcome.value).toMatchObject({ format: 'txt', pageStarts: null, headings: [] });
  });

  it('keeps emoji and other astral characters in UTF-8', async () => {
    const text = 'Noëlle tekende een zon ☀️ en een hond 🐕 voor de jeugdzorgwerker.';
    expect(textOf(await extractBytes(encodeUtf8(text), 'tekening.txt'))).toBe(text);
  });

  it('decodes the Windows-1252 euro sign and curly apostrophe', async () => {
    const text = 'Vader’s bijdrage: € 40 per week.';
    expect(textOf(await extractBytes(encodeCp1252(text), 'afspraak.txt'))).toBe(text);
  });

  it('normalises: NFC, \\n line ends, no trailing spaces', async () => {
    const raw = 'Noe\u0308lle  \r\nnai\u0308ef\r\n';
    expect(textOf(await extractBytes(encodeUtf8(raw), 'notitie.txt'))).toBe('Noëlle\nnaïef\n');
    expect(textOf(await extractBytes(encodeUtf8('e\u0308'), 'notitie.txt'))).toBe('ë');
  });

  it('reads the extension case-insensitively', async () => {
    expect(textOf(await extractBytes(encodeUtf8(NOTE), 'VERSLAG.TXT'))).toBe(NOTE);
  });
});

describe('plain text: rejections', () => {
  it('rejects an empty file', async () => {
    expect(reasonOf(await extractBytes(new Uint8Array(0), 'leeg.txt'))).toBe(REASONS.empty);
  });

  it('rejects a file with only whitespace', async () => {
    expect(reasonOf(await extractBytes(encodeUtf8(' \r\n\t \n'), 'wit.txt'))).toBe('Het bestand bevat geen tekst.');
  });

  it('rejects binary data named .txt', async () => {
    const binary = Buffer.from(Array.from({ length: 2000 }, (_, index) => (index % 7 === 0 ? 0 : index % 251)));
    expect(reasonOf(await extractBytes(binary, 'data.txt'))).toBe(
      'Het bestand heeft de extensie .txt maar is geen tekstbestand.',
    );
  });

  it('says what a mislabelled .txt really is', async () => {
    const pdf = await makePdf([['Eén pagina.']]);
    expect(reasonOf(await extractBytes(pdf, 'verslag.txt'))).toBe(
      'Het bestand heeft de extensie .txt maar is een PDF-bestand, geen tekstbestand.',
    );
  });

  it('rejects more text than the limit allows', async () => {
    const limits = { ...DEFAULT_LIMITS, maxTextChars: 100 };
    expect(reasonOf(await extractBytes(encodeUtf8('a'.repeat(101)), 'lang.txt', limits))).toBe(
      REASONS.tooMuchText(100),
    );
  });

  it('rejects a file larger than the limit', async () => {
    const limits = { ...DEFAULT_LIMITS, maxFileBytes: 1024 * 1024 };
    const reason = reasonOf(await extractBytes(Buffer.alloc(1024 * 1024 + 1, 0x61), 'groot.txt', limits));
    expect(reason).toBe('Het bestand is groter dan 1 MB; dat is te groot om te importeren.');
  });
});
