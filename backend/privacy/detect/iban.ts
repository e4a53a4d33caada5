/** Bank account numbers (IBAN, with or without spaces), checked by ibantools. */
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import type { Detection, Detector } from './types';

const CANDIDATE = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}/gu;

export const detectIban: Detector = (text) => {
  const found: Detection[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    // The greedy run may take a following word: try the longest valid prefix.
    for (let end = match[0].length; end >= 15; end--) {
      const part = match[0].slice(0, end);
      if (/\s$/.test(part)) continue;
      if (isValidIBAN(electronicFormatIBAN(part) ?? '')) {
        found.push({ kind: 'iban', start: match.index, end: match.index + end, text: part, certain: true, why: 'geldig IBAN' });
        break;
      }
    }
  }
  return found;
};
