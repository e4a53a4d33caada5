/**
 * How wide text is and how tall its lines are, for the table of contents'
 * page estimate (page-estimate.ts): the advance widths of Arial (the house
 * style's font; the same as Helvetica's and Liberation Sans', which
 * LibreOffice shows instead), regular and bold, in thousandths of an em.
 * Italic Arial has the widths of the regular face. Other fonts a user's
 * template may name are measured as Arial scaled by their average width, a
 * guess that is good enough to count lines.
 */

/** ASCII 32–126, regular. */
const REGULAR = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584,
  556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278,
  278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
  260, 334, 584,
];

/** ASCII 32–126, bold. */
const BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584,
  611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278,
  333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389,
  280, 389, 584,
];

/** Characters outside ASCII that reports use: [regular, bold]. */
const OTHER: Record<string, [number, number]> = {
  '\u00a0': [278, 278],
  '–': [556, 556],
  '—': [1000, 1000],
  '‘': [222, 278],
  '’': [222, 278],
  '“': [333, 500],
  '”': [333, 500],
  '„': [333, 500],
  '…': [1000, 1000],
  '•': [350, 350],
  '€': [556, 556],
  '×': [584, 584],
  '≥': [549, 549],
  '≤': [549, 549],
  '°': [400, 400],
};

/** Average width relative to Arial, and the height of a single line in ems (as Word and LibreOffice make it), by font. */
const FONTS: Record<string, { width: number; line: number }> = {
  arial: { width: 1, line: 1.149 },
  helvetica: { width: 1, line: 1.149 },
  'liberation sans': { width: 1, line: 1.149 },
  calibri: { width: 0.87, line: 1.221 },
  carlito: { width: 0.87, line: 1.221 },
  cambria: { width: 0.95, line: 1.172 },
  'times new roman': { width: 0.86, line: 1.15 },
  georgia: { width: 1.02, line: 1.136 },
  verdana: { width: 1.16, line: 1.215 },
  aptos: { width: 0.93, line: 1.2 },
};

export function fontFactors(name: string): { width: number; line: number } {
  return FONTS[name.trim().toLowerCase()] ?? FONTS.arial!;
}

/** The advance width of one character, in thousandths of an em of Arial. */
export function charWidth(char: string, bold: boolean): number {
  const code = char.charCodeAt(0);
  if (code >= 32 && code <= 126) return (bold ? BOLD : REGULAR)[code - 32]!;
  const other = OTHER[char];
  if (other) return other[bold ? 1 : 0];
  // Accented letters are as wide as their base letter (é as e, Ë as E).
  const base = char.normalize('NFD').charAt(0);
  if (base !== char && base.charCodeAt(0) >= 32 && base.charCodeAt(0) <= 126) return charWidth(base, bold);
  return 556;
}
