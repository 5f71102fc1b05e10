import type { PeerSummary } from '@protocol';
import type { SignalingClient } from '../realtime/socket.ts';
import { MediaConnection, type InboundStats, type RemoteTrack } from './media-connection.ts';

export type { InboundStats, RemoteTrack } from './media-connection.ts';

export interface CallState {
  status: 'idle' | 'joining' | 'joined' | 'left' | 'failed';
  self: PeerSummary | undefined;
  peers: PeerSummary[];
  remoteTracks: RemoteTrack[];
  localStream: MediaStream | undefined;
  micMuted: boolean;
  cameraOff: boolean;
  error: string | undefined;
}

type Listener = (state: CallState) => void;

/**
 * The development call page's call: a room joined by id (`room:join`), with the media of a
 * MediaConnection. React subscribes to its state.
 */
export class CallSession {
  private readonly media: MediaConnection;
  private listeners = new Set<Listener>();
  private unsubscribes: Array<() => void> = [];
  state: CallState = { status: 'idle', self: undefined, peers: [], remoteTracks: [], localStream: undefined, micMuted: false, cameraOff: false, error: undefined };

  constructor(private readonly signaling: SignalingClient) {
    this.media = new MediaConnection(signaling);
    this.media.subscribe((media) => this.update({ remoteTracks: media.remoteTracks }));
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async join(roomId: string, displayName: string, constraints: MediaStreamConstraints = { audio: true, video: { width: 640, height: 480 } }): Promise<void> {
    this.update({ status: 'joining', error: undefined });
    try {
      this.listen();
      const joined = await this.signaling.request('room:join', { roomId, displayName });
      this.update({ self: joined.self, peers: joined.peers });
      const localStream = await navigator.mediaDevices.getUserMedia(constraints);
      this.update({ localStream });
      const [microphone] = localStream.getAudioTracks();
      const [camera] = localStream.getVideoTracks();
      await this.media.start(joined.routerRtpCapabilities, { ...(microphone ? { microphone: { track: microphone } } : {}), ...(camera ? { camera: { track: camera } } : {}) });
      this.update({ status: 'joined' });
    } catch (error) {
      this.update({ status: 'failed', error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  async setMicMuted(muted: boolean): Promise<void> {
    await this.media.setSendPaused('microphone', muted);
    this.update({ micMuted: muted });
  }

  async setCameraOff(off: boolean): Promise<void> {
    await this.media.setSendPaused('camera', off);
    this.update({ cameraOff: off });
  }

  /** Receive-side RTP counters, read by the page and by the end-to-end tests. */
  inboundStats(): Promise<InboundStats[]> {
    return this.media.inboundStats();
  }

  async leave(): Promise<void> {
    if (this.state.status === 'joined' || this.state.status === 'joining') {
      await this.signaling.request('room:leave', {}).catch(() => undefined);
    }
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    this.unsubscribes = [];
    this.media.close();
    for (const track of this.state.localStream?.getTracks() ?? []) track.stop();
    this.update({ status: 'left', remoteTracks: [], peers: [] });
  }

  private listen(): void {
    const s = this.signaling;
    this.unsubscribes.push(
      s.on('peer:joined', (peer) => this.update({ peers: [...this.state.peers.filter((p) => p.peerId !== peer.peerId), peer] })),
      s.on('peer:left', ({ peerId }) => this.update({ peers: this.state.peers.filter((p) => p.peerId !== peerId) })),
    );
  }

  private update(patch: Partial<CallState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }
}
