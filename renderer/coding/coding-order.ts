/** Walking the codings of a source in reading order (J/K). Pure: no DOM, no React. */
import type { Coding } from '../../shared/api/types';

/** The coding after (step 1) or before (step -1) the open one; the first or last when none is open. */
export function neighbour(ordered: readonly Coding[], currentId: string | null, step: 1 | -1): Coding | undefined {
  if (ordered.length === 0) return undefined;
  const at = currentId ? ordered.findIndex((coding) => coding.id === currentId) : -1;
  if (at === -1) return step === 1 ? ordered[0] : ordered[ordered.length - 1];
  return ordered[Math.min(ordered.length - 1, Math.max(0, at + step))];
}
