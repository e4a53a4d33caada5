/**
 * What a detector finds in a text: the kind of identifying detail, where it
 * is (UTF-16 offsets, as the rest of Veldwerk counts) and whether a machine can
 * be sure (an 11-test BSN is; a capitalised word a dictionary does not know is
 * only a candidate for a person to confirm).
 */
import type { Lexicon } from './lexicon';

import { DETAIL_KINDS, type DetailKind } from '../../../shared/privacy';

export { DETAIL_KINDS, type DetailKind };

/** The marker that replaces a detail of a kind (a person is replaced by their pseudonym instead, when known). */
export const MARKERS: Record<DetailKind, string> = {
  naam: '[naam]',
  bsn: '[BSN]',
  geboortedatum: '[geboortedatum]',
  adres: '[adres]',
  telefoonnummer: '[telefoonnummer]',
  'e-mail': '[e-mail]',
  iban: '[IBAN]',
  zaaknummer: '[zaaknummer]',
  kenteken: '[kenteken]',
  school: '[school]',
  woonplaats: '[woonplaats]',
};

export interface Detection {
  kind: DetailKind;
  start: number;
  end: number;
  text: string;
  /** False: a candidate (a name by dictionary only, a date in brackets) that a person should confirm. */
  certain: boolean;
  /** Why, in Dutch, for the review ("na 'moeder'", "11-proef"). */
  why: string;
}

export interface DetectContext {
  lexicon: Lexicon;
  /** Lower-case words that are never a name or place here (institution names, the framework's words, "geen persoon" choices). */
  allowed: ReadonlySet<string>;
  /** Lower-case words the study's own texts write in lower case: a capitalised one is a sentence start or a title, not a name. */
  lowerCaseWords?: ReadonlySet<string> | undefined;
}

export type Detector = (text: string, context: DetectContext) => Detection[];

/** Every match of a global pattern as a detection of one kind (group 1 when present narrows the span). */
export function matchesOf(text: string, pattern: RegExp, kind: DetailKind, why: string, accept?: (match: RegExpExecArray) => boolean | 'uncertain'): Detection[] {
  const found: Detection[] = [];
  for (const match of text.matchAll(pattern)) {
    const verdict = accept ? accept(match) : true;
    if (!verdict) continue;
    const part = match[1] ?? match[0];
    const start = match.index + (match[1] !== undefined ? match[0].indexOf(part) : 0);
    found.push({ kind, start, end: start + part.length, text: part, certain: verdict === true, why });
  }
  return found;
}

/** Boundaries: not inside a word or number. */
export const B = '(?<![\\p{L}\\p{M}\\p{N}])';
export const E = '(?![\\p{L}\\p{M}\\p{N}])';
/** A capitalised word (names, places): "Sandra", "Zuid-Scharwoude", "D'Souza". */
export const CAP = "\\p{Lu}[\\p{Ll}\\p{M}]*(?:['’-]\\p{Lu}?[\\p{Ll}\\p{M}]+)*";
