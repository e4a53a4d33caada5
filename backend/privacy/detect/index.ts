/**
 * All detectors over one text, overlaps resolved: the longer detail wins
 * ("basisschool De Regenboog" over the name "Regenboog"), and on equal spans
 * the more specific kind.
 */
import { detectAddress } from './address';
import { detectBirthDate } from './birth-date';
import { detectBsn } from './bsn';
import { detectCaseNumber } from './case-number';
import { detectEmail } from './email';
import { detectIban } from './iban';
import { detectLicencePlate } from './licence-plate';
import { detectPersonName } from './person-name';
import { detectPhone } from './phone';
import { detectPlace } from './place';
import { detectSchool } from './school';
import { DETAIL_KINDS, type Detection, type DetectContext, type Detector } from './types';

export const DETECTORS: Detector[] = [
  detectBsn, detectIban, detectEmail, detectPhone, detectCaseNumber, detectLicencePlate, detectBirthDate, detectAddress, detectSchool, detectPlace, detectPersonName,
];

const PRIORITY: Record<string, number> = { bsn: 0, iban: 1, 'e-mail': 2, telefoonnummer: 3, zaaknummer: 4, kenteken: 5, geboortedatum: 6, adres: 7, school: 8, woonplaats: 9, naam: 10 };

/** Keep the longest of overlapping detections (then the most specific kind); in text order. */
export function resolveOverlaps(detections: Detection[]): Detection[] {
  const ranked = [...detections].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || Number(b.certain) - Number(a.certain) || PRIORITY[a.kind]! - PRIORITY[b.kind]!,
  );
  const kept: Detection[] = [];
  for (const detection of ranked) {
    if (kept.some((other) => detection.start < other.end && other.start < detection.end)) continue;
    kept.push(detection);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export function detectAll(text: string, context: DetectContext, extra: Detection[] = []): Detection[] {
  if (!text || !/[\p{L}\p{N}]/u.test(text)) return [];
  return resolveOverlaps([...DETECTORS.flatMap((detect) => detect(text, context)), ...extra]);
}

export { DETAIL_KINDS };
export type { Detection, DetectContext };
