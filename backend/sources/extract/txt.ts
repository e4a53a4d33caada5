/**
 * Plain text files come in whatever encoding the machine that wrote them
 * used. Decoding order: a byte-order mark wins; then UTF-16 recognised by its
 * NUL bytes; then UTF-8 if the bytes are valid UTF-8; else Windows-1252, the
 * encoding of older Dutch Windows text files.
 */
import { normalizeText } from '../../../shared/normalize-text';
import { extracted, rejected, type ExtractOutcome } from './types';

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Enough bytes to recognise an encoding without scanning a 200 MB file. */
const SAMPLE_BYTES = 4096;

export function extractTxt(bytes: Uint8Array): ExtractOutcome {
  const raw = decodeText(bytes);
  if (raw === null) return rejected('Het bestand heeft de extensie .txt maar is geen tekstbestand.');
  return extracted({ format: 'txt', text: normalizeText(raw), pageStarts: null, headings: [] });
}

/** The text in `bytes`, or null when they look like binary data rather than text. */
function decodeText(bytes: Uint8Array): string | null {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const declared = encodingFromBom(bytes) ?? utf16FromNulPattern(sample);
  if (declared) return new TextDecoder(declared).decode(bytes);
  if (looksBinary(sample)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function encodingFromBom(bytes: Uint8Array): Encoding | null {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return 'utf-8';
  if (b0 === 0xff && b1 === 0xfe) return 'utf-16le';
  if (b0 === 0xfe && b1 === 0xff) return 'utf-16be';
  return null;
}

/**
 * Text in UTF-16 is mostly Latin letters, whose high byte is 0: NULs pile up
 * at odd positions (little-endian) or even positions (big-endian), and hardly
 * ever at the other.
 */
function utf16FromNulPattern(sample: Uint8Array): Encoding | null {
  const pairs = Math.floor(sample.length / 2);
  if (pairs === 0) return null;
  let nulsAtEven = 0;
  let nulsAtOdd = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (sample[i] === 0) nulsAtEven++;
    if (sample[i + 1] === 0) nulsAtOdd++;
  }
  const mostly = (count: number) => count / pairs > 0.3;
  const rarely = (count: number) => count / pairs < 0.05;
  if (mostly(nulsAtOdd) && rarely(nulsAtEven)) return 'utf-16le';
  if (mostly(nulsAtEven) && rarely(nulsAtOdd)) return 'utf-16be';
  return null;
}

/** Text files other than UTF-16 have no NUL bytes; a few stray ones are tolerated (and removed later). */
function looksBinary(sample: Uint8Array): boolean {
  let nuls = 0;
  for (const byte of sample) if (byte === 0) nuls++;
  return nuls > sample.length / 100;
}
