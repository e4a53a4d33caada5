/**
 * Dates of birth: any common Dutch notation of a date, a month and year or a
 * year alone ("14-2-'08", "14 februari 2008", "februari 2010", "2011") close
 * to "geboren", "geb.", "geboortedatum" and the like; and a full date in
 * brackets (often a birth date after a name), as a candidate. Other dates
 * (visits, rulings) stay.
 */
import type { Detection, Detector } from './types';

const MONTHS = 'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec';
const YEAR = "(?:19|20)\\d{2}|'\\d{2}";
const DATE_FORMS = [
  `\\d{4}-\\d{1,2}-\\d{1,2}`,
  `\\d{1,2}[-/.]\\d{1,2}[-/.](?:\\d{4}|'?\\d{2})`,
  `\\d{1,2}(?:e|ste|de)?\\s+(?:${MONTHS})\\.?(?:\\s+(?:${YEAR}))?`,
  `(?:${MONTHS})\\.?\\s+(?:${YEAR})`,
  `(?:${YEAR})`,
].join('|');
const DATE = new RegExp(`(?<![\\p{L}\\p{N}'])(?:${DATE_FORMS})(?![\\p{L}\\p{N}])`, 'giu');
const CUE = /geboren|geb\.?(?=[\s:])|geboortedatum|geb\.?\s?datum|geboortejaar|geboortedag|d\.o\.b\.|jarig/giu;
/** How far from the cue a date may stand (characters), e.g. "geboren op 14 februari 2008" or "die in 2011 is geboren". */
const WINDOW = 30;
const ABBREVIATIONS = /\b(?:geb|febr?|jan|mrt|apr|jun|jul|aug|sept?|okt|nov|dec)\./giu;
const BRACKETED = /\((\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|'?\d{2}))\)/gu;

export const detectBirthDate: Detector = (text) => {
  const cues = [...text.matchAll(CUE)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
  const found: Detection[] = [];
  if (cues.length > 0) {
    for (const match of text.matchAll(DATE)) {
      const start = match.index;
      const end = start + match[0].length;
      const near = cues.some((cue) => {
        const gap = cue.start >= end ? text.slice(end, cue.start) : cue.end <= start ? text.slice(cue.end, start) : null;
        // A sentence end between them means they do not belong together ("geb." and "febr." are no sentence ends).
        return gap !== null && gap.length <= WINDOW && !/[.!?]/.test(gap.replace(ABBREVIATIONS, ''));
      });
      if (near) found.push({ kind: 'geboortedatum', start, end, text: match[0], certain: true, why: "bij 'geboren'" });
    }
  }
  for (const match of text.matchAll(BRACKETED)) {
    const start = match.index + 1;
    found.push({ kind: 'geboortedatum', start, end: start + match[1]!.length, text: match[1]!, certain: false, why: 'datum tussen haakjes' });
  }
  return found;
};

