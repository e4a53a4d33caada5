/** Overlapping detections: the longer detail wins, then the surer one, then the more specific kind. */
import type { Detection } from './types';

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

