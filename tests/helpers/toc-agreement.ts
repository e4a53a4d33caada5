/**
 * How well the page numbers a draft's table of contents was written with
 * agree with the pages another program lays its headings out on: the entries
 * read from word/document.xml, the headings found, in order, in the lines of
 * the PDF LibreOffice made of it (pdf-pages.ts).
 */
import type { PdfPage } from './pdf-pages';

export interface TocEntry {
  level: number;
  title: string;
  /** The number written into the entry, null when it was left blank. */
  page: number | null;
}

export interface TocAgreement {
  entries: Array<TocEntry & { laidOut: number | null }>;
  /** Entries whose heading was found in the PDF. */
  found: number;
  exact: number;
  withinOne: number;
  /** The largest difference, in pages. */
  worst: number;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The entries of the table of contents, in order. */
export function tocEntries(documentXml: string): TocEntry[] {
  return [...documentXml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)].flatMap((match) => {
    const body = match[1]!;
    const level = /<w:pStyle w:val="TOC(\d)"/.exec(body)?.[1];
    if (!level) return [];
    // The title's runs come before the tab; the page reference's result after it.
    const [title = '', number = ''] = body.split(/<w:tab\/>/).map((part) => [...part.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((text) => unescape(text[1]!)).join(''));
    return [{ level: Number(level), title: squash(title), page: /^\s*\d+\s*$/.test(number) ? Number(number) : null }];
  });
}

/** A line that is the heading, or the first line of it when it wraps. */
const isHeadingLine = (line: string, title: string) => {
  const text = squash(line);
  return text === title || (text.length >= 12 && title.startsWith(text));
};

/** The page (counted from 1) each entry's heading is on in the PDF, found in order after the table of contents. */
export function tocAgreement(documentXml: string, pages: PdfPage[]): TocAgreement {
  const entries = tocEntries(documentXml);
  const tocPages = pages.filter((page) => page.lines.some((line) => /\.{5,}/.test(line))).map((page) => page.number);
  let at = Math.max(1, ...tocPages); // index of the first page after the table of contents
  const laidOut = entries.map((entry) => {
    for (let index = at; index < pages.length; index++) {
      if (pages[index]!.lines.some((line) => isHeadingLine(line, entry.title))) {
        at = index;
        return index + 1;
      }
    }
    return null;
  });
  const compared = entries.map((entry, index) => ({ ...entry, laidOut: laidOut[index]! }));
  const differences = compared.filter((entry) => entry.laidOut !== null).map((entry) => Math.abs((entry.page ?? -99) - entry.laidOut!));
  return {
    entries: compared,
    found: differences.length,
    exact: differences.filter((difference) => difference === 0).length,
    withinOne: differences.filter((difference) => difference <= 1).length,
    worst: Math.max(0, ...differences),
  };
}
