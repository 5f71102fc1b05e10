import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyedLimiter, TokenBucket } from '../../server/realtime/token-bucket.ts';

describe('TokenBucket', () => {
  it('allows a burst of `capacity`, then refuses with the wait until the next token', () => {
    const bucket = new TokenBucket({ capacity: 3, refillPerSecond: 0.5 }, 0);
    expect([0, 0, 0].map((t) => bucket.take(t))).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(bucket.take(0)).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect(bucket.take(1500)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(bucket.take(2000)).toEqual({ ok: true });
    expect(bucket.take(2000)).toEqual({ ok: false, retryAfterSeconds: 2 });
  });

  it('refills at its rate but never above capacity', () => {
    const bucket = new TokenBucket({ capacity: 2, refillPerSecond: 10 }, 0);
    bucket.take(0);
    bucket.take(0);
    expect(bucket.take(60_000)).toEqual({ ok: true });
    expect(bucket.take(60_000)).toEqual({ ok: true });
    expect(bucket.take(60_000).ok).toBe(false);
  });

  it('a clock going backwards does not mint tokens', () => {
    const bucket = new TokenBucket({ capacity: 1, refillPerSecond: 1 }, 10_000);
    expect(bucket.take(10_000).ok).toBe(true);
    expect(bucket.take(0).ok).toBe(false);
    expect(bucket.take(10_500).ok).toBe(false);
    expect(bucket.take(11_000).ok).toBe(true);
  });

  it('over any window, grants at most capacity + rate × elapsed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.double({ min: 0.1, max: 50, noNaN: true }), fc.array(fc.integer({ min: 0, max: 2000 }), { maxLength: 200 }), (capacity, rate, gaps) => {
        const bucket = new TokenBucket({ capacity, refillPerSecond: rate }, 0);
        let now = 0;
        let granted = 0;
        for (const gap of gaps) {
          now += gap;
          if (bucket.take(now).ok) granted++;
        }
        expect(granted).toBeLessThanOrEqual(capacity + Math.floor((rate * now) / 1000) + 1);
      }),
    );
  });
});

describe('KeyedLimiter', () => {
  it('keeps one bucket per key and forgets full ones', () => {
    let now = 0;
    const limiter = new KeyedLimiter({ capacity: 1, refillPerSecond: 1 }, () => now);
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
    expect(limiter.take('b').ok).toBe(true);
    now = 5000;
    limiter.sweep();
    expect(limiter.size).toBe(0);
    expect(limiter.take('a').ok).toBe(true);
  });
});
