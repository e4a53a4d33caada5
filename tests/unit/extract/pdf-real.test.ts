/**
 * PDFs as other software writes them: a non-embedded CID font (needs pdf.js'
 * character maps), a filled-in form with comments (field values and comment
 * text in reading position), a file without %%EOF that pdf.js and poppler
 * read. The CID text is checked against poppler's pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractBytes } from '../../../backend/sources/extract/extract-core';
import { REASONS } from '../../../backend/sources/extract/types';
import { makePdf, truncate } from '../../fixtures/make-files';
import { CID_TEXT, FORM_VALUES, makeCidPdf, makeFormPdf, withoutEof } from '../../fixtures/make-real-pdfs';
import { tempDir } from '../../helpers/temp-study';

const dir = tempDir('veldwerk-pdf-real-');

async function textOf(bytes: Buffer, name: string): Promise<string> {
  const outcome = await extractBytes(bytes, name);
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.value.text;
}

describe('PDFs from other writers', () => {
  it('reads text in a non-embedded CID font through the shipped character maps, as poppler does', async () => {
    const bytes = await makeCidPdf();
    const text = await textOf(bytes, 'cid.pdf');
    expect(text).toContain(CID_TEXT);
    expect(text).toContain('Verslag van een fictief bezoek.');
    const path = join(dir, 'cid.pdf');
    writeFileSync(path, bytes);
    const poppler = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(poppler).toContain(CID_TEXT);
  });

  it('puts form-field values and comment text into the page text, beside their labels', async () => {
    const text = await textOf(await makeFormPdf(), 'formulier.pdf');
    const lines = text.split('\n');
    expect(lines).toContain(`Naam: ${FORM_VALUES.name}`);
    expect(lines).toContain(`Maatregel: ${FORM_VALUES.choice}`);
    expect(lines).toContain('Plan besproken: ☒');
    expect(text).toContain(FORM_VALUES.remark);
    expect(text).toContain(FORM_VALUES.freeText);
    expect(text).toContain(FORM_VALUES.note);
    // Reading order: top to bottom as on the page.
    const order = ['Intakeformulier', FORM_VALUES.name, FORM_VALUES.remark, FORM_VALUES.choice, '☒', FORM_VALUES.freeText, 'Einde formulier.'].map((part) => text.indexOf(part));
    expect(order.every((position, index) => position >= 0 && (index === 0 || position > order[index - 1]!))).toBe(true);
  });

  it('accepts a complete PDF without %%EOF, still refuses one cut off halfway', async () => {
    const whole = await makePdf([['Een pagina zonder eindmarkering.'], ['En een tweede.']]);
    const bytes = await withoutEof(whole);
    expect(bytes.includes('%%EOF', 0, 'latin1')).toBe(false);
    expect(await textOf(bytes, 'zonder-eof.pdf')).toBe('Een pagina zonder eindmarkering.\nEn een tweede.');
    const path = join(dir, 'zonder-eof.pdf');
    writeFileSync(path, bytes);
    expect(execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' })).toContain('Een pagina zonder eindmarkering.');
    const half = await extractBytes(truncate(whole), 'half.pdf');
    expect(half.ok ? 'ok' : half.reason).toBe(REASONS.damaged);
  });
});
