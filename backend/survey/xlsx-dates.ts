/**
 * Excel stores a date as a number of days (a serial) and shows it as a date
 * only through the cell's number format. A survey export's "Datum" or
 * "Tijdstempel" column would otherwise arrive as 45123.4. Which formats are
 * dates: the built-in ids Excel documents (ECMA-376 §18.8.30, with the
 * East-Asian ones) and any custom format code with day, month or year parts
 * outside quoted text, escapes and colour or condition brackets.
 */
export type DateStyle = 'date' | 'time' | 'datetime';

const BUILTIN: Record<number, DateStyle> = {
  14: 'date', 15: 'date', 16: 'date', 17: 'date',
  18: 'time', 19: 'time', 20: 'time', 21: 'time', 22: 'datetime',
  27: 'date', 28: 'date', 29: 'date', 30: 'date', 31: 'date', 32: 'time', 33: 'time', 34: 'time', 35: 'time', 36: 'date',
  45: 'time', 46: 'time', 47: 'time',
  50: 'date', 51: 'date', 52: 'date', 53: 'date', 54: 'date', 55: 'date', 56: 'date', 57: 'date', 58: 'date',
};

export function dateStyleOf(numFmtId: number, formatCode: string | undefined): DateStyle | null {
  if (formatCode === undefined) return BUILTIN[numFmtId] ?? null;
  // The first section decides (positive numbers); text in quotes, escaped characters, padding (_x, *x) and [Red]/[<100] say nothing.
  const code = (formatCode.split(';')[0] ?? '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '')
    .toLowerCase();
  if (code === 'general' || code === '@') return null;
  const time = /[hs]/.test(code);
  // "m" next to h or s is minutes; otherwise it is the month.
  const date = /[yd]/.test(code) || (/m/.test(code) && !time);
  if (date && time) return 'datetime';
  if (date) return 'date';
  if (time && /h|\[m+\]|\[s+\]/.test(code)) return 'time';
  return null;
}

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** The serial as the user saw it: "2024-03-05", "2024-03-05 14:30" or "14:30"; null when it is no real date. */
export function serialText(serial: number, style: DateStyle, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2_958_465) return null;
  // Excel counts 29 February 1900, which never was: serials before it are one day off from a plain count.
  const days = !date1904 && serial < 60 ? serial + 1 : serial;
  const ms = (date1904 ? EPOCH_1904 : EPOCH_1900) + Math.round(days * 86_400) * 1000;
  const iso = new Date(ms).toISOString();
  const day = iso.slice(0, 10);
  const seconds = iso.slice(17, 19);
  const clock = seconds === '00' ? iso.slice(11, 16) : iso.slice(11, 19);
  if (style === 'time') return clock;
  if (style === 'date' || ms % DAY_MS === 0) return day;
  return `${day} ${clock}`;
}

/** An ISO 8601 value of a `t="d"` cell, in the same form. */
export function isoCellText(value: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(:\d{2})?)?/.exec(value.trim());
  if (!match) return null;
  if (!match[2] || (match[2] === '00:00' && (!match[3] || match[3] === ':00'))) return match[1]!;
  return `${match[1]} ${match[2]}${match[3] && match[3] !== ':00' ? match[3] : ''}`;
}
