/**
 * The European Case Law Identifier of a court ruling (ECLI:NL:RBNNE:2025:1234):
 * how rulings are cited in the inspectorates' reports ("(Bron: ECLI:…)").
 * Pure TypeScript: read from a ruling's text at import and checked when typed.
 */

/** ECLI:<country>:<court>:<year>:<number>, as the ECLI regulation (2011/C 127/01) shapes it. */
export const ECLI_PATTERN = /^ECLI:[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9.]{1,25}$/;
const ECLI_IN_TEXT = /\bECLI:[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9.]*[A-Z0-9]/g;

export function isEcli(text: string): boolean {
  return ECLI_PATTERN.test(text);
}

/** The ECLI a ruling's text names first (its own, in the header of published rulings); null when none. */
export function findEcli(text: string): string | null {
  for (const match of text.slice(0, 20_000).matchAll(ECLI_IN_TEXT)) if (isEcli(match[0])) return match[0];
  return null;
}

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** The date a ruling was given ("Datum uitspraak: 12 maart 2025", "Datum beschikking: 12-03-2025"), as JJJJ-MM-DD; null when not stated. */
export function rulingDate(text: string): string | null {
  const match = /datum\s+(?:uitspraak|beschikking|vonnis)\s*:?\s*(\d{1,2})[\s-]+([a-z]+|\d{1,2})[\s-]+(\d{4})/iu.exec(text.slice(0, 20_000));
  if (!match) return null;
  const day = Number(match[1]);
  const month = /^\d+$/.test(match[2]!) ? Number(match[2]) : MONTHS.indexOf(match[2]!.toLocaleLowerCase('nl')) + 1;
  const year = Number(match[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
