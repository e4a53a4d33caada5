/**
 * The bench process's own memory while a section runs: sampled RSS per phase
 * and the kernel's high-water mark (national-bench.ts, retrieval-bench.ts).
 * The backend's memory as the app runs it, in a process of its own, is
 * process-memory.ts.
 */
const mb = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(1));

/**
 * Peak RSS of the whole run and of each phase. Sampled every 25 ms, which
 * misses peaks inside long synchronous work (the timer cannot fire then); so
 * the kernel's high-water mark (maxRSS) is read at the end of each phase too:
 * `highWaterAfter` says which phase raised the process's peak, and the peak
 * reported is the larger of both.
 */
export class MemoryWatch {
  peak = process.memoryUsage().rss;
  private phasePeak = this.peak;
  readonly perPhase: Record<string, number> = {};
  readonly highWaterAfter: Record<string, number> = {};
  private readonly timer = setInterval(() => this.sample(), 25);

  sample(): void {
    const rss = process.memoryUsage().rss;
    this.peak = Math.max(this.peak, rss);
    this.phasePeak = Math.max(this.phasePeak, rss);
  }

  endPhase(name: string): void {
    this.sample();
    this.perPhase[name] = mb(this.phasePeak);
    this.highWaterAfter[name] = mb(highWater());
    this.phasePeak = process.memoryUsage().rss;
  }

  /** The run's peak: sampled, or the kernel's high-water mark when higher. */
  get overall(): number {
    return Math.max(this.peak, highWater());
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** The process's peak RSS so far, in bytes (maxRSS is in KiB). */
const highWater = () => process.resourceUsage().maxRSS * 1024;
