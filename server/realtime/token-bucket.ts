/** A rate: bursts of up to `capacity`, refilled continuously at `refillPerSecond`. */
export interface RateLimit {
  capacity: number;
  refillPerSecond: number;
}

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

/** The classic token bucket, pure: the caller passes the time, so tests need no clock. */
export class TokenBucket {
  #tokens: number;
  #updatedAt: number;

  constructor(
    private readonly limit: RateLimit,
    now: number,
  ) {
    this.#tokens = limit.capacity;
    this.#updatedAt = now;
  }

  take(now: number): Take {
    this.#refill(now);
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - this.#tokens) / this.limit.refillPerSecond)) };
  }

  /** Whether the bucket is full again (it can be forgotten without changing any answer). */
  isFull(now: number): boolean {
    this.#refill(now);
    return this.#tokens >= this.limit.capacity;
  }

  #refill(now: number): void {
    // A clock stepping back earns nothing; time is counted from the latest instant seen.
    if (now <= this.#updatedAt) return;
    this.#tokens = Math.min(this.limit.capacity, this.#tokens + ((now - this.#updatedAt) / 1000) * this.limit.refillPerSecond);
    this.#updatedAt = now;
  }
}

const SWEEP_INTERVAL_MS = 60_000;

/** One bucket per key (a member, say), created on first use; full buckets are swept away. */
export class KeyedLimiter {
  readonly #buckets = new Map<string, TokenBucket>();
  #sweptAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): Take {
    const now = this.now();
    if (now - this.#sweptAt > SWEEP_INTERVAL_MS) this.sweep();
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.limit, now);
      this.#buckets.set(key, bucket);
    }
    return bucket.take(now);
  }

  sweep(): void {
    const now = this.now();
    this.#sweptAt = now;
    for (const [key, bucket] of this.#buckets) if (bucket.isFull(now)) this.#buckets.delete(key);
  }

  get size(): number {
    return this.#buckets.size;
  }
}
