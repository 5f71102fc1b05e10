import type { RoomService } from '../services/room-service.ts';
import { AppError } from '../protocol/index.ts';
import { anyRoomMember, authenticatedMember, roomHost, roomRole } from './authorize.ts';
import { defineHandler, type Handler } from './define-handler.ts';
import { leaveDevRoom } from './room-handlers.ts';
import type { SocketSession } from './socket-session.ts';
import type { KeyedLimiter } from './token-bucket.ts';

const mediator = roomRole('mediator');
const resident = roomRole('party', 'agent');

function member(session: SocketSession) {
  if (!session.member) throw new AppError('not_found', 'Enter the room first.');
  return session.member;
}

/** The mediation room: thin handlers over RoomService, each behind its role check. */
export function mediationHandlers(rooms: RoomService, chatLimiter: KeyedLimiter): Handler[] {
  return [
    defineHandler('room:enter', authenticatedMember, async (session, { caseId }) => {
      if (session.member && caseId && caseId !== session.member.caseId) throw new AppError('conflict', 'This connection is already in another case’s room.');
      const { member: entered, snapshot } = await rooms.enter(session.principal!, caseId, session.connection);
      session.member = entered;
      return snapshot;
    }),
    defineHandler('room:declare', resident, async (session, { recordingConsent }) => {
      await rooms.declare(member(session), recordingConsent);
      return {};
    }),
    defineHandler('room:verifyIdentity', resident, async (session, answer) => ({ identity: await rooms.verifyIdentity(member(session), answer) })),
    defineHandler('room:admit', roomHost, async (session, { memberKey, identityConfirmedOnCamera }) => {
      await rooms.admit(member(session), memberKey, identityConfirmedOnCamera ?? false);
      return {};
    }),
    defineHandler('room:decline', roomHost, async (session, { memberKey }) => {
      await rooms.decline(member(session), memberKey);
      return {};
    }),
    defineHandler('room:remove', roomHost, async (session, { memberKey }) => {
      await rooms.remove(member(session), memberKey);
      return {};
    }),
    defineHandler('room:lock', roomHost, async (session, { locked }) => {
      await rooms.setLocked(member(session), locked);
      return {};
    }),
    defineHandler('room:mute', roomHost, async (session, { memberKey, muted }) => {
      await rooms.setMuted(member(session), memberKey, muted);
      return {};
    }),
    defineHandler('room:askUnmute', roomHost, async (session, { memberKey }) => {
      await rooms.askUnmute(member(session), memberKey);
      return {};
    }),
    defineHandler('room:allowSpeak', roomHost, async (session, { memberKey, allowed }) => {
      await rooms.allowSpeak(member(session), memberKey, allowed);
      return {};
    }),
    defineHandler('caucus:start', roomHost, async (session, { side }) => {
      await rooms.startCaucus(member(session), side);
      return {};
    }),
    defineHandler('caucus:end', roomHost, async (session) => {
      await rooms.endCaucus(member(session));
      return {};
    }),
    defineHandler('chat:send', anyRoomMember, async (session, { text }) => {
      const speaker = member(session);
      // Per member, not per socket: reconnecting does not buy more lines.
      const allowed = chatLimiter.take(`${speaker.caseId}/${speaker.key}`);
      if (!allowed.ok) throw new AppError('rate_limited', 'Too many messages; wait a moment.', undefined, { retryAfterSeconds: allowed.retryAfterSeconds });
      await rooms.chat(speaker, text);
      return {};
    }),
    defineHandler('minutes:save', mediator, async (session, { text, baseVersion }) => ({ version: await rooms.saveMinutes(member(session), text, baseVersion) })),
    defineHandler('minutes:share', mediator, async (session, { shared }) => {
      await rooms.shareMinutes(member(session), shared);
      return {};
    }),
    defineHandler('minutes:confirm', resident, async (session, { version }) => {
      await rooms.confirmMinutes(member(session), version);
      return {};
    }),
    defineHandler('room:joinMedia', anyRoomMember, async (session, { resumePeerId }) => {
      const { mediaRoom, peer, resumed } = await rooms.joinMedia(member(session), resumePeerId);
      session.room = mediaRoom;
      session.peer = peer;
      return { peerId: peer.id, resumed, routerRtpCapabilities: mediaRoom.rtpCapabilities };
    }),
    defineHandler('room:end', roomHost, async (session) => {
      await rooms.end(member(session));
      return {};
    }),
    defineHandler(
      'room:leave',
      () => undefined,
      async (session) => {
        if (session.member) {
          await rooms.leave(session.member, session.connection);
          session.member = undefined;
          session.room = undefined;
          session.peer = undefined;
        } else {
          if (!session.room) throw new AppError('not_found', 'Join a room first.');
          leaveDevRoom(session);
        }
        return {};
      },
    ),
  ];
}
