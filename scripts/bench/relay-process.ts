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
import { PerformanceObserver } from 'node:perf_hooks';
import { measureLoop, type LoopFigures } from '../../tests/helpers/event-loop';
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

/**
 * This thread's longest pause (measureLoop's timer, the one the other pause
 * figures use) and its longest garbage collection, from start to stop.
 */
class PauseMeter {
  private finish: (() => void) | null = null;
  private figures: Promise<LoopFigures> | null = null;
  private longestGc = 0;
  private readonly collections = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) this.longestGc = Math.max(this.longestGc, entry.duration);
  });

  start(): void {
    this.longestGc = 0;
    this.collections.observe({ entryTypes: ['gc'] });
    const running = new Promise<void>((resolve) => (this.finish = resolve));
    this.figures = measureLoop(() => running).then(({ figures }) => figures);
  }

  async stop(): Promise<RelayPauses> {
    this.finish?.();
    const figures = await this.figures!;
    this.collections.disconnect();
    return { longestPauseMs: figures.longestGapMs, longestGcMs: this.longestGc };
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
    else if (message.t === 'pauses' && message.measure === 'start') answer(pauses.start());
    else if (message.t === 'pauses') void pauses.stop().then(answer);
    else if (message.t === 'stop') void stop().then(() => answer(null)).then(() => process.disconnect());
  });
  // The bench ended without a stop (an error, Ctrl+C): end the service with it, leave nothing running.
  process.on('disconnect', () => void stop().finally(() => process.exit(0)));
  send({ t: 'ready', servicePid: service.pid });
}

void relay();
