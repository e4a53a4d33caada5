/**
 * The one normal form of source text. Codings point into source text by
 * UTF-16 offsets, so every importer produces exactly this form, once, and the
 * text never changes afterwards.
 */

const LEADING_BOM = /^\uFEFF/;
const CARRIAGE_RETURNS = /\r\n?/g;
/** C0 controls except tab (\x09) and line feed (\x0A); \r is already gone by then. */
const C0_CONTROLS = /[\x00-\x08\x0B-\x1F]/g;

export function normalizeText(raw: string): string {
  const cleaned = raw
    .replace(LEADING_BOM, '')
    .replace(CARRIAGE_RETURNS, '\n')
    // Controls go before NFC, so a letter and its combining mark that were
    // split by a stray control still compose.
    .replace(C0_CONTROLS, '')
    .normalize('NFC');
  return trimLineEnds(cleaned);
}

/**
 * trimEnd per line rather than a /\s+$/m regex: the regex backtracks
 * quadratically on a long run of spaces inside a line, which a hostile file
 * can supply.
 */
function trimLineEnds(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}
