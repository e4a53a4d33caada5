import type { RawSurvey } from '../../backend/survey/sheet';

/** A survey export as read: the header row and one row per respondent, as text (null for a blank cell). */
export function surveyTable(raw: RawSurvey): Array<Array<string | null>> {
  const rows: Array<Array<string | null>> = [raw.columns.map((column) => column.header)];
  for (let row = 0; row < raw.rowCount; row++) rows.push(raw.columns.map((column) => (column.codes[row]! < 0 ? null : column.dict[column.codes[row]!]!)));
  return rows;
}
