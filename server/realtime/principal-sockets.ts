import type { Server as SocketIoServer, Socket } from 'socket.io';
import type { Principal } from '../auth/principal.ts';
import type { PushName, PushOf } from '../protocol/index.ts';
import type { RevokedPrincipal } from '../services/revocations.ts';

export function principalKey(principal: Principal | undefined): string | undefined {
  if (principal?.kind === 'staff') return `a:${principal.account.accountId}`;
  if (principal?.kind === 'resident') return `p:${principal.caseId}:${principal.participantId}`;
  return undefined;
}

const roomOf = (key: string) => `principal:${key}`;

/**
 * The Socket.IO room holding the sockets a revocation ends. Residents are also grouped by the
 * invitation they came through, staff by their session (the access token's jti), so a withdrawn
 * link or a logout ends those connections only.
 */
export function revocationRoomOf(principal: RevokedPrincipal): string {
  switch (principal.kind) {
    case 'invitation':
      return `invitation:${principal.invitationId}`;
    case 'participant':
      return roomOf(`p:${principal.caseId}:${principal.participantId}`);
    case 'account':
      return roomOf(`a:${principal.accountId}`);
    case 'session':
      return `session:${principal.jti}`;
  }
}

/** The Socket.IO room of all of a principal's sockets, if it has one. */
export function principalRoomOf(principal: Principal | undefined): string | undefined {
  const key = principalKey(principal);
  return key ? roomOf(key) : undefined;
}

function roomsOf(principal: Principal | undefined): string[] {
  if (principal?.kind === 'staff') return [roomOf(principalKey(principal)!), revocationRoomOf({ kind: 'session', jti: principal.jti })];
  if (principal?.kind === 'resident') return [roomOf(principalKey(principal)!), revocationRoomOf({ kind: 'invitation', caseId: principal.caseId, invitationId: principal.invitationId })];
  return [];
}

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
    const rooms = roomsOf(principal);
    if (rooms.length > 0) void socket.join(rooms);
  }

  push<E extends PushName>(key: string, event: E, payload: PushOf<E>): void {
    this.#io?.to(roomOf(key)).emit(event, payload);
  }
}
