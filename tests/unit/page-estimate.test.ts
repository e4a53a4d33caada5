/**
 * The table of contents' page estimate (backend/reports/page-estimate.ts,
 * page-blocks.ts): lines counted from the font's widths, and pages filled as
 * keep settings, widow control and repeated table headers say. Expected
 * figures are worked out by hand from Arial's widths and the page; how well
 * the estimate agrees with a real layout is checked against LibreOffice in
 * tests/integration/report-pages.test.ts.
 */
import { Document, HeadingLevel, Packer, Paragraph, TableOfContents, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { paginate } from '../../backend/reports/page-estimate';
import { readParagraph, StyleSheet, type Block, type ParagraphBlock, type TableBlock, type Xml } from '../../backend/reports/page-blocks';
import { houseStylesXml } from '../../backend/reports/house-style';
import { docxParts } from '../helpers/docx-parts';
import { tocEntries } from '../helpers/toc-agreement';
import { estimateTocPages } from '../../backend/reports/page-estimate';

const line = (lines: number, height = 200, extra: Partial<ParagraphBlock> = {}): ParagraphBlock => ({
  kind: 'paragraph',
  before: 0,
  after: 0,
  lines: Array<number>(lines).fill(height),
  keepNext: false,
  keepLines: false,
  pageBreakBefore: false,
  widowControl: true,
  bookmarks: [],
  ...extra,
});

const table = (rows: number, height: number, headers = 1): TableBlock => ({
  kind: 'table',
  rows: Array.from({ length: rows }, (_, index) => ({ height, cantSplit: true, header: index < headers, bookmarks: [`rij${index}`] })),
});

/** A paragraph read as the writer's documents have it: 10 pt Arial, A4 with 2.5 cm margins (9072 twips wide). */
function paragraphXml(text: string): Xml {
  return { 'w:p': [{ 'w:r': [{ 'w:t': [{ _attr: { 'xml:space': 'preserve' } }, text] }] }] };
}

describe('counting lines', () => {
  const styles = new StyleSheet(undefined);

  it('breaks a line where the next word no longer fits, by Arial’s widths', () => {
    // "aaaaaaaaa" at 10 pt: 9 × 556/1000 × 200 twips = 1000.8; a space 55.6. Eight words take
    // 8 × 1000.8 + 7 × 55.6 = 8395.6 ≤ 9072, nine 9452 > 9072: eight words a line.
    const words = Array<string>(80).fill('aaaaaaaaa').join(' ');
    expect(readParagraph(paragraphXml(words), { styles, width: 9072 }).lines).toHaveLength(10);
    expect(readParagraph(paragraphXml(Array<string>(81).fill('aaaaaaaaa').join(' ')), { styles, width: 9072 }).lines).toHaveLength(11);
  });

  it('counts narrow letters as narrow and capitals as wide', () => {
    // 'i' is 222, 'W' 944: 400 i's are 17,760 twips (2 lines), 100 W's 18,880 (3 lines of 9072).
    expect(readParagraph(paragraphXml('i'.repeat(400)), { styles, width: 9072 }).lines).toHaveLength(2);
    expect(readParagraph(paragraphXml('W'.repeat(100)), { styles, width: 9072 }).lines).toHaveLength(3);
  });

  it('takes a style’s size, spacing and keep settings from the styles part', async () => {
    const parsed = await styleSheetOf(houseStylesXml());
    const heading = readParagraph({ 'w:p': [{ 'w:pPr': [{ 'w:pStyle': { _attr: { 'w:val': 'Heading1' } } }] }, { 'w:r': [{ 'w:t': ['Inleiding'] }] }] }, { styles: parsed, width: 9072 });
    expect(heading).toMatchObject({ pageBreakBefore: true, keepNext: true, keepLines: true, after: 280 });
    // 20 pt, single spacing: one line of 20 × 20 × 1.149 twips.
    expect(heading.lines[0]).toBeCloseTo(459.6, 0);
  });
});

describe('filling pages', () => {
  it('starts a paragraph with a page break before it on a new page', () => {
    const { starts } = paginate([line(3), line(2, 200, { pageBreakBefore: true }), line(1)], 10_000);
    expect(starts.map((start) => start.page)).toEqual([1, 2, 2]);
  });

  it('moves a heading kept with the next paragraph to the page that paragraph starts on', () => {
    for (let filler = 40; filler <= 55; filler++) {
      const blocks: Block[] = [...Array.from({ length: filler }, () => line(1)), line(1, 300, { keepNext: true }), line(4)];
      const { starts } = paginate(blocks, 10_000);
      expect(starts.at(-2)!.page, `${filler} regels ervoor`).toBe(starts.at(-1)!.page);
    }
  });

  it('keeps two lines of a paragraph together at either side of a page break', () => {
    // 49 lines of 200 fill 9,800 of 10,000: one more line fits, two do not. The 10-line paragraph moves whole.
    const orphan = paginate([line(49), line(10)], 10_000);
    expect(orphan.starts[1]).toEqual({ page: 2, y: 0 });
    // After 41 lines, 9 of 10 fit: 8 stay, 2 go to the next page.
    const widow = paginate([line(41), line(10)], 10_000);
    expect(widow.starts[1]!.page).toBe(1);
    expect(widow.pages).toBe(2);
  });

  it('repeats a table’s header row on every page it continues on', () => {
    // Rows of 500 on pages of 10,000: the first page holds the header and rows 1–19, every next page the header and 19 more.
    const { bookmarks, pages } = paginate([table(77, 500)], 10_000);
    expect(bookmarks.get('rij19')).toBe(1);
    expect(bookmarks.get('rij20')).toBe(2);
    expect(bookmarks.get('rij58')).toBe(4);
    expect(pages).toBe(4);
  });

  it('does not leave a table’s header row alone at the foot of a page', () => {
    const { starts } = paginate([line(47), table(5, 500)], 10_000);
    expect(starts[1]!.page).toBe(2);
  });
});

describe('as docx’s page number estimator', () => {
  it('writes the page of every chapter into the table of contents', async () => {
    // Chapters start on a new page (Heading 1 in the house style); the second has 60 paragraphs of one line (13.2 pt and
    // 6 pt between them: 34 fit below the heading on a page of 700 pt), so it takes two pages.
    const chapter = (title: string, paragraphs: number) => [
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(title)] }),
      ...Array.from({ length: paragraphs }, (_, index) => new Paragraph(`Regel ${index + 1}.`)),
    ];
    const document = new Document({
      externalStyles: houseStylesXml(),
      pageNumbers: estimateTocPages,
      sections: [
        {
          properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1417, bottom: 1417, left: 1417, right: 1417 } } },
          children: [new TableOfContents('Inhoud', { headingStyleRange: '1-2' }), ...chapter('Een', 5), ...chapter('Twee', 60), ...chapter('Drie', 5)],
        },
      ],
    });
    const xml = (await docxParts(await Packer.toBuffer(document))).get('word/document.xml')!;
    expect(tocEntries(xml).map((entry) => [entry.title, entry.page])).toEqual([
      ['Een', 2],
      ['Twee', 3],
      ['Drie', 5],
    ]);
  });
});

describe('with a template written by someone else', () => {
  it('follows styles based on each other in a loop, or on styles that do not exist, without hanging or failing', async () => {
    const styles = `<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Kop"/><w:pPr><w:pageBreakBefore/><w:outlineLvl w:val="0"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Kop"><w:name w:val="Kop"/><w:basedOn w:val="Heading1"/><w:rPr><w:sz w:val="abc"/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:name w:val="Normal"/><w:basedOn w:val="Bestaatniet"/></w:style></w:styles>`;
    const parsed = await styleSheetOf(styles);
    expect(parsed.chain('Heading1')).toHaveLength(2);
    const heading = readParagraph({ 'w:p': [{ 'w:pPr': [{ 'w:pStyle': { _attr: { 'w:val': 'Heading1' } } }] }, { 'w:r': [{ 'w:t': ['Een'] }] }] }, { styles: parsed, width: 9072 });
    expect(heading.pageBreakBefore).toBe(true);
    expect(heading.lines).toHaveLength(1);
    expect(Number.isFinite(heading.lines[0])).toBe(true);
  });
});

/** The styles part as docx formats it for the estimator. */
async function styleSheetOf(stylesXml: string): Promise<StyleSheet> {
  let sheet: StyleSheet | null = null;
  const capture = ((_body: unknown, context: { file: { Styles: { prepForXml(context: unknown): unknown } } }) => {
    sheet = new StyleSheet(context.file.Styles.prepForXml(context) as Xml);
    return { bookmarks: new Map() };
  }) as unknown as typeof estimateTocPages;
  await Packer.toBuffer(new Document({ externalStyles: stylesXml, pageNumbers: capture, sections: [{ children: [new Paragraph('x')] }] }));
  return sheet!;
}
