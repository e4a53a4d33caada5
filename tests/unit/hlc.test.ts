import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHlc, encodeHlc, receiveHlc, tickHlc, type Hlc } from '../../shared/hlc';

const start: Hlc = { wallMs: 1_700_000_000_000, counter: 0, replicaId: 'a' };

describe('hybrid logical clock', () => {
  it('follows the wall clock when it moves forward', () => {
    const next = tickHlc(start, start.wallMs + 5);
    expect(next).toEqual({ wallMs: start.wallMs + 5, counter: 0, replicaId: 'a' });
  });

  it('stays monotonic when the wall clock jumps back (clock skew)', () => {
    const afterSkew = tickHlc(tickHlc(start, start.wallMs + 1000), start.wallMs - 60_000);
    expect(encodeHlc(afterSkew) > encodeHlc(tickHlc(start, start.wallMs + 1000))).toBe(true);
    expect(afterSkew.wallMs).toBe(start.wallMs + 1000);
    expect(afterSkew.counter).toBe(1);
  });

  it('orders every tick after the previous one for any sequence of wall times', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2_000_000_000_000 }), { minLength: 1, maxLength: 200 }), (walls) => {
        let clock = start;
        for (const wall of walls) {
          const next = tickHlc(clock, wall);
          expect(encodeHlc(next) > encodeHlc(clock)).toBe(true);
          clock = next;
        }
      }),
    );
  });

  it('sorts after a received remote timestamp, even one ahead of the local wall clock', () => {
    const remote: Hlc = { wallMs: start.wallMs + 10_000, counter: 7, replicaId: 'b' };
    const local = receiveHlc(start, remote, start.wallMs);
    expect(local.wallMs).toBe(remote.wallMs);
    expect(local.counter).toBe(8);
    expect(local.replicaId).toBe('a');
    expect(encodeHlc(tickHlc(local, start.wallMs)) > encodeHlc(remote)).toBe(true);
  });

  it('refuses a remote clock implausibly far in the future', () => {
    const remote: Hlc = { wallMs: start.wallMs + 10 * 365 * 24 * 3600 * 1000, counter: 0, replicaId: 'b' };
    expect(() => receiveHlc(start, remote, start.wallMs)).toThrow(/klok/);
  });

  it('encodes so that string order is clock order, and decodes back', () => {
    fc.assert(
      fc.property(
        fc.record({ wallMs: fc.integer({ min: 0, max: 9e14 }), counter: fc.integer({ min: 0, max: 1e6 }) }),
        fc.record({ wallMs: fc.integer({ min: 0, max: 9e14 }), counter: fc.integer({ min: 0, max: 1e6 }) }),
        (x, y) => {
          const a = { ...x, replicaId: 'r1' };
          const b = { ...y, replicaId: 'r1' };
          const byClock = a.wallMs - b.wallMs || a.counter - b.counter;
          const byString = encodeHlc(a) < encodeHlc(b) ? -1 : encodeHlc(a) > encodeHlc(b) ? 1 : 0;
          expect(Math.sign(byClock)).toBe(byString);
          expect(decodeHlc(encodeHlc(a))).toEqual(a);
        },
      ),
    );
  });
});
