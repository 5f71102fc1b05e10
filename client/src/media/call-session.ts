import { Device, type types } from 'mediasoup-client';
import type { MediaSource, PeerSummary } from '@protocol';
import type { SignalingClient } from '../realtime/socket.ts';

export interface RemoteTrack {
  consumerId: string;
  producerId: string;
  peerId: string;
  source: MediaSource;
  track: MediaStreamTrack;
  paused: boolean;
}

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

export interface InboundStats {
  kind: 'audio' | 'video';
  packetsReceived: number;
  bytesReceived: number;
  framesDecoded: number;
}

type Listener = (state: CallState) => void;

/**
 * One participant's call in a room, on mediasoup-client: one send and one receive transport,
 * a producer per local track, a consumer per remote producer. React subscribes to its state.
 */
export class CallSession {
  private device = new Device();
  private sendTransport: types.Transport | undefined;
  private recvTransport: types.Transport | undefined;
  private producers = new Map<MediaSource, types.Producer>();
  private consumers = new Map<string, types.Consumer>();
  private listeners = new Set<Listener>();
  private unsubscribes: Array<() => void> = [];
  state: CallState = { status: 'idle', self: undefined, peers: [], remoteTracks: [], localStream: undefined, micMuted: false, cameraOff: false, error: undefined };

  constructor(private readonly signaling: SignalingClient) {}

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
      await this.device.load({ routerRtpCapabilities: joined.routerRtpCapabilities as unknown as types.RtpCapabilities });
      this.recvTransport = await this.createTransport('recv');
      this.sendTransport = await this.createTransport('send');
      // Capabilities last: the server answers with the producers already in the room.
      await this.signaling.request('media:setCapabilities', { rtpCapabilities: this.device.recvRtpCapabilities as never });
      const localStream = await navigator.mediaDevices.getUserMedia(constraints);
      this.update({ localStream });
      for (const track of localStream.getTracks()) await this.produce(track);
      this.update({ status: 'joined' });
    } catch (error) {
      this.update({ status: 'failed', error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  async setMicMuted(muted: boolean): Promise<void> {
    await this.setSourcePaused('microphone', muted);
    this.update({ micMuted: muted });
  }

  async setCameraOff(off: boolean): Promise<void> {
    await this.setSourcePaused('camera', off);
    this.update({ cameraOff: off });
  }

  /** Receive-side RTP counters, read by the page and by the end-to-end tests. */
  async inboundStats(): Promise<InboundStats[]> {
    if (!this.recvTransport) return [];
    const report = await this.recvTransport.getStats();
    const rows: InboundStats[] = [];
    report.forEach((entry: { type: string; kind?: string; packetsReceived?: number; bytesReceived?: number; framesDecoded?: number }) => {
      if (entry.type !== 'inbound-rtp' || (entry.kind !== 'audio' && entry.kind !== 'video')) return;
      rows.push({ kind: entry.kind, packetsReceived: entry.packetsReceived ?? 0, bytesReceived: entry.bytesReceived ?? 0, framesDecoded: entry.framesDecoded ?? 0 });
    });
    return rows;
  }

  async leave(): Promise<void> {
    if (this.state.status === 'joined' || this.state.status === 'joining') {
      await this.signaling.request('room:leave', {}).catch(() => undefined);
    }
    this.teardown();
    this.update({ status: 'left', remoteTracks: [], peers: [] });
  }

  private teardown(): void {
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    this.unsubscribes = [];
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.state.localStream?.getTracks().forEach((track) => track.stop());
    this.producers.clear();
    this.consumers.clear();
  }

  private listen(): void {
    const s = this.signaling;
    this.unsubscribes.push(
      s.on('peer:joined', (peer) => this.update({ peers: [...this.state.peers.filter((p) => p.peerId !== peer.peerId), peer] })),
      s.on('peer:left', ({ peerId }) =>
        this.update({ peers: this.state.peers.filter((p) => p.peerId !== peerId), remoteTracks: this.state.remoteTracks.filter((t) => t.peerId !== peerId) }),
      ),
      s.on('producer:added', (producer) => void this.consume(producer.producerId).catch((error: unknown) => console.warn('consume failed', error))),
      s.on('consumer:closed', ({ consumerId }) => this.dropConsumer(consumerId)),
      s.on('producer:paused', ({ producerId }) => this.markPaused(producerId, true)),
      s.on('producer:resumed', ({ producerId }) => this.markPaused(producerId, false)),
    );
  }

  private async createTransport(direction: 'send' | 'recv'): Promise<types.Transport> {
    const params = await this.signaling.request('transport:create', { direction });
    const options = {
      id: params.transportId,
      iceParameters: params.iceParameters as unknown as types.IceParameters,
      iceCandidates: params.iceCandidates as unknown as types.IceCandidate[],
      dtlsParameters: params.dtlsParameters as unknown as types.DtlsParameters,
    };
    const transport = direction === 'send' ? this.device.createSendTransport(options) : this.device.createRecvTransport(options);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.signaling
        .request('transport:connect', { transportId: transport.id, dtlsParameters: dtlsParameters as never })
        .then(() => callback(), errback);
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        this.signaling
          .request('media:produce', { transportId: transport.id, kind, source: appData.source as MediaSource, rtpParameters: rtpParameters as never })
          .then(({ producerId }) => callback({ id: producerId }), errback);
      });
    }
    return transport;
  }

  private async produce(track: MediaStreamTrack): Promise<void> {
    if (!this.sendTransport) return;
    const source: MediaSource = track.kind === 'audio' ? 'microphone' : 'camera';
    const { height = 0 } = track.getSettings();
    // Simulcast only pays off when there is resolution to step down from.
    const encodings =
      source === 'camera' && height >= 480
        ? [
            { rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
            { rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 400_000 },
            { rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 1_000_000 },
          ]
        : undefined;
    const producer = await this.sendTransport.produce({
      track,
      encodings,
      codecOptions: source === 'microphone' ? { opusStereo: false, opusDtx: true, opusFec: true } : { videoGoogleStartBitrate: 600 },
      appData: { source },
    });
    this.producers.set(source, producer);
  }

  private async consume(producerId: string): Promise<void> {
    if (!this.recvTransport) return;
    const params = await this.signaling.request('media:consume', { producerId });
    const consumer = await this.recvTransport.consume({
      id: params.consumerId,
      producerId: params.producerId,
      kind: params.kind,
      rtpParameters: params.rtpParameters as unknown as types.RtpParameters,
    });
    this.consumers.set(consumer.id, consumer);
    await this.signaling.request('consumer:resume', { consumerId: consumer.id });
    const remote: RemoteTrack = { consumerId: consumer.id, producerId, peerId: params.peerId, source: params.source, track: consumer.track, paused: params.producerPaused };
    this.update({ remoteTracks: [...this.state.remoteTracks, remote] });
  }

  private dropConsumer(consumerId: string): void {
    this.consumers.get(consumerId)?.close();
    this.consumers.delete(consumerId);
    this.update({ remoteTracks: this.state.remoteTracks.filter((t) => t.consumerId !== consumerId) });
  }

  private markPaused(producerId: string, paused: boolean): void {
    this.update({ remoteTracks: this.state.remoteTracks.map((t) => (t.producerId === producerId ? { ...t, paused } : t)) });
  }

  private async setSourcePaused(source: MediaSource, paused: boolean): Promise<void> {
    const producer = this.producers.get(source);
    if (!producer) return;
    // Pause on the server too, so nothing is forwarded while muted, not just silence.
    await this.signaling.request(paused ? 'producer:pause' : 'producer:resume', { producerId: producer.id });
    if (paused) producer.pause();
    else producer.resume();
  }

  private update(patch: Partial<CallState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }
}
