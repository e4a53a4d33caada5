/**
 * The report model: a report draft as plain data, before it becomes a Word file.
 * The backend builds it from a study (backend/reports/build-model.ts), the Word
 * writer turns it into a .docx (backend/reports/write-docx.ts), and the outline
 * the UI previews is derived from it here. Pure TypeScript: no Node, no DOM.
 *
 * Numbers of figures and tables are assigned in document order (`numberCaptions`),
 * so "Figuur 3" in the model is "Figuur 3" in the document.
 */

/** The chapters a writer can choose. Norm chapters are `norm:<key>` (e.g. `norm:contact`). */
export const FIXED_CHAPTERS = ['samenvatting', 'inleiding', 'gevolgen', 'oorzaken', 'vragenlijst', 'verwachtingen', 'memos', 'verantwoording'] as const;
export type FixedChapter = (typeof FIXED_CHAPTERS)[number];
export type ChapterKey = FixedChapter | `norm:${string}`;

export const CHAPTER_LABELS: Record<FixedChapter, string> = {
  samenvatting: 'Samenvatting',
  inleiding: 'Inleiding',
  gevolgen: 'Gevolgen voor jeugdigen en gezinnen',
  oorzaken: 'Oorzaken',
  vragenlijst: 'Uitkomsten van de vragenlijst',
  verwachtingen: 'Wat nodig is',
  memos: 'Notities voor de schrijver',
  verantwoording: 'Bijlage: verantwoording (intern)',
};

export type ReportKind = 'instelling' | 'overkoepelend';

export interface ReportOptions {
  /** Which chapters, in any order (the report keeps its own order). Default: all but the appendix. */
  chapters?: ChapterKey[] | undefined;
  /** Writer's notes (memos, hints) in the draft. Default true. */
  includeMemos?: boolean | undefined;
  /** The internal appendix "Verantwoording". Default false. */
  includeAppendix?: boolean | undefined;
  /** Quotes for a norm are used only when it has at least this many codings (at that institution). Default 3; per norm key possible. */
  minCodingsForQuotes?: number | Record<string, number> | undefined;
  /**
   * Use the quotable fragments of a norm that falls below that minimum anyway
   * (the writer's choice in the dialog, --keep-quotes in the CLI). Default false:
   * the minimum applies, and the outline says how many quotes it hides.
   */
  keepQuotesBelowMinimum?: boolean | undefined;
  /** Overarching report: which institutions (ids). Default all. */
  institutions?: string[] | undefined;
  /** Extra names to hide in quotes (people, places, schools), besides those the study knows. */
  privacyNames?: string[] | undefined;
  /** The date on the title page (JJJJ-MM-DD). Default today. */
  date?: string | undefined;
  /**
   * Overarching report: show each institution's judgment per norm in the body
   * (tables). Default false: a published overarching report speaks across
   * institutions; the per-institution judgments are always in the internal appendix.
   */
  institutionRatings?: boolean | undefined;
  /** At most this many quotes per norm (default 4 per institution, 6 overarching). */
  maxQuotesPerNorm?: number | undefined;
}

export const DEFAULT_MIN_CODINGS_FOR_QUOTES = 3;

/** A piece of text in a paragraph. */
export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** A reference to a figure (its id): `numberCaptions` sets the text to "figuur <number>". */
  figureRef?: string;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  runs: TextRun[];
  /** `lead`: the opening paragraph of a chapter; `hint`: an instruction to the writer (italic, to be replaced). */
  variant?: 'lead' | 'hint';
}

export interface BulletsBlock {
  kind: 'bullets';
  items: TextRun[][];
}

export interface TableBlock {
  kind: 'table';
  id: string;
  /** Assigned by `numberCaptions`: "Tabel <number>". */
  number: number;
  caption: string;
  header: string[];
  rows: string[][];
  /** Column alignment; numbers right. */
  align?: Array<'left' | 'right' | 'center'>;
  /** The last row is a total (bold). */
  totalRow?: boolean;
  /** A line under the table (source, n, remarks). */
  note?: string;
  /** Where the numbers come from, for the appendix. */
  trace: string;
  /** Smaller text for wide tables. */
  compact?: boolean;
  /** Rows (0-based, header not counted) that head a group of rows (bold). */
  groupRows?: number[];
}

export interface BarSeries {
  name: string;
  values: number[];
  /** Colour as #rrggbb; the chart picks one when absent. */
  color?: string;
}

export interface BarChart {
  kind: 'bar';
  /** Category labels (one bar, or one group of bars, each). */
  categories: string[];
  series: BarSeries[];
  /** Stack the series in one bar per category (counts that add up). */
  stacked: boolean;
  /** What the values count, for the axis ("aantal dossiers"). */
  valueLabel: string;
  /** How values are written: counts (default), percentages ("59,3%") or one decimal ("6,0"); always Dutch notation. */
  format?: 'count' | 'percent' | 'decimal';
  /** A fixed axis maximum (100 for percentages, 10 for report marks); default: from the values. */
  axisMax?: number;
  /** Per category: a text shown instead of its bar(s), e.g. "n < 10" for a suppressed group. */
  notes?: Array<string | null>;
  /** Per category: the text at the end of its bar instead of the total (stacked), e.g. "n = 40". */
  endLabels?: Array<string | null>;
  /** Show the legend (default true). */
  legend?: boolean;
}

export interface FigureBlock {
  kind: 'figure';
  id: string;
  /** Assigned by `numberCaptions`: "Figuur <number>". */
  number: number;
  title: string;
  chart: BarChart;
  /** n stated under the figure, e.g. "n = 16 dossiers". */
  n: number;
  nLabel: string;
  /** The same numbers as a table (header + rows), shown with the figure. */
  table: { header: string[]; rows: string[][]; align?: Array<'left' | 'right' | 'center'> };
  /** A line under the figure's table (e.g. which groups are not shown because they are too small). */
  note?: string;
  /** Alt text for the image. */
  altText: string;
  /** Where the numbers come from (the selection), for the appendix. */
  trace: string;
}

export interface QuoteTrace {
  codingId: string;
  sourceTitle: string;
  /** "p. 3, tekens 120–188" or "tekens 120–188". */
  location: string;
  coder: string;
  institution: string;
}

export interface QuoteBlock {
  kind: 'quote';
  id: string;
  /** The role only: "Ouder", "Jeugdige", "Jeugdzorgwerker", or a source type for documents. */
  roleLabel: string;
  /** Pseudonymised text. */
  text: string;
  /** After the quote: the source it is cited from, e.g. "(Bron: ECLI:NL:RBNNE:2025:1234)" for a court ruling. */
  citation?: string;
  trace: QuoteTrace;
}

export interface BoxBlock {
  kind: 'box';
  /** `judgment`: the oordeel; `example`: a positive example; `notes`: writer's notes (not for publication). */
  variant: 'judgment' | 'example' | 'notes';
  title: string;
  paragraphs: TextRun[][];
  /** Quotes shown inside the box (examples). */
  quotes?: QuoteBlock[];
}

export type ReportBlock = ParagraphBlock | BulletsBlock | TableBlock | FigureBlock | QuoteBlock | BoxBlock;

export interface ReportSection {
  id: string;
  /** Set on chapters (level 1). */
  key?: ChapterKey;
  level: 1 | 2 | 3;
  title: string;
  blocks: ReportBlock[];
  sections: ReportSection[];
}

export interface TitlePage {
  /** "Concept" (always, this is a draft). */
  status: string;
  title: string;
  subtitle: string;
  studyName: string;
  institution: string | null;
  /** JJJJ-MM-DD and as Dutch words ("23 november 2026"). */
  date: string;
  dateLabel: string;
  period: string | null;
  /** A short line for the footer. */
  footerText: string;
  notice: string;
}

/**
 * A norm or theme at one institution with quotable fragments but fewer codings
 * than the minimum for quotes: what the rule hides (or, kept, would have hidden).
 */
export interface QuotesBelowMinimum {
  /** The norm or context code's key and name. */
  codeKey: string;
  codeName: string;
  institution: string;
  /** Codings of the norm at the institution, and the minimum they fall below. */
  codings: number;
  minimum: number;
  /** Fragments marked citeerbaar among them. */
  quotable: number;
  /** True: used anyway (keepQuotesBelowMinimum); false: hidden by the minimum. */
  kept: boolean;
}

export interface ReportModel {
  kind: ReportKind;
  titlePage: TitlePage;
  chapters: ReportSection[];
  /** Counts from the privacy pass: details replaced, and quotes in which it replaced an uncertain candidate (worth a look in the review). */
  privacy: { replacements: number; flaggedQuotes: number };
  /** Things the writer should know before reading (also shown in the outline). */
  warnings: string[];
  /** Quotable fragments the minimum number of codings affects, per norm and institution. */
  quotesBelowMinimum: QuotesBelowMinimum[];
  /** The colophon, the document's last page: what the draft is and what it rests on, each line computed from the study. */
  colophon: Array<{ label: string; value: string }>;
}

/* ---------- building helpers ---------- */

export const run = (text: string, style: { bold?: boolean; italic?: boolean } = {}): TextRun => ({ text, ...style });
export const paragraph = (...runs: Array<TextRun | string>): ParagraphBlock => ({
  kind: 'paragraph',
  runs: runs.map((part) => (typeof part === 'string' ? run(part) : part)),
});

/* ---------- walking the model ---------- */

export function* walkSections(sections: ReportSection[]): Generator<ReportSection> {
  for (const section of sections) {
    yield section;
    yield* walkSections(section.sections);
  }
}

/** Every block in document order, boxes' quotes included. */
export function* walkBlocks(sections: ReportSection[]): Generator<ReportBlock> {
  for (const section of walkSections(sections)) {
    for (const block of section.blocks) {
      yield block;
      if (block.kind === 'box') yield* block.quotes ?? [];
    }
  }
}

/** Every text run in document order (paragraphs, bullets, boxes). */
function* walkRuns(sections: ReportSection[]): Generator<TextRun> {
  for (const block of walkBlocks(sections)) {
    if (block.kind === 'paragraph') yield* block.runs;
    else if (block.kind === 'bullets') for (const item of block.items) yield* item;
    else if (block.kind === 'box') for (const parts of block.paragraphs) yield* parts;
  }
}

/**
 * Give every figure and table its number, in document order ("Figuur 1", "Tabel 1" count separately),
 * and write the numbers into the references to figures ("figuur 7").
 */
export function numberCaptions(model: ReportModel): ReportModel {
  let figures = 0;
  let tables = 0;
  const figureNumbers = new Map<string, number>();
  for (const block of walkBlocks(model.chapters)) {
    if (block.kind === 'figure') figureNumbers.set(block.id, (block.number = ++figures));
    if (block.kind === 'table') block.number = ++tables;
  }
  for (const part of walkRuns(model.chapters)) {
    if (part.figureRef === undefined) continue;
    const number = figureNumbers.get(part.figureRef);
    part.text = number === undefined ? 'elders in dit rapport' : `figuur ${number}`;
  }
  return model;
}

/* ---------- the outline the UI previews ---------- */

export interface OutlineEntry {
  key: ChapterKey | null;
  level: number;
  title: string;
  quotes: number;
  figures: number;
  tables: number;
  sections: OutlineEntry[];
}

export interface ReportOutline {
  kind: ReportKind;
  title: string;
  subtitle: string;
  chapters: OutlineEntry[];
  totals: { chapters: number; quotes: number; figures: number; tables: number };
  privacy: { replacements: number; flaggedQuotes: number };
  warnings: string[];
  /** Quotable fragments the minimum number of codings hides (or would hide), per norm and institution. */
  quotesBelowMinimum: QuotesBelowMinimum[];
}

function countBlocks(section: ReportSection) {
  const blocks = [...walkBlocks([section])];
  return {
    quotes: blocks.filter((block) => block.kind === 'quote').length,
    figures: blocks.filter((block) => block.kind === 'figure').length,
    tables: blocks.filter((block) => block.kind === 'table').length,
  };
}

function outlineEntry(section: ReportSection): OutlineEntry {
  return {
    key: section.key ?? null,
    level: section.level,
    title: section.title,
    ...countBlocks(section),
    sections: section.sections.map(outlineEntry),
  };
}

export function outlineOf(model: ReportModel): ReportOutline {
  const chapters = model.chapters.map(outlineEntry);
  const sum = (field: 'quotes' | 'figures' | 'tables') => chapters.reduce((total, chapter) => total + chapter[field], 0);
  return {
    kind: model.kind,
    title: model.titlePage.title,
    subtitle: model.titlePage.subtitle,
    chapters,
    totals: { chapters: chapters.length, quotes: sum('quotes'), figures: sum('figures'), tables: sum('tables') },
    privacy: { replacements: model.privacy.replacements, flaggedQuotes: model.privacy.flaggedQuotes },
    warnings: model.warnings,
    quotesBelowMinimum: model.quotesBelowMinimum,
  };
}

/** The suggested file name of a draft (no path, no characters file systems refuse). */
export function reportFileName(model: Pick<ReportModel, 'kind' | 'titlePage'>): string {
  const subject = model.kind === 'instelling' ? (model.titlePage.institution ?? 'instelling') : 'overkoepelend';
  const name = `Rapport ${subject} (concept ${model.titlePage.date}).docx`;
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').replace(/\s+/g, ' ');
}
