/** PDF page bookkeeping: text offsets to 1-based page numbers. */

/** The 1-based page holding `offset`, given the offsets where pages start (ascending). */
export function pageOfOffset(pageStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = pageStarts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (pageStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}
