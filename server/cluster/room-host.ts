import type { Server as SocketIoServer } from 'socket.io';
import type { z } from 'zod';
import type { Principal } from '../auth/principal.ts';
import type { Logger } from '../logger.ts';
import { AppError, type Ack, type HandshakeAuth, type RevocationReason } from '../protocol/index.ts';
import type { Handler } from '../realtime/define-handler.ts';
import { runNow, type PeerDirectory } from '../realtime/socket-server.ts';
import { SocketSession, type SessionSocket } from '../realtime/socket-session.ts';
import type { forwardDisconnect, forwardRequest } from './room-rpc.ts';

type ForwardedRequest = z.output<typeof forwardRequest.request>;
type ForwardedDisconnect = z.output<typeof forwardDisconnect.request>;

export interface RoomHostOptions {
  nodeId: string;
  handlers: Handler[];
  directory: PeerDirectory;
  authenticate(auth: Exclude<HandshakeAuth, { kind: 'dev' }>): Promise<Principal>;
  /** The app's own handling of a socket that went away (the member keeps their place for the grace period). */
  disconnected(session: SocketSession): Promise<void>;
  /** Whether this node may run the room now (it holds, or has just taken, the room's lease). */
  mayRun(roomId: string): Promise<boolean>;
  log: Logger;
}

interface RemoteEntry {
  session: SocketSession;
  roomId: string;
  /** The instance the socket is connected to. */
  edge: string;
}

/**
 * The node that runs a room: the sessions of its members, whichever instance their sockets are
 * connected to. A socket connected here has its own session (the realtime layer's); one connected
 * to another instance gets a session here on its first forwarded request, which reaches the socket
 * through Socket.IO's Redis adapter. Requests run exactly as for a socket of this instance, in the
 * session's turn, through the same handlers and checks.
 */
export class RoomHost {
  private io: SocketIoServer | undefined;
  private readonly remote = new Map<string, RemoteEntry>();
  private readonly local = new Map<SocketSession, string>();
  private readonly byEvent: ReadonlyMap<string, Handler>;

  constructor(private readonly options: RoomHostOptions) {
    this.byEvent = new Map(options.handlers.map((handler) => [handler.event as string, handler]));
  }

  attach(io: SocketIoServer): void {
    this.io = io;
  }

  /** The rooms with a session here: the rooms this node runs. */
  roomsInUse(): Set<string> {
    return new Set([...this.local.values(), ...[...this.remote.values()].map((entry) => entry.roomId)]);
  }

  /** Whether any session here is in the room. */
  uses(roomId: string): boolean {
    for (const room of this.local.values()) if (room === roomId) return true;
    for (const entry of this.remote.values()) if (entry.roomId === roomId) return true;
    return false;
  }

  /** A socket of this instance whose room runs here. */
  trackLocal(session: SocketSession, roomId: string): void {
    this.local.set(session, roomId);
  }

  untrackLocal(session: SocketSession): void {
    this.local.delete(session);
  }

  /** A request from a socket connected to instance `edge`. `moved` when this node does not run the room (any more). */
  async request(forwarded: ForwardedRequest, edge: string): Promise<Ack<unknown> | { moved: true }> {
    const { roomId, socketId, auth, event, payload } = forwarded;
    if (!(await this.options.mayRun(roomId))) return { moved: true };
    let entry = this.remote.get(socketId);
    if (!entry || entry.roomId !== roomId) {
      entry = { session: await this.sessionFor(socketId, auth), roomId, edge };
      this.remote.set(socketId, entry);
    }
    const handler = this.byEvent.get(event);
    if (!handler) return { ok: false, error: new AppError('not_found', `Unknown request "${event.slice(0, 64)}".`).toBody() };
    const { session } = entry;
    return session.serialize(() => runNow(session, handler, payload, this.options.log, this.options.directory));
  }

  /** The socket went away on its instance. */
  async disconnect({ socketId, revoked }: ForwardedDisconnect): Promise<void> {
    const entry = this.remote.get(socketId);
    if (!entry) return;
    this.remote.delete(socketId);
    await this.end(entry.session, revoked);
  }

  /** Sessions of sockets on instances that are gone: their sockets went with them. */
  async forgetEdgesExcept(liveNodes: ReadonlySet<string>): Promise<void> {
    const orphans = [...this.remote.entries()].filter(([, entry]) => entry.edge !== this.options.nodeId && !liveNodes.has(entry.edge));
    for (const [socketId, entry] of orphans) {
      this.remote.delete(socketId);
      this.options.log.info({ socketId, edge: entry.edge, roomId: entry.roomId }, 'instance of a socket is gone; treating it as disconnected');
      await this.end(entry.session, undefined).catch((error: unknown) => this.options.log.error({ err: error }, 'ending an orphaned session failed'));
    }
  }

  /**
   * The room's lease went to another node (this one was cut off from Redis too long): its sessions
   * here end, and the instances holding their sockets are named so those clients reconnect.
   */
  loseRoom(roomId: string): { edges: Map<string, string[]>; localSessions: SocketSession[] } {
    const edges = new Map<string, string[]>();
    for (const [socketId, entry] of this.remote) {
      if (entry.roomId !== roomId) continue;
      this.remote.delete(socketId);
      edges.set(entry.edge, [...(edges.get(entry.edge) ?? []), socketId]);
    }
    const localSessions = [...this.local].filter(([, room]) => room === roomId).map(([session]) => session);
    for (const session of localSessions) this.local.delete(session);
    return { edges, localSessions };
  }

  private async sessionFor(socketId: string, auth: HandshakeAuth): Promise<SocketSession> {
    // The room's node verifies the caller itself, as a socket's own instance did at the handshake.
    const principal = auth.kind === 'dev' ? undefined : await this.options.authenticate(auth);
    return new SocketSession(this.remoteSocket(socketId), auth, principal);
  }

  private async end(session: SocketSession, revoked: RevocationReason | undefined): Promise<void> {
    if (revoked) session.revoked = revoked;
    await session.serialize(async () => {
      if (session.peer) this.options.directory.unregister(session.peer.id, session);
      await this.options.disconnected(session);
    });
  }

  /** A socket of another instance, reached through the adapter: its own id is a Socket.IO room. */
  private remoteSocket(socketId: string): SessionSocket {
    const io = () => {
      if (!this.io) throw new Error('RoomHost used before attach(io)');
      return this.io;
    };
    return {
      id: socketId,
      emit: (event: string, ...args: unknown[]) => io().to(socketId).emit(event, ...args),
      disconnect: (close?: boolean) => {
        io().in(socketId).disconnectSockets(close);
        return undefined as never;
      },
    } as SessionSocket;
  }
}
