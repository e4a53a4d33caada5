/** BSN (burgerservicenummer): nine digits with any separators that pass the 11-test; any nine digits right after "BSN". */
import { matchesOf, type Detector } from './types';

/** The 11-test of a BSN: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11 (and not all zeros). */
export function elfProef(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < 8; index++) sum += Number(digits[index]) * (9 - index);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

const NINE_DIGITS = /(?<!\p{N}[\s.\-/]?)(?<![\p{L}])(\d(?:[ .\-/]?\d){8})(?![\s.\-/]?\p{N})/gu;
const AFTER_CUE = /(?:bsn|burgerservicenummer|sofinummer)\s*(?:nr\.?|nummer)?\s*[:.]?\s*(\d(?:[ .\-/]?\d){7,8})(?![\s.\-/]?\p{N})/giu;

export const detectBsn: Detector = (text) => [
  ...matchesOf(text, NINE_DIGITS, 'bsn', '11-proef', (match) => elfProef(match[1]!.replace(/\D/g, ''))),
  ...matchesOf(text, AFTER_CUE, 'bsn', "na 'BSN'"),
];
