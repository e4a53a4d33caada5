/** Overlapping detections: the longer detail wins, then the surer one, then the more specific kind. */
import type { Detection } from './types';

const PRIORITY: Record<string, number> = { bsn: 0, iban: 1, 'e-mail': 2, telefoonnummer: 3, zaaknummer: 4, kenteken: 5, geboortedatum: 6, adres: 7, school: 8, woonplaats: 9, naam: 10 };

/** Keep the longest of overlapping detections (then the most specific kind); in text order. */
export function resolveOverlaps(detections: Detection[]): Detection[] {
  const ranked = [...detections].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || Number(b.certain) - Number(a.certain) || PRIORITY[a.kind]! - PRIORITY[b.kind]!,
  );
  // Which characters a kept detection covers: linear in the text, where comparing every pair took minutes on a hostile text.
  const covered = new Uint8Array(ranked.reduce((end, detection) => Math.max(end, detection.end), 0));
  const kept: Detection[] = [];
  for (const detection of ranked) {
    if (covered.subarray(detection.start, detection.end).includes(1)) continue;
    covered.fill(1, detection.start, detection.end);
    kept.push(detection);
  }
  return kept.sort((a, b) => a.start - b.start);
}

