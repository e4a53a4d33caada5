/**
 * A source's title from the document itself, rather than its file name
 * ("scan_0042.pdf", "Verslag def v3 (2).docx"): the title in its properties
 * (Word's core properties, PDF's document info or XMP), else its first
 * heading. Writers fill the title property with placeholders and file names
 * often enough that those are passed over.
 */
const MAX_TITLE_CHARS = 200;
/** Placeholders writers put in the title property, and titles that are only a file name. */
const PLACEHOLDER = /^(untitled|naamloos|titel|title|document ?\d*|doc ?\d*|microsoft word|presentatie ?\d*|powerpoint-presentatie|\d+)$/i;
const FILE_NAME = /\.(docx?|pdf|odt|rtf|txt|xlsx?|pptx?)$/i;

/** A usable title, or null. */
export function cleanTitle(candidate: string | null | undefined): string | null {
  if (!candidate) return null;
  let title = candidate
    .normalize('NFC')
    .replace(/^Microsoft (Word|PowerPoint|Excel) - /i, '')
    .replace(/[\u0000-\u001f\u007f\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (FILE_NAME.test(title)) return null;
  if (title === '' || PLACEHOLDER.test(title) || !/\p{L}/u.test(title)) return null;
  if (title.length > MAX_TITLE_CHARS) title = `${title.slice(0, MAX_TITLE_CHARS - 1).trimEnd()}…`;
  return title;
}

/** The first usable candidate: properties first, then the first heading. */
export function documentTitle(...candidates: Array<string | null | undefined>): string | null {
  for (const candidate of candidates) {
    const title = cleanTitle(candidate);
    if (title) return title;
  }
  return null;
}
