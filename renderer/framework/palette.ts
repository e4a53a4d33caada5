/** Colours offered to new codes: distinct, calm, readable as a highlight. */
const PALETTE = ['#2f6fb3', '#c0392b', '#2e8b57', '#8e44ad', '#d68910', '#16a085', '#7f8c8d', '#b03a6f'];

/** The first palette colour not yet used at this level, or the next in turn. */
export function nextColor(usedColors: readonly string[]): string {
  const used = new Set(usedColors.map((color) => color.toLowerCase()));
  return PALETTE.find((color) => !used.has(color)) ?? PALETTE[usedColors.length % PALETTE.length]!;
}

/** A sub-code's colour: its parent's, lighter for each sibling before it. */
export function subcodeColor(parentColor: string, siblingCount: number): string {
  const amount = Math.min(0.7, 0.2 + 0.15 * siblingCount);
  const channels = [1, 3, 5].map((index) => parseInt(parentColor.slice(index, index + 2), 16));
  if (channels.some(Number.isNaN)) return parentColor;
  return `#${channels.map((value) => Math.round(value + (255 - value) * amount).toString(16).padStart(2, '0')).join('')}`;
}
