/**
 * Pure helpers of the Team view: Dutch notation of percentages, kappa and
 * times, the rows of a bundle preview, and conflict values in words
 * (ids become names, 0/1 become yes/no).
 */
import { nl } from '../text/nl';
import { MERGE_KINDS, type MergeConflict, type MergeKind, type MergeKindCounts } from '../../shared/api/types';

const MONTHS = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

const pad = (n: number) => String(n).padStart(2, '0');

/** A moment as "23 nov 2026 09:38" in local time; null/invalid → null. */
export function formatMoment(value: string | number | Date | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The wall time of a hybrid logical clock stamp ("000001790000000-000000-<replica>"), formatted. */
export function hlcMoment(hlc: string): string | null {
  const match = /^(\d{15})-/.exec(hlc);
  return match ? formatMoment(Number(match[1])) : null;
}

/** 99.63 → "99,6%". */
export function formatPercent(value: number | null, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return `${value.toLocaleString('nl-NL', { minimumFractionDigits: digits, maximumFractionDigits: digits })}%`;
}

/** Cohen's kappa with two decimals and a decimal comma; "—" when undefined. Never "-0,00". */
export function formatKappa(kappa: number | null): string {
  if (kappa === null || !Number.isFinite(kappa)) return '—';
  const rounded = Math.round(kappa * 100) / 100;
  const text = (Object.is(rounded, -0) ? 0 : rounded).toFixed(2).replace('.', ',');
  return text === '-0,00' ? '0,00' : text;
}

/** A plain reading of kappa (Landis & Koch's bands), for a tooltip. */
export function kappaBand(kappa: number | null): string | null {
  if (kappa === null || !Number.isFinite(kappa)) return null;
  const bands = nl.team.agreement.kappaBands;
  if (kappa < 0) return bands.belowChance;
  if (kappa < 0.2) return bands.slight;
  if (kappa < 0.4) return bands.fair;
  if (kappa < 0.6) return bands.moderate;
  if (kappa < 0.8) return bands.substantial;
  return bands.almostPerfect;
}

/** "1.234" with Dutch thousands separator. */
export const formatCount = (n: number) => n.toLocaleString('nl-NL');

/** The threshold field (a percentage as typed) as the API's fraction, or null when out of range. */
export function thresholdFraction(typed: string): number | null {
  const value = Number(typed.trim().replace(',', '.').replace(/%$/, ''));
  if (!Number.isFinite(value) || value <= 0 || value > 100) return null;
  return Math.round(value * 10) / 1000;
}

export interface PreviewRow {
  kind: MergeKind;
  counts: MergeKindCounts;
}

/** The preview's kinds in fixed order; kinds the bundle does not touch at all go last but stay. */
export function previewRows(perKind: Record<MergeKind, MergeKindCounts>): PreviewRow[] {
  return MERGE_KINDS.map((kind) => ({ kind, counts: perKind[kind] }));
}

/** The conflict's label without its trailing field ("Oordeel X bij Y: oordeel" → "Oordeel X bij Y"). */
export function conflictSubject(conflict: Pick<MergeConflict, 'label'>): string {
  const at = conflict.label.lastIndexOf(': ');
  return at > 0 ? conflict.label.slice(0, at) : conflict.label;
}

/** The field part of the label, as the backend named it in Dutch. */
export function conflictField(conflict: Pick<MergeConflict, 'label' | 'field'>): string {
  const at = conflict.label.lastIndexOf(': ');
  return at > 0 ? conflict.label.slice(at + 2) : conflict.field;
}

/** What kind of thing a conflict is about, as a short Dutch tag. */
export function conflictKindLabel(conflict: Pick<MergeConflict, 'entity'>): string {
  const kinds: Record<string, string> = nl.team.conflicts.entityKinds;
  return kinds[conflict.entity] ?? nl.team.import.kinds.other;
}

/** The tag to show before the subject, or null where the subject already starts with it ("Instelling GI Noord"). */
export function conflictKindTag(conflict: Pick<MergeConflict, 'entity' | 'label'>): string | null {
  const kind = conflictKindLabel(conflict);
  return conflictSubject(conflict).toLocaleLowerCase('nl').startsWith(kind.toLocaleLowerCase('nl')) ? null : kind;
}

/** Names to show for ids in conflict values. */
export interface NameLookup {
  code(id: string): string | undefined;
  institution(id: string): string | undefined;
  source(id: string): string | undefined;
  inspector(id: string): string | undefined;
}

const ID_FIELDS: Record<string, keyof NameLookup> = {
  codeId: 'code',
  parentId: 'code',
  institutionId: 'institution',
  sourceId: 'source',
  inspectorId: 'inspector',
  coderId: 'inspector',
};

/** A value of a conflict in words. */
export function conflictValue(field: string, value: string | number | null, names: NameLookup): string {
  const values = nl.team.conflicts.values;
  if (field === 'reportTemplate') return houseStyleName(value);
  if (value === null || value === '') {
    return field === 'parentId' ? values.topLevel : values.empty;
  }
  if (field === 'deleted') return value === 1 || value === '1' ? values.deleted : values.notDeleted;
  if (field === 'quotable') return value === 1 || value === '1' ? values.quotable : values.notQuotable;
  const lookup = ID_FIELDS[field];
  if (lookup && typeof value === 'string') return names[lookup](value) ?? value;
  if (field === 'ratingScale' || field === 'options') {
    try {
      const parsed = JSON.parse(String(value)) as unknown;
      if (Array.isArray(parsed)) return parsed.join(' / ');
    } catch {
      // shown as it is
    }
  }
  return typeof value === 'number' ? formatCount(value) : value;
}

/** A stored house style (JSON with the template's file name and styles) by its file name only. */
function houseStyleName(value: string | number | null): string {
  const values = nl.team.conflicts.values;
  if (value === null || value === '') return values.standardHouseStyle;
  try {
    const { fileName } = JSON.parse(String(value)) as { fileName?: unknown };
    if (typeof fileName === 'string') return values.houseStyle(fileName);
  } catch {
    // an unreadable value is shown as the standard, as the report writer treats it
  }
  return values.standardHouseStyle;
}

/** True when a value is a colour the UI can show as a swatch. */
export const isColor = (field: string, value: unknown): value is string => field === 'color' && typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value);

/** "MD" for an inspector id, from the report's coder list. */
export function coderInitials(coders: ReadonlyArray<{ id: string; initials: string }>, id: string): string {
  return coders.find((coder) => coder.id === id)?.initials ?? '?';
}

/** A stable key for a coder pair. */
export const pairKey = (pair: { coderA: string; coderB: string }) => `${pair.coderA}|${pair.coderB}`;

/** The backend's minimum (backend/merge/export.ts); checked here too so the user hears it before the wait. */
export const MIN_PASSPHRASE_LENGTH = 8;

/** What is wrong with the two typed passphrases, or null. */
export function passphraseProblem(passphrase: string, repeat: string): string | null {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) return nl.team.export.tooShort;
  if (passphrase !== repeat) return nl.team.export.mismatch;
  return null;
}

/** Open conflicts first (oldest first), then the resolved ones. */
export function sortConflicts(conflicts: MergeConflict[]): MergeConflict[] {
  return [...conflicts].sort((a, b) => (a.status === b.status ? a.detectedAt.localeCompare(b.detectedAt) : a.status === 'open' ? -1 : 1));
}
