/**
 * The order in which one session runs calls. Reads run at once, alongside
 * each other and alongside a write. Writing calls run one at a time, in the
 * order they arrived, each to its end (including its awaits: an import that
 * waits for extraction holds the queue, so no other write lands in between).
 * A call that closes the study or opens another takes its turn among the
 * writes, then waits for every running read, and holds new calls until done.
 */
export type CallKind = 'read' | 'write' | 'switch';

/** Told how long each call waited for its turn (the benchmark listens). */
export type WaitObserver = (kind: CallKind, waitedMs: number) => void;

export class CallQueue {
  /** Settles when the last queued write (or switch) has finished. */
  private writeTail: Promise<void> = Promise.resolve();
  private readonly running = new Set<Promise<unknown>>();
  private switching: Promise<void> | null = null;
  observer: WaitObserver | null = null;

  async run<T>(kind: CallKind, fn: () => T | Promise<T>): Promise<T> {
    const asked = performance.now();
    if (kind === 'read') {
      // No await when nothing switches: a read sent after a switch was asked for never starts before it.
      while (this.switching) await this.switching;
      this.observer?.(kind, performance.now() - asked);
      return this.track(fn);
    }
    const previous = this.writeTail;
    let release!: () => void;
    this.writeTail = new Promise<void>((resolve) => (release = resolve));
    const turn = (async () => {
      await previous;
      if (kind === 'switch') while (this.running.size > 0) await Promise.allSettled([...this.running]);
      this.observer?.(kind, performance.now() - asked);
      return this.track(fn);
    })();
    if (kind === 'switch') this.holdReadsUntil(turn);
    try {
      return await turn;
    } finally {
      release();
    }
  }

  /** Resolves once no call is running or waiting (before closing the study for good). */
  async idle(): Promise<void> {
    for (;;) {
      const tail = this.writeTail;
      await tail;
      if (this.running.size > 0) await Promise.allSettled([...this.running]);
      if (tail === this.writeTail && this.running.size === 0) return;
    }
  }

  private holdReadsUntil(turn: Promise<unknown>): void {
    const settled = turn.then(
      () => undefined,
      () => undefined,
    );
    this.switching = settled;
    // Registered before any waiting read's continuation, so those see the gate open.
    void settled.then(() => {
      if (this.switching === settled) this.switching = null;
    });
  }

  private track<T>(fn: () => T | Promise<T>): Promise<T> {
    const promise = (async () => fn())();
    this.running.add(promise);
    const forget = () => this.running.delete(promise);
    promise.then(forget, forget);
    return promise;
  }
}
