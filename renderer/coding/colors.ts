/** Code colours as translucent highlight fills. */
const cache = new Map<string, string>();

/** `#rrggbb` with the given opacity as `rgba(...)`; unknown input gives a neutral grey. */
export function translucent(hex: string, alpha: number): string {
  const key = `${hex}|${alpha}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  const [r, g, b] = match ? [1, 2, 3].map((index) => parseInt(match[index]!, 16)) : [128, 128, 128];
  const value = `rgba(${r}, ${g}, ${b}, ${alpha})`;
  cache.set(key, value);
  return value;
}
