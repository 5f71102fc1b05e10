import { AppError } from '../protocol/index.ts';
import type { RoomRole } from '../domain/room.ts';
import type { Authorize } from './define-handler.ts';

/** Only sockets of the development call page (enabled by configuration). */
export const devOnly: Authorize = (session) => {
  if (session.identity.kind !== 'dev') throw new AppError('forbidden', 'This request belongs to the development call page.');
};

/** Staff and residents with a verified token. */
export const authenticatedMember: Authorize = (session) => {
  if (!session.principal || session.principal.kind === 'anonymous') throw new AppError('forbidden', 'Sign in, or open your invitation link.');
};

/** Sockets that have a media peer (development room, or an admitted member who joined media). */
export const inRoom: Authorize = (session) => {
  if (!session.room || !session.peer || session.room.isClosed) {
    throw new AppError('not_found', 'Join a room first.');
  }
};

/** Members who entered their case's room, in one of the given roles. */
export function roomRole(...roles: RoomRole[]): Authorize {
  return (session) => {
    if (!session.member) throw new AppError('not_found', 'Enter the room first.');
    if (!roles.includes(session.member.role)) throw new AppError('forbidden', 'Your role in the room does not allow this.');
  };
}

/** The member who runs the room (the mediator, or the judge in a hearing); the service checks again against the live room. */
export const roomHost: Authorize = (session) => {
  if (!session.member) throw new AppError('not_found', 'Enter the room first.');
  if (!session.member.host) throw new AppError('forbidden', 'Only the host of the room can do this.');
};

export const anyRoomMember = roomRole('mediator', 'judge', 'party', 'agent');
