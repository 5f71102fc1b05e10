import { randomUUID } from 'node:crypto';
import { canReadCase } from '../auth/policy.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import { turnIceServers } from '../auth/turn-credentials.ts';
import type { EventDraft } from '../domain/case-events.ts';
import type { Actor, CaseState } from '../domain/case-types.ts';
import { roomSession } from '../domain/case-machine.ts';
import { sideOfParticipant } from '../domain/party-presence.ts';
import * as room from '../domain/room.ts';
import { restoreRoom } from '../domain/room-restore.ts';
import { chatAudienceOf } from '../domain/room-visibility.ts';
import type { Logger } from '../logger.ts';
import type { MediaRooms } from '../media/media-rooms.ts';
import { AppError } from '../protocol/errors.ts';
import type { RoomSnapshot } from '../protocol/room.ts';
import { KeyedQueue } from '../concurrency/keyed-queue.ts';
import type { CaseService } from './case-service.ts';
import type { Clock } from './clock.ts';
import { LiveRoom, type MemberConnection } from './live-room.ts';
import type { PiiVault } from './pii-vault.ts';
import type { ChatEntry } from './room-snapshot.ts';
import type { RoomSnapshots } from './room-snapshots.ts';

export interface RoomMemberContext {
  caseId: string;
  key: string;
  role: room.RoomRole;
  principal: Principal;
  /** Runs the room: the mediator in mediation, the judge in a hearing (as of entering). */
  host?: boolean | undefined;
}

/** The member who runs the room, whatever their role: see `room.hostRole`. */
const HOST = 'host';

export interface RoomServiceConfig {
  reconnectGraceMs: number;
  turnUrls: string[];
  turnSecret: string | undefined;
}

const MAX_IDENTITY_ATTEMPTS = 5;

/**
 * The mediation room's use cases. Every operation on a room runs alone (a queue per case), checks
 * the caller's role, decides with the pure room rules, writes what must be on record to the case
 * log, and only then commits the new room state to media and to the members' screens.
 */
export class RoomService {
  private readonly rooms = new Map<string, LiveRoom>();
  private readonly queue = new KeyedQueue();
  private readonly identityAttempts = new Map<string, number>();

  constructor(
    private readonly cases: CaseService,
    private readonly vault: PiiVault,
    private readonly media: MediaRooms,
    private readonly clock: Clock,
    private readonly config: RoomServiceConfig,
    private readonly log: Logger,
    private readonly snapshots: RoomSnapshots,
  ) {}

  /** Who the principal is in this case's room, or a refusal. */
  async memberFor(principal: Principal, requestedCaseId: string | undefined): Promise<{ member: RoomMemberContext; entrant: room.Entrant; caseState: CaseState }> {
    if (principal.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first.');
    const caseId = principal.kind === 'resident' ? principal.caseId : requestedCaseId;
    if (!caseId) throw new AppError('invalid_input', 'Name the case.', [{ path: 'caseId', message: 'required' }]);
    if (principal.kind === 'resident' && requestedCaseId && requestedCaseId !== principal.caseId) throw new AppError('forbidden', 'Your invitation is for another case.');
    const caseState = await this.cases.get(caseId);
    if (!caseState) throw new AppError('not_found', 'No such case.');
    if (principal.kind === 'resident') {
      const participant = caseState.participants.find((p) => p.participantId === principal.participantId);
      if (!participant) throw new AppError('forbidden', 'You are no longer a participant of this case.');
      const entrant: room.Entrant = {
        key: `p:${participant.participantId}`,
        name: participant.name,
        role: participant.role === 'agent' ? 'agent' : 'party',
        side: sideOfParticipant(caseState, participant.participantId),
      };
      return { member: { caseId, key: entrant.key, role: entrant.role, principal }, entrant, caseState };
    }
    const { account } = principal;
    // A grid worker who took a simple case mediates it as its mediator of record (first tier, #14).
    if ((account.role === 'mediator' || account.role === 'grid_worker') && caseState.mediator?.accountId === account.accountId && caseState.mediator.acceptedAt) {
      return { member: { caseId, key: `a:${account.accountId}`, role: 'mediator', principal }, entrant: { key: `a:${account.accountId}`, name: account.displayName, role: 'mediator' }, caseState };
    }
    // A judge enters where they may read the case over HTTP (the court it was referred to or filed with), no further.
    if (account.role === 'judge' && canReadCase(principal, caseState)) {
      if (roomSession(caseState)?.kind === 'hearing' && caseState.confirmation?.judgeId !== account.accountId) {
        throw new AppError('forbidden', 'Only the judge the application was routed to presides over its hearing.');
      }
      return { member: { caseId, key: `a:${account.accountId}`, role: 'judge', principal }, entrant: { key: `a:${account.accountId}`, name: account.displayName, role: 'judge' }, caseState };
    }
    throw new AppError('forbidden', 'Only the mediator of this case, its guiding judge and its parties join its room.');
  }

  /** Enters (or re-enters) the room; the mediator's arrival opens the session. */
  async enter(principal: Principal, requestedCaseId: string | undefined, connection: MemberConnection): Promise<{ member: RoomMemberContext; snapshot: RoomSnapshot }> {
    const { member, entrant } = await this.memberFor(principal, requestedCaseId);
    return this.queue.run(member.caseId, async () => {
      const live = await this.liveRoomFor(member);
      const state = room.enter(live.state, entrant);
      live.clearTimer(member.key);
      const previous = live.connections.get(member.key);
      live.connections.set(member.key, connection);
      if (previous && previous !== connection) previous.close();
      await live.commit(state);
      member.host = room.isHost(live.state, member);
      return { member, snapshot: live.snapshot(member.key) };
    });
  }

  async declare(member: RoomMemberContext, recordingConsent: boolean): Promise<void> {
    await this.change(member, ['party', 'agent'], (live) => ({
      state: room.declare(live.state, member.key, recordingConsent),
      events: [{ type: 'room.declaration_accepted', data: { sessionId: live.state.sessionId, participantId: participantIdOf(member.key), recordingConsent } }],
    }));
  }

  async verifyIdentity(member: RoomMemberContext, answer: { name: string; idLast4: string } | { confirmByMediator: true }): Promise<room.IdentityCheck> {
    let outcome: 'verified' | 'pending_mediator' = 'pending_mediator';
    if ('name' in answer) {
      const attemptsKey = `${member.caseId}:${member.key}`;
      const attempts = (this.identityAttempts.get(attemptsKey) ?? 0) + 1;
      this.identityAttempts.set(attemptsKey, attempts);
      if (attempts > MAX_IDENTITY_ATTEMPTS) throw new AppError('forbidden', 'Too many attempts: the mediator will confirm your identity on camera.');
      const details = await this.vault.get(member.caseId, participantIdOf(member.key));
      const state = await this.cases.get(member.caseId);
      const participant = state?.participants.find((p) => p.participantId === participantIdOf(member.key));
      if (!details?.idNumber || !participant) {
        outcome = 'pending_mediator';
      } else if (answer.name.trim() === participant.name && details.idNumber.toUpperCase().endsWith(answer.idLast4)) {
        outcome = 'verified';
      } else {
        throw new AppError('invalid_input', 'The name or ID digits do not match the case.', [{ path: 'idLast4', message: 'does not match' }]);
      }
    }
    await this.change(member, ['party', 'agent'], (live) => ({
      state: room.recordIdentity(live.state, member.key, outcome),
      events: [{ type: 'room.identity_checked', data: { sessionId: live.state.sessionId, participantId: participantIdOf(member.key), outcome } }],
    }));
    return outcome;
  }

  async admit(member: RoomMemberContext, key: string, identityConfirmedOnCamera: boolean): Promise<void> {
    await this.change(member, HOST, (live) => {
      const before = live.state.members[key];
      const state = room.admit(live.state, key, identityConfirmedOnCamera);
      const events: EventDraft[] = [];
      if (before?.identity === 'pending_mediator') {
        events.push({ type: 'room.identity_checked', data: { sessionId: live.state.sessionId, participantId: participantIdOf(key), outcome: 'confirmed_by_mediator' } });
      }
      events.push({ type: 'room.admitted', data: { sessionId: live.state.sessionId, memberKey: key, name: before?.name ?? '' } });
      return { state, events };
    });
  }

  async decline(member: RoomMemberContext, key: string): Promise<void> {
    await this.change(member, HOST, (live) => ({
      state: room.decline(live.state, key),
      events: [{ type: 'room.declined', data: { sessionId: live.state.sessionId, memberKey: key } }],
    }));
    // A media peer opened for the identity check on camera is of no use to a declined resident; asking again opens a new one.
    this.rooms.get(member.caseId)?.closePeer(key);
  }

  /** Removes a member for the rest of the session; a resident's invitation is revoked with it. */
  async remove(member: RoomMemberContext, key: string): Promise<void> {
    await this.queue.run(member.caseId, async () => {
      await this.changeInTurn(member, HOST, (live) => {
        const events: EventDraft[] = [{ type: 'room.removed', data: { sessionId: live.state.sessionId, memberKey: key } }];
        if (key.startsWith('p:')) {
          for (const invitation of live.caseState.invitations) {
            if (invitation.participantId === participantIdOf(key) && !invitation.revoked) events.push({ type: 'invitation.revoked', data: { invitationId: invitation.invitationId } });
          }
        }
        return { state: room.remove(live.state, key), events };
      });
      // Still in the room's turn (see `afterCurrentWork`): the member hears `room:removed` before the revocation ends their other connections.
      const live = this.rooms.get(member.caseId);
      if (!live) return;
      live.closePeer(key);
      const connection = live.connections.get(key);
      live.connections.delete(key);
      connection?.push('room:removed', { reason: 'removed_by_mediator' });
      connection?.close();
    });
  }

  /** Settles once the room's operations queued so far have finished. */
  async afterCurrentWork(caseId: string): Promise<void> {
    await this.queue.run(caseId, async () => undefined);
  }

  async setLocked(member: RoomMemberContext, locked: boolean): Promise<void> {
    await this.change(member, HOST, (live) => ({ state: room.setLocked(live.state, locked), events: [] }));
  }

  async setMuted(member: RoomMemberContext, key: string, muted: boolean): Promise<void> {
    await this.change(member, HOST, (live) => ({ state: room.setMutedByMediator(live.state, key, muted), events: [] }));
  }

  /** Lifts the mediator's mute and asks the member to unmute; they decide when to speak. */
  async askUnmute(member: RoomMemberContext, key: string): Promise<void> {
    await this.change(member, HOST, (live) => ({ state: room.setMutedByMediator(live.state, key, false), events: [] }));
    this.rooms.get(member.caseId)?.connections.get(key)?.push('room:unmuteRequested', { by: member.key });
  }

  async allowSpeak(member: RoomMemberContext, key: string, allowed: boolean): Promise<void> {
    await this.change(member, HOST, (live) => ({ state: room.setSpeakAllowed(live.state, key, allowed), events: [] }));
  }

  async startCaucus(member: RoomMemberContext, side: room.Side): Promise<void> {
    await this.change(member, HOST, (live) => ({
      state: room.startCaucus(live.state, side),
      events: [{ type: 'caucus.started', data: { sessionId: live.state.sessionId, side } }],
    }));
  }

  async endCaucus(member: RoomMemberContext): Promise<void> {
    await this.change(member, HOST, (live) => {
      const heldApart = new Set(Object.values(live.state.members).filter((m) => !room.inCaucus(live.state, m)).map((m) => m.key));
      return {
        state: room.endCaucus(live.state),
        events: [{ type: 'caucus.ended', data: { sessionId: live.state.sessionId } }],
        // The side held apart was not told of changes to the agreement meanwhile: it fetches it again now.
        afterCommit: () => {
          if (live.caseState.agreement) live.pushAgreementChanged(heldApart);
        },
      };
    });
  }

  async chat(member: RoomMemberContext, text: string): Promise<void> {
    await this.queue.run(member.caseId, async () => {
      const live = this.requireLive(member, ['mediator', 'judge', 'party', 'agent']);
      const sender = live.state.members[member.key]!;
      if (sender.admission !== 'admitted') throw new AppError('forbidden', 'Wait until the mediator admits you.');
      const { audience, caucusSide } = chatAudienceOf(live.state, sender);
      const { events } = await this.cases.executeWithRetry(member.caseId, actorOf(member.principal), () => [
        { type: 'chat.posted', data: { sessionId: live.state.sessionId, memberKey: member.key, name: sender.name, text, audience, caucusSide } },
      ]);
      const entry: ChatEntry = { message: { seq: events[0]!.seq, at: events[0]!.at, from: member.key, name: sender.name, text }, audience, caucusSide };
      live.chat.push(entry);
      live.pushChat(entry);
    });
  }

  async saveMinutes(member: RoomMemberContext, text: string, baseVersion: number): Promise<number> {
    let version = 0;
    await this.change(member, ['mediator'], () => {
      version = baseVersion + 1;
      return { state: undefined, events: [{ type: 'minutes.saved', data: { version, text } }] };
    });
    return version;
  }

  async shareMinutes(member: RoomMemberContext, shared: boolean): Promise<void> {
    await this.change(member, ['mediator'], (live) => {
      const version = live.caseState.minutes?.version;
      if (!version) throw new AppError('illegal_transition', 'Write the minutes first.');
      return { state: undefined, events: [{ type: 'minutes.shared', data: { version, shared } }] };
    });
  }

  async confirmMinutes(member: RoomMemberContext, version: number): Promise<void> {
    await this.change(member, ['party', 'agent'], () => ({ state: undefined, events: [{ type: 'minutes.confirmed', data: { participantId: participantIdOf(member.key), version } }] }));
  }

  /**
   * An admitted member's media peer: the one kept through a short drop when the client names it
   * (the client then restarts ICE on its transports), or a new one.
   */
  async joinMedia(member: RoomMemberContext, resumePeerId: string | undefined) {
    return this.queue.run(member.caseId, async () => {
      const live = this.requireLive(member, ['mediator', 'judge', 'party', 'agent']);
      const me = live.state.members[member.key]!;
      // Admitted members, and a waiting resident the mediator is to check on camera.
      if (me.admission !== 'admitted' && !room.inIdentityCheck(live.state, me)) throw new AppError('forbidden', 'Wait until the mediator admits you.');
      if (!live.started) throw new AppError('conflict', 'The session has not started yet.');
      const existing = live.peers.get(member.key);
      if (existing && !existing.isClosed && existing.id === resumePeerId) {
        return { mediaRoom: await this.mediaRoomOf(live), peer: existing, resumed: true };
      }
      // The peer being replaced goes first: if it was the room's last, the next join opens a new room.
      live.closePeer(member.key);
      const mediaRoom = await this.mediaRoomOf(live);
      const peer = mediaRoom.join(live.state.members[member.key]!.name, member.key);
      live.peers.set(member.key, peer);
      await live.commit(live.state);
      return { mediaRoom, peer, resumed: false };
    });
  }

  /** The member's connection dropped; they keep their place for the grace period. */
  async disconnected(member: RoomMemberContext, connection: MemberConnection): Promise<void> {
    await this.queue.run(member.caseId, async () => {
      const live = this.rooms.get(member.caseId);
      if (!live || live.connections.get(member.key) !== connection) return;
      live.connections.delete(member.key);
      const now = this.clock.now().getTime();
      await live.commit(room.disconnect(live.state, member.key, now));
      this.startGraceTimer(live, member.key, now);
    });
  }

  /** Expires a dropped member's place when the grace period since `disconnectedAt` is over. */
  private startGraceTimer(live: LiveRoom, key: string, disconnectedAt: number | undefined): void {
    live.clearTimer(key);
    if (disconnectedAt === undefined) return;
    const remaining = Math.max(0, disconnectedAt + this.config.reconnectGraceMs - this.clock.now().getTime());
    const timer = setTimeout(() => void this.expire(live.state.caseId).catch((error: unknown) => this.log.error({ err: error }, 'room expiry failed')), remaining);
    timer.unref();
    live.graceTimers.set(key, timer);
  }

  /** Leaving on purpose: the place is given up at once, no grace period. */
  async leave(member: RoomMemberContext, connection: MemberConnection): Promise<void> {
    await this.queue.run(member.caseId, async () => {
      const live = this.rooms.get(member.caseId);
      if (!live || live.connections.get(member.key) !== connection) return;
      live.connections.delete(member.key);
      live.closePeer(member.key);
      live.clearTimer(member.key);
      const now = this.clock.now().getTime();
      const wasAdmitted = live.state.members[member.key]?.admission === 'admitted';
      const { state } = room.expireDisconnected(room.disconnect(live.state, member.key, now - this.config.reconnectGraceMs), now, this.config.reconnectGraceMs);
      const caseState = wasAdmitted ? await this.recordGone(live, [member.key], 'left', actorOf(member.principal)) : undefined;
      await live.commit(state, caseState);
    });
  }

  /**
   * Residents who were admitted and are gone go on record: attendance (both parties present
   * together at a hearing) must not count someone who left. Staff presence is not attendance.
   */
  private async recordGone(live: LiveRoom, keys: string[], reason: 'left' | 'connection_lost', actor: Actor): Promise<CaseState | undefined> {
    const residents = keys.filter((key) => key.startsWith('p:'));
    if (residents.length === 0 || !live.started || live.state.ended) return undefined;
    const sessionId = live.state.sessionId;
    return (
      await this.cases.executeWithRetry(live.state.caseId, actor, (current) =>
        current?.sessions.some((s) => s.sessionId === sessionId && s.status === 'live') ? residents.map((memberKey) => ({ type: 'room.left' as const, data: { sessionId, memberKey, reason } })) : [],
      ).catch((error: unknown) => {
        // The session ended meanwhile: there is nothing left to attend.
        if (error instanceof AppError && error.code === 'invalid_input') return undefined;
        throw error;
      })
    )?.state;
  }

  async end(member: RoomMemberContext): Promise<void> {
    await this.queue.run(member.caseId, async () => {
      const live = this.requireLive(member, HOST);
      if (live.started) {
        await this.cases.executeWithRetry(member.caseId, actorOf(member.principal), () => [{ type: 'session.ended', data: { sessionId: live.state.sessionId } }]);
      }
      this.closeRoom(live);
    });
  }

  /** Everyone following the room sees the agreement draft live; tell them it changed (they fetch it over HTTP). */
  agreementChanged(caseId: string, state: CaseState): void {
    const live = this.rooms.get(caseId);
    if (!live) return;
    live.caseState = state;
    live.pushAgreementChanged();
  }

  liveRoom(caseId: string): LiveRoom | undefined {
    return this.rooms.get(caseId);
  }

  /** The cases whose room this process runs. */
  liveCaseIds(): string[] {
    return [...this.rooms.keys()];
  }

  /**
   * Another process runs this room now (several instances, #17): it is forgotten here without a
   * word to the log or the members, whose clients reconnect there. Its saved state stays for the new runner.
   */
  relinquish(caseId: string): void {
    const live = this.rooms.get(caseId);
    if (!live) return;
    live.dispose();
    this.rooms.delete(caseId);
  }

  closeAll(): void {
    for (const live of this.rooms.values()) live.dispose();
    this.rooms.clear();
  }

  private async expire(caseId: string): Promise<void> {
    await this.queue.run(caseId, async () => {
      const live = this.rooms.get(caseId);
      if (!live) return;
      const admittedBefore = new Set(Object.values(live.state.members).filter((m) => m.admission === 'admitted').map((m) => m.key));
      const { state, expired } = room.expireDisconnected(live.state, this.clock.now().getTime(), this.config.reconnectGraceMs);
      for (const key of expired) {
        live.closePeer(key);
        live.clearTimer(key);
      }
      if (expired.length === 0) return;
      const caseState = await this.recordGone(live, expired.filter((key) => admittedBefore.has(key)), 'connection_lost', { kind: 'system' });
      await live.commit(state, caseState);
    });
  }

  /** Runs one change alone: role check, pure decision, case events, then commit to media and screens. */
  private async change(
    member: RoomMemberContext,
    roles: room.RoomRole[] | typeof HOST,
    decide: (live: LiveRoom) => { state: room.RoomState | undefined; events: EventDraft[]; afterCommit?: () => void },
  ): Promise<void> {
    await this.queue.run(member.caseId, () => this.changeInTurn(member, roles, decide));
  }

  /** `change` for a caller already running in the room's queue. */
  private async changeInTurn(
    member: RoomMemberContext,
    roles: room.RoomRole[] | typeof HOST,
    decide: (live: LiveRoom) => { state: room.RoomState | undefined; events: EventDraft[]; afterCommit?: () => void },
  ): Promise<void> {
    const live = this.requireLive(member, roles);
    const { state, events, afterCommit } = decide(live);
    let caseState: CaseState | undefined;
    if (events.length > 0) caseState = (await this.cases.executeWithRetry(member.caseId, actorOf(member.principal), () => events)).state;
    await live.commit(state ?? live.state, caseState);
    afterCommit?.();
  }

  private requireLive(member: RoomMemberContext, roles: room.RoomRole[] | typeof HOST): LiveRoom {
    const live = this.rooms.get(member.caseId);
    const me = live?.state.members[member.key];
    if (!live || !me || me.admission === 'removed') throw new AppError('not_found', 'Enter the room first.');
    const allowed = roles === HOST ? room.isHost(live.state, member) : roles.includes(member.role);
    if (!allowed) throw new AppError('forbidden', roles === HOST ? 'Only the host of the room can do this.' : 'Your role in the room does not allow this.');
    return live;
  }

  /**
   * The room of the case's current session (see `roomSession`), created on first entry; the host's
   * entry starts the session. A mediator may open an unscheduled mediation session on the spot.
   */
  private async liveRoomFor(member: RoomMemberContext): Promise<LiveRoom> {
    let caseState = (await this.cases.get(member.caseId))!;
    const session = roomSession(caseState);
    let live = this.rooms.get(member.caseId);
    if (live && session?.kind === 'hearing' && live.state.sessionId !== session.sessionId) {
      // A mediation room left open when the court's review began gives way to the hearing.
      this.closeRoom(live);
      live = undefined;
    }
    if (!live) {
      if (!session && (member.role !== 'mediator' || caseState.status === 'confirmation_requested')) throw new AppError('not_found', 'No session is scheduled for this case yet.', undefined, { reason: 'no_session' });
      const sessionId = session?.sessionId ?? randomUUID();
      // A live session with no room here was run by a process that stopped: take its room up again.
      const saved = session?.status === 'live' ? await this.snapshots.load(member.caseId) : undefined;
      const restored = saved && restoreRoom(saved, caseState, this.clock.now().getTime());
      live = new LiveRoom(
        restored ?? room.newRoom(member.caseId, sessionId, session?.kind ?? 'mediation'),
        session?.status === 'live',
        caseState,
        (key) => turnIceServers(this.config.turnUrls, this.config.turnSecret, key, this.clock.now()),
        this.log.child({ caseId: member.caseId }),
        (state) => this.snapshots.save(state),
      );
      live.chat.push(...chatHistory(caseState, sessionId, await this.cases.load(member.caseId)));
      this.rooms.set(member.caseId, live);
      if (restored) {
        this.log.info({ caseId: member.caseId, sessionId }, 'room taken up again from its saved state');
        for (const m of Object.values(restored.members)) this.startGraceTimer(live, m.key, m.disconnectedAt);
      }
    }
    if (room.isHost(live.state, member) && !live.started) {
      const sessionId = live.state.sessionId;
      const scheduled = caseState.sessions.some((s) => s.sessionId === sessionId);
      // A session the log still holds live, though no room runs it (a restart, a room left open), ends first.
      const stale = caseState.sessions.find((s) => s.status === 'live' && s.sessionId !== sessionId);
      caseState = (
        await this.cases.executeWithRetry(member.caseId, actorOf(member.principal), () => [
          ...(stale ? [{ type: 'session.ended' as const, data: { sessionId: stale.sessionId } }] : []),
          ...(scheduled ? [] : [{ type: 'session.scheduled' as const, data: { sessionId, startsAt: this.clock.now().toISOString(), roomId: `case-${member.caseId}` } }]),
          { type: 'session.started', data: { sessionId } },
        ])
      ).state;
      live.started = true;
      live.caseState = caseState;
    }
    return live;
  }

  /** Ends a room in memory: everyone in it is told, media is released. */
  private closeRoom(live: LiveRoom): void {
    live.state = room.endRoom(live.state);
    for (const connection of live.connections.values()) connection.push('room:ended', {});
    live.dispose();
    this.rooms.delete(live.state.caseId);
    void this.snapshots.drop(live.state.caseId);
  }

  private async mediaRoomOf(live: LiveRoom) {
    if (live.media && !live.media.isClosed) return live.media;
    const mediaRoom = await this.media.getOrCreate(`case-${live.state.caseId}-${live.state.sessionId}`);
    live.media = mediaRoom;
    mediaRoom.on('score', (peerId, _kind, score) => live.recordScore(peerId, score));
    mediaRoom.once('close', () => {
      if (live.media !== mediaRoom || live.state.ended) return;
      // The worker under the room died: everyone sets media up again on a live worker.
      live.media = undefined;
      live.peers.clear();
      this.log.warn({ caseId: live.state.caseId }, 'media room lost; members will rejoin media');
      for (const [key, connection] of live.connections) if (live.state.members[key]?.admission === 'admitted') connection.push('media:reset', {});
    });
    await mediaRoom.applyPolicy(live.policy);
    return mediaRoom;
  }
}

function participantIdOf(memberKey: string): string {
  return memberKey.slice(2);
}

function chatHistory(_state: CaseState, sessionId: string, loaded: Awaited<ReturnType<CaseService['load']>>): ChatEntry[] {
  return loaded.events.flatMap((event) =>
    event.type === 'chat.posted' && event.data.sessionId === sessionId
      ? [{ message: { seq: event.seq, at: event.at, from: event.data.memberKey, name: event.data.name, text: event.data.text }, audience: event.data.audience, caucusSide: event.data.caucusSide }]
      : [],
  );
}
