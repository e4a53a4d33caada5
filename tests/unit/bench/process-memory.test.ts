/**
 * The bench's reading of another process's memory (scripts/bench/process-memory.ts):
 * a child that briefly holds 150 MB and lets it go must show that peak for the
 * job it ran in, even though the sampler may miss it (the kernel's high-water
 * mark, reset per job, catches it), and not for the job after.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ProcessMemory } from '../../../scripts/bench/process-memory';

const HOLD_MB = 150;

describe('the memory of another process, job by job', () => {
  it.runIf(process.platform === 'linux')('reports a short peak in its job and not in the next', async () => {
    // On "go" the child fills HOLD_MB, frees it within a few ms, then says "done".
    const child = spawn(
      process.execPath,
      ['--expose-gc', '-e', `process.stdin.on('data', () => { let b = Buffer.alloc(${HOLD_MB} * 1024 * 1024, 1); b = null; gc(); process.stdout.write('done'); });`],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    try {
      const memory = new ProcessMemory(child.pid!);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await memory.during('vullen', async () => {
        child.stdin.write('go');
        await once(child.stdout, 'data');
      });
      await memory.during('daarna', () => new Promise((resolve) => setTimeout(resolve, 50)));
      expect(memory.jobs.vullen!.kernelPeak).toBe(true);
      expect(memory.jobs.vullen!.peakRssMB - memory.jobs.vullen!.beforeMB).toBeGreaterThan(HOLD_MB * 0.9);
      expect(memory.jobs.daarna!.peakRssMB).toBeLessThan(memory.jobs.vullen!.peakRssMB - HOLD_MB * 0.5);
      expect(memory.peakRssMB).toBe(memory.jobs.vullen!.peakRssMB);
    } finally {
      child.kill();
    }
  });
});
