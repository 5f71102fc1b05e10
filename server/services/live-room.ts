import type { IceServer } from '../auth/turn-credentials.ts';
import type { CaseState } from '../domain/case-types.ts';
import { canReceive, inIdentityCheck, isHost, maySendAudio, type RoomState } from '../domain/room.ts';
import { followsRoom, mayKnowOfMedia, maySeeChat } from '../domain/room-visibility.ts';
import type { Logger } from '../logger.ts';
import type { MediaPeer } from '../media/media-peer.ts';
import type { MediaPolicy } from '../media/media-policy.ts';
import type { MediaRoom } from '../media/media-room.ts';
import type { PushName, PushOf } from '../protocol/requests.ts';
import { snapshotFor, type ChatEntry, type Quality } from './room-snapshot.ts';

/** How the room reaches one member's socket; the realtime layer provides it. */
export interface MemberConnection {
  push<E extends PushName>(event: E, payload: PushOf<E>): void;
  /** Ends the member's connection (after a removal, say). */
  close(): void;
}

function qualityOf(score: number): Quality {
  return score >= 7 ? 'good' : score >= 4 ? 'fair' : 'poor';
}

/**
 * One live mediation session in memory: the room's domain state, its media room and peers, the
 * members' connections. It applies every new state to media (who receives whom, who may send)
 * and pushes each member their own view.
 */
export class LiveRoom {
  state: RoomState;
  started: boolean;
  caseState: CaseState;
  media: MediaRoom | undefined;
  readonly peers = new Map<string, MediaPeer>();
  readonly connections = new Map<string, MemberConnection>();
  readonly quality = new Map<string, Quality>();
  readonly chat: ChatEntry[] = [];
  readonly graceTimers = new Map<string, NodeJS.Timeout>();
  /** The view each connection was last sent, without its ICE servers (fresh credentials are not news). */
  private readonly lastView = new WeakMap<MemberConnection, string>();

  constructor(
    state: RoomState,
    started: boolean,
    caseState: CaseState,
    private readonly iceServersFor: (memberKey: string) => IceServer[],
    private readonly log: Logger,
    /** Keeps each committed state where a restarted or other process can take the room up again. */
    private readonly save: (state: RoomState) => Promise<void> = async () => undefined,
  ) {
    this.state = state;
    this.started = started;
    this.caseState = caseState;
  }

  readonly policy: MediaPolicy = {
    mayKnowOf: (listener, sender) => mayKnowOfMedia(this.state, listener, sender),
    mayReceive: (listener, sender) => canReceive(this.state, listener, sender),
    maySend: (owner, source) => {
      const member = this.state.members[owner];
      if (!member || (member.admission !== 'admitted' && !inIdentityCheck(this.state, member))) return false;
      return source === 'camera' || maySendAudio(member);
    },
  };

  /** Commits a new state: it is saved, media follows it, then every connected member gets their view. */
  async commit(state: RoomState, caseState?: CaseState): Promise<void> {
    this.state = state;
    if (caseState) this.caseState = caseState;
    // Saved before anyone is told, so what a member saw happen survives the process.
    await this.save(state);
    if (this.media && !this.media.isClosed) await this.media.applyPolicy(this.policy);
    this.broadcast();
  }

  broadcast(): void {
    for (const [key, connection] of this.connections) this.pushView(key, connection);
  }

  /**
   * Sends a member their view, unless it is the one they have: a snapshot that says nothing new
   * would still tell a resident at the door, or a side held apart, that something happened.
   */
  private pushView(key: string, connection: MemberConnection): void {
    if (!this.state.members[key]) return;
    const snapshot = this.snapshot(key);
    const { iceServers: _fresh, ...seen } = snapshot;
    const fingerprint = JSON.stringify(seen);
    if (this.lastView.get(connection) === fingerprint) return;
    this.lastView.set(connection, fingerprint);
    connection.push('room:state', snapshot);
  }

  /** A new chat line, to those who may read it. */
  pushChat(entry: ChatEntry): void {
    for (const [key, connection] of this.connections) {
      const viewer = this.state.members[key];
      if (viewer && maySeeChat(viewer, entry)) connection.push('chat:message', entry.message);
    }
  }

  /** The agreement changed: those following the room fetch it again (`only` narrows who is told). */
  pushAgreementChanged(only?: ReadonlySet<string>): void {
    const { agreement, status } = this.caseState;
    for (const [key, connection] of this.connections) {
      const member = this.state.members[key];
      if (member && followsRoom(this.state, member) && (!only || only.has(key))) connection.push('agreement:updated', { version: agreement?.version ?? 0, status });
    }
  }

  snapshot(key: string) {
    const peerIds = new Map([...this.peers].filter(([, peer]) => !peer.isClosed).map(([k, peer]) => [k, peer.id]));
    return snapshotFor(key, { room: this.state, started: this.started, caseState: this.caseState, peerIds, quality: this.quality, chat: this.chat, iceServers: this.iceServersFor(key) });
  }

  /** Media scores (0-10) become a coarse quality per member; the host's view is refreshed when one changes. */
  recordScore(peerId: string, score: number): void {
    const key = [...this.peers].find(([, peer]) => peer.id === peerId)?.[0];
    if (!key) return;
    const next = qualityOf(score);
    if (this.quality.get(key) === next) return;
    this.quality.set(key, next);
    for (const [memberKey, connection] of this.connections) {
      const member = this.state.members[memberKey];
      if (member && isHost(this.state, member)) this.pushView(memberKey, connection);
    }
  }

  closePeer(key: string): void {
    const peer = this.peers.get(key);
    this.peers.delete(key);
    const media = this.media;
    if (!peer || !media || media.isClosed) return;
    // The last peer out closes the media room. That is no lost worker: let go of the room first,
    // so nobody is told to set media up again (which, for one member alone, repeated for ever).
    if (this.peers.size === 0) this.media = undefined;
    media.leave(peer);
  }

  clearTimer(key: string): void {
    const timer = this.graceTimers.get(key);
    if (timer) clearTimeout(timer);
    this.graceTimers.delete(key);
  }

  dispose(): void {
    for (const timer of this.graceTimers.values()) clearTimeout(timer);
    this.graceTimers.clear();
    this.media?.close();
    this.media = undefined;
    this.peers.clear();
    this.log.debug('live room disposed');
  }
}
