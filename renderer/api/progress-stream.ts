/**
 * Job progress from the browser host as server-sent events. Read with fetch and
 * a stream reader rather than EventSource, which cannot send the token header.
 * One connection serves all listeners; it opens with the first listener,
 * reconnects after a drop and closes when the last listener leaves.
 */
import type { JobProgress } from '../../shared/api/types';

type Listener = (progress: JobProgress) => void;

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;

export class ProgressStream {
  private readonly listeners = new Set<Listener>();
  private abort: AbortController | null = null;
  private retryDelay = RETRY_MIN_MS;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly url: string,
    private readonly headers: () => Record<string, string>,
  ) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.connect();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.disconnect();
    };
  }

  private connect(): void {
    const abort = new AbortController();
    this.abort = abort;
    this.read(abort.signal).then(
      () => this.scheduleReconnect(abort),
      () => this.scheduleReconnect(abort),
    );
  }

  private disconnect(): void {
    this.abort?.abort();
    this.abort = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private scheduleReconnect(ended: AbortController): void {
    if (ended.signal.aborted || this.abort !== ended || this.listeners.size === 0) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.listeners.size > 0) this.connect();
    }, this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
  }

  private async read(signal: AbortSignal): Promise<void> {
    const response = await fetch(this.url, { headers: { ...this.headers(), Accept: 'text/event-stream' }, signal });
    if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
    this.retryDelay = RETRY_MIN_MS;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let boundary: number;
      while ((boundary = buffer.indexOf('\n\n')) >= 0) {
        this.dispatch(buffer.slice(0, boundary));
        buffer = buffer.slice(boundary + 2);
      }
    }
  }

  /** Handle one event block: its `data:` lines joined, parsed as JSON. */
  private dispatch(block: string): void {
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trimStart())
      .join('\n');
    if (!data) return;
    const progress = parseProgress(data);
    if (progress) for (const listener of this.listeners) listener(progress);
  }
}

function parseProgress(data: string): JobProgress | null {
  try {
    const event = JSON.parse(data) as Partial<JobProgress> & { type?: string };
    if (event.type !== 'progress' || typeof event.jobId !== 'string') return null;
    return {
      jobId: event.jobId,
      done: Number(event.done) || 0,
      total: Number(event.total) || 0,
      message: typeof event.message === 'string' ? event.message : '',
    };
  } catch {
    return null;
  }
}
