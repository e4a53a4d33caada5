/**
 * Background workers lower their own priority, not the process's
 * (backend/thread-priority.ts): on Linux the calling thread runs at nice 10
 * afterwards while the other threads of the process keep theirs. Read back
 * from the kernel (/proc/thread-self/stat), not from our own code.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_NICE, runInBackground } from '../../backend/thread-priority';

/** Field 19 of /proc/thread-self/stat, counted after the command name's closing parenthesis. */
const NICE_OF_STAT = `const stat = require('node:fs').readFileSync('/proc/thread-self/stat', 'utf8'); Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])`;
const ownNice = () => {
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
};

describe.skipIf(process.platform !== 'linux')('runInBackground', () => {
  it('lowers the calling thread to the background nice value and leaves the other threads as they were', async () => {
    // A thread started before, which reports its own nice value when asked.
    const other = new Worker(`const { parentPort } = require('node:worker_threads'); parentPort.on('message', () => parentPort.postMessage((() => { ${NICE_OF_STAT.replace(/; Number/, '; return Number')} })()));`, { eval: true });
    const niceOfOther = () => new Promise<number>((resolve) => (other.once('message', resolve), other.postMessage('nice?')));
    try {
      const before = await niceOfOther();
      expect(runInBackground()).toBe(true);
      expect(ownNice()).toBe(BACKGROUND_NICE);
      expect(await niceOfOther()).toBe(before);
      expect(before).toBeLessThan(BACKGROUND_NICE);
    } finally {
      await other.terminate();
    }
  });
});
