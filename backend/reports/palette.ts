/**
 * Chart colours that survive a black-and-white printer: within each palette
 * every colour has its own grey level (the printed lightness, ITU-R BT.601
 * luma), at least MIN_GREY_STEP apart, so series stay apart on paper; the
 * values are also printed in or beside the bars and in the table below each figure.
 */

/** Fewest grey levels (0–255) between two colours of one palette. */
export const MIN_GREY_STEP = 25;

/** How light a colour prints in grey, 0 (black) to 255 (white). */
export function greyLevel(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)) as [number, number, number];
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

export const VALENCE_COLORS = { positief: '#265840', negatief: '#d47254', neutraal: '#c4c9cd' } as const;

/** File-review answers: each its own grey level (ja darkest, niet nodig lightest). */
export const ANSWER_COLORS: Record<string, string> = {
  ja: '#1b446a',
  nee: '#b5462d',
  deels: '#6a9ac7',
  onbekend: '#b3bac1',
  'niet nodig': '#dadfe3',
};

/** Series without a colour of their own, one grey level each. */
export const CATEGORICAL_COLORS = ['#143a5e', '#9a3b26', '#468e44', '#a773b4', '#e49940', '#9fc9db', '#dadada'];

/** Outline of every bar, so the lightest fills stay visible on white paper. */
export const BAR_OUTLINE = '#5f6b7a';
