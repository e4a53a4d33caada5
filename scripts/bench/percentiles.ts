/** Latency figures for the benchmark's JSON: median, 95th percentile and maximum, in ms (one decimal). */
export function latencySummary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  const round = (value: number) => Number(value.toFixed(1));
  return { p50Ms: round(at(50)), p95Ms: round(at(95)), maxMs: round(sorted[sorted.length - 1]!), samples: sorted.length };
}
