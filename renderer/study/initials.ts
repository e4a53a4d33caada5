/** "Anna de Vries" → "AdV": a suggestion the user may overwrite. */
export function suggestInitials(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((part, index, parts) => (index === 0 || index === parts.length - 1 ? part[0]!.toUpperCase() : part[0]!.toLowerCase()))
    .join('')
    .slice(0, 10);
}

/** How an inspector is named in lists and notes: "Anna de Vries (AdV)". */
export function inspectorLabel(inspector: { name: string; initials: string }): string {
  return `${inspector.name} (${inspector.initials})`;
}

/** The inspectors as options of a select, by id. */
export function inspectorOptions(inspectors: ReadonlyArray<{ id: string; name: string; initials: string }>) {
  return inspectors.map((inspector) => ({ value: inspector.id, label: inspectorLabel(inspector) }));
}
