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
import { resolveOverlaps } from './overlaps';
import { DETAIL_KINDS, type Detection, type DetectContext, type Detector } from './types';

export const DETECTORS: Detector[] = [
  detectBsn, detectIban, detectEmail, detectPhone, detectCaseNumber, detectLicencePlate, detectBirthDate, detectAddress, detectSchool, detectPlace, detectPersonName,
];

export function detectAll(text: string, context: DetectContext, extra: Detection[] = []): Detection[] {
  if (!text || !/[\p{L}\p{N}]/u.test(text)) return [];
  return resolveOverlaps([...DETECTORS.flatMap((detect) => detect(text, context)), ...extra]);
}

export { DETAIL_KINDS, resolveOverlaps };
export type { Detection, DetectContext };
