import type { types } from 'mediasoup';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { MediaConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import { AppError, type MediaKind, type MediaPushName, type MediaSource, type PushOf, type TransportDirection } from '../protocol/index.ts';
import { withMediaInput } from './media-errors.ts';
import { MediaPeer, type ConsumerAppData, type MediaTransport, type ProducerAppData, type TransportAppData } from './media-peer.ts';

/** The least time between two keyframe requests passed on for one consumer. */
const KEYFRAME_REQUEST_GAP_MS = 500;
import { openPolicy, type MediaPolicy } from './media-policy.ts';

export type MediaPush = { [E in MediaPushName]: { event: E; payload: PushOf<E> } }[MediaPushName];
export type NotifyPeer = (peerId: string, push: MediaPush) => void;

export interface TransportParameters {
  transportId: string;
  iceParameters: types.IceParameters;
  iceCandidates: types.IceCandidate[];
  dtlsParameters: types.DtlsParameters;
}

/** Where a plain-RTP gateway sends to (or receives from): RTP and RTCP share the one port. */
export interface PlainTransportParameters {
  transportId: string;
  ip: string;
  port: number;
}

export interface RtpAddress {
  ip: string;
  port: number;
}

export interface ConsumerParameters {
  consumerId: string;
  producerId: string;
  peerId: string;
  kind: MediaKind;
  source: MediaSource;
  rtpParameters: types.RtpParameters;
  producerPaused: boolean;
}

/** A router and the peers on it. The last peer out closes the room. */
export class MediaRoom extends EventEmitter<{ close: []; score: [peerId: string, kind: 'send' | 'receive', score: number] }> {
  private readonly peers = new Map<string, MediaPeer>();
  /** When a keyframe was last asked for, per consumer. */
  private readonly keyFrameRequestedAt = new Map<string, number>();
  private closed = false;
  private policy: MediaPolicy = openPolicy;

  constructor(
    readonly id: string,
    private readonly router: types.Router,
    private readonly config: MediaConfig,
    private readonly notify: NotifyPeer,
    private readonly log: Logger,
    private readonly webRtcServer: types.WebRtcServer | undefined,
    private readonly speakers: types.ActiveSpeakerObserver | undefined,
    /** The worker process carrying this room (for diagnostics and tests). */
    readonly workerPid: number,
  ) {
    super();
    // A dying worker closes its routers; the room goes with it.
    router.observer.once('close', () => this.close());
    speakers?.on('dominantspeaker', ({ producer }) => {
      const speaker = producer.appData as ProducerAppData;
      const owner = this.peers.get(speaker.peerId)?.owner;
      if (!owner) return;
      for (const peer of this.peers.values()) {
        // Who speaks in a caucus is itself part of the caucus: only those who may hear them learn it.
        if (peer.id === speaker.peerId || this.policy.mayReceive(peer.owner, owner)) {
          this.notify(peer.id, { event: 'speaker:active', payload: { peerId: speaker.peerId } });
        }
      }
    });
  }

  /**
   * Applies the room's rules to every consumer and producer now. A peer learns of another's media
   * only while it may know of it: what it may no longer know of is taken away (its consumers
   * closed, so not even a paused track or a toggle is left to watch), and what it may know of
   * again is offered anew. Consumers are paused on the server unless the client is ready and
   * wants them; producers a member may not send from are paused. Paused on the server means no RTP leaves.
   */
  async applyPolicy(policy: MediaPolicy = this.policy): Promise<void> {
    this.policy = policy;
    const work: Array<Promise<void>> = [];
    for (const peer of this.peers.values()) {
      for (const producer of peer.producers.values()) {
        if (!producer.paused && !policy.maySend(peer.owner, producer.appData.source)) work.push(this.pauseProducer(peer, producer));
      }
      for (const consumer of [...peer.consumers.values()]) {
        if (this.mayKnowOf(peer, consumer.appData.peerId)) work.push(this.syncConsumer(peer, consumer));
        else this.withdraw(peer, consumer);
      }
      this.offerProducers(peer);
    }
    await Promise.all(work);
  }

  /** Whether `listener` may know of what the peer `senderPeerId` sends (receiving it is `syncConsumer`'s question). */
  private mayKnowOf(listener: MediaPeer, senderPeerId: string): boolean {
    const sender = this.peers.get(senderPeerId);
    return !!sender && sender !== listener && this.policy.mayKnowOf(listener.owner, sender.owner);
  }

  /** Takes away a consumer the listener may no longer know of; the client drops its track. */
  private withdraw(listener: MediaPeer, consumer: types.Consumer<ConsumerAppData>): void {
    listener.announced.delete(consumer.producerId);
    if (consumer.closed) return;
    consumer.close();
    this.notify(listener.id, { event: 'consumer:closed', payload: { consumerId: consumer.id } });
  }

  /**
   * Tells a peer of the producers it may know of and has not been told of yet, once it can decode
   * (before that, `media:setCapabilities` asks for them); forgets those it may no longer know of.
   */
  private offerProducers(peer: MediaPeer): void {
    for (const other of this.peers.values()) {
      if (other === peer) continue;
      const visible = this.mayKnowOf(peer, other.id);
      for (const producer of other.producers.values()) {
        if (!visible) peer.announced.delete(producer.id);
        else if (peer.rtpCapabilities && !peer.announced.has(producer.id)) {
          peer.announced.add(producer.id);
          this.notify(peer.id, { event: 'producer:added', payload: producerAdded(producer) });
        }
      }
    }
  }

  /** Notifies the peers that may know of `sender` (the others learn nothing of it). */
  private notifyWatchersOf(sender: MediaPeer, push: MediaPush): void {
    for (const other of this.peers.values()) if (other !== sender && this.policy.mayKnowOf(other.owner, sender.owner)) this.notify(other.id, push);
  }

  get rtpCapabilities(): types.RtpCapabilities {
    return this.router.rtpCapabilities;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  peerList(): MediaPeer[] {
    return [...this.peers.values()];
  }

  join(displayName: string, owner?: string): MediaPeer {
    this.assertOpen();
    if (this.peers.size >= this.config.maxPeersPerRoom) {
      throw new AppError('room_full', `This room already has ${this.config.maxPeersPerRoom} participants.`);
    }
    const id = randomUUID();
    const peer = new MediaPeer(id, displayName, owner ?? id);
    this.notifyWatchersOf(peer, { event: 'peer:joined', payload: peer.summary() });
    this.peers.set(peer.id, peer);
    return peer;
  }

  leave(peer: MediaPeer): void {
    if (!this.peers.has(peer.id)) return;
    this.notifyWatchersOf(peer, { event: 'peer:left', payload: { peerId: peer.id } });
    this.peers.delete(peer.id);
    peer.close();
    if (this.peers.size === 0) this.close();
  }

  /** Producers of other peers the given peer may know of and does not consume yet; it is now told of them. */
  producersVisibleTo(peer: MediaPeer): Array<PushOf<'producer:added'>> {
    const visible: Array<PushOf<'producer:added'>> = [];
    const consumed = new Set([...peer.consumers.values()].map((consumer) => consumer.producerId));
    for (const other of this.peers.values()) {
      if (other === peer || !this.mayKnowOf(peer, other.id)) continue;
      for (const producer of other.producers.values()) {
        peer.announced.add(producer.id);
        if (!consumed.has(producer.id)) visible.push(producerAdded(producer));
      }
    }
    return visible;
  }

  async createTransport(peer: MediaPeer, direction: TransportDirection): Promise<TransportParameters> {
    this.assertMember(peer);
    const common = { enableUdp: true, enableTcp: true, preferUdp: true, initialAvailableOutgoingBitrate: 800_000, appData: { direction } };
    const { listenIp, announcedAddress, rtcMinPort, rtcMaxPort } = this.config;
    const portRange = { min: rtcMinPort, max: rtcMaxPort };
    // One UDP and one TCP port per worker through its WebRtcServer; a port range only without one.
    const transport = this.webRtcServer
      ? await this.router.createWebRtcTransport<TransportAppData>({ ...common, webRtcServer: this.webRtcServer })
      : await this.router.createWebRtcTransport<TransportAppData>({
          ...common,
          listenInfos: [
            { protocol: 'udp', ip: listenIp, announcedAddress, portRange },
            { protocol: 'tcp', ip: listenIp, announcedAddress, portRange },
          ],
        });
    if (peer.isClosed) {
      // The peer left while the transport was being created.
      transport.close();
      throw new AppError('not_found', 'You are no longer in this room.');
    }
    if (direction === 'send') await transport.setMaxIncomingBitrate(1_500_000);
    peer.addTransport(transport);
    return {
      transportId: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
    };
  }

  async connectTransport(peer: MediaPeer, transportId: string, dtlsParameters: types.DtlsParameters): Promise<void> {
    const transport = this.webRtcTransportOf(peer, transportId);
    await withMediaInput(this.log, 'DTLS', () => transport.connect({ dtlsParameters }));
  }

  async restartIce(peer: MediaPeer, transportId: string): Promise<types.IceParameters> {
    return this.webRtcTransportOf(peer, transportId).restartIce();
  }

  /**
   * Plain RTP without ICE or DTLS, for a gateway that is not a browser (a SIP bridge, a recorder,
   * a load generator) on a network we trust. RTP and RTCP share one port. With `remote` the
   * transport sends to that address at once; without it, it learns the address from the first
   * packet that arrives (comedia), which suits a sender behind NAT but leaves a receive
   * transport silent until the gateway sends something (RTCP) or `connectPlainTransport` is called.
   */
  async createPlainTransport(peer: MediaPeer, direction: TransportDirection, remote?: RtpAddress): Promise<PlainTransportParameters> {
    this.assertMember(peer);
    const { listenIp, announcedAddress, rtcMinPort, rtcMaxPort } = this.config;
    const transport = await this.router.createPlainTransport<TransportAppData>({
      listenInfo: { protocol: 'udp', ip: listenIp, announcedAddress, portRange: { min: rtcMinPort, max: rtcMaxPort } },
      rtcpMux: true,
      comedia: !remote,
      appData: { direction },
    });
    if (peer.isClosed) {
      transport.close();
      throw new AppError('not_found', 'You are no longer in this room.');
    }
    peer.addTransport(transport);
    if (remote) await this.connectPlainTransport(peer, transport.id, remote);
    const { localAddress, localPort } = transport.tuple;
    return { transportId: transport.id, ip: localAddress, port: localPort };
  }

  async connectPlainTransport(peer: MediaPeer, transportId: string, remote: RtpAddress): Promise<void> {
    const transport = this.transportOf(peer, transportId);
    if (transport.type !== 'plain') throw new AppError('invalid_input', 'Not a plain RTP transport.', [{ path: 'transportId', message: 'not a plain transport' }]);
    await withMediaInput(this.log, 'RTP address', () => transport.connect({ ip: remote.ip, port: remote.port }));
  }

  async produce(
    peer: MediaPeer,
    request: { transportId: string; kind: MediaKind; source: MediaSource; rtpParameters: types.RtpParameters; paused?: boolean | undefined },
  ): Promise<string> {
    const transport = this.transportOf(peer, request.transportId);
    if (transport.appData.direction !== 'send') throw new AppError('invalid_input', 'Media can only be sent on a send transport.', [{ path: 'transportId', message: 'not a send transport' }]);
    if ((request.source === 'microphone') !== (request.kind === 'audio')) {
      throw new AppError('invalid_input', 'The microphone sends audio and the camera sends video.', [{ path: 'source', message: 'does not match kind' }]);
    }
    for (const existing of peer.producers.values()) {
      if (existing.appData.source === request.source) throw new AppError('conflict', `A ${request.source} is already being sent.`);
    }
    const allowed = this.policy.maySend(peer.owner, request.source);
    const producer = await withMediaInput(this.log, 'RTP', () =>
      transport.produce<ProducerAppData>({
        kind: request.kind,
        rtpParameters: request.rtpParameters,
        paused: (request.paused ?? false) || !allowed,
        appData: { peerId: peer.id, source: request.source },
      }),
    );
    peer.addProducer(producer);
    if (producer.kind === 'audio') await this.speakers?.addProducer({ producerId: producer.id }).catch(() => undefined);
    producer.on('score', (scores) => this.emit('score', peer.id, 'send', Math.min(...scores.map((s) => s.score), 10)));
    producer.observer.once('close', () => {
      for (const other of this.peers.values()) {
        if (other.announced.delete(producer.id)) this.notify(other.id, { event: 'producer:closed', payload: { producerId: producer.id } });
      }
    });
    // Those who can decode are told now; the others ask once they can (media:setCapabilities).
    for (const other of this.peers.values()) {
      if (other !== peer && other.rtpCapabilities && this.mayKnowOf(other, peer.id)) {
        other.announced.add(producer.id);
        this.notify(other.id, { event: 'producer:added', payload: producerAdded(producer) });
      }
    }
    return producer.id;
  }

  /** Consumers start paused; the client resumes them once its side is ready, so no early keyframe is lost. */
  async consume(peer: MediaPeer, producerId: string): Promise<ConsumerParameters> {
    this.assertMember(peer);
    if (!peer.rtpCapabilities) throw new AppError('conflict', 'Send your receiving capabilities (media:setCapabilities) before consuming.');
    const producer = this.findProducer(producerId);
    // Media the peer may not know of is, for it, not there at all.
    if (!producer || !this.mayKnowOf(peer, producer.appData.peerId)) throw new AppError('not_found', 'No such media to receive in this room.');
    if (!this.router.canConsume({ producerId, rtpCapabilities: peer.rtpCapabilities })) {
      throw new AppError('invalid_input', 'Your device cannot decode this media.');
    }
    const transport = [...peer.transports.values()].find((candidate) => candidate.appData.direction === 'recv');
    if (!transport) throw new AppError('conflict', 'Create a receive transport before consuming.');
    const consumer = await transport.consume<ConsumerAppData>({
      producerId,
      rtpCapabilities: peer.rtpCapabilities,
      paused: true,
      appData: { peerId: producer.appData.peerId, source: producer.appData.source, clientReady: false, clientPaused: false },
    });
    peer.addConsumer(consumer);
    consumer.on('producerclose', () => this.notify(peer.id, { event: 'consumer:closed', payload: { consumerId: consumer.id } }));
    if (!this.mayKnowOf(peer, producer.appData.peerId)) {
      // The rules changed while the consumer was being created.
      consumer.close();
      throw new AppError('not_found', 'No such media to receive in this room.');
    }
    peer.announced.add(producerId);
    consumer.on('score', ({ score }) => this.emit('score', peer.id, 'receive', score));
    return {
      consumerId: consumer.id,
      producerId,
      peerId: producer.appData.peerId,
      kind: consumer.kind,
      source: producer.appData.source,
      rtpParameters: consumer.rtpParameters,
      producerPaused: consumer.producerPaused,
    };
  }

  /**
   * The client is ready for (or, with `wanted` false, asks to stop) a consumer. It flows only
   * when the policy also allows it; the answer says whether it flows now.
   */
  async setConsumerWanted(peer: MediaPeer, consumerId: string, wanted: boolean): Promise<{ flowing: boolean }> {
    this.assertMember(peer);
    const consumer = peer.consumers.get(consumerId);
    if (!consumer) throw new AppError('not_found', 'No such consumer.');
    consumer.appData.clientReady = true;
    consumer.appData.clientPaused = !wanted;
    await this.syncConsumer(peer, consumer);
    return { flowing: !consumer.paused };
  }

  /**
   * Asks the sender of a stalled video for a keyframe. At most one request per consumer per
   * KEYFRAME_REQUEST_GAP_MS is passed on: encoding keyframes costs the sender's phone.
   */
  async requestKeyFrame(peer: MediaPeer, consumerId: string): Promise<void> {
    this.assertMember(peer);
    const consumer = peer.consumers.get(consumerId);
    if (!consumer) throw new AppError('not_found', 'No such consumer.');
    if (consumer.kind !== 'video') return;
    const now = Date.now();
    if (now - (this.keyFrameRequestedAt.get(consumerId) ?? 0) < KEYFRAME_REQUEST_GAP_MS) return;
    this.keyFrameRequestedAt.set(consumerId, now);
    consumer.observer.once('close', () => this.keyFrameRequestedAt.delete(consumerId));
    await consumer.requestKeyFrame();
  }

  async setPreferredLayers(peer: MediaPeer, consumerId: string, spatialLayer: number, temporalLayer?: number): Promise<void> {
    this.assertMember(peer);
    const consumer = peer.consumers.get(consumerId);
    if (!consumer) throw new AppError('not_found', 'No such consumer.');
    if (consumer.type !== 'simulcast' && consumer.type !== 'svc') return;
    await consumer.setPreferredLayers({ spatialLayer, ...(temporalLayer === undefined ? {} : { temporalLayer }) });
  }

  /** The member's own pause or resume; resuming what the policy forbids (a muted microphone) is refused. */
  async setProducerPaused(peer: MediaPeer, producerId: string, paused: boolean): Promise<void> {
    this.assertMember(peer);
    const producer = peer.producers.get(producerId);
    if (!producer) throw new AppError('not_found', 'No such media of yours.');
    if (paused) return this.pauseProducer(peer, producer);
    if (!this.policy.maySend(peer.owner, producer.appData.source)) {
      throw new AppError('forbidden', 'The mediator has muted you; you can speak again once they allow it.');
    }
    await producer.resume();
    this.announceProducerState(peer, producer.id, false);
  }

  private async pauseProducer(peer: MediaPeer, producer: types.Producer<ProducerAppData>): Promise<void> {
    await producer.pause();
    this.announceProducerState(peer, producer.id, true);
  }

  private announceProducerState(peer: MediaPeer, producerId: string, paused: boolean): void {
    this.notifyWatchersOf(peer, { event: paused ? 'producer:paused' : 'producer:resumed', payload: { producerId, peerId: peer.id } });
  }

  private async syncConsumer(peer: MediaPeer, consumer: types.Consumer<ConsumerAppData>): Promise<void> {
    const senderOwner = this.peers.get(consumer.appData.peerId)?.owner;
    // A sender that left has its producers closed; the worker is closing this consumer too, and
    // a request for it now would fail (its 'producerclose' may not have reached us yet).
    if (consumer.closed || !senderOwner) return;
    const flow = consumer.appData.clientReady && !consumer.appData.clientPaused && this.policy.mayReceive(peer.owner, senderOwner);
    if (flow && consumer.paused) await consumer.resume();
    else if (!flow && !consumer.paused) await consumer.pause();
  }

  peerById(peerId: string): MediaPeer | undefined {
    return this.peers.get(peerId);
  }

  async consumerStats(peer: MediaPeer): Promise<Array<{ consumerId: string; kind: MediaKind; fromPeerId: string; packetCount: number; byteCount: number }>> {
    const rows = await Promise.all(
      [...peer.consumers.values()].map(async (consumer) => {
        const stats = await consumer.getStats();
        const outbound = stats.find((entry) => entry.type === 'outbound-rtp');
        return {
          consumerId: consumer.id,
          kind: consumer.kind,
          fromPeerId: consumer.appData.peerId,
          packetCount: outbound?.packetCount ?? 0,
          byteCount: outbound?.byteCount ?? 0,
        };
      }),
    );
    return rows;
  }

  /** Idempotent; closing the router closes every transport, producer and consumer in it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    this.router.close();
    this.emit('close');
  }

  private assertOpen(): void {
    if (this.closed) throw new AppError('not_found', 'This room has closed.');
  }

  private assertMember(peer: MediaPeer): void {
    this.assertOpen();
    if (this.peers.get(peer.id) !== peer) throw new AppError('not_found', 'You are not in this room.');
  }

  private transportOf(peer: MediaPeer, transportId: string): MediaTransport {
    this.assertMember(peer);
    const transport = peer.transports.get(transportId);
    if (!transport) throw new AppError('not_found', 'No such transport of yours.');
    return transport;
  }

  private webRtcTransportOf(peer: MediaPeer, transportId: string): types.WebRtcTransport<TransportAppData> {
    const transport = this.transportOf(peer, transportId);
    if (transport.type !== 'webrtc') throw new AppError('invalid_input', 'Not a WebRTC transport.', [{ path: 'transportId', message: 'a plain RTP transport has no ICE or DTLS' }]);
    return transport;
  }

  private findProducer(producerId: string): types.Producer<ProducerAppData> | undefined {
    for (const peer of this.peers.values()) {
      const producer = peer.producers.get(producerId);
      if (producer) return producer;
    }
    return undefined;
  }
}

function producerAdded(producer: types.Producer<ProducerAppData>): PushOf<'producer:added'> {
  return {
    producerId: producer.id,
    peerId: producer.appData.peerId,
    kind: producer.kind,
    source: producer.appData.source,
    paused: producer.paused,
  };
}
