/**
 * A formatted Word body (the XML objects docx writes) read as a column of
 * blocks with heights, for the table of contents' page estimate
 * (page-estimate.ts): each paragraph as its lines, counted from its text and
 * the widths of its font (font-metrics.ts) in the width its indents leave,
 * with its spacing, borders and keep settings; each table as its rows, the
 * height of a row that of its tallest cell. Styles are followed as Word
 * follows them: document defaults, the table's style, the paragraph's style
 * and the styles it is based on, then the paragraph's and run's own settings.
 * One pass over the body: every element is read once.
 */
import { charWidth, fontFactors } from './font-metrics';

/** One element of docx's formatted XML: `{ 'w:p': [children…] }`, attributes in a child `{ _attr: {…} }`. */
export type Xml = Record<string, unknown>;

export interface ParagraphBlock {
  kind: 'paragraph';
  /** Space above and below, in twips. */
  before: number;
  after: number;
  /** The height of each line, in twips (borders included in the first and last). */
  lines: number[];
  keepNext: boolean;
  keepLines: boolean;
  pageBreakBefore: boolean;
  widowControl: boolean;
  /** Bookmarks that start in it. */
  bookmarks: string[];
  /** The top border of the group of bordered paragraphs it continues: drawn again above it when it starts a page. */
  continuedBorder?: number | undefined;
  /** The space below it lies inside its border group (the next paragraph shares the border), so it must fit on the page too. */
  afterInside?: boolean | undefined;
}

export interface TableRowBlock {
  height: number;
  cantSplit: boolean;
  /** Repeated at the top of every page the table continues on. */
  header: boolean;
  bookmarks: string[];
}

export interface TableBlock {
  kind: 'table';
  rows: TableRowBlock[];
}

export type Block = ParagraphBlock | TableBlock;

export interface PageGeometry {
  /** The height of the text area and its width, in twips. */
  height: number;
  width: number;
  /** The number the first page shows. */
  firstNumber: number;
}

// ---------------------------------------------------------------------------
// Reading docx's XML objects

const ATTR = '_attr';

export function nameOf(element: Xml): string {
  for (const key in element) if (key !== ATTR) return key;
  return '';
}

const isElement = (value: unknown): value is Xml => typeof value === 'object' && value !== null && !(ATTR in value);

export function childrenOf(element: Xml | undefined): Xml[] {
  if (!element) return [];
  const value = element[nameOf(element)];
  return Array.isArray(value) ? value.filter(isElement) : [];
}

export function attributesOf(element: Xml | undefined): Record<string, unknown> {
  if (!element) return {};
  const value = element[nameOf(element)];
  const holder = Array.isArray(value) ? value.find((item) => typeof item === 'object' && item !== null && ATTR in item) : value;
  return (typeof holder === 'object' && holder !== null && ATTR in holder ? (holder as { _attr: Record<string, unknown> })._attr : {}) ?? {};
}

export function childOf(element: Xml | undefined, name: string): Xml | undefined {
  return childrenOf(element).find((child) => nameOf(child) === name);
}

function textOf(element: Xml): string {
  const value = element[nameOf(element)];
  if (typeof value === 'string') return value;
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string').join('') : '';
}

function numberAttribute(element: Xml | undefined, name: string): number | undefined {
  const value = Number(attributesOf(element)[name]);
  return element && Number.isFinite(value) ? value : undefined;
}

/** A toggle such as `<w:b/>` or `<w:keepNext w:val="0"/>`, or undefined when absent. */
function toggle(element: Xml | undefined): boolean | undefined {
  if (!element) return undefined;
  const value = attributesOf(element)['w:val'];
  return !(value === false || value === 0 || value === '0' || value === 'false' || value === 'off');
}

// ---------------------------------------------------------------------------
// Formatting, layered as Word layers it

interface Formatting {
  before: number;
  after: number;
  line: number;
  lineRule: string;
  left: number;
  right: number;
  firstLine: number;
  keepNext: boolean;
  keepLines: boolean;
  pageBreakBefore: boolean;
  widowControl: boolean;
  /** Border above and below (line and its distance), in twips, and what the border looks like (paragraphs with the same one share it). */
  borderTop: number;
  borderBottom: number;
  borderKey: string;
  /** The width of the left and right border lines, which LibreOffice takes from the text's width. */
  borderSides: number;
  numbered: boolean;
  /** Font size in half-points. */
  size: number;
  bold: boolean;
  caps: boolean;
  /** Extra space after every character, in twips. */
  charSpacing: number;
  font: string;
}

type Layer = Partial<Formatting>;

const BASE: Formatting = {
  before: 0,
  after: 0,
  line: 240,
  lineRule: 'auto',
  left: 0,
  right: 0,
  firstLine: 0,
  keepNext: false,
  keepLines: false,
  pageBreakBefore: false,
  // Word and LibreOffice keep at least two lines of a paragraph together at either side of a page break.
  widowControl: true,
  borderTop: 0,
  borderBottom: 0,
  borderKey: '',
  borderSides: 0,
  numbered: false,
  size: 20,
  bold: false,
  caps: false,
  charSpacing: 0,
  font: 'Arial',
};

function define(layer: Layer, key: keyof Formatting, value: unknown): void {
  if (value !== undefined) (layer as Record<string, unknown>)[key] = value;
}

const borderTwips = (side: Xml | undefined) => {
  if (!side || ['nil', 'none'].includes(String(attributesOf(side)['w:val']))) return 0;
  return ((numberAttribute(side, 'w:sz') ?? 4) * 20) / 8 + (numberAttribute(side, 'w:space') ?? 0) * 20;
};

function paragraphLayer(pPr: Xml | undefined): Layer {
  const layer: Layer = {};
  if (!pPr) return layer;
  const spacing = childOf(pPr, 'w:spacing');
  define(layer, 'before', numberAttribute(spacing, 'w:before'));
  define(layer, 'after', numberAttribute(spacing, 'w:after'));
  define(layer, 'line', numberAttribute(spacing, 'w:line'));
  define(layer, 'lineRule', attributesOf(spacing)['w:lineRule'] ?? (numberAttribute(spacing, 'w:line') === undefined ? undefined : 'auto'));
  const indent = childOf(pPr, 'w:ind');
  define(layer, 'left', numberAttribute(indent, 'w:left') ?? numberAttribute(indent, 'w:start'));
  define(layer, 'right', numberAttribute(indent, 'w:right') ?? numberAttribute(indent, 'w:end'));
  const hanging = numberAttribute(indent, 'w:hanging');
  define(layer, 'firstLine', hanging !== undefined ? -hanging : numberAttribute(indent, 'w:firstLine'));
  define(layer, 'keepNext', toggle(childOf(pPr, 'w:keepNext')));
  define(layer, 'keepLines', toggle(childOf(pPr, 'w:keepLines')));
  define(layer, 'pageBreakBefore', toggle(childOf(pPr, 'w:pageBreakBefore')));
  define(layer, 'widowControl', toggle(childOf(pPr, 'w:widowControl')));
  const borders = childOf(pPr, 'w:pBdr');
  if (borders) {
    define(layer, 'borderTop', borderTwips(childOf(borders, 'w:top')));
    define(layer, 'borderBottom', borderTwips(childOf(borders, 'w:bottom')));
    define(layer, 'borderKey', JSON.stringify(borders));
    const line = (side: Xml | undefined) => (side && !['nil', 'none'].includes(String(attributesOf(side)['w:val'])) ? ((numberAttribute(side, 'w:sz') ?? 4) * 20) / 8 : 0);
    define(layer, 'borderSides', line(childOf(borders, 'w:left')) + line(childOf(borders, 'w:right')));
  }
  if (childOf(pPr, 'w:numPr')) layer.numbered = true;
  Object.assign(layer, runLayer(childOf(pPr, 'w:rPr'), true));
  return layer;
}

/** `markOnly`: the paragraph mark's run properties, which only size an empty paragraph. */
function runLayer(rPr: Xml | undefined, markOnly = false): Layer {
  const layer: Layer = {};
  if (!rPr || markOnly) return layer;
  define(layer, 'size', numberAttribute(childOf(rPr, 'w:sz'), 'w:val'));
  define(layer, 'bold', toggle(childOf(rPr, 'w:b')));
  define(layer, 'caps', toggle(childOf(rPr, 'w:caps')));
  define(layer, 'charSpacing', numberAttribute(childOf(rPr, 'w:spacing'), 'w:val'));
  const fonts = attributesOf(childOf(rPr, 'w:rFonts'));
  define(layer, 'font', fonts['w:ascii'] ?? fonts['w:hAnsi']);
  return layer;
}

interface StyleEntry {
  type: string;
  basedOn: string | undefined;
  layer: Layer;
  isDefault: boolean;
  /** Of a table style: its cell margins and borders. */
  cellMargins?: Partial<CellMargins>;
  insideH?: number;
  top?: number;
  bottom?: number;
}

interface CellMargins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

function readCellMargins(element: Xml | undefined): Partial<CellMargins> {
  const margins: Partial<CellMargins> = {};
  for (const side of ['top', 'bottom', 'left', 'right'] as const) {
    const value = numberAttribute(childOf(element, `w:${side}`) ?? childOf(element, side === 'left' ? 'w:start' : side === 'right' ? 'w:end' : ''), 'w:w');
    if (value !== undefined) margins[side] = value;
  }
  return margins;
}

/** The styles part, read once per document. */
export class StyleSheet {
  private readonly styles = new Map<string, StyleEntry>();
  private readonly resolved = new Map<string, Layer>();
  readonly defaults: Layer;
  readonly defaultParagraphStyle: string | undefined;
  readonly defaultTableStyle: string | undefined;

  constructor(stylesXml: Xml | undefined) {
    const children = childrenOf(stylesXml);
    const docDefaults = children.find((child) => nameOf(child) === 'w:docDefaults');
    this.defaults = {
      ...runLayer(childOf(childOf(docDefaults, 'w:rPrDefault'), 'w:rPr')),
      ...paragraphLayer(childOf(childOf(docDefaults, 'w:pPrDefault'), 'w:pPr')),
    };
    for (const style of children.filter((child) => nameOf(child) === 'w:style')) {
      const attributes = attributesOf(style);
      const id = String(attributes['w:styleId'] ?? '');
      const tblPr = childOf(style, 'w:tblPr');
      const borders = childOf(tblPr, 'w:tblBorders');
      this.styles.set(id, {
        type: String(attributes['w:type'] ?? 'paragraph'),
        basedOn: attributesOf(childOf(style, 'w:basedOn'))['w:val'] as string | undefined,
        layer: { ...paragraphLayer(childOf(style, 'w:pPr')), ...runLayer(childOf(style, 'w:rPr')) },
        isDefault: ['1', 'true', 'on', 1, true].includes(attributes['w:default'] as string),
        cellMargins: tblPr ? readCellMargins(childOf(tblPr, 'w:tblCellMar')) : undefined,
        insideH: borders ? borderTwips(childOf(borders, 'w:insideH')) : undefined,
        top: borders ? borderTwips(childOf(borders, 'w:top')) : undefined,
        bottom: borders ? borderTwips(childOf(borders, 'w:bottom')) : undefined,
      });
    }
    this.defaultParagraphStyle = [...this.styles].find(([, style]) => style.type === 'paragraph' && style.isDefault)?.[0];
    this.defaultTableStyle = [...this.styles].find(([, style]) => style.type === 'table' && style.isDefault)?.[0];
  }

  /** The chain of a style, from the style it is ultimately based on to itself (loops cut). */
  chain(id: string | undefined): StyleEntry[] {
    const chain: StyleEntry[] = [];
    const seen = new Set<string>();
    while (id !== undefined && !seen.has(id)) {
      seen.add(id);
      const style = this.styles.get(id);
      if (!style) break;
      chain.unshift(style);
      id = style.basedOn;
    }
    return chain;
  }

  /** The formatting of a style with everything it is based on (not the document's defaults). */
  own(id: string | undefined): Layer {
    const key = id ?? '';
    let layer = this.resolved.get(key);
    if (!layer) {
      layer = Object.assign({}, ...this.chain(id).map((style) => style.layer)) as Layer;
      this.resolved.set(key, layer);
    }
    return layer;
  }
}

// ---------------------------------------------------------------------------
// Lines

/** Single line height of a font size (half-points) in a font, in twips. */
function singleLine(format: Formatting): number {
  return format.size * 10 * fontFactors(format.font).line;
}

function lineHeight(format: Formatting, single: number): number {
  if (format.lineRule === 'exact') return format.line;
  if (format.lineRule === 'atLeast') return Math.max(format.line, single);
  // In whole twips, as LibreOffice counts them (a 10 pt line at 1.15 is 264 twips, not 264.3: it adds up over a page).
  return Math.floor((Math.round(single) * format.line) / 240);
}

/** What a line holding a picture has beyond the picture's height, in twips (measured in LibreOffice). */
const IMAGE_LINE_EXTRA = 35;

/** Twips from the EMUs of a drawing's extent. */
const EMU_PER_TWIP = 635;

interface TextState {
  width: number;
  firstWidth: number;
  lines: number;
  lineWidth: number;
  wordWidth: number;
  space: number;
  onFirst: boolean;
  /** The largest font size on the paragraph (half-points), for its line height. */
  size: number;
  images: number[];
  bookmarks: string[];
  pageBreak: boolean;
}

function commitWord(state: TextState): void {
  const room = state.onFirst ? state.firstWidth : state.width;
  if (state.lineWidth > 0 && state.lineWidth + state.space + state.wordWidth > room) newLine(state, state.wordWidth);
  else state.lineWidth += state.space + state.wordWidth;
  state.wordWidth = 0;
  state.space = 0;
}

function newLine(state: TextState, carried = 0): void {
  state.lines++;
  state.onFirst = false;
  state.lineWidth = carried;
}

function addText(state: TextState, text: string, format: Formatting): void {
  const scale = (format.size * 10 * fontFactors(format.font).width) / 1000;
  if (text.length > 0) state.size = Math.max(state.size, format.size);
  for (const raw of format.caps ? text.toUpperCase() : text) {
    const width = charWidth(raw, format.bold) * scale + format.charSpacing;
    if (raw === ' ') {
      commitWord(state);
      state.space = width;
      continue;
    }
    state.wordWidth += width;
    // A word longer than the line breaks where it reaches the end.
    const room = state.onFirst ? state.firstWidth : state.width;
    if (state.wordWidth > room) {
      if (state.lineWidth > 0) newLine(state);
      newLine(state, 0);
      state.wordWidth = width;
    }
  }
}

function addTab(state: TextState): void {
  commitWord(state);
  const step = 720;
  // To the next default tab stop, and at least room for a page number after a table of contents' right tab.
  state.lineWidth = Math.max(state.lineWidth + 500, (Math.floor(state.lineWidth / step) + 1) * step);
}

const SKIPPED = new Set(['w:pPr', 'w:rPr', 'w:instrText', 'w:delText', 'w:del', 'w:fldChar', 'w:commentReference', 'w:footnoteReference', 'w:endnoteReference']);

function walkRuns(state: TextState, element: Xml, format: Formatting, styles: StyleSheet): void {
  for (const child of childrenOf(element)) {
    const name = nameOf(child);
    if (SKIPPED.has(name)) continue;
    switch (name) {
      case 'w:r': {
        const rPr = childOf(child, 'w:rPr');
        const characterStyle = attributesOf(childOf(rPr, 'w:rStyle'))['w:val'] as string | undefined;
        const styled = characterStyle ? { ...format, ...pickRun(styles.own(characterStyle)) } : format;
        walkRuns(state, child, { ...styled, ...runLayer(rPr) } as Formatting, styles);
        break;
      }
      case 'w:t':
        addText(state, textOf(child), format);
        break;
      case 'w:tab':
      case 'w:ptab':
        addTab(state);
        break;
      case 'w:br':
      case 'w:cr': {
        const type = attributesOf(child)['w:type'];
        if (type === 'page') state.pageBreak = true;
        else {
          commitWord(state);
          newLine(state);
        }
        break;
      }
      case 'w:noBreakHyphen':
      case 'w:softHyphen':
      case 'w:sym':
        addText(state, '-', format);
        break;
      case 'w:drawing': {
        const extent = findDeep(child, 'wp:extent');
        const inline = findDeep(child, 'wp:inline');
        if (extent && inline) state.images.push((numberAttribute(extent, 'cy') ?? 0) / EMU_PER_TWIP);
        break;
      }
      case 'w:bookmarkStart':
        state.bookmarks.push(String(attributesOf(child)['w:name']));
        break;
      default:
        // Hyperlinks, simple fields, content controls, insertions: their runs count.
        walkRuns(state, child, format, styles);
    }
  }
}

/** A character style's run settings only (its paragraph settings do not apply to runs). */
function pickRun(layer: Layer): Layer {
  const { size, bold, caps, charSpacing, font } = layer;
  const picked: Layer = {};
  define(picked, 'size', size);
  define(picked, 'bold', bold);
  define(picked, 'caps', caps);
  define(picked, 'charSpacing', charSpacing);
  define(picked, 'font', font);
  return picked;
}

function findDeep(element: Xml, name: string): Xml | undefined {
  for (const child of childrenOf(element)) {
    if (nameOf(child) === name) return child;
    const found = findDeep(child, name);
    if (found) return found;
  }
  return undefined;
}

/** A numbered or bulleted paragraph without indents of its own is indented as docx's lists are. */
const LIST_INDENT = 720;

export interface ReadContext {
  styles: StyleSheet;
  /** The width the paragraph is in: the text area, or a table cell's less its margins. */
  width: number;
  /** The table style's formatting, for a paragraph in a table. */
  tableLayer?: Layer | undefined;
}

/** A paragraph as a block (a page break in it is taken as one before it: Word's drafts have them first). */
export function readParagraph(paragraph: Xml, context: ReadContext): ParagraphBlock & { borderKey: string; borderTop: number; borderBottom: number } {
  const pPr = childOf(paragraph, 'w:pPr');
  const styleId = (attributesOf(childOf(pPr, 'w:pStyle'))['w:val'] as string | undefined) ?? context.styles.defaultParagraphStyle;
  const format: Formatting = { ...BASE, ...context.styles.defaults, ...context.tableLayer, ...context.styles.own(styleId), ...paragraphLayer(pPr) };
  const left = format.numbered && format.left === 0 ? LIST_INDENT : format.left;
  const width = Math.max(240, context.width - left - format.right - format.borderSides);
  const state: TextState = {
    width,
    firstWidth: Math.max(240, width - Math.max(0, format.firstLine)),
    lines: 1,
    lineWidth: 0,
    wordWidth: 0,
    space: 0,
    onFirst: true,
    size: 0,
    images: [],
    bookmarks: [],
    pageBreak: false,
  };
  walkRuns(state, paragraph, format, context.styles);
  commitWord(state);
  const textHeight = lineHeight(format, singleLine({ ...format, size: state.size || format.size }));
  const hasText = state.lineWidth > 0 || state.lines > 1;
  // A picture's line is as tall as the picture (LibreOffice applies no line spacing to it), and a little for the text's descent.
  const lines = [...(hasText || state.images.length === 0 ? Array<number>(state.lines).fill(textHeight) : []), ...state.images.map((height) => height + IMAGE_LINE_EXTRA)];
  return {
    kind: 'paragraph',
    before: format.before,
    after: format.after,
    lines,
    keepNext: format.keepNext,
    keepLines: format.keepLines,
    pageBreakBefore: format.pageBreakBefore || state.pageBreak,
    widowControl: format.widowControl,
    bookmarks: state.bookmarks,
    borderKey: format.borderKey,
    borderTop: format.borderTop,
    borderBottom: format.borderBottom,
  };
}

/**
 * The height of blocks one below the other, without page breaks. Between two
 * paragraphs the larger of the space below the first and above the second
 * counts, as LibreOffice lays them out.
 */
export function stackHeight(blocks: Block[]): number {
  let height = 0;
  let after = 0;
  for (const block of blocks) {
    if (block.kind === 'table') {
      height += after + block.rows.reduce((sum, row) => sum + row.height, 0);
      after = 0;
      continue;
    }
    height += Math.max(after, block.before) + block.lines.reduce((sum, line) => sum + line, 0);
    after = block.after;
  }
  return height + after;
}

export function readTable(table: Xml, context: ReadContext): TableBlock {
  const tblPr = childOf(table, 'w:tblPr');
  const styleId = (attributesOf(childOf(tblPr, 'w:tblStyle'))['w:val'] as string | undefined) ?? context.styles.defaultTableStyle;
  const chain = context.styles.chain(styleId);
  const margins: CellMargins = Object.assign({ top: 0, bottom: 0, left: 108, right: 108 }, ...chain.map((style) => style.cellMargins ?? {}), readCellMargins(childOf(tblPr, 'w:tblCellMar')));
  const ownBorders = childOf(tblPr, 'w:tblBorders');
  const borderOf = (side: 'insideH' | 'top' | 'bottom') =>
    ownBorders && childOf(ownBorders, `w:${side}`) ? borderTwips(childOf(ownBorders, `w:${side}`)) : (chain.findLast((style) => style[side] !== undefined)?.[side] ?? 0);
  const inside = borderOf('insideH');
  const grid = childrenOf(childOf(table, 'w:tblGrid')).map((column) => numberAttribute(column, 'w:w') ?? 0);
  const tableLayer = context.styles.own(styleId);
  const rows = childrenOf(table).filter((child) => nameOf(child) === 'w:tr');
  const read: TableRowBlock[] = rows.map((row, index) => {
    const trPr = childOf(row, 'w:trPr');
    let column = 0;
    let tallest = 0;
    const bookmarks: string[] = [];
    for (const cell of childrenOf(row).filter((child) => nameOf(child) === 'w:tc')) {
      const tcPr = childOf(cell, 'w:tcPr');
      const span = numberAttribute(childOf(tcPr, 'w:gridSpan'), 'w:val') ?? 1;
      const ownWidth = childOf(tcPr, 'w:tcW');
      const width =
        ownWidth && (attributesOf(ownWidth)['w:type'] ?? 'dxa') === 'dxa' ? (numberAttribute(ownWidth, 'w:w') ?? 0) : grid.slice(column, column + span).reduce((sum, value) => sum + value, 0);
      column += span;
      const cellMargins = { ...margins, ...readCellMargins(childOf(tcPr, 'w:tcMar')) };
      const blocks = readBlocks(childrenOf(cell), { styles: context.styles, width: width - cellMargins.left - cellMargins.right, tableLayer });
      const height = stackHeight(blocks);
      for (const block of blocks) bookmarks.push(...(block.kind === 'paragraph' ? block.bookmarks : block.rows.flatMap((inner) => inner.bookmarks)));
      tallest = Math.max(tallest, height + cellMargins.top + cellMargins.bottom);
    }
    const given = childOf(trPr, 'w:trHeight');
    const givenHeight = numberAttribute(given, 'w:val') ?? 0;
    const height = attributesOf(given)['w:hRule'] === 'exact' ? givenHeight : Math.max(givenHeight, tallest);
    const borders = (index === 0 ? borderOf('top') : inside) + (index === rows.length - 1 ? borderOf('bottom') : 0);
    return { height: height + borders, cantSplit: toggle(childOf(trPr, 'w:cantSplit')) === true, header: toggle(childOf(trPr, 'w:tblHeader')) === true, bookmarks };
  });
  // Only the rows at the top of a table repeat.
  const firstBody = read.findIndex((row) => !row.header);
  read.forEach((row, index) => (row.header = firstBody === -1 || index < firstBody));
  return { kind: 'table', rows: read };
}

/** The blocks of a body, a cell or a content control, in order; paragraphs that share a border share its space. */
export function readBlocks(elements: Xml[], context: ReadContext): Block[] {
  const blocks: Block[] = [];
  let previousBorder = null as { key: string; block: ParagraphBlock; bottom: number } | null;
  for (const element of elements) {
    const name = nameOf(element);
    if (name === 'w:p') {
      const { borderKey, borderTop, borderBottom, ...block } = readParagraph(element, context);
      const shared = borderKey !== '' && previousBorder?.key === borderKey ? previousBorder : null;
      if (borderTop > 0 && !shared) block.lines[0] = (block.lines[0] ?? 0) + borderTop;
      if (shared) {
        shared.block.lines[shared.block.lines.length - 1]! -= shared.bottom;
        shared.block.afterInside = true;
        block.continuedBorder = borderTop;
      }
      if (borderBottom > 0) block.lines[block.lines.length - 1] = (block.lines.at(-1) ?? 0) + borderBottom;
      previousBorder = borderKey ? { key: borderKey, block, bottom: borderBottom } : null;
      blocks.push(block);
    } else if (name === 'w:tbl') {
      blocks.push(readTable(element, context));
      previousBorder = null;
    } else if (name === 'w:sdt') {
      blocks.push(...readBlocks(childrenOf(childOf(element, 'w:sdtContent')), context));
      previousBorder = null;
    }
  }
  return blocks;
}

/** The page's text area from the body's section properties (A4 with Word's default margins when it has none). */
export function pageGeometry(body: Xml): PageGeometry {
  const section = childOf(body, 'w:sectPr');
  const size = childOf(section, 'w:pgSz');
  const margins = childOf(section, 'w:pgMar');
  const height = numberAttribute(size, 'w:h') ?? 16838;
  const width = numberAttribute(size, 'w:w') ?? 11906;
  const top = Math.abs(numberAttribute(margins, 'w:top') ?? 1440);
  const bottom = Math.abs(numberAttribute(margins, 'w:bottom') ?? 1440);
  const left = numberAttribute(margins, 'w:left') ?? 1440;
  const right = numberAttribute(margins, 'w:right') ?? 1440;
  return { height: height - top - bottom, width: width - left - right, firstNumber: numberAttribute(childOf(section, 'w:pgNumType'), 'w:start') ?? 1 };
}
