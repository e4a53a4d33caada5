/** What text extraction yields for one imported file. */

export type ExtractFormat = 'txt' | 'docx' | 'pdf';

export interface Heading {
  /** Offset (UTF-16 code units) of the heading's first character in `text`. */
  start: number;
  level: number;
}

export interface ExtractedText {
  format: ExtractFormat;
  /** Normalised once (see shared/normalize-text.ts); codings point into it. */
  text: string;
  /** For PDFs: offset in `text` where page i+1 starts (the first is 0). Null for other formats. */
  pageStarts: number[] | null;
  headings: Heading[];
  /** The title the document gives itself (properties or first heading), when it has a usable one. */
  title?: string | null;
  /** PDF pages (1-based) whose text was recognised by OCR. */
  ocrPages?: number[];
}

/** `reason` is one Dutch sentence without the file name: the caller prefixes it. */
export type ExtractOutcome = { ok: true; value: ExtractedText } | { ok: false; reason: string };

/** Every file from outside is hostile until parsed within these bounds. */
export interface ExtractLimits {
  maxFileBytes: number;
  maxZipEntries: number;
  /** Sum of the declared uncompressed sizes of all entries of a .docx. */
  maxUncompressedBytes: number;
  /** Uncompressed / compressed size of one large zip entry. */
  maxExpansionRatio: number;
  maxPdfPages: number;
  maxTextChars: number;
  timeoutMs: number;
  /** V8 old-generation limit of the worker that does the parsing. */
  maxWorkerMemoryMb: number;
  /** Read PDF pages without a text layer by OCR. */
  ocr: boolean;
}

export const MB = 1024 * 1024;

export const DEFAULT_LIMITS: ExtractLimits = Object.freeze({
  maxFileBytes: 200 * MB,
  maxZipEntries: 5_000,
  maxUncompressedBytes: 1024 * MB,
  maxExpansionRatio: 200,
  maxPdfPages: 5_000,
  maxTextChars: 50_000_000,
  timeoutMs: 120_000,
  maxWorkerMemoryMb: 1024,
  ocr: true,
});

/** Told while a file is read: OCR reports each scanned page as it starts (page 1-based, of `pages` to recognise). */
export interface ExtractHooks {
  onOcrPage?(page: number, pages: number): void;
}

export const rejected = (reason: string): ExtractOutcome => ({ ok: false, reason });
export const extracted = (value: ExtractedText): ExtractOutcome => ({ ok: true, value });

/**
 * Rejection reasons shared by more than one extractor. Each is a Dutch
 * sentence that says what is wrong and, where the user can act, what to do.
 */
export const REASONS = {
  damaged: 'Het bestand is beschadigd of onvolledig.',
  passwordProtected:
    'Het document is beveiligd met een wachtwoord; sla het zonder wachtwoord op en importeer het opnieuw.',
  empty: 'Het bestand is leeg.',
  tooLarge: (maxBytes: number) => `Het bestand is groter dan ${formatMegabytes(maxBytes)}; dat is te groot om te importeren.`,
  tooMuchText: (maxChars: number) =>
    `Het bestand bevat meer dan ${maxChars.toLocaleString('nl-NL')} tekens tekst; dat is te veel om te importeren.`,
} as const;

export function formatMegabytes(bytes: number): string {
  return `${Math.round(bytes / MB).toLocaleString('nl-NL')} MB`;
}
