/**
 * The page each heading of a draft starts on, for the numbers in its table of
 * contents: a `pageNumbers` estimator for docx's Document, in one linear pass.
 * docx/layout's estimatePageNumbers lays the pages out as Word does, glyph by
 * glyph and in up to three passes; at national scale that took about 57 s of
 * a 66 s draft. This one counts lines from text length and the font's widths
 * (page-blocks.ts), then fills pages top to bottom following what moves text
 * to the next page: page breaks before (chapters, the table of contents, the
 * colophon), keep with next and keep lines together, widow and orphan control,
 * rows that cannot split and header rows repeated on every page of a table.
 * The numbers are an estimate, tuned to and checked against LibreOffice's
 * layout (tests/integration/report-pages.test.ts), the one layout engine
 * this project can run; where Word lays a page out differently a number may
 * be a page off in Word. The field stays a TOC field, so Word puts its own
 * numbers in when it updates the fields.
 */
import type { EstimatedPageNumbers, IContext, IXmlableObject, PageNumberEstimator } from 'docx';
import { childrenOf, pageGeometry, readBlocks, stackHeight, StyleSheet, type Block, type ParagraphBlock, type TableBlock, type Xml } from './page-blocks';

export interface Pagination {
  /** Page (counted from 1) each bookmark starts on. */
  bookmarks: Map<string, number>;
  pages: number;
  /** Page and height from its top (twips) each block starts at. */
  starts: Array<{ page: number; y: number }>;
}

/** How many blocks a chain of "keep with next" may span before it is left to break (Word gives up on long chains too). */
const MAX_CHAIN = 30;

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** The lines of a paragraph that must be on the page it starts on: all when kept together or short, else two (widow and orphan control). */
function keptLines(block: ParagraphBlock): number {
  if (block.keepLines || !block.widowControl || block.lines.length <= 3) return block.lines.length;
  return 2;
}

/** The rows a table cannot start a page without: its header rows and the first row after them. */
function tableStart(table: TableBlock): TableBlock['rows'] {
  const headers = table.rows.findIndex((row) => !row.header);
  return table.rows.slice(0, headers === -1 ? table.rows.length : headers + 1);
}

/**
 * Fill pages of `pageHeight` twips with the blocks, in one pass. Space above
 * a paragraph is left out at the top of a page it flowed onto (kept after a
 * page break before it), and between paragraphs the larger of the space
 * below and above counts, as LibreOffice lays them out.
 */
export function paginate(blocks: Block[], pageHeight: number): Pagination {
  const bookmarks = new Map<string, number>();
  const starts: Pagination['starts'] = [];
  let page = 1;
  let y = 0;
  let hasContent = false;
  /** Space below the paragraph just placed, not yet added. */
  let after = 0;
  let brokenBefore = true;
  const newPage = (forced: boolean) => {
    page++;
    y = 0;
    after = 0;
    hasContent = false;
    brokenBefore = forced;
  };
  /** The space above a paragraph where it would go now. */
  const gapAbove = (block: ParagraphBlock) => (hasContent ? Math.max(after, block.before) : brokenBefore ? block.before : 0);
  const fits = (height: number) => !hasContent || y + height <= pageHeight;
  const mark = (names: string[]) => {
    for (const name of names) if (!bookmarks.has(name)) bookmarks.set(name, page);
  };

  const placeParagraph = (block: ParagraphBlock) => {
    if (block.pageBreakBefore && hasContent) newPage(true);
    // The lines that must stay together move to the next page together; kept whole inside a border group, with the space below it.
    const kept = keptLines(block);
    const first = sum(block.lines.slice(0, kept)) + (kept === block.lines.length && block.afterInside ? block.after : 0);
    if (!fits(gapAbove(block) + first) && block.before + first <= pageHeight) newPage(false);
    y += gapAbove(block);
    // A group of bordered paragraphs that continues on a new page gets its top border again there.
    if (!hasContent) y += block.continuedBorder ?? 0;
    mark(block.bookmarks);
    starts.push({ page, y });
    const count = block.lines.length;
    for (let index = 0; index < count; index++) {
      const height = block.lines[index]!;
      if (hasContent && y + height > pageHeight) {
        // A last line alone on the next page takes the line before it along.
        const widow = block.widowControl && index === count - 1 && index >= 3;
        newPage(false);
        if (widow) y += block.lines[index - 1]!;
      }
      y += height;
      hasContent = true;
    }
    after = block.after;
  };

  const placeTable = (table: TableBlock) => {
    const headerHeight = sum(table.rows.filter((row) => row.header).map((row) => row.height));
    const start = sum(tableStart(table).map((row) => row.height));
    if (!fits(after + start) && start <= pageHeight) newPage(false);
    y += after;
    after = 0;
    if (table.rows.length === 0) starts.push({ page, y });
    for (const row of table.rows) {
      if (hasContent && y + row.height > pageHeight) {
        newPage(false);
        // The header rows repeat at the top of the page; the row then follows them.
        if (!row.header && headerHeight + row.height <= pageHeight) y = headerHeight;
      }
      if (row === table.rows[0]) starts.push({ page, y });
      mark(row.bookmarks);
      y += row.height;
      hasContent = true;
    }
  };

  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index]!;
    const previous = blocks[index - 1];
    const startsChain = block.kind === 'paragraph' && block.keepNext && !(previous?.kind === 'paragraph' && previous.keepNext);
    if (startsChain) {
      if (block.pageBreakBefore && hasContent) newPage(true);
      const chain = keptChainHeight(blocks, index);
      if (hasContent && y + Math.max(after, block.before) + chain > pageHeight && chain <= pageHeight) newPage(false);
    }
    if (block.kind === 'paragraph') placeParagraph(block);
    else placeTable(block);
  }
  return { bookmarks, pages: page, starts };
}

/** The height a chain of paragraphs kept with the next needs on one page (less the space above it): all of them and the first lines or row of what follows. */
function keptChainHeight(blocks: Block[], start: number): number {
  const chain: Block[] = [];
  for (let index = start; index < Math.min(blocks.length, start + MAX_CHAIN); index++) {
    const block = blocks[index]!;
    if (index > start && block.kind === 'paragraph' && block.pageBreakBefore) break;
    if (block.kind === 'table') {
      chain.push({ kind: 'table', rows: tableStart(block) });
      break;
    }
    if (!block.keepNext) {
      const kept = keptLines(block);
      chain.push({ ...block, lines: block.lines.slice(0, kept), after: kept === block.lines.length && block.afterInside ? block.after : 0 });
      break;
    }
    chain.push(block);
  }
  const [first] = chain;
  return stackHeight(chain) - (first?.kind === 'paragraph' ? first.before : 0);
}

/** The body's blocks and page, from docx's formatted body and the document's styles. */
export function bodyBlocks(body: IXmlableObject, context: IContext): { blocks: Block[]; height: number; firstNumber: number } {
  const bodyXml = body as unknown as Xml;
  const styles = new StyleSheet(context.file?.Styles?.prepForXml(context) as unknown as Xml | undefined);
  const geometry = pageGeometry(bodyXml);
  return { blocks: readBlocks(childrenOf(bodyXml), { styles, width: geometry.width }), height: geometry.height, firstNumber: geometry.firstNumber };
}

/**
 * docx's `pageNumbers`: the page of every bookmark (the table of contents' headings) and the number of pages. Should a
 * document hold something the estimate cannot read, the numbers are left blank (Word fills them in when it updates the
 * fields) rather than the draft failing.
 */
export const estimateTocPages: PageNumberEstimator = (body: IXmlableObject, context: IContext): EstimatedPageNumbers => {
  let pagination: Pagination;
  let firstNumber: number;
  try {
    const read = bodyBlocks(body, context);
    firstNumber = read.firstNumber;
    pagination = paginate(read.blocks, read.height);
  } catch {
    return { bookmarks: new Map() };
  }
  const numbers = new Map([...pagination.bookmarks].map(([name, page]) => [name, page + firstNumber - 1]));
  return {
    bookmarks: new Map([...numbers].map(([name, number]) => [name, String(number)])),
    bookmarkPageNumbers: numbers,
    pageCount: pagination.pages,
    sectionPageCounts: [pagination.pages],
  };
};
