/**
 * The checks every zip from outside passes before its entries are inflated
 * (a Word document, a dossier export): password, declared total size and the
 * expansion ratio of large entries. The declared sizes are proven by yauzl's
 * validateEntrySizes while inflating, so a zip bomb cannot lie in its directory.
 */
import type { Entry } from 'yauzl';
import { formatMegabytes, MB, REASONS, type ExtractLimits } from './extract/types';

/** Entries below this size cannot exhaust memory, whatever their expansion ratio. */
const RATIO_CHECK_FROM_BYTES = MB;

export type ZipLimits = Pick<ExtractLimits, 'maxZipEntries' | 'maxUncompressedBytes' | 'maxExpansionRatio'>;

/** `subject` names the file in the sentence: "Het Word-document", "Het zip-bestand". */
export function zipEntryProblem(entry: Entry, declaredTotal: number, limits: ZipLimits, subject: string): string | null {
  if (entry.isEncrypted()) return REASONS.passwordProtected;
  if (declaredTotal > limits.maxUncompressedBytes) {
    return `${subject} is uitgepakt groter dan ${formatMegabytes(limits.maxUncompressedBytes)}; dat is te groot om te importeren.`;
  }
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize > RATIO_CHECK_FROM_BYTES && ratio > limits.maxExpansionRatio) {
    return `${subject} bevat een onderdeel dat uitgepakt meer dan ${limits.maxExpansionRatio} keer zo groot wordt; dat wijst op een beschadigd of kwaadaardig bestand.`;
  }
  return null;
}

export function tooManyEntries(limits: ZipLimits, subject: string): string {
  return `${subject} bestaat uit meer dan ${limits.maxZipEntries.toLocaleString('nl-NL')} onderdelen; dat wijst op een beschadigd of kwaadaardig bestand.`;
}
