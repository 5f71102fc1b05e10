import type { Server as SocketIoServer, Socket } from 'socket.io';
import type { Principal } from '../auth/principal.ts';
import type { PushName, PushOf } from '../protocol/index.ts';

export function principalKey(principal: Principal | undefined): string | undefined {
  if (principal?.kind === 'staff') return `a:${principal.account.accountId}`;
  if (principal?.kind === 'resident') return `p:${principal.caseId}:${principal.participantId}`;
  return undefined;
}

const roomOf = (key: string) => `principal:${key}`;

/**
 * The open sockets of each signed-in user, for notices that are not about a room. Each socket
 * joins its user's Socket.IO room and a notice goes to the room: with the Redis adapter it reaches
 * the user's sockets on every server instance, not only the one where the case changed.
 */
export class PrincipalSockets {
  #io: SocketIoServer | undefined;

  attach(io: SocketIoServer): void {
    this.#io = io;
  }

  join(socket: Socket, principal: Principal | undefined): void {
    const key = principalKey(principal);
    if (key) void socket.join(roomOf(key));
  }

  push<E extends PushName>(key: string, event: E, payload: PushOf<E>): void {
    this.#io?.to(roomOf(key)).emit(event, payload);
  }
}
