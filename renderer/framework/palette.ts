/**
 * Colours offered to new codes: distinct, calm, readable as a highlight, and
 * never mistaken for a valence colour (blue for positive, vermilion for
 * negative, grey for neutral; renderer/coding/valence-style.ts), also not under
 * protanopia, deuteranopia or tritanopia. Those two valence colours are the
 * ends of the blue-yellow axis that colour-blind eyes keep, so the code
 * colours are deep reds, purples, greens and teals. Checked by
 * tests/unit/renderer-code-colors.test.ts (CIEDE2000 distance after
 * simulation, contrast on the white page).
 */
export const PALETTE = ['#883136', '#2e5f3a', '#634471', '#006058', '#833156', '#6a4d15', '#3d4900', '#4a5568'] as const;

/** The first palette colour not yet used at this level, or the next in turn. */
export function nextColor(usedColors: readonly string[]): string {
  const used = new Set(usedColors.map((color) => color.toLowerCase()));
  return PALETTE.find((color) => !used.has(color)) ?? PALETTE[usedColors.length % PALETTE.length]!;
}

/**
 * A sub-code's colour: its parent's, darker for each sibling before it.
 * Darker, not lighter: lighter tints of these colours drift towards the
 * valence blue and grey and fade on the white page; darker ones move away.
 */
export function subcodeColor(parentColor: string, siblingCount: number): string {
  const amount = Math.min(0.45, 0.15 + 0.1 * siblingCount);
  const channels = [1, 3, 5].map((index) => parseInt(parentColor.slice(index, index + 2), 16));
  if (channels.some(Number.isNaN)) return parentColor;
  return `#${channels.map((value) => Math.round(value * (1 - amount)).toString(16).padStart(2, '0')).join('')}`;
}
