/**
 * The slice pacer (backend/slices.ts): long jobs give the event loop a turn
 * once a slice budget has passed, and not after every tiny slice.
 */
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { slicePacer } from '../../backend/slices';

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** Count the event-loop turns taken while `work` runs. */
async function turnsDuring(work: () => Promise<void>): Promise<number> {
  let turns = 0;
  let running = true;
  const spin = () => {
    if (!running) return;
    turns += 1;
    setImmediate(spin);
  };
  setImmediate(spin);
  await work();
  running = false;
  return turns;
}

describe('slicePacer', () => {
  it('gives the loop a turn after every slice longer than the budget', async () => {
    const turns = await turnsDuring(async () => {
      const pace = slicePacer(10);
      for (let slice = 0; slice < 5; slice++) {
        busy(12);
        await pace();
      }
    });
    expect(turns).toBeGreaterThanOrEqual(5);
  });

  it('does not yield after each of many tiny slices', async () => {
    const turns = await turnsDuring(async () => {
      const pace = slicePacer(10);
      for (let slice = 0; slice < 2000; slice++) await pace();
    });
    expect(turns).toBeLessThan(50);
  });
});
