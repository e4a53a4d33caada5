/**
 * A report model as a Word document, with the `docx` library:
 *   - the template's styles (template.ts) as the document's styles, so the
 *     house style is the user's to change; headings are Heading1–3, so Word's
 *     navigation pane and the table of contents work;
 *   - a table of contents field after the title page, filled in when written
 *     (entries by docx, page numbers estimated by page-estimate.ts), so it
 *     reads right before anyone updates it;
 *   - captions "Figuur N" / "Tabel N" with SEQ fields (Word renumbers them);
 *   - page numbers in the footer (PAGE field), none on the title page;
 *   - charts as PNG images (charts.ts) with alt text, n stated under each,
 *     and their numbers in a table below;
 *   - Dutch (nl-NL) as the language of every style.
 */
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  SimpleField,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { BoxBlock, FigureBlock, QuoteBlock, ReportBlock, ReportModel, ReportSection, TableBlock, TextRun as ModelRun } from '../../shared/report-model';
import { walkBlocks } from '../../shared/report-model';
import { renderChartPng, type ChartImage } from './charts';
import { STYLE_IDS } from './house-style';
import { templateStyles } from './template';
import { estimateTocPages } from './page-estimate';

/** A4 with 2.5 cm margins: the width text and tables have, in twips. */
const PAGE = { width: 11906, height: 16838, margin: 1417 };
const TEXT_WIDTH_TWIPS = PAGE.width - 2 * PAGE.margin;
/** The same width in pixels at 96 dpi (for images). */
const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH_TWIPS / 1440) * 96);
/**
 * A chart is at most this share of the text height: with its caption, n and
 * the first rows of its table it then fits below half a page of text, so a
 * figure moving to the next page never leaves more than half a page empty.
 */
export const FIGURE_MAX_PAGE_SHARE = 0.4;
const FIGURE_MAX_HEIGHT_PX = Math.floor((((PAGE.height - 2 * PAGE.margin) / 1440) * 96) * FIGURE_MAX_PAGE_SHARE);

type Child = Paragraph | Table | TableOfContents;

export interface WriteProgress {
  done: number;
  total: number;
  message: string;
}

export interface WriteOptions {
  /** The styles to use, prepared (template.ts); when absent, those of `templatePath`. */
  styles?: string | undefined;
  /** A template .docx whose styles to use; default resources/report/sjabloon.docx. */
  templatePath?: string | undefined;
  onProgress?: ((progress: WriteProgress) => void) | undefined;
  /** Estimate the pages to write the table of contents' page numbers (default true). */
  pageNumbers?: boolean | undefined;
}

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function runs(parts: ModelRun[], extra: { bold?: boolean; italics?: boolean } = {}): TextRun[] {
  return parts.map((part) => new TextRun({ text: part.text, bold: part.bold ?? extra.bold, italics: part.italic ?? extra.italics }));
}

/**
 * "Figuur 3. Title": a SEQ field (Word renumbers it when figures move) with
 * the model's number as its result, so the number shows before any update.
 */
function caption(label: 'Figuur' | 'Tabel', number: number, title: string): Paragraph {
  return new Paragraph({
    style: STYLE_IDS.caption,
    keepNext: true,
    children: [new TextRun(`${label} `), new SimpleField(`SEQ ${label} \\* ARABIC`, String(number)), new TextRun(`. ${title}`)],
  });
}

/**
 * Column widths from the content: every column at least as wide as its
 * longest word (so no word breaks), the rest shared by how much text a column
 * holds.
 */
function columnWidths(header: string[], rows: string[][], compact: boolean): number[] {
  const charTwips = compact ? 88 : 100;
  const cellMargins = 240;
  const texts = header.map((title, column) => [title, ...rows.map((row) => row[column] ?? '')]);
  const minimum = texts.map((cells) => {
    const longestWord = Math.max(...cells.flatMap((text) => text.split(/\s+/).map((word) => word.length)));
    return Math.min(16, longestWord) * charTwips * 1.1 + cellMargins;
  });
  const weight = texts.map((cells) => cells.reduce((sum, text) => sum + Math.min(80, text.length), 0) / cells.length + 1);
  const minimumTotal = minimum.reduce((sum, width) => sum + width, 0);
  let widths: number[];
  if (minimumTotal >= TEXT_WIDTH_TWIPS) {
    widths = minimum.map((width) => Math.floor((width / minimumTotal) * TEXT_WIDTH_TWIPS));
  } else {
    const spare = TEXT_WIDTH_TWIPS - minimumTotal;
    const weightTotal = weight.reduce((sum, value) => sum + value, 0);
    widths = minimum.map((width, column) => Math.floor(width + (weight[column]! / weightTotal) * spare));
  }
  widths[widths.length - 1]! += TEXT_WIDTH_TWIPS - widths.reduce((sum, width) => sum + width, 0);
  return widths;
}

const ALIGN = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER } as const;

function dataTable(
  header: string[],
  rows: string[][],
  options: {
    align?: Array<'left' | 'right' | 'center'> | undefined;
    totalRow?: boolean | undefined;
    compact?: boolean | undefined;
    groupRows?: number[] | undefined;
  } = {},
): Table {
  const widths = columnWidths(header, rows, Boolean(options.compact));
  // Numbers in Dutch notation (1.523; 2,9; 59,3%), "–", and a suppressed group's "n < 10" / "< 10" align as numbers.
  const isNumber = (text: string) => /^[-–]?\d{1,3}(\.\d{3})*(,\d+)?%?$|^[-–]?\d+([.,]\d+)?%?$|^–$|^(n )?< \d+$|^n = \d/.test(text.trim());
  const alignOf = (column: number, text: string, isHeader: boolean) => {
    const explicit = options.align?.[column];
    if (explicit) return ALIGN[explicit];
    const numeric = column > 0 && rows.every((row) => isNumber(row[column] ?? ''));
    return numeric && !isHeader ? AlignmentType.RIGHT : numeric ? AlignmentType.RIGHT : isNumber(text) && column > 0 ? AlignmentType.RIGHT : AlignmentType.LEFT;
  };
  const size = options.compact ? 16 : undefined;
  const cell = (text: string, column: number, bold: boolean, isHeader: boolean) =>
    new TableCell({
      width: { size: widths[column]!, type: WidthType.DXA },
      children: [
        new Paragraph({
          style: STYLE_IDS.tableText,
          alignment: alignOf(column, text, isHeader),
          children: [new TextRun({ text, bold: bold || undefined, size })],
        }),
      ],
    });
  return new Table({
    style: STYLE_IDS.table,
    // The table style formats the header row only where the table says it has one (Word reads tblLook).
    tableLook: { firstRow: true, lastRow: false, firstColumn: false, lastColumn: false, noHBand: true, noVBand: true },
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((title, column) => cell(title, column, false, true)) }),
      ...rows.map(
        (row, index) =>
          new TableRow({
            cantSplit: true,
            children: header.map((_, column) =>
              cell(row[column] ?? '', column, Boolean((options.totalRow && index === rows.length - 1) || options.groupRows?.includes(index)), false),
            ),
          }),
      ),
    ],
  });
}

function tableBlock(block: TableBlock): Child[] {
  const children: Child[] = [caption('Tabel', block.number, block.caption), dataTable(block.header, block.rows, block)];
  children.push(new Paragraph({ style: STYLE_IDS.figureNote, children: block.note ? [new TextRun(block.note)] : [] }));
  return children;
}

function figureBlock(block: FigureBlock, image: ChartImage): Child[] {
  // Full text width, unless that makes the chart too tall: then narrower, in proportion.
  const height = Math.min(FIGURE_MAX_HEIGHT_PX, Math.round((image.height / image.width) * TEXT_WIDTH_PX));
  const width = Math.round((image.width / image.height) * height);
  return [
    caption('Figuur', block.number, block.title),
    new Paragraph({
      keepNext: true,
      alignment: AlignmentType.CENTER,
      spacing: { after: 60 },
      children: [
        new ImageRun({
          type: 'png',
          data: image.png,
          transformation: { width, height },
          altText: { name: `Figuur ${block.number}`, title: `Figuur ${block.number}. ${block.title}`, description: block.altText },
        }),
      ],
    }),
    new Paragraph({ style: STYLE_IDS.figureNote, keepNext: true, spacing: { after: 80 }, children: [new TextRun(`${block.nLabel}. De cijfers bij de figuur:`)] }),
    dataTable(block.table.header, block.table.rows, { compact: true, totalRow: false, align: block.table.align }),
    new Paragraph({ style: STYLE_IDS.figureNote, children: block.note ? [new TextRun(block.note)] : [] }),
  ];
}

function quoteParagraph(block: QuoteBlock, style: string = STYLE_IDS.quote): Paragraph {
  return new Paragraph({
    style,
    children: [
      new TextRun({ text: `${block.roleLabel}: `, bold: true, italics: false }),
      new TextRun({ text: `“${block.text}”`, italics: true }),
      ...(block.citation ? [new TextRun({ text: ` ${block.citation}`, italics: false })] : []),
    ],
  });
}

function boxBlock(block: BoxBlock): Child[] {
  const notes = block.variant === 'notes';
  const titleStyle = notes ? STYLE_IDS.noteTitle : STYLE_IDS.boxTitle;
  const bodyStyle = notes ? STYLE_IDS.note : STYLE_IDS.box;
  const children: Child[] = [new Paragraph({ style: titleStyle, keepNext: true, children: [new TextRun(block.title)] })];
  const body = [...block.paragraphs.map((parts) => new Paragraph({ style: bodyStyle, children: runs(parts) })), ...(block.quotes ?? []).map((quote) => quoteParagraph(quote, bodyStyle))];
  if (body.length === 0) body.push(new Paragraph({ style: bodyStyle, children: [] }));
  children.push(...body);
  // An empty paragraph keeps the next box from merging with this one.
  children.push(new Paragraph({ spacing: { after: 0 }, children: [] }));
  return children;
}

function blockChildren(block: ReportBlock, images: Map<string, ChartImage>): Child[] {
  switch (block.kind) {
    case 'paragraph':
      return [
        new Paragraph({
          style: block.variant === 'lead' ? STYLE_IDS.lead : block.variant === 'hint' ? STYLE_IDS.hint : undefined,
          // A paragraph that introduces what follows ("…:") stays on the page of what follows.
          keepNext: /:\s*$/.test(block.runs.at(-1)?.text ?? '') || undefined,
          children: runs(block.runs),
        }),
      ];
    case 'bullets':
      return block.items.map((item) => new Paragraph({ bullet: { level: 0 }, children: runs(item) }));
    case 'table':
      return tableBlock(block);
    case 'figure':
      return figureBlock(block, images.get(block.id)!);
    case 'quote':
      return [quoteParagraph(block)];
    case 'box':
      return boxBlock(block);
  }
}

function sectionChildren(section: ReportSection, images: Map<string, ChartImage>): Child[] {
  return [
    // Kept with what follows and on one page whatever the template says: a heading never ends a page.
    new Paragraph({ heading: HEADINGS[section.level], keepNext: true, keepLines: true, children: [new TextRun(section.title)] }),
    ...section.blocks.flatMap((block) => blockChildren(block, images)),
    ...section.sections.flatMap((child) => sectionChildren(child, images)),
  ];
}

function titlePageChildren(model: ReportModel): Child[] {
  const page = model.titlePage;
  const meta = [
    ...(page.institution ? [page.studyName] : []),
    `Datum: ${page.dateLabel}`,
    ...(page.period ? [`Toezichtperiode: ${page.period}`] : []),
    `Status: ${page.status.toLocaleLowerCase('nl')}, niet verspreiden`,
  ];
  return [
    new Paragraph({ style: STYLE_IDS.conceptLabel, children: [new TextRun(page.status)] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(page.title)] }),
    new Paragraph({ style: STYLE_IDS.subtitle, children: [new TextRun(page.subtitle)] }),
    ...meta.map((line) => new Paragraph({ style: STYLE_IDS.titleMeta, children: [new TextRun(line)] })),
    new Paragraph({ spacing: { before: 1200 }, children: [] }),
    new Paragraph({ style: STYLE_IDS.box, children: [new TextRun(page.notice)] }),
    new Paragraph({ style: STYLE_IDS.tocHeading, pageBreakBefore: true, children: [new TextRun('Inhoud')] }),
    new TableOfContents('Inhoud', { hyperlink: true, headingStyleRange: '1-2' }),
  ];
}

/** The colophon on a page of its own at the end: label and value per line. */
function colophonChildren(model: ReportModel): Child[] {
  if (model.colophon.length === 0) return [];
  return [
    new Paragraph({ style: STYLE_IDS.tocHeading, pageBreakBefore: true, children: [new TextRun('Colofon')] }),
    ...model.colophon.map(
      ({ label, value }) => new Paragraph({ style: STYLE_IDS.titleMeta, keepLines: true, children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] }),
    ),
  ];
}

/** Render every figure's chart (the slow part), reporting progress. */
async function renderImages(model: ReportModel, report: (message: string) => void): Promise<Map<string, ChartImage>> {
  const images = new Map<string, ChartImage>();
  for (const block of walkBlocks(model.chapters)) {
    if (block.kind !== 'figure') continue;
    report(`Figuur ${block.number} tekenen`);
    images.set(block.id, renderChartPng(block.chart));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return images;
}

export function figureCount(model: ReportModel): number {
  return [...walkBlocks(model.chapters)].filter((block) => block.kind === 'figure').length;
}

/** The docx Document for a model (images rendered, styles read), not yet packed. */
export async function buildReportDocument(model: ReportModel, options: WriteOptions = {}): Promise<Document> {
  const total = figureCount(model) + 3;
  let done = 0;
  const report = (message: string) => options.onProgress?.({ done: done++, total, message });
  report('Sjabloon lezen');
  const styles = options.styles ?? (await templateStyles(options.templatePath));
  const images = await renderImages(model, report);
  report('Document opbouwen');
  const footer = new Footer({
    children: [
      new Paragraph({
        style: STYLE_IDS.footer,
        children: [new TextRun(model.titlePage.footerText), new TextRun({ children: ['\t\tPagina ', PageNumber.CURRENT] })],
      }),
    ],
  });
  const section: ISectionOptions = {
    properties: {
      titlePage: true,
      page: {
        size: { width: PAGE.width, height: PAGE.height },
        margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, header: 708, footer: 567 },
      },
    },
    footers: { default: footer, first: new Footer({ children: [new Paragraph({ style: STYLE_IDS.footer, children: [] })] }) },
    children: [...titlePageChildren(model), ...model.chapters.flatMap((chapter) => sectionChildren(chapter, images)), ...colophonChildren(model)],
  };
  return new Document({
    creator: 'Veldwerk',
    lastModifiedBy: 'Veldwerk',
    title: `${model.titlePage.title} (concept)`,
    subject: model.titlePage.subtitle,
    description: 'Rapportconcept, opgesteld door Veldwerk uit het gecodeerde materiaal.',
    keywords: 'concept; toezicht; jeugdbescherming',
    externalStyles: styles,
    ...(options.pageNumbers === false ? {} : { pageNumbers: estimateTocPages }),
    sections: [section],
  });
}

/** The model as .docx bytes. */
export async function writeReportDocx(model: ReportModel, options: WriteOptions = {}): Promise<Buffer> {
  const document = await buildReportDocument(model, options);
  const total = figureCount(model) + 3;
  options.onProgress?.({ done: total - 1, total, message: options.pageNumbers === false ? 'Word-bestand schrijven' : 'Word-bestand schrijven en pagina’s nummeren' });
  const buffer = await Packer.toBuffer(document);
  options.onProgress?.({ done: total, total, message: 'Klaar' });
  return buffer;
}
