import type { ChatMessage, ErrorBody, HandshakeAuth, RequestName, RequestOf, ResponseOf, RevocationReason, RoomSnapshot } from '@protocol';
import { LocalMedia, type LocalMediaProblem } from '../../media/local-media.ts';
import { loadMediaStack } from './room-loaders.ts';
import type { MediaConnection, RemoteTrack } from '../../media/media-connection.ts';
import { newStallState, stalledConsumers } from '../../media/stall-watch.ts';
import { initialNetworkState, nextNetworkState, sampleFromStats, type NetworkState } from '../../media/network-quality.ts';
import { handshakeErrorOf, RequestError, SignalingClient } from '../../realtime/socket.ts';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';
/** How this member's time in the room ended, if it did: the last three when the server revoked their access. */
export type RoomOutcome = 'removed' | 'ended' | 'left' | 'withdrawn' | 'disabled' | 'loggedOut';

/** The outcome the page shows for each reason the server gives when it revokes a connection. */
export const outcomeOfRevocation: Record<RevocationReason, RoomOutcome> = {
  invitation_withdrawn: 'withdrawn',
  removed_from_case: 'removed',
  account_disabled: 'disabled',
  logged_out: 'loggedOut',
};

export interface RoomState {
  connection: ConnectionStatus;
  snapshot: RoomSnapshot | undefined;
  chat: ChatMessage[];
  /** The room could not be entered (locked, removed, no session, a dead link or session). */
  enterError: ErrorBody | undefined;
  outcome: RoomOutcome | undefined;
  unmuteRequested: boolean;
  activeSpeaker: string | undefined;
  mediaStatus: 'off' | 'connecting' | 'connected' | 'failed';
  peerId: string | undefined;
  remoteTracks: RemoteTrack[];
  micOn: boolean;
  cameraOn: boolean;
  /** A refusal or failure of the last control used (e.g. unmuting while muted by the mediator). */
  controlError: ErrorBody | undefined;
  networkPoor: boolean;
  /** Video paused because the network is weak. */
  networkAudioOnly: boolean;
  iceRestarts: number;
  /** Why this device sends no camera or microphone (an insecure address, no permission, no device). */
  deviceProblem: LocalMediaProblem | undefined;
}

export interface RoomControllerOptions {
  /** Asked at every (re)connection, so a renewed staff token is used. */
  auth: () => HandshakeAuth;
  /** Staff name the case; a resident's comes from their token. */
  caseId?: string | undefined;
  /** A refused handshake said `unauthenticated`: renew the credentials, true if that worked. */
  renewAuth?: () => Promise<boolean>;
  /** Start media as soon as the member is admitted (staff); residents call enableMedia after their checks. */
  mediaWanted: boolean;
}

const STATS_INTERVAL_MS = 2_000;
/** How often the pictures are checked for a stall (cheap: one stats call per remote video). */
const STALL_CHECK_MS = 250;

/**
 * Why this member has media now, if they do: they are in the room, or they wait at the door for
 * the mediator to check their identity on camera (seeing and heard by the mediator alone; never
 * during a caucus, which the mediator is in). The server applies the same rule to what flows.
 */
export type MediaPhase = 'room' | 'identityCheck';

export function mediaPhaseOf(snapshot: RoomSnapshot): MediaPhase | undefined {
  if (!snapshot.started) return undefined;
  const { self } = snapshot;
  if (self.admission === 'admitted') return 'room';
  if (self.admission === 'waiting' && self.identity === 'pending_mediator' && !snapshot.caucus) return 'identityCheck';
  return undefined;
}

const MEDIA_ATTEMPTS = 5;
/** How often a lost media path is tried again with a new ICE restart. */
const PATH_RETRY_MS = 2_000;

function errorBodyOf(error: unknown): ErrorBody {
  if (error instanceof RequestError) return error.body;
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/**
 * One member's mediation room in the browser: the socket, the latest room snapshot, chat, and
 * the media that follows admission. It keeps the UI and media objects through a dropped socket:
 * on reconnection it enters again and resumes its media peer (ICE restart) or, if the server
 * no longer has it, sets media up again.
 */
export class RoomController {
  readonly signaling: SignalingClient;
  readonly local = new LocalMedia();
  private media: MediaConnection | undefined;
  private mediaWanted: boolean;
  private everConnected = false;
  private disposed = false;
  private userMicOff = false;
  private userCameraOff = false;
  private network: NetworkState = initialNetworkState;
  private statsTimer: number | undefined;
  private statsBusy = false;
  private stallTimer: number | undefined;
  private stallBusy = false;
  private stall = newStallState();
  /** Media setup, teardown and resumption run one at a time, in order. */
  private mediaQueue: Promise<void> = Promise.resolve();
  /** The timer of the next ICE restart while a media path is lost. */
  private pathRecovery: number | undefined;
  private readonly preferredLayers = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private readonly cleanups: Array<() => void> = [];
  state: RoomState = {
    connection: 'connecting',
    snapshot: undefined,
    chat: [],
    enterError: undefined,
    outcome: undefined,
    unmuteRequested: false,
    activeSpeaker: undefined,
    mediaStatus: 'off',
    peerId: undefined,
    remoteTracks: [],
    micOn: false,
    cameraOn: false,
    controlError: undefined,
    networkPoor: false,
    networkAudioOnly: false,
    iceRestarts: 0,
    deviceProblem: undefined,
  };

  constructor(private readonly options: RoomControllerOptions) {
    this.mediaWanted = options.mediaWanted;
    this.signaling = new SignalingClient(options.auth);
    this.listen();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): RoomState => this.state;

  /**
   * Residents: the device check is done; media may start once the mediator admits them, or
   * earlier, for the mediator's identity check on camera.
   */
  enableMedia(): void {
    this.mediaWanted = true;
    this.ensureMedia();
  }

  async declare(recordingConsent: boolean): Promise<void> {
    await this.signaling.request('room:declare', { noRecordingDeclared: true, falseMediationWarningRead: true, recordingConsent });
  }

  async verifyIdentity(answer: RequestOf<'room:verifyIdentity'>): Promise<ResponseOf<'room:verifyIdentity'>> {
    return this.signaling.request('room:verifyIdentity', answer);
  }

  /** Enters again (after being declined, say): the resident starts over with the declaration. */
  async reenter(): Promise<void> {
    await this.enter();
  }

  /** Any other room request (the mediator's controls, chat, minutes). */
  request<E extends RequestName>(event: E, payload: RequestOf<E>): Promise<ResponseOf<E>> {
    return this.signaling.request(event, payload);
  }

  async toggleMic(): Promise<void> {
    const media = this.media;
    if (!media) return;
    const on = !this.state.micOn;
    this.update({ controlError: undefined });
    try {
      if (!media.isSending('microphone')) {
        if (!on || !this.local.state.microphone) return;
        await media.addSend('microphone', { track: this.local.state.microphone });
      } else {
        await media.setSendPaused('microphone', !on);
      }
      this.userMicOff = !on;
      this.update({ micOn: on, unmuteRequested: on ? false : this.state.unmuteRequested });
    } catch (error) {
      this.update({ controlError: errorBodyOf(error) });
    }
  }

  async toggleCamera(): Promise<void> {
    this.userCameraOff = this.state.cameraOn;
    this.update({ controlError: undefined });
    try {
      if (!this.userCameraOff && !this.local.state.camera) {
        // Joined audio only: open the camera now and start sending it.
        await this.local.setAudioOnly(false);
      }
      await this.applyCamera();
    } catch (error) {
      this.update({ controlError: errorBodyOf(error) });
    }
  }

  async switchCamera(): Promise<void> {
    const track = await this.local.switchCamera();
    if (track && this.media) await this.media.replaceTrack('camera', track).catch((error: unknown) => this.update({ controlError: errorBodyOf(error) }));
  }

  dismissUnmuteRequest(): void {
    this.update({ unmuteRequested: false });
  }

  /** The spatial layer a tile wants of a peer's video: small tiles the lowest, large ones the highest. */
  setPreferredLayer(peerId: string, spatialLayer: number): void {
    const media = this.media;
    if (!media) return;
    for (const track of this.state.remoteTracks) {
      if (track.peerId !== peerId || track.kind !== 'video' || this.preferredLayers.get(track.consumerId) === spatialLayer) continue;
      this.preferredLayers.set(track.consumerId, spatialLayer);
      void media.setPreferredLayer(track.consumerId, spatialLayer).catch(() => this.preferredLayers.delete(track.consumerId));
    }
  }

  async leave(): Promise<void> {
    await this.signaling.request('room:leave', {}).catch(() => undefined);
    this.finish('left');
  }

  /** Receive counters per remote peer, for diagnostics and the end-to-end tests. */
  inboundStats() {
    return this.media?.inboundByPeer() ?? Promise.resolve({});
  }

  producers() {
    return this.media?.producerList() ?? [];
  }

  /** Idempotent: closes media, the devices and the socket. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stopStats();
    window.clearTimeout(this.pathRecovery);
    this.media?.close();
    this.media = undefined;
    this.local.stop();
    for (const cleanup of this.cleanups) cleanup();
    this.signaling.close();
  }

  // ---- connection ----

  private listen(): void {
    const { socket } = this.signaling;
    const s = this.signaling;
    socket.on('connect', () => {
      const first = !this.everConnected;
      this.everConnected = true;
      this.update({ connection: 'connected' });
      if (first) void this.enter();
      else this.enqueueMedia(() => this.afterReconnect());
    });
    socket.on('disconnect', (reason) => {
      if (this.state.outcome || this.disposed) return;
      // The server ended this connection (another tab took over, or a shutdown): no automatic
      // reconnection, which could fight the other tab; the page offers to reconnect.
      this.update({ connection: reason === 'io server disconnect' ? 'offline' : 'reconnecting' });
    });
    socket.on('connect_error', (error) => {
      if (socket.active) {
        // A network failure: socket.io tries again by itself.
        this.update({ connection: this.everConnected ? 'reconnecting' : 'connecting' });
        return;
      }
      void this.handshakeRefused(handshakeErrorOf(error) ?? { code: 'unauthenticated', message: error.message });
    });
    this.cleanups.push(
      s.on('room:state', (snapshot) => this.applySnapshot(snapshot)),
      s.on('chat:message', (message) => this.update({ chat: mergeChat(this.state.chat, [message]) })),
      s.on('room:unmuteRequested', () => this.update({ unmuteRequested: true })),
      s.on('room:removed', () => this.finish('removed')),
      // Access was revoked: say why, and do not reconnect (the server would refuse, over and over).
      s.on('session:revoked', ({ reason }) => this.finish(outcomeOfRevocation[reason])),
      s.on('room:ended', () => this.finish('ended')),
      s.on('speaker:active', ({ peerId }) => this.update({ activeSpeaker: peerId })),
      s.on('media:reset', () =>
        this.enqueueMedia(async () => {
          this.teardownMedia();
          await this.startMedia(undefined);
        }),
      ),
    );
    const online = () => {
      // The network is back: try the socket now rather than at the next backoff step (a socket
      // waiting out its backoff ignores connect(); closing it first starts a fresh attempt).
      if (!socket.connected && socket.active) {
        socket.disconnect();
        socket.connect();
      }
      this.enqueueMedia(() => this.restartIce());
    };
    window.addEventListener('online', online);
    this.cleanups.push(() => window.removeEventListener('online', online));
  }

  /** Reconnect by hand after the server closed the connection. */
  reconnect(): void {
    if (this.disposed || this.state.outcome) return;
    this.update({ connection: 'connecting', enterError: undefined });
    this.signaling.socket.connect();
  }

  private async handshakeRefused(body: ErrorBody): Promise<void> {
    // Revoked while this page was reconnecting (the push was missed): the same message as if it had arrived.
    if (body.reason && body.reason in outcomeOfRevocation) return this.finish(outcomeOfRevocation[body.reason as RevocationReason]);
    if (body.code === 'unauthenticated' && this.options.renewAuth && (await this.options.renewAuth().catch(() => false))) {
      this.signaling.socket.connect();
      return;
    }
    this.update({ connection: 'offline', enterError: body });
  }

  private async enter(): Promise<RoomSnapshot | undefined> {
    try {
      const snapshot = await this.signaling.request('room:enter', this.options.caseId ? { caseId: this.options.caseId } : {});
      this.update({ enterError: undefined });
      this.applySnapshot(snapshot);
      return snapshot;
    } catch (error) {
      const body = errorBodyOf(error);
      if (body.code === 'forbidden' && /removed/i.test(body.message)) this.finish('removed');
      else this.update({ enterError: body });
      return undefined;
    }
  }

  private applySnapshot(snapshot: RoomSnapshot): void {
    if (this.state.outcome) return;
    const previous = this.state.snapshot?.self;
    this.update({ snapshot, chat: mergeChat(this.state.chat, snapshot.chat) });
    if (snapshot.self.admission === 'removed') {
      this.finish('removed');
      return;
    }
    const silenced = snapshot.self.mutedByMediator || !snapshot.self.speakAllowed;
    const wasSilenced = previous ? previous.mutedByMediator || !previous.speakAllowed : false;
    if (silenced && !wasSilenced) {
      // The server paused the microphone already; match it here and leave unmuting to the member.
      this.userMicOff = true;
      this.media?.pauseLocally('microphone');
      this.update({ micOn: false });
    }
    this.ensureMedia();
  }

  private async afterReconnect(): Promise<void> {
    const snapshot = await this.enter();
    if (!snapshot) return;
    const media = this.media;
    if (!media) return this.ensureMediaNow();
    const phase = mediaPhaseOf(snapshot);
    if (!phase || media.state.status !== 'connected' || !this.state.peerId) {
      this.teardownMedia();
      return this.ensureMediaNow();
    }
    const joined = await this.signaling.request('room:joinMedia', { resumePeerId: this.state.peerId }).catch((error: unknown) => {
      this.update({ controlError: errorBodyOf(error) });
      return undefined;
    });
    if (!joined) return;
    if (joined.resumed) {
      // Same peer, same transports and producers: only the network path is new.
      await this.restartIce();
      // Pushes sent while the socket was down are lost; the server repeats what is being sent.
      await media.resync().catch(() => undefined);
      // At the door, being offline closed the check: the server paused what this side sends. Resume it.
      if (phase === 'identityCheck') await media.resumeSending().catch(() => undefined);
      return;
    }
    this.teardownMedia();
    await this.setupMedia(joined);
  }

  // ---- media ----

  private enqueueMedia(task: () => Promise<void>): void {
    this.mediaQueue = this.mediaQueue.then(task).catch((error: unknown) => {
      console.warn('room media', error);
    });
  }

  private ensureMedia(): void {
    this.enqueueMedia(() => this.ensureMediaNow());
  }

  /**
   * Media follows admission: started once admitted (and wanted), or at the door for the identity
   * check on camera, and torn down when neither holds (a caucus, declined, back to entering).
   * From the check into the room the same peer, transports and producers carry on: the server
   * starts forwarding them to everyone else.
   */
  private async ensureMediaNow(): Promise<void> {
    const snapshot = this.state.snapshot;
    if (this.disposed || this.state.outcome || !snapshot || this.state.connection !== 'connected') return;
    if (!mediaPhaseOf(snapshot)) {
      if (this.media) this.teardownMedia();
      return;
    }
    if (this.media || !this.mediaWanted) return;
    await this.startMedia(undefined);
  }

  /**
   * A media peer for this member, set up. A media server being replaced (after one died) answers
   * `media_unavailable` for a moment: that is tried again a few times, a little later each time.
   */
  private async startMedia(resumePeerId: string | undefined): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const snapshot = this.state.snapshot;
      if (this.disposed || this.state.outcome || this.state.connection !== 'connected' || !snapshot || !mediaPhaseOf(snapshot)) return;
      this.update({ mediaStatus: 'connecting' });
      try {
        const joined = await this.signaling.request('room:joinMedia', resumePeerId ? { resumePeerId } : {});
        await this.setupMedia(joined);
        return;
      } catch (error) {
        const body = errorBodyOf(error);
        if (attempt >= MEDIA_ATTEMPTS || body.code !== 'media_unavailable') {
          this.update({ mediaStatus: 'failed', controlError: body });
          return;
        }
        await new Promise((resolve) => window.setTimeout(resolve, attempt * 1_000));
      }
    }
  }

  private async setupMedia(joined: ResponseOf<'room:joinMedia'>): Promise<void> {
    if (this.local.state.status === 'idle' || this.local.state.status === 'stopped') await this.local.start();
    // Media still connects to receive; the member is told why the others get nothing from them.
    this.update({ deviceProblem: this.local.state.problem });
    const self = this.state.snapshot?.self;
    const silenced = !!self && (self.mutedByMediator || !self.speakAllowed);
    if (silenced) this.userMicOff = true;
    const { microphone, camera } = this.local.state;
    const { MediaConnection } = await loadMediaStack();
    const media = new MediaConnection(this.signaling);
    this.media = media;
    this.preferredLayers.clear();
    media.subscribe((m) => {
      if (this.media !== media) return;
      this.update({ remoteTracks: m.remoteTracks, mediaStatus: m.status === 'connected' ? 'connected' : m.status === 'failed' ? 'failed' : this.state.mediaStatus });
    });
    media.onPathLost(() => this.recoverPath(media));
    this.update({ peerId: joined.peerId, mediaStatus: 'connecting' });
    const cameraPaused = this.userCameraOff || this.network.audioOnly;
    try {
      await media.start(joined.routerRtpCapabilities, {
        ...(microphone ? { microphone: { track: microphone, paused: this.userMicOff } } : {}),
        ...(camera ? { camera: { track: camera, paused: cameraPaused } } : {}),
      });
    } catch (error) {
      this.update({ controlError: errorBodyOf(error) });
      return;
    }
    if (this.network.audioOnly) await media.setVideoReceiving(false);
    this.update({ micOn: !!microphone && !this.userMicOff, cameraOn: !!camera && !this.userCameraOff, mediaStatus: 'connected' });
    this.startStats();
  }

  private teardownMedia(): void {
    this.stopStats();
    window.clearTimeout(this.pathRecovery);
    this.pathRecovery = undefined;
    this.media?.close();
    this.media = undefined;
    this.preferredLayers.clear();
    this.network = initialNetworkState;
    this.update({ mediaStatus: 'off', remoteTracks: [], activeSpeaker: undefined, networkPoor: false, networkAudioOnly: false });
  }

  /**
   * A transport lost its path while signaling may still be up (a Wi-Fi hand-over, a short outage of
   * the media route alone): restart ICE at once, and again every couple of seconds until the path
   * is back, instead of waiting for the browser's own consent checks. Without signaling the
   * reconnection restarts ICE anyway.
   */
  private recoverPath(media: MediaConnection): void {
    if (this.pathRecovery) return;
    const attempt = () => {
      this.pathRecovery = undefined;
      if (this.media !== media || media.isClosed || this.disposed || media.pathsUp) return;
      this.enqueueMedia(() => this.restartIce());
      this.pathRecovery = window.setTimeout(attempt, PATH_RETRY_MS);
    };
    attempt();
  }

  private async restartIce(): Promise<void> {
    const media = this.media;
    if (media?.state.status !== 'connected' || this.state.connection !== 'connected') return;
    await media.restartIce();
    this.update({ iceRestarts: this.state.iceRestarts + 1 });
  }

  /** Sends the camera when the member wants it and the network allows it. */
  private async applyCamera(): Promise<void> {
    const media = this.media;
    const want = !this.userCameraOff && !this.network.audioOnly;
    if (media) {
      const camera = this.local.state.camera;
      if (!media.isSending('camera')) {
        if (want && camera) await media.addSend('camera', { track: camera });
      } else {
        const sent = media.producerList().find((p) => p.source === 'camera');
        if (camera && sent && sent.trackId !== camera.id) await media.replaceTrack('camera', camera);
        const paused = media.state.sending.camera?.paused ?? false;
        if (paused === want) await media.setSendPaused('camera', !want);
      }
    }
    this.update({ cameraOn: !this.userCameraOff && !!this.local.state.camera });
  }

  private startStats(): void {
    this.stopStats();
    this.statsTimer = window.setInterval(() => void this.readNetwork(), STATS_INTERVAL_MS);
    this.stall = newStallState();
    this.stallTimer = window.setInterval(() => void this.watchStalls(), STALL_CHECK_MS);
  }

  private stopStats(): void {
    if (this.statsTimer !== undefined) window.clearInterval(this.statsTimer);
    this.statsTimer = undefined;
    if (this.stallTimer !== undefined) window.clearInterval(this.stallTimer);
    this.stallTimer = undefined;
  }

  /**
   * A picture that stalls while its packets keep coming (after an outage the decoder waits for a
   * keyframe, which the browser would ask for only seconds later) gets a keyframe asked for at once.
   */
  private async watchStalls(): Promise<void> {
    const media = this.media;
    if (!media || this.stallBusy || media.state.status !== 'connected' || this.state.connection !== 'connected') return;
    this.stallBusy = true;
    try {
      const stalled = stalledConsumers(this.stall, await media.videoProgress(), performance.now());
      await Promise.all(stalled.map((consumerId) => media.requestKeyFrame(consumerId).catch(() => undefined)));
    } finally {
      this.stallBusy = false;
    }
  }

  private async readNetwork(): Promise<void> {
    const media = this.media;
    if (!media || this.statsBusy || media.state.status !== 'connected') return;
    this.statsBusy = true;
    try {
      const sample = sampleFromStats(await media.transportStats(), performance.now());
      const before = this.network;
      const camera = media.state.sending.camera;
      this.network = nextNetworkState(before, sample, !!camera && !camera.paused);
      if (this.network.audioOnly !== before.audioOnly) {
        await this.applyCamera();
        await media.setVideoReceiving(!this.network.audioOnly);
      }
      this.update({ networkPoor: this.network.quality === 'poor', networkAudioOnly: this.network.audioOnly });
    } catch {
      // A reading can fail while transports are replaced; the next one decides.
    } finally {
      this.statsBusy = false;
    }
  }

  private finish(outcome: RoomOutcome): void {
    if (this.state.outcome) return;
    this.teardownMedia();
    this.local.stop();
    this.update({ outcome, micOn: false, cameraOn: false });
    this.signaling.close();
  }

  private update(patch: Partial<RoomState>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

/** Chat from snapshots and pushes, once each, in order. */
export function mergeChat(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  if (incoming.every((m) => current.some((c) => c.seq === m.seq))) return current;
  const bySeq = new Map(current.map((m) => [m.seq, m]));
  for (const message of incoming) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
