import type { Server as SocketIoServer } from 'socket.io';
import type { Logger } from '../logger.ts';
import { RevocationReasonSchema, type RevocationReason } from '../protocol/index.ts';
import type { Revocation } from '../services/revocations.ts';
import { revocationRoomOf } from './principal-sockets.ts';
import { sessionOf } from './socket-session.ts';

/** Between instances: "end the sockets in this room, for this reason". */
const REVOKED_EVENT = 'principal:revoked';

/**
 * Ends a revoked principal's sockets on every instance. Each instance ends its own sockets (the
 * others hear of it through Socket.IO's server-side emit over the Redis adapter): the session is
 * marked first, so a request already on its way is refused, then the client is told why and
 * disconnected. A local emit followed by a local disconnect reaches the client in that order;
 * a broadcast followed by `disconnectSockets()` through the adapter would not be guaranteed to.
 */
export class SessionRevoker {
  #io: SocketIoServer | undefined;
  #crossInstance = false;

  constructor(private readonly log: Logger) {}

  /** `crossInstance` only with an adapter that carries server-side events (Redis); the in-memory one does not. */
  attach(io: SocketIoServer, crossInstance: boolean): void {
    this.#io = io;
    this.#crossInstance = crossInstance;
    if (crossInstance) {
      io.on(REVOKED_EVENT, (room: unknown, reason: unknown) => {
        const parsed = RevocationReasonSchema.safeParse(reason);
        if (typeof room === 'string' && parsed.success) this.#endLocal(room, parsed.data);
      });
    }
  }

  revoke({ principal, reason }: Revocation): void {
    const room = revocationRoomOf(principal);
    this.#endLocal(room, reason);
    if (this.#crossInstance) this.#io?.serverSideEmit(REVOKED_EVENT, room, reason);
  }

  #endLocal(room: string, reason: RevocationReason): void {
    const namespace = this.#io?.of('/');
    const socketIds = namespace?.adapter.rooms.get(room);
    if (!namespace || !socketIds) return;
    for (const socketId of [...socketIds]) {
      const socket = namespace.sockets.get(socketId);
      const session = socket && sessionOf(socket);
      if (!socket || !session || session.revoked) continue;
      session.revoked = reason;
      this.log.info({ socketId, reason }, 'session revoked');
      socket.emit('session:revoked', { reason });
      socket.disconnect(true);
    }
  }
}
