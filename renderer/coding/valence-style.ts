/**
 * How a valence looks, the same in the document, the palette and the
 * evidence view: a colour from the Okabe-Ito set (blue and vermilion stay
 * apart for colour-blind readers) and always a symbol as well, so colour is
 * never the only sign. The CSS variables --val-pos/--val-neu/--val-neg
 * (renderer/evidence/evidence.css) carry the same colours; a unit test holds
 * them equal.
 */
import type { Valence } from '../../shared/vocabulary';

export const VALENCE_COLORS: Record<Valence, string> = {
  positief: '#0072b2',
  neutraal: '#b9c0c8',
  negatief: '#d55e00',
};

export const VALENCE_SYMBOLS: Record<Valence, string> = {
  positief: '+',
  neutraal: '○',
  negatief: '−',
};

/** The keys that set a valence (`=` is `+` without Shift on most layouts). */
export const VALENCE_KEYS: Readonly<Record<string, Valence>> = { '+': 'positief', '=': 'positief', '-': 'negatief', '0': 'neutraal' };
