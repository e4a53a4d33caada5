/**
 * The memory another process uses, as the operating system sees it: the
 * resident set (RSS) of a process and its descendants, read from
 * /proc/<pid>/status (Linux). Worker threads are inside their process, so a
 * service process's RSS includes its report, extraction and privacy workers;
 * a worker that is a process of its own is counted through `children`.
 *
 * Per job the kernel's own high-water mark (VmHWM) is reset first (writing 5
 * to /proc/<pid>/clear_refs) and read after: a peak inside long synchronous
 * work is caught even when the sampler, which runs in this process, sees it
 * only between samples. Where the reset is not allowed, the peak is the
 * sampled one and `kernelPeak` says so.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const SAMPLE_EVERY_MS = 10;
const mb = (kib: number) => Number((kib / 1024).toFixed(1));

/** VmRSS and VmHWM of one process, in KiB (null once it is gone). */
function statusOf(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { rss: field('VmRSS'), hwm: field('VmHWM') };
  } catch {
    return null;
  }
}

/** The pids of every descendant of `pid` (children of all its threads, recursively). */
function descendants(pid: number): number[] {
  const found: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return found;
  }
  for (const task of tasks) {
    let children = '';
    try {
      children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8');
    } catch {
      continue;
    }
    for (const child of children.split(/\s+/).filter(Boolean).map(Number)) found.push(child, ...descendants(child));
  }
  return found;
}

function resetHighWater(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export interface JobMemory {
  /** The highest RSS of the process tree during the job, in MB: the kernel's high-water mark of the process plus its descendants' sampled RSS, or the sampled total. */
  peakRssMB: number;
  /** The tree's RSS before the job and after it, in MB: what the job left held. */
  beforeMB: number;
  afterMB: number;
  /** Whether the peak includes the kernel's high-water mark (not only samples). */
  kernelPeak: boolean;
  /** CPU time of the process (all its threads) during the job, in ms: unlike wall time, not stretched by other work on a shared machine. */
  cpuMs: number;
}

/** CPU time (user + system, all threads) of a process so far, in ms; 0 once it is gone. */
function cpuMsOf(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat times (100 on every common build). */
const CLOCK_TICKS = 100;

/** Watches the memory of the process `pid` and its descendants, job by job. */
export class ProcessMemory {
  private overallKiB = 0;
  readonly jobs: Record<string, JobMemory> = {};

  constructor(readonly pid: number) {}

  /** The tree's RSS now, in KiB, and the process's own high-water mark. */
  private read(): { total: number; hwm: number; children: number } {
    const own = statusOf(this.pid);
    let children = 0;
    for (const child of descendants(this.pid)) children += statusOf(child)?.rss ?? 0;
    return { total: (own?.rss ?? 0) + children, hwm: own?.hwm ?? 0, children };
  }

  /** Run `job`, sampling the tree's RSS; its peak and what it left are kept under `name`. */
  async during<T>(name: string, job: () => Promise<T>): Promise<T> {
    const before = this.read();
    const cpuBefore = cpuMsOf(this.pid);
    const kernelPeak = resetHighWater(this.pid);
    let sampled = before.total;
    let childPeak = before.children;
    const sample = () => {
      const now = this.read();
      sampled = Math.max(sampled, now.total);
      childPeak = Math.max(childPeak, now.children);
    };
    const timer = setInterval(sample, SAMPLE_EVERY_MS);
    try {
      return await job();
    } finally {
      clearInterval(timer);
      sample();
      const after = this.read();
      const peak = Math.max(sampled, kernelPeak ? after.hwm + childPeak : 0);
      this.overallKiB = Math.max(this.overallKiB, peak);
      this.jobs[name] = { peakRssMB: mb(peak), beforeMB: mb(before.total), afterMB: mb(after.total), kernelPeak, cpuMs: Math.round(cpuMsOf(this.pid) - cpuBefore) };
    }
  }

  /** The highest peak of all jobs so far, in MB. */
  get peakRssMB(): number {
    return mb(this.overallKiB);
  }
}
