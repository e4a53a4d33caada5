/**
 * Job progress and `study-changed` from the browser host as server-sent events. Read with fetch and
 * a stream reader rather than EventSource, which cannot send the token header.
 * One connection serves all listeners; it opens with the first listener,
 * reconnects after a drop and closes when the last listener leaves.
 */
import type { JobProgress } from '../../shared/api/types';
import { parseStudyChanged, STUDY_ENTITIES, type StudyChangedEvent } from '../../shared/api/study-entities';

type Listener = (progress: JobProgress) => void;
type ChangeListener = (event: StudyChangedEvent) => void;

const EVERYTHING_CHANGED: StudyChangedEvent = { type: 'study-changed', entities: [...STUDY_ENTITIES], actionId: null, reopened: false };

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;

export class ProgressStream {
  private readonly listeners = new Set<Listener>();
  private readonly changeListeners = new Set<ChangeListener>();
  private abort: AbortController | null = null;
  private retryDelay = RETRY_MIN_MS;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private connectedBefore = false;

  constructor(
    private readonly url: string,
    private readonly headers: () => Record<string, string>,
  ) {}

  subscribe(listener: Listener): () => void {
    return this.add(this.listeners, listener);
  }

  subscribeStudyChanged(listener: ChangeListener): () => void {
    return this.add(this.changeListeners, listener);
  }

  private get listening(): number {
    return this.listeners.size + this.changeListeners.size;
  }

  private add<T>(set: Set<T>, listener: T): () => void {
    set.add(listener);
    if (this.listening === 1) this.connect();
    return () => {
      set.delete(listener);
      if (this.listening === 0) this.disconnect();
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
    if (ended.signal.aborted || this.abort !== ended || this.listening === 0) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.listening > 0) this.connect();
    }, this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
  }

  private async read(signal: AbortSignal): Promise<void> {
    const response = await fetch(this.url, { headers: { ...this.headers(), Accept: 'text/event-stream' }, signal });
    if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
    this.retryDelay = RETRY_MIN_MS;
    // Changes pushed while the stream was down are lost: after a reconnect every view refreshes once.
    if (this.connectedBefore) for (const listener of this.changeListeners) listener(EVERYTHING_CHANGED);
    this.connectedBefore = true;
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
    const change = progress ? null : parseStudyChanged(parseJson(data));
    if (change) for (const listener of this.changeListeners) listener(change);
  }
}

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return null;
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
      ...ocrOf(event.ocr),
    };
  } catch {
    return null;
  }
}

/** The OCR page a progress event reports, when it carries one that is well formed. */
function ocrOf(ocr: unknown): Pick<JobProgress, 'ocr'> {
  const value = ocr as JobProgress['ocr'] | undefined;
  if (!value || typeof value.fileName !== 'string' || !Number.isInteger(value.page) || !Number.isInteger(value.pages)) return {};
  return { ocr: { fileName: value.fileName, page: value.page, pages: value.pages } };
}
