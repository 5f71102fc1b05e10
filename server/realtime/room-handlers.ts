import type { types } from 'mediasoup';
import type { MediaRooms } from '../media/media-rooms.ts';
import { AppError } from '../protocol/index.ts';
import { devOnly, inRoom } from './authorize.ts';
import { defineHandler, type Handler } from './define-handler.ts';
import type { SocketSession } from './socket-session.ts';

function joined(session: SocketSession) {
  if (!session.room || !session.peer) throw new AppError('not_found', 'Join a room first.');
  return { room: session.room, peer: session.peer };
}

/** Leaves the development room, if in one. Safe to call twice (disconnect after `room:leave`). */
export function leaveDevRoom(session: SocketSession): void {
  const { room, peer } = session;
  session.room = undefined;
  session.peer = undefined;
  if (room && peer) room.leave(peer);
}

/** The development call page's own request: open a room by id and join it, no case, no checks. */
export function devRoomHandlers(rooms: MediaRooms): Handler[] {
  return [
    defineHandler('room:join', devOnly, async (session, { roomId, displayName }) => {
      if (session.room) throw new AppError('conflict', 'Already in a room; leave it first.');
      // The last peer leaving may close the room between lookup and join; a fresh one is opened then.
      for (let attempt = 0; ; attempt++) {
        const room = await rooms.getOrCreate(roomId);
        if (room.isClosed && attempt < 2) continue;
        const peer = room.join(displayName);
        session.room = room;
        session.peer = peer;
        return {
          self: peer.summary(),
          peers: room.peerList().filter((other) => other !== peer).map((other) => other.summary()),
          routerRtpCapabilities: room.rtpCapabilities,
        };
      }
    }),
  ];
}

/** Media requests of whoever has a media peer: the development room, or an admitted member of a mediation room. */
export function mediaHandlers(): Handler[] {
  return [
    defineHandler('media:setCapabilities', inRoom, async (session, { rtpCapabilities }) => {
      const { room, peer } = joined(session);
      peer.rtpCapabilities = rtpCapabilities as types.RtpCapabilities;
      // Now that the peer can decode, tell it what is already being sent. Asked again (after a
      // resumed connection, whose pushes meanwhile were lost), it repeats what the peer does not yet receive.
      for (const payload of room.producersVisibleTo(peer)) session.socket.emit('producer:added', payload);
      return {};
    }),
    defineHandler('transport:create', inRoom, async (session, { direction }) => {
      const { room, peer } = joined(session);
      return room.createTransport(peer, direction);
    }),
    defineHandler('transport:connect', inRoom, async (session, { transportId, dtlsParameters }) => {
      const { room, peer } = joined(session);
      await room.connectTransport(peer, transportId, dtlsParameters);
      return {};
    }),
    defineHandler('transport:restartIce', inRoom, async (session, { transportId }) => {
      const { room, peer } = joined(session);
      return { iceParameters: await room.restartIce(peer, transportId) };
    }),
    defineHandler('media:produce', inRoom, async (session, request) => {
      const { room, peer } = joined(session);
      const producerId = await room.produce(peer, { ...request, rtpParameters: request.rtpParameters as types.RtpParameters });
      return { producerId };
    }),
    defineHandler('media:consume', inRoom, async (session, { producerId }) => {
      const { room, peer } = joined(session);
      return room.consume(peer, producerId);
    }),
    defineHandler('consumer:resume', inRoom, async (session, { consumerId }) => {
      const { room, peer } = joined(session);
      return room.setConsumerWanted(peer, consumerId, true);
    }),
    defineHandler('consumer:pause', inRoom, async (session, { consumerId }) => {
      const { room, peer } = joined(session);
      return room.setConsumerWanted(peer, consumerId, false);
    }),
    defineHandler('consumer:requestKeyFrame', inRoom, async (session, { consumerId }) => {
      const { room, peer } = joined(session);
      await room.requestKeyFrame(peer, consumerId);
      return {};
    }),
    defineHandler('consumer:setPreferredLayers', inRoom, async (session, { consumerId, spatialLayer, temporalLayer }) => {
      const { room, peer } = joined(session);
      await room.setPreferredLayers(peer, consumerId, spatialLayer, temporalLayer);
      return {};
    }),
    defineHandler('producer:pause', inRoom, async (session, { producerId }) => {
      const { room, peer } = joined(session);
      await room.setProducerPaused(peer, producerId, true);
      return {};
    }),
    defineHandler('producer:resume', inRoom, async (session, { producerId }) => {
      const { room, peer } = joined(session);
      await room.setProducerPaused(peer, producerId, false);
      return {};
    }),
  ];
}
