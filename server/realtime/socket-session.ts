import type { Socket } from 'socket.io';
import type { Principal } from '../auth/principal.ts';
import type { MediaPeer } from '../media/media-peer.ts';
import type { MediaRoom } from '../media/media-room.ts';
import type { HandshakeAuth, PushName, PushOf, RevocationReason } from '../protocol/index.ts';
import type { MemberConnection } from '../services/live-room.ts';
import type { RoomMemberContext } from '../services/room-service.ts';

/**
 * The part of a Socket.IO socket a session uses. In a cluster the session of a socket connected to
 * another instance lives on the room's node, and reaches the socket through the Redis adapter.
 */
export type SessionSocket = Pick<Socket, 'id' | 'emit' | 'disconnect'>;

/**
 * Each connected socket's session. Not in `socket.data`: with the Redis adapter, `fetchSockets()`
 * on another instance serializes `socket.data` to JSON, and a session (which holds its socket) is
 * circular; the handshake's tokens have no business travelling there either.
 */
const sessions = new WeakMap<object, SocketSession>();

export function sessionOf(socket: object): SocketSession | undefined {
  return sessions.get(socket);
}

export function setSessionOf(socket: object, session: SocketSession): void {
  sessions.set(socket, session);
}

/** What the server knows about one connected socket; identity comes from the verified handshake only. */
export class SocketSession {
  /** The media room and peer this socket sends and receives through. */
  room: MediaRoom | undefined;
  peer: MediaPeer | undefined;
  /** Set once a staff member or resident entered their case's mediation room. */
  member: RoomMemberContext | undefined;
  readonly connection: MemberConnection;
  /** Set when the principal was revoked: no request is served any more, and a room member leaves instead of keeping a place. */
  revoked: RevocationReason | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly socket: SessionSocket,
    readonly identity: HandshakeAuth,
    /** Undefined for development sockets. */
    readonly principal: Principal | undefined,
  ) {
    this.connection = {
      push: <E extends PushName>(event: E, payload: PushOf<E>) => {
        socket.emit(event, payload);
      },
      close: () => {
        socket.disconnect(true);
      },
    };
  }

  /**
   * Requests of one socket run one after another: a client that fires `room:join` twice, or
   * `media:produce` before its `transport:connect` finished, sees them applied in order.
   */
  serialize<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
