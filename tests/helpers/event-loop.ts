/**
 * How freely the event loop turns while a promise runs: a timer asks to tick
 * every few milliseconds and the gaps between its ticks are recorded, and
 * Node's event-loop utilisation says how much of the time the thread was
 * busy rather than waiting for something to do. Figures
 * to compare between two ways of doing the same work, not to hold against a
 * clock (a busy machine stretches both).
 */
import { performance } from 'node:perf_hooks';

export interface LoopFigures {
  /** Timer ticks while the work ran. */
  ticks: number;
  /** The longest time between two ticks (or from the start to the first), in ms: how long the thread was held. */
  longestGapMs: number;
  /** How long the work took, in ms. */
  durationMs: number;
  /** The share of that time (0-1) the thread was busy running code rather than idle in the event loop. */
  utilization: number;
}

export async function measureLoop<T>(work: () => Promise<T>, intervalMs = 5): Promise<{ result: T; figures: LoopFigures }> {
  const utilizationBefore = performance.eventLoopUtilization();
  const started = performance.now();
  let last = started;
  let ticks = 0;
  let longestGapMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
    ticks += 1;
  }, intervalMs);
  try {
    const result = await work();
    const ended = performance.now();
    longestGapMs = Math.max(longestGapMs, ended - last);
    const { utilization } = performance.eventLoopUtilization(utilizationBefore);
    return { result, figures: { ticks, longestGapMs, durationMs: ended - started, utilization } };
  } finally {
    clearInterval(timer);
  }
}
