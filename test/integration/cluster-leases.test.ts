import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NodeRegistry, type NodeRecord } from '../../server/cluster/node-registry.ts';
import { NodeNotLiveError, RoomLeases } from '../../server/cluster/room-leases.ts';
import { ClusterTimingError } from '../../server/cluster/timing.ts';
import type { RedisClient } from '../../server/store/redis-append-script.ts';
import { connectedClient, holdableTimers, silentLog, startTestNode, testTiming, type TestNode } from '../helpers/cluster.ts';
import { waitUntil } from '../helpers/processes.ts';
import { startRedis, type RedisServer } from '../helpers/redis.ts';

/*
 * Several nodes in one test process, each with its own Redis connection, registry and leases, on a
 * private redis-server: what separate processes would do, with heartbeats of 100 ms and records
 * stale after 600 ms. A "frozen" node stops beating but keeps its connection, as after kill -9.
 */

let redis: RedisServer;
let admin: RedisClient;
let nodes: TestNode[] = [];

beforeAll(async () => {
  redis = await startRedis();
  admin = await connectedClient(redis.url);
});
afterAll(async () => {
  if (admin?.isOpen) await admin.close();
  await redis?.destroy();
});
beforeEach(async () => {
  await admin.flushAll();
});
afterEach(async () => {
  await Promise.all(nodes.map((node) => node.close()));
  nodes = [];
});

async function startNodes(...ids: string[]): Promise<TestNode[]> {
  const started = await Promise.all(ids.map((id) => startTestNode(redis.url, id)));
  nodes.push(...started);
  return started;
}

const patiently = { timeoutMs: 15_000, intervalMs: 25 };

describe('node records', () => {
  it('are visible to every node with their state and load, and refreshed by the heartbeat', async () => {
    const [a, b] = await startNodes('node-a', 'node-b');
    const records = await b!.registry.list();
    expect(records.map((record) => record.nodeId).sort()).toEqual(['node-a', 'node-b']);
    const first = records.find((record) => record.nodeId === 'node-a')!;
    expect(first).toMatchObject({ address: 'test://node-a', state: 'SERVING', load: { rooms: 0, peers: 0 } });
    expect(await b!.registry.isAlive('node-a')).toBe(true);

    // The record outlives its first expiry because it is rewritten, and carries the load set since.
    a!.registry.setLoad({ rooms: 3, peers: 7 });
    const later = await waitUntil(async () => {
      const record = (await b!.registry.list()).find((r) => r.nodeId === 'node-a');
      return record && record.heartbeatAt > first.heartbeatAt + testTiming.staleAfterMs && record.load.rooms === 3 ? record : undefined;
    }, patiently);
    expect(later).toMatchObject({ startedAt: first.startedAt, load: { rooms: 3, peers: 7 } });
  });

  it('show DRAINING as soon as setState resolves', async () => {
    const [a, b] = await startNodes('node-a', 'node-b');
    await a!.registry.setState('DRAINING');
    expect((await b!.registry.list()).find((record) => record.nodeId === 'node-a')?.state).toBe('DRAINING');
    expect(a!.registry.state).toBe('DRAINING');
  });

  it('take their times from the injected clock', async () => {
    const client = await connectedClient(redis.url);
    let now = Date.UTC(2030, 0, 1);
    const registry = new NodeRegistry(client, { nodeId: 'clocked', address: 'test://clocked', ...testTiming, clock: { now: () => new Date(now) }, log: silentLog });
    await registry.start();
    now += 60_000;
    await registry.setState('SERVING');
    const [record] = await registry.list();
    expect(record).toMatchObject<Partial<NodeRecord>>({ startedAt: Date.UTC(2030, 0, 1), heartbeatAt: Date.UTC(2030, 0, 1) + 60_000 });
    await registry.stop();
    await client.close();
  });

  it('disappear by themselves when the heartbeat stops, and leave the node set', async () => {
    const [a, b] = await startNodes('node-a', 'node-b');
    a!.freeze();
    await waitUntil(async () => !(await b!.registry.isAlive('node-a')), patiently);
    expect((await b!.registry.list()).map((record) => record.nodeId)).toEqual(['node-b']);
    expect(await admin.sMembers('mr:cluster:nodes')).toEqual(['node-b']);
  });

  it('are deleted at once by stop(), which leaves no timer and is idempotent', async () => {
    const client = await connectedClient(redis.url);
    const timers = holdableTimers();
    const registry = new NodeRegistry(client, { nodeId: 'stopping', address: 'test://stopping', ...testTiming, timers: timers.timers, log: silentLog });
    await registry.start();
    expect(timers.pending).toBe(1);
    // Let a few heartbeats happen first, so stop() meets a running chain.
    const [{ heartbeatAt: firstBeat }] = (await registry.list()) as [NodeRecord];
    await waitUntil(async () => ((await registry.list())[0]?.heartbeatAt ?? 0) > firstBeat || undefined, patiently);
    await Promise.all([registry.stop(), registry.stop()]);
    expect(timers.pending).toBe(0);
    expect(await registry.isAlive('stopping')).toBe(false);
    expect(await admin.sMembers('mr:cluster:nodes')).toEqual([]);
    // A stopped registry writes nothing more, not even a state change.
    await registry.setState('DRAINING');
    expect(await admin.exists('mr:cluster:node:stopping')).toBe(0);
    await client.close();
  });
});

describe('room leases', () => {
  it('give a room raced by five nodes to exactly one of them', async () => {
    const racers = await startNodes('n1', 'n2', 'n3', 'n4', 'n5');
    for (const roomId of ['room-1', 'room-2', 'room-3', 'room-4', 'room-5', 'room-6']) {
      const results = await Promise.all(racers.map((node) => node.leases.claim(roomId, node.id)));
      const winners = results.filter((result) => result.acquired);
      expect(winners).toHaveLength(1);
      expect(winners[0]!.outcome).toBe('taken');
      // Every racer is told the same owner and epoch.
      expect(new Set(results.map((result) => `${result.owner}#${result.epoch}`))).toEqual(new Set([`${winners[0]!.owner}#1`]));
      expect(results.filter((result) => !result.acquired).every((result) => result.outcome === 'held')).toBe(true);
      expect(await racers[0]!.leases.ownerOf(roomId)).toEqual({ owner: winners[0]!.owner, epoch: 1, ownerLive: true });
    }
  });

  it('count the rooms newly given to each node for two heartbeats, whoever placed them, so a burst spreads', async () => {
    const [a, b] = await startNodes('node-a', 'node-b');
    await a!.leases.claim('room-1', 'node-b');
    await b!.leases.claim('room-2', 'node-b');
    await a!.leases.claim('room-3', 'node-a');
    // Renewals and refused claims are not new rooms.
    await b!.leases.claim('room-1', 'node-b');
    await a!.leases.claim('room-2', 'node-a');
    expect(await a!.leases.placedLately(['node-a', 'node-b', 'node-c'])).toEqual(new Map([['node-a', 1], ['node-b', 2], ['node-c', 0]]));
    expect(a!.leases.placedWindowMs).toBe(2 * testTiming.heartbeatMs);
    await waitUntil(async () => ((await b!.leases.placedLately(['node-b'])).get('node-b') === 0 ? true : undefined), patiently);
  });

  it('place a burst of new rooms evenly: choice and claim are one step that counts what was just placed', async () => {
    const placers = await startNodes('node-a', 'node-b', 'node-c');
    // Every placer sees the same stale records (no rooms anywhere), and all place at once.
    const records = (await placers[0]!.registry.list()).sort((x, y) => x.nodeId.localeCompare(y.nodeId));
    const leases = await Promise.all(Array.from({ length: 30 }, (_, i) => placers[i % 3]!.leases.place(`burst-${i}`, records)));
    const perNode = new Map<string, number>();
    for (const lease of leases) perNode.set(lease!.owner, (perNode.get(lease!.owner) ?? 0) + 1);
    expect(Object.fromEntries(perNode)).toEqual({ 'node-a': 10, 'node-b': 10, 'node-c': 10 });
    expect(leases.every((lease) => lease!.outcome === 'taken' && lease!.epoch === 1)).toBe(true);
  });

  it('place a room that has a live owner nowhere new, and take over one whose owner is gone', async () => {
    const [a, b] = await startNodes('node-a', 'node-b');
    const records = await a!.registry.list();
    await a!.leases.claim('kept', 'node-a');
    expect(await b!.leases.place('kept', records.filter((r) => r.nodeId === 'node-b'))).toMatchObject({ owner: 'node-a', acquired: false, outcome: 'held' });
    await admin.set('mr:cluster:room:orphan:owner', 'node-gone', { PX: 60_000 });
    expect(await b!.leases.place('orphan', records.filter((r) => r.nodeId === 'node-b'))).toMatchObject({ owner: 'node-b', acquired: true, outcome: 'taken_over', epoch: 1 });
    expect(await b!.leases.place('nowhere', [{ nodeId: 'node-gone', state: 'SERVING', load: { rooms: 0, peers: 0 } }])).toBeUndefined();
  });

  it('are renewed by a claim of the owner, without a new epoch', async () => {
    const [a] = await startNodes('node-a');
    expect(await a!.leases.claim('room-1', 'node-a')).toEqual({ owner: 'node-a', epoch: 1, acquired: true, outcome: 'taken' });
    expect(await a!.leases.claim('room-1', 'node-a', 5_000)).toEqual({ owner: 'node-a', epoch: 1, acquired: true, outcome: 'renewed' });
    expect(await admin.pTTL('mr:cluster:room:room-1:owner')).toBeGreaterThan(1_000);
  });

  it('are taken over only after the owner’s record expired, with the next epoch; the old owner learns it lost the room', async () => {
    const [a, b] = await startNodes('node-a', 'node-b');
    // A lease far longer than the test: the takeover can only come from the record's expiry.
    expect(await a!.leases.claim('room-1', 'node-a', 60_000)).toMatchObject({ owner: 'node-a', epoch: 1, acquired: true });
    expect(await b!.leases.claim('room-1', 'node-b')).toEqual({ owner: 'node-a', epoch: 1, acquired: false, outcome: 'held' });

    a!.freeze();
    const robbedWhileAlive: string[] = [];
    const takeover = await waitUntil(async () => {
      const result = await b!.leases.claim('room-1', 'node-b');
      // A record that exists after the claim existed during it: a takeover then would have robbed a live node.
      if (result.acquired && (await b!.registry.isAlive('node-a'))) robbedWhileAlive.push(JSON.stringify(result));
      return result.acquired ? result : undefined;
    }, patiently);
    expect(robbedWhileAlive).toEqual([]);
    expect(takeover).toEqual({ owner: 'node-b', epoch: 2, acquired: true, outcome: 'taken_over' });
    expect(await b!.registry.isAlive('node-a')).toBe(false);

    expect(await a!.leases.renew('node-a', ['room-1'])).toEqual(['room-1']);
    expect(await a!.leases.ownerOf('room-1')).toEqual({ owner: 'node-b', epoch: 2, ownerLive: true });
    // The frozen node has no record: it may not take rooms until it beats again.
    await expect(a!.leases.claim('room-2', 'node-a')).rejects.toBeInstanceOf(NodeNotLiveError);
  });

  it('report a room as lost when its owner’s record is gone but nobody took it over yet', async () => {
    const [a, b] = await startNodes('node-a', 'node-b');
    await a!.leases.claim('room-1', 'node-a', 60_000);
    a!.freeze();
    await waitUntil(async () => !(await b!.registry.isAlive('node-a')), patiently);
    expect(await b!.leases.ownerOf('room-1')).toEqual({ owner: 'node-a', epoch: 1, ownerLive: false });
  });

  it('are renewed in one call for the rooms the node still owns; the others are returned', async () => {
    const [a, b] = await startNodes('node-a', 'node-b');
    await a!.leases.claim('room-1', 'node-a');
    await a!.leases.claim('room-2', 'node-a');
    await b!.leases.claim('room-3', 'node-b');
    expect(await a!.leases.renew('node-a', ['room-1', 'room-2', 'room-3', 'room-9', 'room-1'], 30_000)).toEqual(['room-3', 'room-9']);
    for (const roomId of ['room-1', 'room-2']) expect(await admin.pTTL(`mr:cluster:room:${roomId}:owner`)).toBeGreaterThan(10_000);
    expect(await admin.pTTL('mr:cluster:room:room-3:owner')).toBeLessThanOrEqual(b!.leases.leaseMs);
    expect(await a!.leases.renew('node-a', [])).toEqual([]);
  });

  it('are released only by their owner; the epoch survives the release', async () => {
    const [a, b] = await startNodes('node-a', 'node-b');
    await a!.leases.claim('room-1', 'node-a');
    expect(await b!.leases.release('room-1', 'node-b')).toBe(false);
    expect(await b!.leases.ownerOf('room-1')).toEqual({ owner: 'node-a', epoch: 1, ownerLive: true });
    expect(await b!.leases.claim('room-1', 'node-b')).toMatchObject({ owner: 'node-a', acquired: false });

    expect(await a!.leases.release('room-1', 'node-a')).toBe(true);
    expect(await a!.leases.release('room-1', 'node-a')).toBe(false);
    expect(await a!.leases.ownerOf('room-1')).toBeUndefined();
    expect(await b!.leases.claim('room-1', 'node-b')).toEqual({ owner: 'node-b', epoch: 2, acquired: true, outcome: 'taken' });
  });

  it('are not given to a node without a live record', async () => {
    const unstarted = await startTestNode(redis.url, 'node-x', { start: false });
    nodes.push(unstarted);
    await expect(unstarted.leases.claim('room-1', 'node-x')).rejects.toBeInstanceOf(NodeNotLiveError);
    expect(await unstarted.leases.ownerOf('room-1')).toBeUndefined();
  });

  it('refuse a lease that would not outlive a stale heartbeat, in the constructor and per call', async () => {
    expect(() => new RoomLeases(admin, { timing: testTiming, leaseMs: testTiming.staleAfterMs })).toThrow(ClusterTimingError);
    const [a] = await startNodes('node-a');
    const tooShort = testTiming.staleAfterMs + testTiming.heartbeatMs - 1;
    await expect(a!.leases.claim('room-1', 'node-a', tooShort)).rejects.toBeInstanceOf(ClusterTimingError);
    await expect(a!.leases.renew('node-a', ['room-1'], tooShort)).rejects.toBeInstanceOf(ClusterTimingError);
    expect(await a!.leases.ownerOf('room-1')).toBeUndefined();
  });
});
