import { canReceive, inCaucus, isHost, type RoomMember, type RoomState, type Side } from './room.ts';

/**
 * What one member may learn of the room: the one rule behind every snapshot and every push
 * (room state, chat, minutes, agreement changes, and through `mayKnowOfMedia` and `canReceive`
 * every media signal: peers, producers, their pause and resume, the active speaker).
 *
 * A resident at the door learns nothing of the others; during the identity check on camera, of
 * the host alone. During a caucus (背对背) the side held apart learns nothing of it: not who is in
 * it, not their cameras, microphones or speaking, not what is said, written or drafted.
 */

/** Whether `viewer` may know `subject` is there, and how they are (name, mute, media, quality). */
export function mayKnowOf(state: RoomState, viewerKey: string, subjectKey: string): boolean {
  const viewer = state.members[viewerKey];
  const subject = state.members[subjectKey];
  if (!viewer || !subject) return false;
  if (viewerKey === subjectKey) return true;
  // The host runs the room: the waiting list and the side held apart included.
  if (isHost(state, viewer) && viewer.admission === 'admitted') return subject.admission !== 'removed';
  return canReceive(state, viewerKey, subjectKey);
}

/**
 * Whether `listener` may know of `sender`'s media: be told of it and keep receivers of it. As
 * `canReceive`, except that a dropped connection takes nothing away during its grace period:
 * the receivers wait, paused, for the member to come back (a resumed connection keeps its media peer).
 */
export function mayKnowOfMedia(state: RoomState, listenerKey: string, senderKey: string): boolean {
  const online = (s: RoomState, key: string): RoomState => {
    const m = s.members[key];
    return m && !m.online && m.admission !== 'removed' ? { ...s, members: { ...s.members, [key]: { ...m, online: true } } } : s;
  };
  return canReceive(online(online(state, listenerKey), senderKey), listenerKey, senderKey);
}

/** Whether the member follows what the room shares (minutes, the agreement draft): admitted, and not held apart. */
export function followsRoom(state: RoomState, viewer: RoomMember): boolean {
  return viewer.admission === 'admitted' && !state.ended && inCaucus(state, viewer);
}

/** Who could read a chat line, fixed when it was written. */
export interface ChatAudience {
  audience: 'all' | 'caucus' | 'excluded';
  caucusSide?: Side | undefined;
}

/** The audience of a line `sender` writes now: everyone, the caucus, or the side held apart. */
export function chatAudienceOf(state: RoomState, sender: RoomMember): ChatAudience {
  const side = state.caucus?.side;
  if (!side) return { audience: 'all' };
  return { audience: inCaucus(state, sender) ? 'caucus' : 'excluded', caucusSide: side };
}

/** Whether a member may read a chat line: admitted members only, and by the caucus it was written in. */
export function maySeeChat(viewer: RoomMember, line: ChatAudience): boolean {
  if (viewer.admission !== 'admitted') return false;
  if (line.audience === 'all') return true;
  const inIt = viewer.role === 'mediator' || viewer.role === 'judge' || viewer.side === line.caucusSide;
  return line.audience === 'caucus' ? inIt : !inIt;
}
