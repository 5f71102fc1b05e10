import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeRecordSchema } from '../../server/cluster/node-registry.ts';
import { clusterKeys } from '../../server/cluster/keys.ts';
import { caseRoomOwner, connectedClient } from '../helpers/cluster.ts';
import { startFleet, type Fleet } from '../helpers/fleet.ts';
import { waitUntil } from '../helpers/processes.ts';
import { expectAck, roomCast, staffSocket } from '../helpers/room-fixture.ts';
import { send } from '../helpers/signaling-client.ts';
import { World } from '../helpers/world.ts';
import type { Socket } from 'socket.io-client';

/*
 * SIGTERM to one of two instances: it becomes DRAINING, keeps serving the room it runs, takes no
 * new room, and exits (cleanly) once its room has ended.
 */

let fleet: Fleet;
let world: World;
const sockets: Socket[] = [];

beforeAll(async () => {
  fleet = await startFleet({ instances: 2, env: { CLUSTER_HEARTBEAT_MS: '300', DRAIN_MAX_SECONDS: '120' } });
  world = await World.create(fleet.nodes[0]!);
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await fleet?.stop();
});

async function nodeState(nodeId: string): Promise<string | undefined> {
  const client = await connectedClient(fleet.redis.url);
  try {
    const raw = await client.get(clusterKeys().node(nodeId));
    return raw ? NodeRecordSchema.parse(JSON.parse(raw)).state : undefined;
  } finally {
    await client.close();
  }
}

/** The node that runs a case's room, by its lease. */
async function nodeOf(caseId: string): Promise<string | undefined> {
  const owner = await caseRoomOwner(fleet.redis.url, caseId);
  return owner?.ownerLive ? owner.owner : undefined;
}

describe('draining one of two instances', () => {
  it('keeps its room, places new ones on the other instance, and exits once its room has ended', async () => {
    const cast = await roomCast(world);
    const mediator = await staffSocket(fleet.nodes[0]!, world.mediator);
    sockets.push(mediator);
    await expectAck(send(mediator, 'room:enter', { caseId: cast.caseId }));
    const runner = await nodeOf(cast.caseId);
    const draining = fleet.nodes.find((node) => node.id === runner)!;
    const other = fleet.nodes.find((node) => node.id !== runner)!;

    const exited = draining.process.stop('SIGTERM');
    await waitUntil(async () => (await nodeState(draining.id)) === 'DRAINING' || undefined, { what: 'the node to say it drains' });
    // Still serving: its room goes on (a chat line is a request that runs on the room's node).
    expect((await fetch(`${draining.url}/health`)).ok).toBe(true);
    await expectAck(send(mediator, 'chat:send', { text: '服务器维护中，调解继续' }));

    // A new room, asked for through the draining instance itself, opens on the other one.
    const next = await roomCast(world);
    const second = await staffSocket(draining, world.mediator);
    sockets.push(second);
    await expectAck(send(second, 'room:enter', { caseId: next.caseId }));
    expect(await nodeOf(next.caseId)).toBe(other.id);
    expect(await nodeOf(cast.caseId)).toBe(draining.id);

    await expectAck(send(mediator, 'room:end', {}));
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(await nodeState(draining.id)).toBeUndefined();
  });
});
