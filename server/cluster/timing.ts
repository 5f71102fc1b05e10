/**
 * The cluster's clocks are Redis's key expiries, never the nodes' wall clocks: a node is alive while
 * its record key exists, a lease holds while its key exists. Nodes whose clocks disagree still agree
 * on both.
 *
 *  - A node rewrites its record every `heartbeatMs` with an expiry of `staleAfterMs`, so a killed or
 *    frozen node disappears by itself after at most `staleAfterMs`. `staleAfterMs >= 2 * heartbeatMs`:
 *    one slow or lost heartbeat must not make a live node look dead.
 *  - A lease expires `leaseMs` after its last renewal; owners renew every `heartbeatMs`. Takeover of a
 *    room is decided by the owner's record, not by its lease: a room is taken over when its owner's
 *    record is gone. The lease's own expiry is the backstop for a room nobody renews. So that this
 *    backstop never robs a live but slow owner, a lease must outlive the record it depends on:
 *    `leaseMs >= staleAfterMs + heartbeatMs`. Then as long as the owner's record exists (it beat within
 *    `staleAfterMs`) its leases exist too, even if renewals run up to one heartbeat behind the record.
 */
export const DEFAULT_HEARTBEAT_MS = 2_000;
export const DEFAULT_STALE_AFTER_MS = 6_000;

export interface HeartbeatTiming {
  heartbeatMs: number;
  staleAfterMs: number;
}

/** Timings that break the relations above; raised at construction, before anything runs. */
export class ClusterTimingError extends Error {
  override name = 'ClusterTimingError';
}

function assertPositiveMs(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value <= 0) throw new ClusterTimingError(`${what} must be a positive whole number of milliseconds, got ${value}`);
}

export function heartbeatTiming(options: Partial<HeartbeatTiming> = {}): HeartbeatTiming {
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  assertPositiveMs(heartbeatMs, 'heartbeatMs');
  assertPositiveMs(staleAfterMs, 'staleAfterMs');
  if (staleAfterMs < 2 * heartbeatMs) {
    throw new ClusterTimingError(`staleAfterMs (${staleAfterMs}) must be at least twice heartbeatMs (${heartbeatMs}): one late heartbeat would make a live node look dead`);
  }
  return { heartbeatMs, staleAfterMs };
}

/** One heartbeat of margin over the minimum: 10 s with the default timing. */
export function defaultLeaseMs(timing: HeartbeatTiming): number {
  return timing.staleAfterMs + 2 * timing.heartbeatMs;
}

export function assertLeaseOutlivesHeartbeat(leaseMs: number, timing: HeartbeatTiming): void {
  assertPositiveMs(leaseMs, 'leaseMs');
  const minimum = timing.staleAfterMs + timing.heartbeatMs;
  if (leaseMs < minimum) {
    throw new ClusterTimingError(
      `leaseMs (${leaseMs}) must be at least staleAfterMs + heartbeatMs (${timing.staleAfterMs} + ${timing.heartbeatMs} = ${minimum}): a shorter lease could lapse while its owner is alive`,
    );
  }
}
