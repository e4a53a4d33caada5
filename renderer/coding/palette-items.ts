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
  const visit = (code: Code, depth: number) => {
    items.push({ code, depth, number: null });
    for (const child of children.get(code.id) ?? []) visit(child, depth + 1);
  };
  for (const root of ordered) visit(root, 0);
  let number = 0;
  for (const item of items) if (item.depth === 0 && number < 9) item.number = ++number;
  return items;
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
