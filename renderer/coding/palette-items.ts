/**
 * The entries of the code palette: the framework in reading order (norms with
 * their sub-codes, then the context codes with theirs), the top-level codes
 * numbered 1-9 for the number keys, and the type-ahead filter over them.
 * Pure: no DOM, no React.
 */
import type { Code } from '../../shared/api/types';

export interface PaletteItem {
  code: Code;
  depth: number;
  /** 1-9 for the first nine top-level codes, otherwise null. */
  number: number | null;
  /** The digits that reach it: "2" for the second norm, "21" for its first sub-code; null past the ninth. */
  digits: string | null;
}

export function paletteItems(codes: readonly Code[]): PaletteItem[] {
  const children = new Map<string | null, Code[]>();
  for (const code of codes) {
    const siblings = children.get(code.parentId) ?? [];
    siblings.push(code);
    children.set(code.parentId, siblings);
  }
  for (const siblings of children.values()) siblings.sort((a, b) => a.sortOrder - b.sortOrder);
  const known = new Set(codes.map((code) => code.id));
  // Codes whose parent is gone are shown at the top level rather than lost.
  const roots = codes.filter((code) => code.parentId === null || !known.has(code.parentId)).sort((a, b) => a.sortOrder - b.sortOrder);
  const ordered = [...roots.filter((code) => code.kind !== 'context'), ...roots.filter((code) => code.kind === 'context')];

  const items: PaletteItem[] = [];
  const visit = (code: Code, depth: number, digits: string | null) => {
    items.push({ code, depth, number: depth === 0 && digits ? Number(digits) : null, digits });
    (children.get(code.id) ?? []).forEach((child, index) => visit(child, depth + 1, digits && index < 9 ? `${digits}${index + 1}` : null));
  };
  ordered.forEach((root, index) => visit(root, 0, index < 9 ? String(index + 1) : null));
  return items;
}

/**
 * What a typed digit sequence reaches: the item, and whether the sequence is
 * complete (the item has no sub-codes a further digit could choose). "2"
 * reaches the second norm but waits for a sub-code digit; "21" its first
 * sub-code. No item: the sequence leads nowhere.
 */
export function resolveDigits(items: readonly PaletteItem[], digits: string): { item: PaletteItem | undefined; complete: boolean } {
  const item = items.find((candidate) => candidate.digits === digits);
  const complete = !items.some((candidate) => candidate.digits !== null && candidate.digits.length > digits.length && candidate.digits.startsWith(digits));
  return { item, complete };
}

/** Lower case without diacritics, for matching "ge" against "geïnformeerd". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * The items matching the typed filter: every word of the filter occurs in the
 * code's name or key. With an empty filter, all items.
 */
export function filterItems(items: readonly PaletteItem[], filter: string): PaletteItem[] {
  const words = fold(filter).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  return items.filter((item) => {
    const haystack = `${fold(item.code.name)} ${fold(item.code.key)}`;
    return words.every((word) => haystack.includes(word));
  });
}

/** The item numbered `digit` (1-9), if any. */
export function itemForDigit(items: readonly PaletteItem[], digit: number): PaletteItem | undefined {
  return items.find((item) => item.number === digit);
}
