/**
 * Long jobs in the backend service run in slices: between two slices the
 * event loop answers what waits (a read from the UI, a progress event), so
 * the thread that answers is never held for long. A slice is one unit that
 * must stay whole (one file's transaction); the pacer yields only once a
 * slice budget has passed, so thousands of tiny slices cost no extra turns.
 */
import { performance } from 'node:perf_hooks';

/** Give the event loop one turn (after pending I/O callbacks). */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A function to await between slices: it yields once `budgetMs` of work has passed since the last turn. */
export function slicePacer(budgetMs = 10): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await yieldToLoop();
    since = performance.now();
  };
}

/**
 * Work written once as a generator that yields between slices, run two ways:
 * whole (the CLI, a report worker) or paced (the backend service, which
 * answers other calls between slices once a slice budget has passed).
 */
export function runWhole<T>(slices: Generator<void, T>): T {
  for (;;) {
    const step = slices.next();
    if (step.done) return step.value;
  }
}

export async function runPaced<T>(slices: Generator<void, T>, budgetMs?: number): Promise<T> {
  const pace = slicePacer(budgetMs);
  for (;;) {
    const step = slices.next();
    if (step.done) return step.value;
    await pace();
  }
}
