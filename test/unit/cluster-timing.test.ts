import fc from 'fast-check';
import { createClient } from 'redis';
import { describe, expect, it } from 'vitest';
import { ClusterInputError } from '../../server/cluster/keys.ts';
import { NodeRegistry } from '../../server/cluster/node-registry.ts';
import { RoomLeases } from '../../server/cluster/room-leases.ts';
import type { RedisClient } from '../../server/store/redis-append-script.ts';
import { assertLeaseOutlivesHeartbeat, ClusterTimingError, defaultLeaseMs, heartbeatTiming } from '../../server/cluster/timing.ts';

// Never connected: the constructors and the argument checks refuse before any command is sent.
const client: RedisClient = createClient({ url: 'redis://127.0.0.1:1' });

describe('cluster timing', () => {
  it('defaults to a heartbeat of 2 s, stale after 6 s, leases of 10 s', () => {
    const timing = heartbeatTiming();
    expect(timing).toEqual({ heartbeatMs: 2_000, staleAfterMs: 6_000 });
    expect(new RoomLeases(client).leaseMs).toBe(10_000);
  });

  it('refuses a stale time shorter than two heartbeats', () => {
    expect(() => heartbeatTiming({ heartbeatMs: 100, staleAfterMs: 199 })).toThrow(ClusterTimingError);
    expect(() => new NodeRegistry(client, { nodeId: 'a', address: '', heartbeatMs: 1_000, staleAfterMs: 1_500 })).toThrow(ClusterTimingError);
    expect(() => heartbeatTiming({ heartbeatMs: 0 })).toThrow(ClusterTimingError);
    expect(() => heartbeatTiming({ heartbeatMs: 1.5, staleAfterMs: 10 })).toThrow(ClusterTimingError);
  });

  it('accepts a lease exactly when it outlives a stale record by a heartbeat', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 40_000 }), (heartbeatMs, extra, leaseMs) => {
        const timing = heartbeatTiming({ heartbeatMs, staleAfterMs: 2 * heartbeatMs + extra });
        const ok = leaseMs >= timing.staleAfterMs + timing.heartbeatMs;
        if (ok) expect(() => assertLeaseOutlivesHeartbeat(leaseMs, timing)).not.toThrow();
        else expect(() => assertLeaseOutlivesHeartbeat(leaseMs, timing)).toThrow(ClusterTimingError);
        expect(() => assertLeaseOutlivesHeartbeat(defaultLeaseMs(timing), timing)).not.toThrow();
      }),
    );
  });

  it('is enforced when the leases are built', () => {
    const timing = { heartbeatMs: 100, staleAfterMs: 300 };
    expect(() => new RoomLeases(client, { timing, leaseMs: 399 })).toThrow(ClusterTimingError);
    expect(new RoomLeases(client, { timing, leaseMs: 400 }).leaseMs).toBe(400);
    expect(new RoomLeases(client, { timing }).leaseMs).toBe(500);
  });
});

describe('cluster ids', () => {
  it('are refused before anything reaches Redis when they could forge a key', async () => {
    const leases = new RoomLeases(client);
    await expect(leases.claim('room:1', 'node-a')).rejects.toBeInstanceOf(ClusterInputError);
    await expect(leases.claim('room-1', 'node *')).rejects.toBeInstanceOf(ClusterInputError);
    await expect(leases.renew('node-a', ['ok', ''])).rejects.toBeInstanceOf(ClusterInputError);
    expect(() => new NodeRegistry(client, { nodeId: 'a:b', address: '' })).toThrow(ClusterInputError);
    const registry = new NodeRegistry(client, { nodeId: 'a', address: '' });
    expect(() => registry.setLoad({ rooms: -1, peers: 0 })).toThrow(ClusterInputError);
  });
});
