/**
 * Hybrid logical clock (Kulkarni et al.): timestamps that follow wall time when
 * clocks behave, never go backwards when they do not, and order every change of
 * every replica totally. Encoded as a fixed-width string so that string order is
 * clock order, which lets SQLite compare them with a plain `>`.
 */

export interface Hlc {
  /** Milliseconds since the epoch, the largest wall time seen so far. */
  readonly wallMs: number;
  /** Breaks ties between events within the same millisecond. */
  readonly counter: number;
  /** The replica that made the event; the final tie-breaker. */
  readonly replicaId: string;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 36 ** COUNTER_DIGITS - 1;
/** A remote clock further ahead than this is refused rather than adopted. */
export const MAX_CLOCK_DRIFT_MS = 1000 * 60 * 60 * 24 * 365;

export function encodeHlc(clock: Hlc): string {
  const wall = String(clock.wallMs).padStart(WALL_DIGITS, '0');
  const counter = clock.counter.toString(36).padStart(COUNTER_DIGITS, '0');
  return `${wall}-${counter}-${clock.replicaId}`;
}

export function decodeHlc(encoded: string): Hlc {
  const match = /^(\d{15})-([0-9a-z]{6})-(.+)$/.exec(encoded);
  if (!match) throw new Error(`Ongeldige HLC-tijdstempel: ${encoded}`);
  return { wallMs: Number(match[1]), counter: parseInt(match[2]!, 36), replicaId: match[3]! };
}

/** The clock value for a new local event at wall time `nowMs`. */
export function tickHlc(previous: Hlc, nowMs: number): Hlc {
  if (nowMs > previous.wallMs) return { wallMs: nowMs, counter: 0, replicaId: previous.replicaId };
  return { wallMs: previous.wallMs, counter: nextCounter(previous.counter), replicaId: previous.replicaId };
}

/** The local clock after seeing a remote timestamp, so later local events sort after it. */
export function receiveHlc(local: Hlc, remote: Hlc, nowMs: number): Hlc {
  if (remote.wallMs - nowMs > MAX_CLOCK_DRIFT_MS) {
    throw new Error('De klok van de andere kopie loopt onwaarschijnlijk ver voor.');
  }
  const wallMs = Math.max(local.wallMs, remote.wallMs, nowMs);
  let counter: number;
  if (wallMs === local.wallMs && wallMs === remote.wallMs) counter = nextCounter(Math.max(local.counter, remote.counter));
  else if (wallMs === local.wallMs) counter = nextCounter(local.counter);
  else if (wallMs === remote.wallMs) counter = nextCounter(remote.counter);
  else counter = 0;
  return { wallMs, counter, replicaId: local.replicaId };
}

function nextCounter(counter: number): number {
  if (counter >= MAX_COUNTER) throw new Error('HLC-teller overgelopen.');
  return counter + 1;
}
