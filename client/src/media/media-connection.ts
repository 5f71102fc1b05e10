import { Device, type types } from 'mediasoup-client';
import type { MediaKind, MediaSource } from '@protocol';
import type { SignalingClient } from '../realtime/socket.ts';
import type { StatsEntry } from './network-quality.ts';

export interface RemoteTrack {
  consumerId: string;
  producerId: string;
  peerId: string;
  kind: MediaKind;
  source: MediaSource;
  track: MediaStreamTrack;
  /** The sender paused it (muted microphone, camera off). */
  paused: boolean;
  /** The server forwards it now; false while the room's rules hold it (a caucus) or this side paused it. */
  flowing: boolean;
}

export interface LocalSend {
  track: MediaStreamTrack;
  /** Start paused (a muted member, an observing judge). */
  paused?: boolean;
}

export interface MediaConnectionState {
  status: 'idle' | 'connecting' | 'connected' | 'closed' | 'failed';
  remoteTracks: RemoteTrack[];
  /** What this side sends, by source. */
  sending: Partial<Record<MediaSource, { producerId: string; paused: boolean }>>;
  error: string | undefined;
}

export interface PeerInbound {
  audioPackets: number;
  videoPackets: number;
  videoFrames: number;
}

export interface InboundStats {
  kind: 'audio' | 'video';
  packetsReceived: number;
  bytesReceived: number;
  framesDecoded: number;
}

type Listener = (state: MediaConnectionState) => void;

function entriesOf(report: RTCStatsReport): StatsEntry[] {
  const entries: StatsEntry[] = [];
  report.forEach((entry: StatsEntry) => {
    entries.push(entry);
  });
  return entries;
}

/**
 * One media peer's transports on mediasoup-client: a receive and a send transport, a producer per
 * local track, a consumer per remote producer. It knows nothing of rooms or cases: whoever made
 * the peer (the development room, or `room:joinMedia`) hands over the router's capabilities.
 * Local tracks stay the caller's: closing this connection does not stop them.
 */
export class MediaConnection {
  private readonly device = new Device();
  private sendTransport: types.Transport | undefined;
  private recvTransport: types.Transport | undefined;
  private readonly producers = new Map<MediaSource, types.Producer>();
  private readonly consumers = new Map<string, types.Consumer>();
  /** Producers being consumed or about to be: a repeated `producer:added` is ignored. */
  private readonly consuming = new Set<string>();
  private readonly listeners = new Set<Listener>();
  private readonly pathListeners = new Set<() => void>();
  private unsubscribes: Array<() => void> = [];
  private closed = false;
  /** False while video is stepped down: new video consumers are then set up but not asked to flow. */
  private videoWanted = true;
  state: MediaConnectionState = { status: 'idle', remoteTracks: [], sending: {}, error: undefined };

  constructor(private readonly signaling: SignalingClient) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Called when a transport loses its network path (ICE `disconnected` or `failed`): time for an ICE restart. */
  onPathLost(listener: () => void): () => void {
    this.pathListeners.add(listener);
    return () => this.pathListeners.delete(listener);
  }

  /** Whether every transport has a working path. */
  get pathsUp(): boolean {
    return [this.sendTransport, this.recvTransport].every((t) => !t || t.closed || t.connectionState === 'connected' || t.connectionState === 'new' || t.connectionState === 'connecting');
  }

  /** Sets up transports, announces what this device can receive, then sends the given tracks. */
  async start(routerRtpCapabilities: unknown, send: Partial<Record<MediaSource, LocalSend>>): Promise<void> {
    this.update({ status: 'connecting', error: undefined });
    try {
      this.listen();
      await this.device.load({ routerRtpCapabilities: routerRtpCapabilities as types.RtpCapabilities });
      this.recvTransport = await this.createTransport('recv');
      this.sendTransport = await this.createTransport('send');
      // Capabilities after the receive transport exists: the server answers with the producers already there.
      await this.signaling.request('media:setCapabilities', { rtpCapabilities: this.device.recvRtpCapabilities as never });
      for (const source of ['microphone', 'camera'] as const) {
        const local = send[source];
        if (local && !this.closed) await this.produce(source, local);
      }
      if (!this.closed) this.update({ status: 'connected' });
    } catch (error) {
      if (!this.closed) this.update({ status: 'failed', error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  /** Starts sending a track after the start (the camera turned on after joining audio only). */
  async addSend(source: MediaSource, local: LocalSend): Promise<void> {
    if (this.closed || this.isSending(source)) return;
    await this.produce(source, local);
  }

  /** Asks the server again for what is being sent, after pushes may have been lost (a dropped socket). */
  async resync(): Promise<void> {
    await this.signaling.request('media:setCapabilities', { rtpCapabilities: this.device.recvRtpCapabilities as never });
  }

  /** Pauses or resumes sending from a source; on the server first, so a refusal (muted by the mediator) changes nothing here. */
  async setSendPaused(source: MediaSource, paused: boolean): Promise<void> {
    const producer = this.producers.get(source);
    if (!producer || producer.closed) return;
    await this.signaling.request(paused ? 'producer:pause' : 'producer:resume', { producerId: producer.id });
    if (paused) producer.pause();
    else producer.resume();
    this.updateSending();
  }

  /** Asks the server to resume every source this side sends unpaused (it may have paused them itself). */
  async resumeSending(): Promise<void> {
    for (const producer of this.producers.values()) {
      if (!producer.closed && !producer.paused) await this.signaling.request('producer:resume', { producerId: producer.id });
    }
  }

  /** Only here, not on the server: for when the server has already paused the producer itself. */
  pauseLocally(source: MediaSource): void {
    const producer = this.producers.get(source);
    if (!producer || producer.closed || producer.paused) return;
    producer.pause();
    this.updateSending();
  }

  isSending(source: MediaSource): boolean {
    const producer = this.producers.get(source);
    return !!producer && !producer.closed;
  }

  async replaceTrack(source: MediaSource, track: MediaStreamTrack): Promise<void> {
    const producer = this.producers.get(source);
    if (producer && !producer.closed) await producer.replaceTrack({ track });
  }

  /** Asks for a consumer to flow (or not); answers whether it flows now. */
  async setReceiving(consumerId: string, wanted: boolean): Promise<boolean> {
    const { flowing } = await this.signaling.request(wanted ? 'consumer:resume' : 'consumer:pause', { consumerId });
    this.patchTrack(consumerId, { flowing });
    return flowing;
  }

  /** Pauses or resumes every video consumer (audio only on a weak network). */
  async setVideoReceiving(wanted: boolean): Promise<void> {
    this.videoWanted = wanted;
    const video = this.state.remoteTracks.filter((t) => t.kind === 'video');
    await Promise.all(video.map((t) => this.setReceiving(t.consumerId, wanted).catch(() => undefined)));
  }

  /** Which simulcast layer to receive; the server ignores it for a single-layer stream. */
  async setPreferredLayer(consumerId: string, spatialLayer: number): Promise<void> {
    await this.signaling.request('consumer:setPreferredLayers', { consumerId, spatialLayer });
  }

  /** New ICE credentials from the server for both transports, applied here: the same transports on a new path. */
  async restartIce(): Promise<void> {
    for (const transport of [this.sendTransport, this.recvTransport]) {
      if (!transport || transport.closed) continue;
      const { iceParameters } = await this.signaling.request('transport:restartIce', { transportId: transport.id });
      await transport.restartIce({ iceParameters: iceParameters as unknown as types.IceParameters });
    }
  }

  /** Receive counters per sending peer, read from each consumer's own receiver. */
  async inboundByPeer(): Promise<Record<string, PeerInbound>> {
    const totals: Record<string, PeerInbound> = {};
    await Promise.all(
      [...this.consumers.values()].map(async (consumer) => {
        if (consumer.closed) return;
        const peerId = (consumer.appData as { peerId?: string }).peerId ?? 'unknown';
        const sum = totals[peerId] ?? { audioPackets: 0, videoPackets: 0, videoFrames: 0 };
        totals[peerId] = sum;
        const report = await consumer.getStats().catch(() => undefined);
        if (!report) return;
        for (const entry of entriesOf(report)) {
          if (entry.type !== 'inbound-rtp') continue;
          const packets = typeof entry.packetsReceived === 'number' ? entry.packetsReceived : 0;
          if (consumer.kind === 'audio') sum.audioPackets += packets;
          else {
            sum.videoPackets += packets;
            sum.videoFrames += typeof entry.framesDecoded === 'number' ? entry.framesDecoded : 0;
          }
        }
      }),
    );
    return totals;
  }

  /** Packets and decoded frames of each flowing video consumer, for telling a stalled picture. */
  async videoProgress(): Promise<Array<{ consumerId: string; packets: number; frames: number }>> {
    const flowing = this.state.remoteTracks.filter((t) => t.kind === 'video' && t.flowing && !t.paused);
    const rows = await Promise.all(
      flowing.map(async ({ consumerId }) => {
        const consumer = this.consumers.get(consumerId);
        const report = consumer && !consumer.closed ? await consumer.getStats().catch(() => undefined) : undefined;
        const inbound = report ? entriesOf(report).find((entry) => entry.type === 'inbound-rtp') : undefined;
        if (!inbound) return undefined;
        const n = (value: unknown) => (typeof value === 'number' ? value : 0);
        return { consumerId, packets: n(inbound.packetsReceived), frames: n(inbound.framesDecoded) };
      }),
    );
    return rows.filter((row) => row !== undefined);
  }

  /** Asks the sender of a stalled video for a keyframe (the server passes on at most one every half second). */
  async requestKeyFrame(consumerId: string): Promise<void> {
    await this.signaling.request('consumer:requestKeyFrame', { consumerId });
  }

  /** Receive counters per inbound stream of the whole receive transport. */
  async inboundStats(): Promise<InboundStats[]> {
    if (!this.recvTransport || this.recvTransport.closed) return [];
    const rows: InboundStats[] = [];
    for (const entry of entriesOf(await this.recvTransport.getStats())) {
      if (entry.type !== 'inbound-rtp' || (entry.kind !== 'audio' && entry.kind !== 'video')) continue;
      const n = (value: unknown) => (typeof value === 'number' ? value : 0);
      rows.push({ kind: entry.kind, packetsReceived: n(entry.packetsReceived), bytesReceived: n(entry.bytesReceived), framesDecoded: n(entry.framesDecoded) });
    }
    return rows;
  }

  /** Both transports' statistics, for the network quality reading. */
  async transportStats(): Promise<{ send: StatsEntry[]; recv: StatsEntry[] }> {
    const read = async (transport: types.Transport | undefined) => (transport && !transport.closed ? entriesOf(await transport.getStats()) : []);
    const [send, recv] = await Promise.all([read(this.sendTransport), read(this.recvTransport)]);
    return { send, recv };
  }

  producerList(): Array<{ producerId: string; source: MediaSource; paused: boolean; trackId: string | undefined }> {
    return [...this.producers].filter(([, p]) => !p.closed).map(([source, p]) => ({ producerId: p.id, source, paused: p.paused, trackId: p.track?.id }));
  }

  /** Idempotent. Closing the transports closes their producers and consumers; local tracks are left alone. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    this.unsubscribes = [];
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.producers.clear();
    this.consumers.clear();
    this.consuming.clear();
    this.update({ status: 'closed', remoteTracks: [], sending: {} });
  }

  private listen(): void {
    const s = this.signaling;
    this.unsubscribes.push(
      s.on('peer:left', ({ peerId }) => {
        for (const t of this.state.remoteTracks.filter((track) => track.peerId === peerId)) this.dropConsumer(t.consumerId);
      }),
      s.on('producer:added', ({ producerId }) => {
        if (this.consuming.has(producerId)) return;
        void this.consume(producerId).catch((error: unknown) => {
          this.consuming.delete(producerId);
          console.warn('consume failed', error);
        });
      }),
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
    transport.on('connectionstatechange', (state) => {
      if ((state === 'disconnected' || state === 'failed') && !this.closed) for (const listener of this.pathListeners) listener();
    });
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.signaling.request('transport:connect', { transportId: transport.id, dtlsParameters: dtlsParameters as never }).then(() => callback(), errback);
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        const { source, paused } = appData as { source: MediaSource; paused: boolean };
        this.signaling
          .request('media:produce', { transportId: transport.id, kind, source, rtpParameters: rtpParameters as never, paused })
          .then(({ producerId }) => callback({ id: producerId }), errback);
      });
    }
    return transport;
  }

  private async produce(source: MediaSource, { track, paused = false }: LocalSend): Promise<void> {
    if (!this.sendTransport) return;
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
      stopTracks: false,
      codecOptions: source === 'microphone' ? { opusStereo: false, opusDtx: true, opusFec: true } : { videoGoogleStartBitrate: 600 },
      appData: { source, paused },
    });
    // The server created it paused as asked; match it here so nothing is sent meanwhile.
    if (paused) producer.pause();
    this.producers.set(source, producer);
    this.updateSending();
  }

  private async consume(producerId: string): Promise<void> {
    if (!this.recvTransport || this.closed) return;
    this.consuming.add(producerId);
    const params = await this.signaling.request('media:consume', { producerId });
    if (this.closed) return;
    const consumer = await this.recvTransport.consume({
      id: params.consumerId,
      producerId: params.producerId,
      kind: params.kind,
      rtpParameters: params.rtpParameters as unknown as types.RtpParameters,
      appData: { peerId: params.peerId, source: params.source },
    });
    this.consumers.set(consumer.id, consumer);
    const remote: RemoteTrack = {
      consumerId: consumer.id,
      producerId,
      peerId: params.peerId,
      kind: params.kind,
      source: params.source,
      track: consumer.track,
      paused: params.producerPaused,
      flowing: false,
    };
    this.update({ remoteTracks: [...this.state.remoteTracks, remote] });
    // Consumers start paused on the server; ready now, so ask for it (the room's rules may still hold it).
    const wanted = consumer.kind === 'audio' || this.videoWanted;
    const { flowing } = await this.signaling.request(wanted ? 'consumer:resume' : 'consumer:pause', { consumerId: consumer.id });
    this.patchTrack(consumer.id, { flowing });
  }

  private dropConsumer(consumerId: string): void {
    const consumer = this.consumers.get(consumerId);
    if (consumer) {
      this.consuming.delete(consumer.producerId);
      consumer.close();
    }
    this.consumers.delete(consumerId);
    this.update({ remoteTracks: this.state.remoteTracks.filter((t) => t.consumerId !== consumerId) });
  }

  private markPaused(producerId: string, paused: boolean): void {
    this.update({ remoteTracks: this.state.remoteTracks.map((t) => (t.producerId === producerId ? { ...t, paused } : t)) });
  }

  private patchTrack(consumerId: string, patch: Partial<RemoteTrack>): void {
    this.update({ remoteTracks: this.state.remoteTracks.map((t) => (t.consumerId === consumerId ? { ...t, ...patch } : t)) });
  }

  private updateSending(): void {
    const sending: MediaConnectionState['sending'] = {};
    for (const [source, producer] of this.producers) if (!producer.closed) sending[source] = { producerId: producer.id, paused: producer.paused };
    this.update({ sending });
  }

  private update(patch: Partial<MediaConnectionState>): void {
    // After close only the final state is published (close() itself publishes it).
    if (this.state.status === 'closed') return;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }
}
