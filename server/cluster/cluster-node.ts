import { createClient } from 'redis';
import type { Server as SocketIoServer } from 'socket.io';
import type { Principal } from '../auth/principal.ts';
import type { ClusterConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { HandshakeAuth } from '../protocol/index.ts';
import type { Handler } from '../realtime/define-handler.ts';
import type { PeerDirectory } from '../realtime/socket-server.ts';
import type { SocketSession } from '../realtime/socket-session.ts';
import type { RedisClient } from '../store/redis-append-script.ts';
import { z } from 'zod';
import { NodeRegistry } from './node-registry.ts';
import { defineRpcMethod, RedisRpc } from './redis-rpc.ts';
import { RoomHost } from './room-host.ts';
import { RoomLeases } from './room-leases.ts';
import { RoomRouter } from './room-router.ts';
import { forwardDisconnect, forwardRequest } from './room-rpc.ts';

const isDevRoom = (roomId: string) => roomId.startsWith('dev.');

/** A room's node asks the instance holding some of its members' sockets to make those clients reconnect. */
const reconnectSockets = defineRpcMethod('room.reconnect', z.object({ socketIds: z.array(z.string().min(1).max(64)).max(1000) }), z.object({}));

export interface ClusterNodeOptions {
  config: ClusterConfig;
  redisUrl: string;
  /** Shown to the other nodes for diagnostics (this instance's URL). */
  address: string;
  handlers: Handler[];
  directory: PeerDirectory;
  authenticate(auth: Exclude<HandshakeAuth, { kind: 'dev' }>): Promise<Principal>;
  disconnected(session: SocketSession): Promise<void>;
  /** Rooms whose state this node holds even with nobody connected (a case room within its grace period). */
  roomsHeld(): string[];
  /** Whether this node holds the state of that room: `roomsHeld` for one room, without listing them all. */
  holdsRoom(roomId: string): boolean;
  /** The room's lease went to another node: drop its state here without writing anything. */
  dropRoom(roomId: string): void;
  /** Media peers on this node, for placement. */
  peerCount(): number;
  log: Logger;
}

export interface ClusterNode {
  readonly nodeId: string;
  readonly router: RoomRouter;
  attach(io: SocketIoServer): void;
  /** Takes no new rooms any more; resolves when this node runs none (or after `maxMs`). */
  drain(maxMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * This instance as one node of several on one Redis (#17): its heartbeat record, the leases of the
 * rooms it runs, the RPC that carries other instances' requests for them, and the router that
 * sends this instance's sockets' requests to their rooms' nodes. Every heartbeat it renews its
 * rooms' leases, gives up the rooms it lost, and lets go of sockets and sessions whose instance died.
 */
export async function startClusterNode(options: ClusterNodeOptions): Promise<ClusterNode> {
  const { config, log } = options;
  const client: RedisClient = createClient({ url: options.redisUrl });
  client.on('error', (error: unknown) => log.warn({ err: error }, 'cluster redis error'));
  await client.connect();
  const registry = new NodeRegistry(client, { nodeId: config.nodeId, address: options.address, heartbeatMs: config.heartbeatMs, staleAfterMs: 3 * config.heartbeatMs, log });
  const leases = new RoomLeases(client, { timing: registry.timing });
  let rpc: RedisRpc | undefined;
  try {
    await registry.start();
    rpc = await RedisRpc.open({ nodeId: config.nodeId, client, log });
  } catch (error) {
    await registry.stop().catch(() => undefined);
    await client.close().catch(() => undefined);
    throw error;
  }
  // A room runs here while its state is held here (a case room) or a socket uses it (a development room).
  const running = (): Set<string> => new Set([...options.roomsHeld(), ...[...host.roomsInUse()].filter(isDevRoom)]);
  const runs = (roomId: string) => options.holdsRoom(roomId) || (isDevRoom(roomId) && host.uses(roomId));
  // A room not running here may be run only after its lease is taken: it may have moved meanwhile.
  // Asked on every forwarded request: a lookup, not a listing of every room.
  const mayRun = async (roomId: string) => runs(roomId) || (await leases.claim(roomId, config.nodeId)).acquired;
  const host = new RoomHost({ nodeId: config.nodeId, handlers: options.handlers, directory: options.directory, authenticate: options.authenticate, disconnected: options.disconnected, mayRun, log });
  const router = new RoomRouter({ nodeId: config.nodeId, registry, leases, rpc, host, directory: options.directory, disconnected: options.disconnected, mayRun, log });
  rpc.handle(forwardRequest, (request, { from }) => host.request(request, from));
  rpc.handle(forwardDisconnect, async (request) => {
    await host.disconnect(request);
    return {};
  });
  rpc.handle(reconnectSockets, async ({ socketIds }) => {
    router.reconnectSockets(socketIds);
    return {};
  });

  let held = new Set<string>();
  const maintain = async () => {
    const rooms = running();
    registry.setLoad({ rooms: rooms.size, peers: options.peerCount() });
    for (const lost of await leases.renew(config.nodeId, [...rooms])) await loseRoom(lost);
    // Rooms nobody uses here any more are let go, so they can be placed anew.
    for (const roomId of held) if (!rooms.has(roomId)) await leases.release(roomId, config.nodeId);
    held = rooms;
    const live = new Set((await registry.list()).map((node) => node.nodeId));
    router.reconnectOrphans(live);
    await host.forgetEdgesExcept(live);
  };
  const loseRoom = async (roomId: string) => {
    log.warn({ roomId }, 'lost the lease of a room to another node; its clients reconnect there');
    const { edges, localSessions } = host.loseRoom(roomId);
    options.dropRoom(roomId);
    router.reconnectSockets(localSessions.map((session) => session.socket.id));
    for (const [edge, socketIds] of edges) await rpc.call(edge, reconnectSockets, { socketIds }).catch(() => undefined);
  };
  let maintaining = Promise.resolve();
  const timer = setInterval(() => {
    maintaining = maintaining.then(maintain).catch((error: unknown) => log.warn({ err: error }, 'cluster maintenance failed'));
  }, config.heartbeatMs);
  timer.unref();

  let closed = false;
  return {
    nodeId: config.nodeId,
    router,
    attach(io) {
      host.attach(io);
      router.attach(io);
    },
    async drain(maxMs) {
      await registry.setState('DRAINING');
      log.info({ rooms: running().size }, 'draining: no new rooms here; waiting for the running ones to end');
      const deadline = Date.now() + maxMs;
      while (running().size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, config.heartbeatMs)));
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      await maintaining;
      for (const roomId of running()) await leases.release(roomId, config.nodeId).catch(() => undefined);
      await rpc.close();
      await registry.stop();
      await client.close().catch(() => undefined);
    },
  };
}
