import type { ErrorBody, RoomMemberView, RoomSnapshot } from '@protocol';
import type { SessionKind } from '../../api/api-types.ts';
import { ApiError } from '../../api/api-error.ts';
import type { RemoteTrack } from '../../media/media-connection.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { forKind, type KindedKey } from './session-kind.ts';

/** A refused socket request in the shape the page's error notices show. */
export function toApiError(body: ErrorBody | undefined): ApiError | undefined {
  return body ? new ApiError(0, body.code, body.message, body.fields ?? [], body.reason, body.retryAfterSeconds) : undefined;
}

/** Whether a member takes part in the current caucus (the mediator, the judge and the caucus side). */
export function inCaucus(snapshot: RoomSnapshot, member: RoomMemberView): boolean {
  if (!snapshot.caucus) return true;
  return member.role === 'mediator' || member.role === 'judge' || member.side === snapshot.caucus.side;
}

/**
 * Whom this member's screen shows as tiles: admitted members they can hear and see now. The
 * server already leaves out whom a party may not receive; the mediator's list has everyone, so
 * during a caucus it is narrowed to the caucus here.
 */
export function gridMembers(snapshot: RoomSnapshot): RoomMemberView[] {
  return snapshot.members.filter((m) => m.admission === 'admitted' && (!snapshot.inCaucusAudience || inCaucus(snapshot, m))).sort((a, b) => seat(a) - seat(b));
}

/** The mediator first, then the applicant's side, the respondent's, and the judge. */
function seat(member: RoomMemberView): number {
  const role = { mediator: 0, party: 1, agent: 2, judge: 6 }[member.role];
  return role + (member.side === 'respondent' ? 2 : 0);
}

/** A peer's newest track of each source (a replaced producer leaves an older one until its close arrives). */
export function tracksOf(remoteTracks: readonly RemoteTrack[], peerId: string | undefined): { audio: RemoteTrack | undefined; video: RemoteTrack | undefined } {
  const mine = peerId ? remoteTracks.filter((t) => t.peerId === peerId) : [];
  return { audio: mine.filter((t) => t.kind === 'audio').at(-1), video: mine.filter((t) => t.kind === 'video').at(-1) };
}

/** "申请人 · 当事人" style label of a member's part in the room; in a hearing the judge presides, not guides. */
export function roleKeys(member: Pick<RoomMemberView, 'role' | 'side'>, kind?: SessionKind): MessageKey[] {
  const keys: MessageKey[] = [];
  if (member.side) keys.push(`party.${member.side}`);
  if (member.role === 'judge') keys.push(forKind('roomRole.judge', kind));
  else if (member.role !== 'party' || !member.side) keys.push(`roomRole.${member.role}`);
  return keys;
}

/** Names of the parties who confirmed the current minutes. */
export function confirmerNames(snapshot: RoomSnapshot): string[] {
  const everyone = [snapshot.self, ...snapshot.members];
  return (snapshot.minutes?.confirmedBy ?? []).map((participantId) => everyone.find((m) => m.key === `p:${participantId}`)?.name ?? participantId);
}

/** The simulcast layer worth receiving for a tile this wide (CSS pixels). */
export function layerForWidth(width: number): number {
  return width < 360 ? 0 : width < 720 ? 1 : 2;
}

/** Why the room could not be entered, in the words the page shows. */
export function enterErrorKey(body: ErrorBody): KindedKey {
  if (body.reason === 'room_locked') return 'room.enterError.locked';
  if (body.reason === 'no_session') return 'room.enterError.noSession';
  if (body.code === 'forbidden') return 'room.enterError.forbidden';
  return 'room.enterError.other';
}
