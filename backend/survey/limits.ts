/** Bounds for a survey export from outside: anything beyond them is refused before it is stored. */
export const MB = 1024 * 1024;

export interface SurveyLimits {
  maxFileBytes: number;
  maxRows: number;
  maxColumns: number;
  /** Non-empty cells in the whole sheet (keeps memory bounded whatever rows × columns). */
  maxCells: number;
  maxCellChars: number;
  maxHeaderChars: number;
  /** .xlsx: entries in the zip, their total uncompressed size and the expansion ratio of large entries. */
  maxZipEntries: number;
  maxUncompressedBytes: number;
  maxExpansionRatio: number;
}

export const SURVEY_LIMITS: SurveyLimits = Object.freeze({
  maxFileBytes: 100 * MB,
  maxRows: 200_000,
  maxColumns: 500,
  maxCells: 10_000_000,
  maxCellChars: 5_000,
  maxHeaderChars: 1_000,
  maxZipEntries: 2_000,
  maxUncompressedBytes: 600 * MB,
  maxExpansionRatio: 200,
});
