import { createHash } from 'node:crypto';
import type { Server as SocketIoServer } from 'socket.io';
import type { Logger } from '../logger.ts';
import { AppError, type Ack } from '../protocol/index.ts';
import type { Handler } from '../realtime/define-handler.ts';
import { revokedError, runNow, type PeerDirectory, type RequestRouter } from '../realtime/socket-server.ts';
import type { SocketSession } from '../realtime/socket-session.ts';
import type { NodeRegistry } from './node-registry.ts';
import { placementOrder } from './placement.ts';
import { RpcUnreachableError, type RedisRpc } from './redis-rpc.ts';
import type { RoomHost } from './room-host.ts';
import type { RoomLeases } from './room-leases.ts';
import { forwardDisconnect, forwardRequest } from './room-rpc.ts';

/** Longer than any request takes on a live node (joining media takes a few hundred ms). */
const FORWARD_TIMEOUT_MS = 8_000;

export interface RoomRouterOptions {
  nodeId: string;
  registry: NodeRegistry;
  leases: RoomLeases;
  rpc: RedisRpc;
  host: RoomHost;
  directory: PeerDirectory;
  /** The app's own handling of a socket that went away, for sockets whose room runs here. */
  disconnected(session: SocketSession): Promise<void>;
  /** Whether this node runs the room, or may now (it took the room's lease). */
  mayRun(roomId: string): Promise<boolean>;
  log: Logger;
}

interface Binding {
  roomId: string;
  owner: string;
  /** No request reached the owner yet: a refusal to run the room can still be retried elsewhere. */
  fresh: boolean;
}

/**
 * The instance a socket is connected to. Each socket belongs to one room (a resident's case, the
 * case a staff member entered, a development room); its requests run on the node that runs that
 * room, here or forwarded over Redis. A room without a live node is placed on the least loaded
 * serving node. When the room's node dies, this instance closes the socket's transport: the
 * client reconnects as after any network drop, enters again and sets up media on the room's new
 * node, which took the room up from its saved state (no second admission).
 */
export class RoomRouter implements RequestRouter {
  private io: SocketIoServer | undefined;
  private readonly bindings = new Map<SocketSession, Binding>();

  constructor(private readonly options: RoomRouterOptions) {}

  attach(io: SocketIoServer): void {
    this.io = io;
  }

  route(session: SocketSession, handler: Handler, payload: unknown, log: Logger): Promise<Ack<unknown>> {
    return session.serialize(async () => {
      if (session.revoked) return { ok: false, error: revokedError(session.revoked).toBody() };
      let binding = this.bindings.get(session);
      const named = roomIdOf(session, handler.event, payload);
      if (binding && named && named !== binding.roomId) {
        // Entering another room on the same socket: the first room sees this socket go.
        await this.unbind(session, binding);
        binding = undefined;
      }
      if (!binding) {
        const roomId = named;
        // Nothing names a room yet: the request is refused here as on a single instance ("enter first").
        if (!roomId) return runNow(session, handler, payload, log, this.options.directory);
        binding = { roomId, owner: await this.ownerFor(roomId), fresh: true };
        this.bindings.set(session, binding);
      }
      return this.runOn(binding, session, handler, payload, log, true);
    });
  }

  async disconnected(session: SocketSession): Promise<void> {
    const binding = this.bindings.get(session);
    if (binding) {
      await session.serialize(() => this.unbind(session, binding));
      return;
    }
    await session.serialize(() => this.options.disconnected(session));
  }

  /** The socket leaves its room: the room's node handles it as a socket that went away. */
  private async unbind(session: SocketSession, binding: Binding): Promise<void> {
    this.bindings.delete(session);
    if (binding.owner !== this.options.nodeId) {
      await this.options.rpc
        .call(binding.owner, forwardDisconnect, { socketId: session.socket.id, ...(session.revoked ? { revoked: session.revoked } : {}) })
        .catch((error: unknown) => this.options.log.info({ err: error, owner: binding.owner }, 'the room node did not take the disconnect (gone?)'));
      return;
    }
    this.options.host.untrackLocal(session);
    if (session.peer) this.options.directory.unregister(session.peer.id, session);
    await this.options.disconnected(session);
    session.member = undefined;
    session.room = undefined;
    session.peer = undefined;
  }

  /** Closes the transports of this instance's sockets whose room node is not among `liveNodes`. */
  reconnectOrphans(liveNodes: ReadonlySet<string>): void {
    for (const [session, binding] of this.bindings) {
      if (binding.owner === this.options.nodeId || liveNodes.has(binding.owner)) continue;
      this.options.log.info({ owner: binding.owner, roomId: binding.roomId }, 'room node is gone; the client reconnects');
      this.reconnect(session);
    }
  }

  /** Closes the transports of these sockets of this instance, so their clients reconnect (and find the room's new node). */
  reconnectSockets(socketIds: readonly string[]): void {
    const wanted = new Set(socketIds);
    for (const session of this.bindings.keys()) if (wanted.has(session.socket.id)) this.reconnect(session);
  }

  private async runOn(binding: Binding, session: SocketSession, handler: Handler, payload: unknown, log: Logger, mayRetry: boolean): Promise<Ack<unknown>> {
    const { nodeId, host, rpc, directory } = this.options;
    if (binding.owner === nodeId) {
      if (await this.options.mayRun(binding.roomId)) {
        host.trackLocal(session, binding.roomId);
        binding.fresh = false;
        return runNow(session, handler, payload, log, directory);
      }
      // The room ended here and has been placed elsewhere since.
      if (mayRetry) {
        binding.owner = await this.ownerFor(binding.roomId);
        return this.runOn(binding, session, handler, payload, log, false);
      }
      this.reconnect(session);
      return { ok: false, error: new AppError('media_unavailable', 'The server running this room is changing; reconnecting.', undefined, { retryAfterSeconds: 2 }).toBody() };
    }
    try {
      const answer = await rpc.call(binding.owner, forwardRequest, { roomId: binding.roomId, socketId: session.socket.id, auth: session.identity, event: handler.event, payload }, { timeoutMs: FORWARD_TIMEOUT_MS });
      if (!('moved' in answer)) {
        binding.fresh = false;
        return answer;
      }
      // The node named by the lease does not run the room (it lost or gave up the lease meanwhile).
      if (binding.fresh && mayRetry) {
        binding.owner = await this.ownerFor(binding.roomId);
        return this.runOn(binding, session, handler, payload, log, false);
      }
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toBody() };
      log.warn({ err: error, owner: binding.owner, roomId: binding.roomId }, 'room node did not answer');
      // A fresh socket (a client reconnecting after its room's node died) waits for the room to move.
      if (binding.fresh && mayRetry && error instanceof RpcUnreachableError) {
        binding.owner = await this.ownerAfterLoss(binding.roomId, binding.owner);
        return this.runOn(binding, session, handler, payload, log, false);
      }
    }
    this.reconnect(session);
    return { ok: false, error: new AppError('media_unavailable', 'The server running this room is changing; reconnecting.', undefined, { retryAfterSeconds: 2 }).toBody() };
  }

  /** The node running the room, or the one it is placed on now. */
  private async ownerFor(roomId: string): Promise<string> {
    const current = await this.options.leases.ownerOf(roomId);
    if (current?.ownerLive) return current.owner;
    // The choice and the claim are one step in Redis, with the rooms placed on each node since its last heartbeat.
    const lease = await this.options.leases.place(roomId, placementOrder(roomId, await this.options.registry.list()));
    if (!lease) throw new AppError('media_unavailable', 'No server can take this room right now.', undefined, { retryAfterSeconds: 5 });
    return lease.owner;
  }

  /** After `lost` stopped listening: waits until its record is gone (it may only be restarting) and places the room again. */
  private async ownerAfterLoss(roomId: string, lost: string): Promise<string> {
    const deadline = Date.now() + this.options.registry.timing.staleAfterMs + this.options.registry.timing.heartbeatMs;
    while (Date.now() < deadline) {
      const current = await this.options.leases.ownerOf(roomId);
      if (!current || current.owner !== lost || !current.ownerLive) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(500, this.options.registry.timing.heartbeatMs)));
    }
    return this.ownerFor(roomId);
  }

  /** Ends the socket's transport (not the socket: the client reconnects by itself, as after a network drop). */
  private reconnect(session: SocketSession): void {
    this.bindings.delete(session);
    this.options.host.untrackLocal(session);
    this.io?.sockets.sockets.get(session.socket.id)?.conn.close();
  }
}

/** The room a socket's request belongs to, as a cluster id (`case.<id>`, `dev.<digest>`), or undefined before it names one. */
export function roomIdOf(session: Pick<SocketSession, 'identity' | 'principal'>, event: string, payload: unknown): string | undefined {
  const fields = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
  if (session.identity.kind === 'dev') {
    return event === 'room:join' && typeof fields.roomId === 'string' ? `dev.${createHash('sha256').update(fields.roomId).digest('hex').slice(0, 32)}` : undefined;
  }
  const caseId = session.principal?.kind === 'resident' ? session.principal.caseId : event === 'room:enter' ? fields.caseId : undefined;
  return typeof caseId === 'string' && /^[A-Za-z0-9_.-]{1,100}$/.test(caseId) ? `case.${caseId}` : undefined;
}
