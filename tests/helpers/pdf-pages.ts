/**
 * The pages of a PDF as another program laid them out (pdftotext -bbox of
 * poppler): per page its lines of text, top to bottom, and how far down the
 * text area its last line reaches. Used to check drafts converted by
 * LibreOffice for page fill and headings left at the foot of a page.
 */
import { execFileSync } from 'node:child_process';

export interface PdfPage {
  number: number;
  lines: string[];
  /** Share of the text area (between the top and bottom margins) down to the last line of text, 0–1. */
  fill: number;
}

const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** `marginPt`: the page's top and bottom margin; text below the bottom margin (the footer) does not count. */
export function pdfPages(pdfPath: string, marginPt: number): PdfPage[] {
  const html = execFileSync('pdftotext', ['-bbox', pdfPath, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const pages: PdfPage[] = [];
  for (const [, height, body] of html.matchAll(/<page width="[\d.]+" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const bottom = Number(height) - marginPt;
    const words = [...body!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([\s\S]*?)<\/word>/g)]
      .map(([, x, top, end, text]) => ({ x: Number(x), top: Number(top), end: Number(end), text: decode(text!) }))
      .filter((word) => word.end <= bottom + 2);
    const byLine = new Map<number, typeof words>();
    for (const word of words) {
      const key = Math.round(word.top / 3);
      byLine.set(key, [...(byLine.get(key) ?? []), word]);
    }
    const lines = [...byLine.entries()].sort((a, b) => a[0] - b[0]).map(([, line]) => line.sort((a, b) => a.x - b.x).map((word) => word.text).join(' '));
    const lowest = Math.max(marginPt, ...words.map((word) => word.end));
    pages.push({ number: pages.length + 1, lines, fill: (lowest - marginPt) / (bottom - marginPt) });
  }
  return pages;
}
