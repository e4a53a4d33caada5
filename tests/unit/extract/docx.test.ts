import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../backend/sources/extract/docx';
import { extractBytes } from '../../../backend/sources/extract/extract-core';
import type { ExtractOutcome, ExtractedText } from '../../../backend/sources/extract/types';
import { CASE_NOTE, makeDocx, type DocxBlock } from '../../fixtures/make-files';

const BLOCKS: DocxBlock[] = [
  { text: 'Verslag huisbezoek', heading: 1 },
  { text: CASE_NOTE[0]! },
  { text: CASE_NOTE[1]! },
  { text: 'Zicht op veiligheid', heading: 2 },
  { text: CASE_NOTE[2]! },
  { text: 'Afspraken & vervolg <concept>', heading: 3 },
  { text: CASE_NOTE[3]! },
];

function valueOf(outcome: ExtractOutcome): ExtractedText {
  if (!outcome.ok) throw new Error(`Verwacht tekst, kreeg: ${outcome.reason}`);
  return outcome.value;
}

describe('Word documents', () => {
  it('round-trips the text, one paragraph per line', async () => {
    const value = valueOf(await extractBytes(await makeDocx(BLOCKS), 'huisbezoek.docx'));
    expect(value.format).toBe('docx');
    expect(value.pageStarts).toBeNull();
    expect(value.text).toBe(BLOCKS.map((block) => block.text).join('\n'));
  });

  it('records each heading at its offset, with its level', async () => {
    const { text, headings } = valueOf(await extractBytes(await makeDocx(BLOCKS), 'Huisbezoek.DOCX'));
    const expected = BLOCKS.filter((block) => block.heading);
    expect(headings.map((heading) => heading.level)).toEqual(expected.map((block) => block.heading));
    headings.forEach((heading, index) => {
      const headingText = expected[index]!.text;
      expect(text.slice(heading.start, heading.start + headingText.length + 1)).toBe(`${headingText}\n`);
    });
  });

  it('keeps offsets right when a paragraph before a heading is normalised', async () => {
    const blocks: DocxBlock[] = [{ text: 'Noe\u0308lle vertelt   ' }, { text: 'Vervolg', heading: 1 }];
    const { text, headings } = valueOf(await extractBytes(await makeDocx(blocks), 'nfc.docx'));
    expect(text).toBe('Noëlle vertelt\nVervolg');
    expect(text.slice(headings[0]!.start)).toBe('Vervolg');
  });

  it('rejects a document without text', async () => {
    const outcome = await extractBytes(await makeDocx([{ text: '' }, { text: '   ' }]), 'leeg.docx');
    expect(outcome).toEqual({ ok: false, reason: 'Het bestand bevat geen tekst.' });
  });
});

describe("mammoth's HTML as text", () => {
  it('puts list items and table cells on lines of their own', () => {
    const html =
      '<ul><li>Eerste punt</li><li><p>Tweede punt</p><ol><li>Genest</li></ol></li></ul>' +
      '<table><tr><td><p>Cel een</p></td><td><p>Cel twee</p></td></tr></table><p>Slot</p>';
    expect(htmlToText(html).text).toBe('Eerste punt\nTweede punt\nGenest\nCel een\nCel twee\nSlot');
  });

  it('decodes entities and keeps inline markup out', () => {
    const html = '<p>A &amp; B &lt;c&gt; &quot;d&quot; caf&#233; &#x1F415; <strong>vet</strong> <em>schuin</em></p>';
    expect(htmlToText(html).text).toBe('A & B <c> "d" café 🐕 vet schuin');
  });

  it('turns a line break into a new line inside the paragraph', () => {
    expect(htmlToText('<p>regel een<br />regel twee</p>').text).toBe('regel een\nregel twee');
  });

  it("drops the footnote's back-link arrow", () => {
    const html =
      '<p>Tekst<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup></p>' +
      '<ol><li id="footnote-1"><p> Voetnoot. <a href="#footnote-ref-1">↑</a></p></li></ol>';
    expect(htmlToText(html).text).toBe('Tekst[1]\n Voetnoot.');
  });

  it('counts heading offsets in the joined text', () => {
    const { text, headings } = htmlToText('<p>Inleiding</p><h2>Kop</h2><p></p><h1>Tweede kop</h1>');
    expect(text).toBe('Inleiding\nKop\nTweede kop');
    expect(headings).toEqual([
      { start: 10, level: 2 },
      { start: 14, level: 1 },
    ]);
  });
});
