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
