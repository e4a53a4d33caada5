/**
 * Small Dutch phrasing helpers for report text: counts of institutions, lists,
 * dates, plurals. Report sentences are written with digits, as the
 * inspectorates do ("bij 4 van de 5 instellingen"). Numbers are always in
 * Dutch notation (1.523; 2,9; 59,3%), whatever the machine's locale: the
 * formatting is our own (shared/survey.ts), not the runtime's ICU data.
 */
import { formatNumberNl, formatPercentNl } from '../../shared/survey';

/** A count in Dutch notation: 1523 → "1.523". */
export function count(value: number): string {
  return formatNumberNl(value, 0);
}

/** "bij alle 3 instellingen", "bij 2 van de 3 instellingen", "bij geen van de instellingen", "bij beide instellingen". */
export function atInstitutions(count: number, total: number): string {
  if (total <= 0 || count <= 0) return 'bij geen van de instellingen';
  if (total === 1) return 'bij de instelling';
  if (count >= total) return total === 2 ? 'bij beide instellingen' : `bij alle ${formatNumberNl(total)} instellingen`;
  return `bij ${formatNumberNl(count)} van de ${formatNumberNl(total)} instellingen`;
}

/** "in 9 van de 16 onderzochte dossiers", "in alle 4 onderzochte dossiers", "in geen van de 3 onderzochte dossiers". */
export function inFiles(count: number, total: number, noun = 'onderzochte dossiers'): string {
  if (total === 1) return count >= 1 ? `in het ene ${singularOf(noun)}` : `niet in het ene ${singularOf(noun)}`;
  if (count <= 0) return `in geen van de ${formatNumberNl(total)} ${noun}`;
  if (count >= total) return total === 2 ? `in beide ${noun}` : `in alle ${formatNumberNl(total)} ${noun}`;
  return `in ${formatNumberNl(count)} van de ${formatNumberNl(total)} ${noun}`;
}

/** "onderzochte dossiers" → "onderzochte dossier"; "dossiers waarin hulp nodig was" → "dossier waarin hulp nodig was". */
function singularOf(noun: string): string {
  return noun.replace(/\bdossiers\b/, 'dossier').replace(/\bbronnen\b/, 'bron');
}

/** "a", "a en b", "a, b en c". */
export function joinList(items: string[], conjunction = 'en'): string {
  if (items.length === 0) return '';
  if (items.length === 1) return items[0]!;
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** "1 fragment", "3 fragmenten". */
export function plural(count: number, one: string, many: string): string {
  return `${formatNumberNl(count, 0)} ${count === 1 ? one : many}`;
}

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** "2026-11-23" → "23 november 2026"; anything else unchanged. */
export function longDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1] ?? match[2]} ${match[1]}`;
}

/** Today as JJJJ-MM-DD in local time. */
export function todayIso(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** "Betekenisvol contact" inside a sentence: first letter lower case unless it is an abbreviation. */
export function inSentence(name: string): string {
  if (/^\p{Lu}{2}/u.test(name)) return name;
  return name.charAt(0).toLocaleLowerCase('nl') + name.slice(1);
}

/** First letter upper case. */
export function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('nl') + text.slice(1);
}

/** The first sentence of a text (for headline conclusions), without cutting "bijv." and the like. */
export function firstSentence(text: string): string {
  const clean = text.trim().replace(/\s+/g, ' ');
  const match = /^(.+?[.!?])(?=\s+[\p{Lu}"“‘'(])/u.exec(clean);
  const sentence = match?.[1] ?? clean;
  return /\b(?:bijv|o\.a|m\.n|d\.w\.z|e\.d|i\.p\.v)\.$/.test(sentence) ? clean : sentence;
}

/** A percentage with a decimal comma: 56,3% (a whole number without ",0": 50%). */
export function percent(part: number, whole: number): string {
  if (whole === 0) return '–';
  return formatPercentNl((part / whole) * 100, 1).replace(/,0%$/, '%');
}

/** A percentage 0-100 as the survey figures write it, always one decimal: 59,3%; 25,0%. */
export function pct(value: number): string {
  return formatPercentNl(value, 1);
}

/** A number with a decimal comma, one decimal: 2,5. */
export function decimal(value: number): string {
  return formatNumberNl(value, 1);
}
