import { inCaucus, isHost, type RoomMember, type RoomState } from '../domain/room.ts';
import { followsRoom, mayKnowOf, maySeeChat, type ChatAudience } from '../domain/room-visibility.ts';
import type { ChatMessage, RoomMemberView, RoomSnapshot } from '../protocol/room.ts';
import type { CaseState } from '../domain/case-types.ts';
import type { IceServer } from '../auth/turn-credentials.ts';

export type Quality = RoomMemberView['quality'];

/** A chat line and who could read it when it was written. */
export interface ChatEntry extends ChatAudience {
  message: ChatMessage;
}

export interface SnapshotInput {
  room: RoomState;
  started: boolean;
  caseState: CaseState;
  peerIds: ReadonlyMap<string, string>;
  quality: ReadonlyMap<string, Quality>;
  chat: readonly ChatEntry[];
  iceServers: IceServer[];
}

function view(m: RoomMember, peerIds: ReadonlyMap<string, string>, quality: ReadonlyMap<string, Quality>): RoomMemberView {
  return {
    key: m.key,
    name: m.name,
    role: m.role,
    ...(m.side ? { side: m.side } : {}),
    admission: m.admission,
    identity: m.identity,
    online: m.online,
    mutedByMediator: m.mutedByMediator,
    speakAllowed: m.speakAllowed,
    recordingConsent: m.recordingConsent,
    ...(peerIds.get(m.key) ? { peerId: peerIds.get(m.key)! } : {}),
    quality: quality.get(m.key) ?? 'unknown',
  };
}

/**
 * What one member sees, as `room-visibility` decides: the host sees everyone, waiting list
 * included; others the members they may receive. Chat, minutes and who consented to recording
 * are for admitted members; minutes not for a side held apart while the caucus lasts.
 */
export function snapshotFor(viewerKey: string, input: SnapshotInput): RoomSnapshot {
  const { room, caseState } = input;
  const viewer = room.members[viewerKey]!;
  const host = isHost(room, viewer);
  const follows = followsRoom(room, viewer);
  const members = Object.values(room.members).filter((m) => m.key !== viewerKey && mayKnowOf(room, viewerKey, m.key));
  const parties = Object.values(room.members).filter((m) => m.role === 'party' || m.role === 'agent');
  const minutes = follows && caseState.minutes && (viewer.role === 'mediator' || viewer.role === 'judge' || caseState.minutes.shared) ? caseState.minutes : undefined;
  return {
    caseId: caseState.caseId,
    caseNumber: caseState.caseNumber,
    title: caseState.title,
    sessionId: room.sessionId,
    kind: room.kind,
    host,
    started: input.started,
    self: view(viewer, input.peerIds, input.quality),
    inCaucusAudience: inCaucus(room, viewer),
    locked: room.locked,
    caucus: room.caucus ?? null,
    members: members.map((m) => view(m, input.peerIds, input.quality)),
    chat: input.chat.filter((entry) => maySeeChat(viewer, entry)).slice(-100).map((entry) => entry.message),
    minutes: minutes ? { version: minutes.version, text: minutes.text, shared: minutes.shared, confirmedBy: Object.keys(minutes.confirmedBy) } : null,
    recordingAllowed: follows && parties.length > 0 && parties.every((m) => m.recordingConsent),
    iceServers: input.iceServers,
  };
}
