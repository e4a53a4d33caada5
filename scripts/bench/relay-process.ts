/**
 * The app's main process, for the benchmarks: a process that only relays
 * calls to the backend service (service-process.ts, Electron's utilityProcess
 * in the app) and their answers back, as electron/main.ts does through
 * relay.ts. The longest pause of this thread is what the app's window would
 * wait at most for an answer or an event to be passed on. It is measured here
 * and not in the bench's own process, whose heap (the national corpus, the
 * bundles, a study of its own) is collected at moments no host has to.
 *
 * Messages from the bench (structured clone over the fork's IPC): `call` and
 * `switch` are relayed; `pauses` starts or stops the measurement of this
 * thread (a 5 ms timer's longest gap, the longest garbage collection);
 * `stop` closes the study and ends the service, then this process.
 */
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { startServiceProcess } from './service-process';

export type RelayRequest =
  | { t: 'call'; name: string; input: unknown }
  | { t: 'switch'; path: string }
  | { t: 'pauses'; measure: 'start' | 'stop' }
  | { t: 'stop' };

export type ToRelay = RelayRequest & { id: number };

export type FromRelay = { t: 'ready'; servicePid: number } | { t: 'answer'; id: number; value: unknown };

export interface RelayPauses {
  longestPauseMs: number;
  longestGcMs: number;
}

const TICK_MS = 5;

/** The longest gap between ticks of a timer on this thread, and its longest garbage collection, while started. */
class PauseMeter {
  private timer: NodeJS.Timeout | null = null;
  private last = 0;
  private longestGap = 0;
  private longestGc = 0;
  private readonly collections = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) this.longestGc = Math.max(this.longestGc, entry.duration);
  });

  start(): void {
    this.longestGap = 0;
    this.longestGc = 0;
    this.last = performance.now();
    this.collections.observe({ entryTypes: ['gc'] });
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop(): RelayPauses {
    this.tick();
    if (this.timer) clearInterval(this.timer);
    this.collections.disconnect();
    return { longestPauseMs: this.longestGap, longestGcMs: this.longestGc };
  }

  private tick(): void {
    const now = performance.now();
    this.longestGap = Math.max(this.longestGap, now - this.last);
    this.last = now;
  }
}

async function relay(): Promise<void> {
  const send = (message: FromRelay) => process.send!(message);
  const service = await startServiceProcess({ kind: 'cli', demoStudyPath: '' });
  const pauses = new PauseMeter();
  let stopping: Promise<void> | null = null;
  const stop = () => (stopping ??= service.stop());
  process.on('message', (message: ToRelay) => {
    const answer = (value: unknown) => send({ t: 'answer', id: message.id, value });
    if (message.t === 'call') void service.client.call(message.name, message.input).then(answer);
    else if (message.t === 'switch') void service.client.switchTo(message.path).then(answer);
    else if (message.t === 'pauses') answer(message.measure === 'start' ? pauses.start() : pauses.stop());
    else if (message.t === 'stop') void stop().then(() => answer(null)).then(() => process.disconnect());
  });
  // The bench ended without a stop (an error, Ctrl+C): end the service with it, leave nothing running.
  process.on('disconnect', () => void stop().finally(() => process.exit(0)));
  send({ t: 'ready', servicePid: service.pid });
}

void relay();
