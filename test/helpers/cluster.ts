import pino from 'pino';
import { createClient } from 'redis';
import { NodeRegistry, type Timers } from '../../server/cluster/node-registry.ts';
import { RoomLeases, type RoomOwner } from '../../server/cluster/room-leases.ts';
import type { RedisClient } from '../../server/store/redis-append-script.ts';

/**
 * Short timings so a takeover happens within a test, with the relations of timing.ts. A live test
 * node survives a stall of its event loop of up to 500 ms (a loaded 2-core machine running the suite).
 */
export const testTiming = { heartbeatMs: 100, staleAfterMs: 600 };
export const testLeaseMs = 800;

export const silentLog = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/**
 * Real timers that can be held: once held, due callbacks are dropped, as in a frozen or killed
 * process whose Redis connection still stands. `pending` counts the timers not yet fired or cleared.
 */
export function holdableTimers(): { timers: Timers; hold(): void; readonly pending: number } {
  const pending = new Set<NodeJS.Timeout>();
  let held = false;
  const timers: Timers = {
    setTimeout(callback, ms) {
      const timer = setTimeout(() => {
        pending.delete(timer);
        if (!held) callback();
      }, ms);
      pending.add(timer);
      return timer;
    },
    clearTimeout(handle) {
      clearTimeout(handle as NodeJS.Timeout);
      pending.delete(handle as NodeJS.Timeout);
    },
  };
  return {
    timers,
    hold: () => {
      held = true;
    },
    get pending() {
      return pending.size;
    },
  };
}

export async function connectedClient(url: string): Promise<RedisClient> {
  const client: RedisClient = createClient({ url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

export interface TestNode {
  id: string;
  client: RedisClient;
  registry: NodeRegistry;
  leases: RoomLeases;
  /** Stops this node's heartbeat without deleting its record, as kill -9 would. */
  freeze(): void;
  close(): Promise<void>;
}

/** One node as a separate process would have it: its own Redis connection, registry and leases. */
export async function startTestNode(url: string, id: string, options: { start?: boolean } = {}): Promise<TestNode> {
  const client = await connectedClient(url);
  const timers = holdableTimers();
  const registry = new NodeRegistry(client, { nodeId: id, address: `test://${id}`, ...testTiming, timers: timers.timers, log: silentLog });
  const leases = new RoomLeases(client, { timing: registry.timing, leaseMs: testLeaseMs });
  if (options.start !== false) await registry.start();
  return {
    id,
    client,
    registry,
    leases,
    freeze: () => timers.hold(),
    close: async () => {
      await registry.stop();
      if (client.isOpen) await client.close();
    },
  };
}

/** The lease of a case's room as the cluster sees it: its node, its epoch, whether that node lives. */
export async function caseRoomOwner(redisUrl: string, caseId: string): Promise<RoomOwner | undefined> {
  const client = await connectedClient(redisUrl);
  try {
    return await new RoomLeases(client).ownerOf(`case.${caseId}`);
  } finally {
    await client.close();
  }
}
